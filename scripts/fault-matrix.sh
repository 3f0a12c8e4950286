#!/usr/bin/env bash
# The fault matrix: every fault the Functions app must survive, injected against real Azurite queues and table and
# real webhook delivery (see FaultMatrixTest). Writes target/fault-matrix.json and prints it as a table; fails when
# any row has lost > 0, unmarkedDuplicates > 0, splitVerdicts > 0 or more triages than alerts. Needs Java 17, Maven, Node.js 18+ and npm (Azurite is installed
# from tools/azurite on first use). About 1-2 minutes on 2 cores. Maven flags can be added: scripts/fault-matrix.sh -o
set -euo pipefail
cd "$(dirname "$0")/.."
log=target/fault-matrix.log
mkdir -p target
if ! mvn -B -q "$@" test -Dtest=FaultMatrixTest -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
  grep -E 'fault-matrix:|FAIL|lost|unmarked|triage|verdict|Expect' "$log" | head -40 || true
  echo "fault matrix FAILED (full output: $log)" >&2
  exit 1
fi
node -e '
const rows = JSON.parse(require("fs").readFileSync("target/fault-matrix.json", "utf8"));
const cols = ["fault", "alerts", "cards", "notices", "lost", "unmarkedDuplicates", "triages", "splitVerdicts"];
const w = cols.map(c => Math.max(c.length, ...rows.map(r => String(r[c]).length)));
const line = cells => "| " + cells.map((c, i) => String(c).padEnd(w[i])).join(" | ") + " |";
console.log(line(cols));
console.log("|" + w.map(n => "-".repeat(n + 2)).join("|") + "|");
rows.forEach(r => console.log(line(cols.map(c => r[c]))));
const bad = rows.filter(r => r.lost || r.unmarkedDuplicates || r.splitVerdicts || r.triages > r.alerts);
console.log(`${rows.length} faults, ${bad.length} with a lost alert, an unmarked duplicate or a second triage`);
process.exit(bad.length ? 1 : 0);
'
