#!/usr/bin/env bash
# Validates every rendered chat payload in a folder with the project's validators:
#   *.teams.json  -> tools/card-check (Microsoft's adaptivecards library, Teams host config, 28 KB limit)
#   *.slack.json  -> tools/slack-check (Slack's @slack/types via the TypeScript compiler, Block Kit limits)
# Fails (exit 1) on any error or warning. With --png DIR (or CHAT_PNG_DIR) it also renders each Teams card in
# headless Chromium to DIR/<name>.png, which needs Chromium: apt-get install -y chromium (or set CHROMIUM_PATH).
#
# usage: scripts/check-chat-payloads.sh [--png DIR] [PAYLOAD_DIR]     (default PAYLOAD_DIR: target/chat-payloads)
# The payloads are written by ChatPayloadFilesTest and SimulatedFleetTriageTest during `mvn verify`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
png_dir="${CHAT_PNG_DIR:-}"
payloads=""
while [ $# -gt 0 ]; do
  case "$1" in
    --png) png_dir="${2:?--png needs a folder}"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "check-chat-payloads: unknown option $1" >&2; exit 2 ;;
    *) payloads="$1"; shift ;;
  esac
done
payloads="${payloads:-$repo/target/chat-payloads}"
[ -d "$payloads" ] || { echo "check-chat-payloads: no payload folder $payloads (run mvn verify first)" >&2; exit 2; }
shopt -s nullglob
teams=("$payloads"/*.teams.json)
slack=("$payloads"/*.slack.json)
if [ ${#teams[@]} -eq 0 ] || [ ${#slack[@]} -eq 0 ]; then
  echo "check-chat-payloads: expected *.teams.json and *.slack.json in $payloads" >&2
  exit 2
fi
"$repo/tools/install.sh" card-check slack-check

card_args=(--strict)
[ -n "$png_dir" ] && card_args+=(--png "$png_dir")
failed=0
"$repo/tools/card-check/card-check" "${card_args[@]}" "${teams[@]}" || failed=1
"$repo/tools/slack-check/slack-check" "${slack[@]}" || failed=1
if [ "$failed" -ne 0 ]; then
  echo "check-chat-payloads: FAILED (problems above)" >&2
  exit 1
fi
echo "check-chat-payloads: ${#teams[@]} Teams and ${#slack[@]} Slack payloads valid, no warnings"
