#!/usr/bin/env bash
# Installs (when needed) and self-tests the three validators; exit 1 if any self-test fails.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/install.sh" kql-check card-check slack-check || exit 2
status=0
for tool in kql-check card-check slack-check; do
  echo "== $tool"
  "$here/$tool/selftest.sh" || status=1
done
exit "$status"
