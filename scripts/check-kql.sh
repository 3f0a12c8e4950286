#!/usr/bin/env bash
# Checks every .kql file of the project with kql-check (Microsoft's Kusto language service against the
# Log Analytics AzureDiagnostics schema). Exits non-zero on any error diagnostic, or when nothing was checked.
#
# usage: scripts/check-kql.sh [SHARED_DIR]     (default: ../shared next to the repository)
# The tool folder is copied to a temporary directory before `npm ci`, because shared/ is read-only in CI.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${1:-$repo/../shared}"
tool_src="$shared/tools/kql-check"
[ -x "$tool_src/kql-check" ] || { echo "check-kql: kql-check not found at $tool_src" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/kql-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$tool_src" "$work/"
chmod -R u+w "$work"
npm ci --prefix "$work/kql-check" --no-audit --no-fund --loglevel=error >/dev/null

mapfile -t files < <(cd "$repo" && git ls-files --cached --others --exclude-standard -- '*.kql' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "check-kql: no .kql files found under $repo" >&2
  exit 1
fi
cd "$repo"
"$work/kql-check/kql-check" --strict "${files[@]}"
