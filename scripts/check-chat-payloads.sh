#!/usr/bin/env bash
# Validates every rendered chat payload in a folder with independent, real clients:
#   *.teams.json  -> shared/tools/card-check (Microsoft's adaptivecards library, Teams host config, 28 KB limit)
#   *.slack.json  -> shared/tools/slack-check (Slack's @slack/types via the TypeScript compiler, Block Kit limits)
# Fails (exit 1) on any error OR warning. With --png DIR (or CHAT_PNG_DIR) it also renders each Teams card in
# headless Chromium to DIR/<name>.png, which needs Chromium: apt-get install -y chromium (or set CHROMIUM_PATH).
#
# usage: scripts/check-chat-payloads.sh [--png DIR] [PAYLOAD_DIR]     (default PAYLOAD_DIR: target/chat-payloads)
# The payloads are written by ChatPayloadFilesTest during `mvn verify`. Needs Node.js 20 and npm (registry access
# for `npm ci`). The tools are copied to a temporary folder first, because shared/ is read-only in CI.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
png_dir="${CHAT_PNG_DIR:-}"
payloads=""
while [ $# -gt 0 ]; do
  case "$1" in
    --png) png_dir="${2:?--png needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) payloads="$1"; shift ;;
  esac
done
payloads="${payloads:-$here/target/chat-payloads}"
tools="${CHAT_TOOLS_DIR:-$here/../shared/tools}"

[ -d "$payloads" ] || { echo "check-chat-payloads: no payload folder $payloads (run mvn verify first)" >&2; exit 2; }
[ -x "$tools/card-check/card-check" ] || { echo "check-chat-payloads: card-check not found under $tools" >&2; exit 2; }
shopt -s nullglob
teams=("$payloads"/*.teams.json)
slack=("$payloads"/*.slack.json)
if [ ${#teams[@]} -eq 0 ] || [ ${#slack[@]} -eq 0 ]; then
  echo "check-chat-payloads: expected *.teams.json and *.slack.json in $payloads" >&2
  exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/chat-tools.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp -r "$tools/card-check" "$tools/slack-check" "$work/"
chmod -R u+w "$work"
(cd "$work/card-check" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
(cd "$work/slack-check" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

failed=0
for f in "${teams[@]}"; do
  args=(--strict)
  if [ -n "$png_dir" ]; then
    mkdir -p "$png_dir"
    args+=(--png "$png_dir/$(basename "$f" .teams.json).png")
  fi
  # --strict turns warnings into a non-zero exit; grep also catches a warning line printed by any version.
  if ! out="$("$work/card-check/card-check" "${args[@]}" "$f" 2>&1)"; then failed=1; fi
  echo "$out"
  if echo "$out" | grep -qE ': (warning|error): '; then failed=1; fi
done
if ! out="$("$work/slack-check/slack-check" "${slack[@]}" 2>&1)"; then failed=1; fi
echo "$out"
if echo "$out" | grep -qE ': (type error|error|limit): '; then failed=1; fi

if [ "$failed" -ne 0 ]; then
  echo "check-chat-payloads: FAILED (errors or warnings above)" >&2
  exit 1
fi
echo "check-chat-payloads: ${#teams[@]} Teams and ${#slack[@]} Slack payloads valid, no warnings"
