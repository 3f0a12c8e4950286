#!/usr/bin/env bash
# Offline-ingest benchmark: what `iothub-triage triage --logs FILE` does (read the export, aggregate, finish) on a
# generated 1,000,000-row Connections export of a 10,000-device hub, in each format a user exports: the Log Analytics
# query API response, the Azure CLI JSON array and the portal CSV. Prints rows/s (best, median, worst of the runs),
# file sizes and the peak heap, and checks the targets: median >= 200,000 rows/s and peak heap <= 256 MB with
# -Xmx256m. Exits 1 when a target is missed. Needs Java 17, Maven and ~2.5 GB free in the temp directory (one file at
# a time; each is deleted after its runs).
#
# usage: scripts/bench-aggregate.sh [--runs N] [--rows N] [--formats la,cli,csv] [--keep DIR]
#   --keep DIR   write the exports into DIR and keep them (e.g. to time the CLI on them; the command is printed)
# environment: BENCH_JAVA_OPTS adds JVM options (the heap stays at -Xmx256m unless overridden there)
set -euo pipefail
cd "$(dirname "$0")/.."

# Build quietly; show Maven's output only when it fails.
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
if ! { mvn -B -q test-compile \
       && mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-aggregate.cp -DincludeScope=test; \
     } >"$build_log" 2>&1; then
  cat "$build_log" >&2
  exit 1
fi
cp="target/classes:target/test-classes:$(cat target/bench-aggregate.cp)"

# The CLI launcher's garbage collector (serial: one core's worth of GC, no extra threads) and the target's heap.
# shellcheck disable=SC2086
java -Xmx256m -XX:+UseSerialGC ${BENCH_JAVA_OPTS:-} -cp "$cp" \
  io.iothubtriage.bench.ExportAggregationBenchmark "$@"
