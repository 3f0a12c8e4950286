#!/usr/bin/env bash
# Self-test for slack-check: every example must give the expected exit code and, where it matters, the expected
# line. Installs the pinned dependencies first when they are missing (tools/install.sh: npm ci).
set -u
cd "$(dirname "$0")"
../install.sh slack-check || { echo "slack-check selftest: npm ci failed"; exit 2; }
tool=./slack-check
. ../selftest-lib.sh
check 0 'ok' "alert: header, section, fields, divider, actions, context" -- examples/good-alert.json
check 0 'ok' "text-only message" -- examples/good-text-only.json
check 1 "blocks[0].type: Type '\"headr\"' is not assignable" "misspelled block type, with its path" -- examples/bad-structure.json
check 1 "Did you mean '\"header\"'?" "the compiler's suggestion is shown" -- examples/bad-structure.json
check 1 "bad-structure.json:5:36: type error: blocks[1].text.type" "wrong text object type, with line:col" -- examples/bad-structure.json
check 1 "'\"colour\"' does not exist in type 'SectionBlock'" "unknown property" -- examples/bad-structure.json
check 1 "blocks[3].elements[0].style" "invalid button style" -- examples/bad-structure.json
check 1 'header must be a plain_text object' "mrkdwn header" -- examples/bad-header-mrkdwn.json
check 1 'no top-level text' "blocks without fallback text" -- examples/bad-no-fallback.json
check 1 'the top-level text is blank' "blank fallback text" -- examples/bad-blank-fallback.json
check 1 '51 blocks; a message may have at most 50' "block count" -- examples/bad-limits.json
check 1 'header text is 151 characters; maximum is 150' "header length" -- examples/bad-limits.json
check 1 'blocks[1].text.text: section text is 3001 characters; maximum is 3000' "section text length" -- examples/bad-limits.json
check 1 '11 fields; maximum is 10' "field count" -- examples/bad-limits.json
check 1 'section field text is 2001 characters' "field length" -- examples/bad-limits.json
check 1 'a context block allows at most 10' "context elements" -- examples/bad-limits.json
check 1 'block_id is 256 characters; maximum is 255' "block_id length" -- examples/bad-limits.json
check 1 'duplicate block_id "same"' "block_id uniqueness" -- examples/bad-limits.json
check 1 'button text is 76 characters; maximum is 75' "button text length" -- examples/bad-limits.json
check 1 'duplicate action_id "x" in one block' "action_id uniqueness" -- examples/bad-limits.json
check 1 'text object is empty' "empty text object" -- examples/bad-limits.json
check 1 'bad-no-fallback.json' "one bad file among good ones fails the run" -- examples/good-alert.json examples/bad-no-fallback.json
check 2 'unknown option' "usage error" -- --bogus
check 2 'cannot read' "missing file" -- examples/no-such-file.json
finish slack-check
