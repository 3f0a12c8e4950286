#!/usr/bin/env bash
# Self-test for card-check: every example must give the expected exit code and, where it matters, the expected
# line. The render tests need Chromium (/usr/bin/chromium or CHROMIUM_PATH); without it they are skipped, unless
# REQUIRE_CHROMIUM=1 (CI sets it). Installs the pinned dependencies first when they are missing (tools/install.sh).
set -u
cd "$(dirname "$0")"
../install.sh card-check || { echo "card-check selftest: npm ci failed"; exit 2; }
tool=./card-check
. ../selftest-lib.sh
check 0 'ok' "Workflows message with a 1.5 card (Container, FactSet, Table, ColumnSet, OpenUrl)" -- examples/good-message.json
check 0 'ok' "bare Adaptive Card" -- examples/good-bare-card.json
check 1 'body[0]: Unknown element type "Textblock"' "unknown element type, with its path" -- examples/bad-unknown-type.json
check 1 'Invalid value "Heavy" for property "weight"' "invalid enum value" -- examples/bad-unknown-type.json
check 1 'Unknown action type "Action.Open"' "unknown action type" -- examples/bad-unknown-type.json
check 1 'body[0].txet: unknown property "txet" on TextBlock (did you mean "text"?)' "misspelled property" -- examples/bad-misspelled-and-missing.json
check 1 'TextBlock requires property "text"' "required property missing" -- examples/bad-misspelled-and-missing.json
check 1 'body[1]: Image requires property "url"' "image without url" -- examples/bad-misspelled-and-missing.json
check 1 'facts[0]: Fact requires property "value"' "fact without value" -- examples/bad-misspelled-and-missing.json
check 1 'Action.OpenUrl requires property "url"' "OpenUrl without url" -- examples/bad-misspelled-and-missing.json
check 1 'Duplicate Id "same"' "duplicate id" -- examples/bad-misspelled-and-missing.json
check 1 'Teams renders Adaptive Cards up to 1.5' "card version newer than Teams renders" -- examples/bad-newer-than-teams.json
check 1 'Action.OpenUrl.role needs Adaptive Cards 1.6' "property newer than Teams renders" -- examples/bad-newer-than-teams.json
check 1 'must be "application/vnd.microsoft.card.adaptive"' "wrong contentType" -- examples/bad-envelope.json
check 1 'not a string holding JSON' "card as a JSON string" -- examples/bad-envelope.json
check 1 'expected a Teams message' "not a Teams message" -- examples/bad-not-a-message.json
check 1 'Teams accepts at most 28672' "message over 28 KB" -- examples/bad-over-28kb.json
check 0 '' "a raised --max-bytes lets it through" -- --max-bytes 60000 examples/bad-over-28kb.json
check 1 'Maximum number of actions exceeded (6)' "more actions than the Teams host allows" -- examples/bad-too-many-actions.json
check 1 'body[0].text: TextBlock text renders a Markdown link' "a Markdown link in text from data" -- examples/bad-markdown-link.json
check 1 'facts[0].value: Fact value renders a Markdown link' "a Markdown link in a fact value" -- examples/bad-markdown-link.json
check 0 'warning: actions[0]: Action.Submit' "Action.Submit is a warning" -- examples/warn-submit.json
check 1 'warnings fail with --strict' "Action.Submit fails with --strict" -- --strict examples/warn-submit.json
check 0 'Container.bleed is Adaptive Cards 1.2 but the card declares version 1.0' "feature newer than the declared version: warning" -- examples/warn-version-too-low.json
check 1 'bad-envelope.json' "one bad file among good ones fails the run" -- examples/good-bare-card.json examples/bad-envelope.json
check 2 'unknown option' "usage error" -- --bogus
check 2 'cannot read' "missing file" -- examples/no-such-file.json
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  tmp=$(mktemp -d)
  check 0 'rendered' "render a card to PNG and HTML in headless Chromium" -- --png "$tmp/card.png" --html "$tmp/card.html" examples/good-message.json
  if [ "$(head -c 8 "$tmp/card.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
     && grep -q "212 devices refused by authentication" "$tmp/card.html" 2>/dev/null; then
    pass "the PNG is a PNG and the HTML holds the card's text"
  else
    fail "the PNG or the HTML is missing or wrong"
  fi
  check 0 'rendered' "render several files into a folder" -- --png "$tmp/many" examples/good-message.json examples/good-bare-card.json
  if [ -s "$tmp/many/good-message.png" ] && [ -s "$tmp/many/good-bare-card.png" ]; then
    pass "one PNG per file in the folder"
  else
    fail "one PNG per file in the folder"
  fi
  check 1 'Unknown element type' "a bad card still fails when rendered" -- --png "$tmp/bad.png" examples/bad-unknown-type.json
  check 0 'rendered' "render text with Markdown's backslash escapes" -- --png "$tmp/esc.png" --html "$tmp/esc.html" examples/good-escaped-text.json
  if grep -q 'connectedDeviceCount &lt; 855' "$tmp/esc.html" && grep -q -- '- a dash, \[not a link\](https://example.com) and \*no emphasis\*' "$tmp/esc.html" \
     && grep -q '1\. first, not a list' "$tmp/esc.html" && ! grep -q '\\' "$tmp/esc.html"; then
    pass "escaped marks show as themselves, without their backslash, and make no link, emphasis or list"
  else
    fail "escaped marks show as themselves, without their backslash, and make no link, emphasis or list"
  fi
  rm -rf "$tmp"
elif [ "${REQUIRE_CHROMIUM:-0}" = 1 ]; then
  fail "render tests: no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium}"
else
  skipped=$((skipped + 1)); echo "skip render tests: no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} (apt-get install -y chromium)"
fi
finish card-check
