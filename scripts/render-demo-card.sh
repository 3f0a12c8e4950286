#!/usr/bin/env bash
# Renders the demo's Teams card to docs/teams-card.png (the picture on the README's front page): runs
# `./iothub-triage demo`, validates its teams.json with tools/card-check and renders it in headless Chromium
# (Microsoft's adaptivecards library with the Teams host config, 560 px wide). Needs Chromium
# (apt-get install -y chromium) and npm registry access for the first `npm ci` of the tool.
#
# usage: scripts/render-demo-card.sh [OUT.png]      (default: docs/teams-card.png)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$repo/docs/teams-card.png}"
"$repo/tools/install.sh" card-check
"$repo/iothub-triage" demo --out-dir "$repo/target/demo" >/dev/null
"$repo/tools/card-check/card-check" --strict --png "$out" "$repo/target/demo/teams.json"
