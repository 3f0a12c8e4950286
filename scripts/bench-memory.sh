#!/usr/bin/env bash
# Memory per distinct device: runs io.iothubtriage.bench.DistinctDevicesProbe with the CLI's heap and collector
# (-Xmx256m, serial GC). It streams the rows of N distinct devices (default 1,000,000; 2.4 rows each) through the
# CLI's path (a de-duplicating RowIntake, then the aggregator) and prints the heap retained after a full GC and the
# bytes per device. Prints the machine and its load average before and after. Exits 1 when the state does not fit
# in the heap (OutOfMemoryError): the target is 1,000,000 distinct devices within 256 MB. Needs Java 17 and Maven.
#
# usage: scripts/bench-memory.sh [DEVICES]
# environment: MVN_OPTS adds Maven options (e.g. -o offline); BENCH_JAVA_OPTS adds JVM options (the heap stays at
#              -Xmx256m unless overridden there)
set -euo pipefail
cd "$(dirname "$0")/.."
devices="${1:-1000000}"
case "$devices" in '' | *[!0-9]*) echo "usage: scripts/bench-memory.sh [DEVICES]" >&2; exit 2 ;; esac

# Build quietly; show Maven's output only when it fails. The probe is a test class: test classes and the test
# class path, as scripts/bench-aggregate.sh builds them.
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
# shellcheck disable=SC2086
if ! { mvn -B -q ${MVN_OPTS:-} test-compile \
       && mvn -B -q ${MVN_OPTS:-} dependency:build-classpath -Dmdep.outputFile=target/bench-memory.cp \
            -DincludeScope=test; \
     } >"$build_log" 2>&1; then
  cat "$build_log" >&2
  exit 1
fi
cp="target/classes:target/test-classes:$(cat target/bench-memory.cp)"

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "machine: $(nproc) CPUs (${cpu:-unknown CPU}), $(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' \
  /proc/meminfo 2>/dev/null) RAM, $(java -version 2>&1 | head -1)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
set +e
# shellcheck disable=SC2086
result="$(java -Xmx256m -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} -cp "$cp" \
  io.iothubtriage.bench.DistinctDevicesProbe "$devices" 2>&1)"
status=$?
set -e
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
echo "load average (1/5/15 min): $load_before before, $load_after after"
echo "DistinctDevicesProbe $devices, -Xmx256m -XX:+UseSerialGC:"
echo "$result"
if [ "$status" -ne 0 ]; then
  if grep -q OutOfMemoryError <<<"$result"; then
    echo "FAIL: $devices distinct devices do not fit in 256 MB (OutOfMemoryError)"
  else
    echo "FAIL: the probe exited $status"
  fi
  exit 1
fi
retained=$(sed -n 's/.*retained=\([0-9]*\) MB.*/\1/p' <<<"$result")
per_device=$(sed -n 's/.*bytes\/device=\([0-9]*\).*/\1/p' <<<"$result")
echo "PASS: $devices distinct devices retain ${retained:-?} MB (${per_device:-?} bytes per device) of the 256 MB heap"
