#!/usr/bin/env bash
# Live-evidence benchmarks, against local fakes only (loopback; see "Safety" below):
#   1. Whole triage with slow sources (io.iothubtriage.bench.LiveTriageBenchmark): fakes answering after 1,200 ms
#      (Log Analytics), 400 ms (Resource Health status and history) + 500 ms (events) and 300 ms (metrics); the
#      product's Triage runner on the product's live sources; 10 runs after a first one. Target: median ≤ 1.15 × the
#      slowest source.
#   2. Cold start of the real CLI: `./iothub-triage triage --hub ID --format json`, a new process each time, with
#      the settings in its environment pointing at fakes without delays (managed identity against a fake App
#      Service identity endpoint). One training run prepares the launcher's start-up copy (unsigned jars + class-data
#      archive), then RUNS timed runs of the whole process. Target: median ≤ 1.5 s.
# usage: scripts/bench-live.sh [RUNS]      (cold-start runs, default 7)   Exits 1 when a target is missed.
#
# Safety: the CLI and the benchmark run the production credential and clients, which go wherever the environment
# points them; a managed identity without IDENTITY_ENDPOINT would probe the instance-metadata address
# 169.254.169.254. So every JVM that may build a credential is started with `env -i` and only the variables below,
# and local_env refuses to start it unless IDENTITY_ENDPOINT, IDENTITY_HEADER and every Azure endpoint are set, and
# loopback, before the JVM starts. (The benchmark JVM checks the same again itself.)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
runs="${1:-7}"
case "$runs" in ''|*[!0-9]*) echo "usage: scripts/bench-live.sh [RUNS]" >&2; exit 2 ;; esac
[ "$runs" -ge 1 ] || { echo "RUNS must be at least 1" >&2; exit 2; }
hub=/subscriptions/6f2c1a3e-0b4d-4c5e-9f80-1a2b3c4d5e6f/resourceGroups/iot-prod/providers/Microsoft.Devices/IotHubs/contoso-hub
work="$root/target/bench-live"
mkdir -p "$work"

loopback='^https?://(localhost|127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}|\[::1\])(:[0-9]+)?(/.*)?$'
# Runs "$@" under `env -i` with the variables in the array bench_env, after checking them.
local_env() {
  local var name value ok_identity=no ok_header=no
  for name in ARM_ENDPOINT LOG_ANALYTICS_ENDPOINT AZURE_AUTHORITY_HOST IDENTITY_ENDPOINT; do
    value=""
    for var in "${bench_env[@]}"; do [ "${var%%=*}" = "$name" ] && value="${var#*=}"; done
    if ! [[ "$value" =~ $loopback ]]; then
      echo "bench-live: refusing to start a JVM: $name must be a loopback URL, is '${value}'" >&2
      exit 2
    fi
    [ "$name" = IDENTITY_ENDPOINT ] && ok_identity=yes
  done
  for var in "${bench_env[@]}"; do
    case "${var%%=*}" in
      IDENTITY_HEADER) [ -n "${var#*=}" ] && ok_header=yes ;;
      MSI_ENDPOINT|MSI_SECRET|IMDS_ENDPOINT|AZURE_CLIENT_SECRET|AZURE_CLIENT_CERTIFICATE_PATH|AZURE_FEDERATED_TOKEN_FILE)
        echo "bench-live: refusing to start a JVM: ${var%%=*} must not be set" >&2; exit 2 ;;
    esac
  done
  [ "$ok_identity" = yes ] && [ "$ok_header" = yes ] \
    || { echo "bench-live: refusing to start a JVM without IDENTITY_ENDPOINT and IDENTITY_HEADER" >&2; exit 2; }
  env -i "${bench_env[@]}" "$@"
}

fake=""
stop_fake() { if [ -n "$fake" ]; then kill "$fake" 2>/dev/null || true; wait "$fake" 2>/dev/null || true; fake=""; fi; }
trap stop_fake EXIT
# Starts the fakes (FakeAzureHttp2 with the given delays) and sets bench_env to point at them.
start_fake() {
  stop_fake
  env -i PATH="$PATH" HOME="$HOME" java -cp "$test_cp" io.iothubtriage.bench.FakeAzureHttp2 "$@" \
    >"$work/fake.out" 2>"$work/fake.err" &
  fake=$!
  for _ in $(seq 1 300); do grep -q '^https=' "$work/fake.out" 2>/dev/null && break; sleep 0.1; done
  local port identity
  port="$(sed -n 's/^https=\([0-9]*\) .*/\1/p' "$work/fake.out")"
  identity="$(sed -n 's/.* identity=\(.*\)$/\1/p' "$work/fake.out")"
  [ -n "$port" ] && [ -n "$identity" ] || { echo "bench-live: the fakes did not start:" >&2; cat "$work/fake.err" >&2; exit 1; }
  bench_env=(PATH="$PATH" HOME="$HOME" LANG=C.UTF-8
    ARM_ENDPOINT="https://localhost:$port" LOG_ANALYTICS_ENDPOINT="https://localhost:$port/v1"
    AZURE_AUTHORITY_HOST="https://localhost:$port"
    IDENTITY_ENDPOINT="$identity" IDENTITY_HEADER=bench-identity-header)
}

