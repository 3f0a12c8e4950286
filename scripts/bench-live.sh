#!/usr/bin/env bash
# Live-evidence benchmarks against local HTTPS fakes (loopback only):
#   1. LiveTriageBenchmark: a whole triage with fake sources answering after 1,200 ms (logs), 400 + 500 ms
#      (Resource Health status/history and events) and 300 ms (metrics); limit 1.15 x the slowest source.
#   2. Cold start: a fresh `java` process (runtime classpath only) reaching its first live triage against fakes
#      without delays (WireMock over HTTP/2 + TLS, as Azure's endpoints), on the production path (settings from
#      the environment, managed identity, shared clients); timed from the `java` command, RUNS times; limit 1.5 s.
# usage: scripts/bench-live.sh [RUNS]      (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"

mvn -B -q -o test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.cp -DincludeScope=test >/dev/null
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/runtime.cp -DincludeScope=runtime >/dev/null
test_cp="target/classes:target/test-classes:$(cat target/bench.cp)"
run_cp="target/classes:target/test-classes:$(cat target/runtime.cp)"

echo "== whole triage, sources delayed 1200/400+500/300 ms"
java -cp "$test_cp" io.iothubtriage.bench.LiveTriageBenchmark 10

echo "== cold process to first live triage (fakes without delay)"
ports="$(mktemp)"
# WireMock (Jetty) speaks HTTP/2 over TLS like Azure's endpoints, so requests to one host share a connection.
java -cp "$test_cp" io.iothubtriage.bench.FakeAzureHttp2 >"$ports" 2>/dev/null &
fake=$!
trap 'kill "$fake" 2>/dev/null || true; rm -f "$ports"' EXIT
for _ in $(seq 1 300); do grep -q '^https=' "$ports" && break; sleep 0.1; done
https_port="$(sed -n 's/^https=\([0-9]*\) .*/\1/p' "$ports")"
identity="$(sed -n 's/.* identity=\(.*\)$/\1/p' "$ports")"
[ -n "$https_port" ] && [ -n "$identity" ] || { echo "fake APIs did not start" >&2; exit 1; }

reached=(); whole=(); cpu=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%3N)
  env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 \
    ARM_ENDPOINT="https://localhost:$https_port" \
    LOG_ANALYTICS_ENDPOINT="https://localhost:$https_port/v1" \
    AZURE_AUTHORITY_HOST="https://localhost:$https_port" \
    IDENTITY_ENDPOINT="$identity" IDENTITY_HEADER=bench-identity-header \
    /usr/bin/time -f "%U %S" -o target/coldstart.cpu \
    java -XX:TieredStopAtLevel=1 -Dbench.launchEpochMillis="$start" \
      -Djavax.net.ssl.trustStore=src/test/resources/tls/localhost.p12 \
      -Djavax.net.ssl.trustStorePassword=test-only -Djavax.net.ssl.trustStoreType=PKCS12 \
      -cp "$run_cp" io.iothubtriage.bench.ColdStartMain >target/coldstart.out
  end=$(date +%s%3N)
  done_ms="$(sed -n 's/^first live triage done \([0-9]*\) ms.*/\1/p' target/coldstart.out)"
  cpu_ms="$(awk '{printf "%d", ($1 + $2) * 1000}' target/coldstart.cpu)"
  reached+=("$done_ms"); whole+=($(( end - start ))); cpu+=("$cpu_ms")
  echo "run $i: first triage done after ${done_ms} ms; whole process $(( end - start )) ms (incl. JVM exit); CPU ${cpu_ms} ms"
done
sed 's/^/  | /' target/coldstart.out
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
m_reached="$(median "${reached[@]}")"
echo "cold start over $runs runs: median first triage ${m_reached} ms, whole process $(median "${whole[@]}") ms,"\
  "CPU $(median "${cpu[@]}") ms; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (limit 1500 ms)"
[ "$m_reached" -le 1500 ] && echo PASS || { echo FAIL; exit 1; }
