#!/usr/bin/env bash
# Rewrites the generated part of docs/cli.md (between the BEGIN/END help markers) from what the CLI prints:
# `iothub-triage --help`, then `<command> --help` for each command whose help exits 0. Run it after changing an
# option or a help text, and commit the result; `--check` only reports (exit 1) when docs/cli.md is out of date.
#
# usage: scripts/update-cli-doc.sh [--check]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
doc="$repo/docs/cli.md"
generated="$(mktemp)"
trap 'rm -f "$generated" "$generated.doc"' EXIT
{
  for command in "" triage doctor demo; do
    # shellcheck disable=SC2086
    if help="$("$repo/iothub-triage" $command --help 2>/dev/null)"; then
      echo
      echo "\`iothub-triage ${command:+$command }--help\`:"
      echo
      echo '```'
      printf '%s\n' "$help"
      echo '```'
    fi
  done
  echo
} >"$generated"
awk -v gen="$generated" '
  /<!-- BEGIN generated: iothub-triage --help -->/ { print; while ((getline line < gen) > 0) print line; skip = 1; next }
  /<!-- END generated -->/ { skip = 0 }
  !skip { print }
' "$doc" >"$generated.doc"
if [ "${1:-}" = --check ]; then
  if ! cmp -s "$doc" "$generated.doc"; then
    echo "update-cli-doc: docs/cli.md does not match the CLI's --help (run scripts/update-cli-doc.sh)" >&2
    exit 1
  fi
  exit 0
fi
cp "$generated.doc" "$doc"
echo "update-cli-doc: docs/cli.md updated from the CLI's --help"