echo "== build"
mvn -B -q -DskipTests package
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/test.cp" -DincludeScope=test >/dev/null
test_cp="target/classes:target/test-classes:$(cat "$work/test.cp")"

# The JDK's own trust store plus the fakes' test certificate, so TLS costs what it costs against Azure (the
# trust store is read at start-up) and the fakes are trusted. Plain configuration: -Djavax.net.ssl.trustStore.
java_home="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
truststore="$work/truststore.jks"
rm -f "$truststore"
keytool -exportcert -rfc -alias localhost -keystore src/test/resources/tls/localhost.p12 -storetype PKCS12 \
  -storepass test-only >"$work/localhost.pem" 2>/dev/null
keytool -importkeystore -noprompt -srckeystore "$java_home/lib/security/cacerts" -srcstorepass changeit \
  -destkeystore "$truststore" -deststoretype JKS -deststorepass changeit >/dev/null 2>&1
keytool -importcert -noprompt -alias iothub-triage-bench -file "$work/localhost.pem" -keystore "$truststore" \
  -storepass changeit >/dev/null 2>&1

machine="$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1),"\
" $(free -g | awk '/^Mem:/ {print $2}') GB, $(java -version 2>&1 | head -1)"
echo "machine: $machine"
failed=0

echo "== 1. whole triage, sources delayed 1200 / 400+400+500 / 300 ms (load average $(cut -d' ' -f1-3 /proc/loadavg))"
start_fake 1200 400 400 500 300
local_env java -XX:TieredStopAtLevel=1 -Djavax.net.ssl.trustStore="$truststore" -cp "$test_cp" \
  io.iothubtriage.bench.LiveTriageBenchmark 10 1200 | tee "$work/triage.txt" || failed=1

echo "== 2. cold process, ./iothub-triage triage --hub ID --format json (fakes without delay)"
start_fake
java_opts="-Djavax.net.ssl.trustStore=$truststore"
rm -rf target/cli target/cli.failed   # the training run below prepares the start-up copy afresh
echo "training run (prepares target/cli: unsigned jars and the class-data archive):"
local_env IOTHUB_TRIAGE_JAVA_OPTS="$java_opts" ./iothub-triage triage --hub "$hub" --format json \
  >"$work/training.json" 2>"$work/training.err" || { cat "$work/training.err" >&2; exit 1; }
[ -s target/cli/iothub-triage.jsa ] || { echo "bench-live: no start-up archive was made:" >&2; cat "$work/training.err" target/cli.log >&2; exit 1; }

walls=(); cpus=()
TIMEFORMAT='%3R %3U %3S'
for i in $(seq 1 "$runs"); do
  load="$(cut -d' ' -f1 /proc/loadavg)"
  { time local_env IOTHUB_TRIAGE_JAVA_OPTS="$java_opts" ./iothub-triage triage --hub "$hub" --format json \
      >"$work/cold.json" 2>"$work/cold.err"; } 2>"$work/cold.time" || { cat "$work/cold.err" >&2; exit 1; }
  grep -q '"verdict" : "DEVICE_NETWORK_OR_KEEPALIVE"' "$work/cold.json" \
    || { echo "bench-live: the cold run did not produce the expected report" >&2; head -40 "$work/cold.json" >&2; exit 1; }
  read -r real user sys <"$work/cold.time"
  wall_ms="$(awk -v r="$real" 'BEGIN {printf "%d", r * 1000}')"
  cpu_ms="$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%d", (u + s) * 1000}')"
  walls+=("$wall_ms"); cpus+=("$cpu_ms")
  echo "run $i: whole process $wall_ms ms, CPU $cpu_ms ms (load average $load)"
done
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m = NR % 2 ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2); printf "min %d, median %d, max %d", a[1], m, a[NR]}'; }
median_wall="$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print NR % 2 ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}')"
echo "cold start over $runs runs: whole process $(stats "${walls[@]}") ms; CPU $(stats "${cpus[@]}") ms;"\
  "load average now $(cut -d' ' -f1-3 /proc/loadavg) (target: median ≤ 1500 ms)"
if [ "$median_wall" -le 1500 ]; then echo PASS; else echo FAIL; failed=1; fi
exit "$failed"
