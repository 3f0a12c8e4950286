#!/usr/bin/env bash
# Installs the pinned dependencies of the named tools (npm ci in tools/<name>) unless they are already installed
# from the current package-lock.json. Needs Node.js 18+ and npm with access to the npm registry.
#
# usage: tools/install.sh kql-check card-check slack-check
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in "$@"; do
  dir="$here/$tool"
  [ -f "$dir/package-lock.json" ] || { echo "tools/install.sh: no tool $tool under $here" >&2; exit 2; }
  # npm ci writes node_modules/.package-lock.json: newer than the lock file means installed from it.
  if [ ! "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
  fi
done
