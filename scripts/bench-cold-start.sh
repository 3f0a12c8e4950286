#!/usr/bin/env bash
# Cold start of the Functions app, measured from the JVM's own start (RuntimeMXBean start time), side by side in
# one run: a JVM that only starts (noop), the first 202 of the alerts function (in-process, against a real Azurite
# queue), and the first card from the worker (queue → triage over the demo's simulated hub → local webhook).
# Each is a fresh JVM, repeated RUNS times (default 5); medians are printed with the machine's load.
# Also checks that the intake's cold path loads neither the triage engine nor the Log Analytics / ARM clients.
# Needs Java 17, Maven, Node.js 18+ and npm. Maven flags can be added: scripts/bench-cold-start.sh -o
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
mkdir -p target/bench
mvn -B -q "$@" test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench/classpath.txt >target/bench/build.log 2>&1 \
  || { cat target/bench/build.log; exit 1; }
cp="target/test-classes:target/classes:$(cat target/bench/classpath.txt)"
[ -f tools/azurite/node_modules/azurite/dist/src/queue/main.js ] || npm ci --prefix tools/azurite --no-audit --no-fund --loglevel=error
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
qport=$(port); tport=$(port)
work=$(mktemp -d)
azurite=$PWD/tools/azurite/node_modules/azurite/dist/src
(cd "$work" && exec node "$azurite/queue/main.js" --queueHost 127.0.0.1 --queuePort "$qport" \
  --inMemoryPersistence --disableTelemetry --skipApiVersionCheck --silent) >"$work/queue.log" 2>&1 &
qpid=$!
(cd "$work" && exec node "$azurite/table/main.js" --tableHost 127.0.0.1 --tablePort "$tport" \
  --inMemoryPersistence --disableTelemetry --skipApiVersionCheck --silent) >"$work/table.log" 2>&1 &
tpid=$!
trap 'kill $qpid $tpid 2>/dev/null; rm -rf "$work"' EXIT
for p in $qport $tport; do
  for _ in $(seq 1 400); do (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && break; sleep 0.1; done
done
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
conn="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;QueueEndpoint=http://127.0.0.1:$qport/devstoreaccount1;TableEndpoint=http://127.0.0.1:$tport/devstoreaccount1;"
probe() { java -XX:TieredStopAtLevel=1 -Xshare:auto -cp "$cp" io.iothubtriage.functions.bench.ColdStartProbe "$@"; }
# the queues exist before the timed runs (in Azure the host creates them)
probe intake "$conn" >target/bench/warmup.txt 2>&1 || { cat target/bench/warmup.txt; exit 1; }
: >target/bench/cold-start.jsonl
for i in $(seq 1 "$RUNS"); do
  for mode in noop intake card; do
    line=$(probe "$mode" "$conn")
    echo "$line" >>target/bench/cold-start.jsonl
  done
done
probe intake "$conn" >target/bench/warmup.txt 2>&1 || { cat target/bench/warmup.txt; exit 1; }
java -Xlog:class+load=info:file=target/bench/intake-classes.txt -cp "$cp" \
  io.iothubtriage.functions.bench.ColdStartProbe intake "$conn" >/dev/null
node -e '
const lines = require("fs").readFileSync("target/bench/cold-start.jsonl", "utf8").trim().split("\n").map(JSON.parse);
const med = a => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const by = m => lines.filter(l => l.mode === m);
const jvm = med(by("noop").map(l => l.mainMs));
const i202 = med(by("intake").map(l => l.first202Ms));
const c202 = med(by("card").map(l => l.first202Ms));
const card = med(by("card").map(l => l.firstCardMs));
console.log(`runs per figure: ${by("noop").length} (medians, ms from the JVM start)`);
console.log(`JVM start to main:            ${jvm}`);
console.log(`JVM start to first 202:       ${i202}  (${(i202 / jvm).toFixed(1)}x the JVM start)`);
console.log(`JVM start to first card:      ${card}  (${(card / jvm).toFixed(1)}x the JVM start; its own 202 at ${c202})`);
'
classes=target/bench/intake-classes.txt
# the settings' AzureCloud/AzureEndpoints value types are allowed; clients, sources and the engine are not
forbidden='io\.iothubtriage\.(diagnosis\.Triage |functions\.LiveEngine|evidence\.azure\.(AzureConnections|LiveSources|LogAnalytics|ArmClient|ResourceHealthSource|MetricsDeviceCountSource))|com\.azure\.monitor\.|com\.azure\.identity\.|com\.azure\.data\.tables\.'
if grep -Eq "$forbidden" "$classes"; then
  echo "the intake's cold path loaded classes it must not:"; grep -E "$forbidden" "$classes" | head; exit 1
fi
echo "intake cold path: $(grep -c 'source:' "$classes") classes loaded, none of the engine, Log Analytics, ARM, identity or table clients ($(grep -c 'io.iothubtriage' "$classes") of the app's own)"
echo "load: $(uptime | sed 's/.*load average/load average/'), $(nproc) cores"
