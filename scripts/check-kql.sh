#!/usr/bin/env bash
# Checks every .kql file of the project with tools/kql-check (Microsoft's Kusto language service against the
# tables the project queries, tools/kql-check/schema/*.json). Fails on any error or analyzer warning, or when
# no .kql file was found.
#
# usage: scripts/check-kql.sh [FILE.kql...]      (default: every .kql file git knows or would add)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/tools/install.sh" kql-check
cd "$repo"
if [ $# -gt 0 ]; then
  files=("$@")
else
  # the validator's own examples (tools/) are deliberately broken: not part of the product
  mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.kql' ':!tools/' | sort)
fi
if [ "${#files[@]}" -eq 0 ]; then
  echo "check-kql: no .kql files found under $repo" >&2
  exit 1
fi
tools/kql-check/kql-check --strict "${files[@]}"
