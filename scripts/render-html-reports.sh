#!/usr/bin/env bash
# Renders every HTML report in a folder in headless Chromium, as a person would see it, at a desktop and a phone
# width, to DIR/<name>.desktop.png and DIR/<name>.phone.png. The reports are written by HtmlReportScenariosTest
# during `mvn verify` (simulated incidents) and by the demo (target/demo/report.html).
#
# usage: scripts/render-html-reports.sh [HTML_DIR] [PNG_DIR]    (defaults: target/html-reports target/html-png)
# Needs Chromium (Debian: apt-get install -y chromium, or set CHROMIUM_PATH). Exits 2 when there is nothing to
# render or no Chromium, 1 when a page did not render.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,8p' "$0"; exit 0 ;; esac
html_dir="${1:-$here/target/html-reports}"
png_dir="${2:-$here/target/html-png}"
chromium="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"

[ -n "$chromium" ] || { echo "render-html-reports: no chromium (apt-get install -y chromium, or set CHROMIUM_PATH)" >&2; exit 2; }
shopt -s nullglob
pages=("$html_dir"/*.html)
[ ${#pages[@]} -gt 0 ] || { echo "render-html-reports: no *.html in $html_dir (run mvn verify first)" >&2; exit 2; }
mkdir -p "$png_dir"
profile="$(mktemp -d "${TMPDIR:-/tmp}/html-render.XXXXXX")"
trap 'rm -rf "$profile"' EXIT

# name:width,height. The heights are generous: headless Chromium captures the window, not the whole page.
sizes=("desktop:1280,2900" "phone:390,5600")
failed=0
for page in "${pages[@]}"; do
  name="$(basename "$page" .html)"
  for size in "${sizes[@]}"; do
    png="$png_dir/$name.${size%%:*}.png"
    rm -f "$png"
    timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
      --disable-component-update --disable-sync --hide-scrollbars --force-device-scale-factor=1 \
      --user-data-dir="$profile" --screenshot="$png" --window-size="${size#*:}" "file://$(realpath "$page")" \
      >/dev/null 2>&1 || true
    if [ -s "$png" ]; then
      echo "rendered $png"
    else
      echo "render-html-reports: $page did not render at ${size%%:*} width" >&2
      failed=1
    fi
  done
done
exit "$failed"
