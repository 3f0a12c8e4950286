#!/usr/bin/env bash
# The CLI against the best general-purpose peer, side by side in one run: the whole `iothub-triage triage` process
# (JVM start, read the portal CSV, keep the hub's rows once each, aggregate, diagnose, JSON report) against DuckDB
# doing the same aggregation on the same file (scripts/bench-duckdb.py: read_csv, json_extract_string on
# properties_s, per-code and per-device counts, the renewal window function), alternating which goes first. Prints
# each run's wall times with the load average, the medians and their ratio (target: CLI <= 0.67 x DuckDB), and checks
# the CLI's verdict. The CLI runs as a user runs it, through the ./iothub-triage launcher (its JVM options and its
# class-data archive, made by an untimed first run), with -Xmx256m, so a run that needs more heap fails.
#
# usage: [BENCH_CLI_BEFORE=CHECKOUT] scripts/bench-duckdb.sh [--rows N] [--devices N] [--runs N] [--keep FILE]
#   BENCH_CLI_BEFORE: another checkout (e.g. the previous build: git worktree add DIR main), whose launcher is timed
#   as a third contender in the same alternating runs
#   defaults: 1,000,000 rows of a 50,000-device hub, 5 runs each; --keep writes (or reuses) the export at FILE
# Skips (exit 0, with a note) when DuckDB is not installed: pip install duckdb
set -euo pipefail
cd "$(dirname "$0")/.."

rows=1000000 devices=50000 runs=5 keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --devices) devices="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "usage: $0 [--rows N] [--devices N] [--runs N] [--keep FILE]" >&2; exit 2 ;;
  esac
done
if ! python3 -c 'import duckdb' 2>/dev/null; then
  echo "bench-duckdb: skipped: DuckDB is not installed for python3 (pip install duckdb)"
  exit 0
fi

build_log="$(mktemp)"
work="$(mktemp -d)"
trap 'rm -rf "$build_log" "$work"' EXIT
if ! { mvn -B -q ${MVN_OPTS:-} test-compile \
       && mvn -B -q ${MVN_OPTS:-} dependency:build-classpath -Dmdep.outputFile=target/bench-duckdb.cp -DincludeScope=test; \
     } >"$build_log" 2>&1; then
  cat "$build_log" >&2
  exit 1
fi
cp="target/classes:target/test-classes:$(cat target/bench-duckdb.cp)"
before="${BENCH_CLI_BEFORE:-}"
if [ -n "$before" ] && [ ! -x "$before/iothub-triage" ]; then
  echo "bench-duckdb: BENCH_CLI_BEFORE=$before has no iothub-triage launcher" >&2
  exit 2
fi

file="${keep:-$work/connections.csv}"
facts="$work/facts.sh"
if [ -n "$keep" ] && [ -f "$keep.facts" ]; then
  cp "$keep.facts" "$facts"
else
  java -Xmx512m -cp "$cp" io.iothubtriage.bench.PeerComparisonExport "$file" "$rows" "$devices" > "$facts"
  [ -n "$keep" ] && cp "$facts" "$keep.facts"
fi
# shellcheck disable=SC1090
. "$facts"
echo "export: $file, $connection_rows Connections + $other_rows Routes rows, $((bytes / 1000000)) MB, $devices devices"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(python3 -c 'import duckdb; print("duckdb", duckdb.__version__)')"

now() { date +%s.%N; }
cli_with() {
  IOTHUB_TRIAGE_JAVA_OPTS="-Xmx256m ${IOTHUB_TRIAGE_JAVA_OPTS:-}" "$1/iothub-triage" triage --hub "$hub" \
    --from "$from" --to "$to" --logs "$file" --format json > "$work/report.json"
  grep -q '"verdict" *: *"DEVICE_NETWORK_OR_KEEPALIVE"' "$work/report.json" \
    || { echo "bench-duckdb: unexpected CLI report:" >&2; head -c 600 "$work/report.json" >&2; exit 1; }
}
cli_run() { cli_with .; }
before_run() { cli_with "$before"; }
duck_run() {
  python3 scripts/bench-duckdb.py "$file" "$hub" "$from" "$to" "$baseline_from" > "$work/duck.txt"
}
# wall seconds of one run; its CPU seconds (user + system, all threads and children) go to $work/cpu-<name>
timed() {
  local t0 t1 TIMEFORMAT='%U %S'
  t0=$(now)
  { time "$1" ; } 2> "$work/time.txt"
  t1=$(now)
  awk '{print $1 + $2}' "$work/time.txt" >> "$work/cpu-$1"
  echo "$t1 - $t0" | bc -l
}

# untimed first runs: each launcher builds its jar if needed and writes its class-data archive, as a user's first run
cli_run
[ -z "$before" ] || before_run

cli_times=() duck_times=() before_times=()
for i in $(seq 1 "$runs"); do
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  b=""
  if [ $((i % 2)) -eq 1 ]; then
    [ -n "$before" ] && b=$(timed before_run)
    c=$(timed cli_run); d=$(timed duck_run)
  else
    d=$(timed duck_run); c=$(timed cli_run)
    [ -n "$before" ] && b=$(timed before_run)
  fi
  cli_times+=("$c") duck_times+=("$d")
  cc=$(tail -1 "$work/cpu-cli_run") dc=$(tail -1 "$work/cpu-duck_run")
  printf 'run %d  load %s  cli %6.2f s (%5.1f CPU s)  duckdb %6.2f s (%5.1f CPU s)  ratio %.2f\n' \
    "$i" "$load" "$c" "$cc" "$d" "$dc" "$(echo "$c / $d" | bc -l)"
  if [ -n "$b" ]; then
    before_times+=("$b")
    bc_=$(tail -1 "$work/cpu-before_run")
    printf '       before %6.2f s (%5.1f CPU s)  ratio %.2f\n' "$b" "$bc_" "$(echo "$b / $d" | bc -l)"
  fi
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
mc=$(median "${cli_times[@]}") md=$(median "${duck_times[@]}")
ratio=$(echo "$mc / $md" | bc -l)
mcc=$(median $(cat "$work/cpu-cli_run")) mdc=$(median $(cat "$work/cpu-duck_run"))
printf 'median wall: cli %.2f s, duckdb %.2f s, cli/duckdb %.2f (target <= 0.67)\n' "$mc" "$md" "$ratio"
printf 'median CPU:  cli %.1f s, duckdb %.1f s, cli/duckdb %.2f\n' "$mcc" "$mdc" "$(echo "$mcc / $mdc" | bc -l)"
if [ ${#before_times[@]} -gt 0 ]; then
  mb=$(median "${before_times[@]}") mbc=$(median $(cat "$work/cpu-before_run"))
  printf 'before:      wall %.2f s (%.2f of duckdb), CPU %.1f s (%.2f of duckdb)\n' "$mb" "$(echo "$mb / $md" | bc -l)" \
    "$mbc" "$(echo "$mbc / $mdc" | bc -l)"
fi
cat "$work/duck.txt"
echo "uptime: $(uptime)"
