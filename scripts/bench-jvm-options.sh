#!/usr/bin/env bash
# JVM options for a big offline triage, measured side by side: the whole `iothub-triage triage --logs FILE` process,
# through the launcher as a user runs it (-Xmx256m, its class-data archive), once per variant per round, the
# variants taking turns at going first. Prints each run's wall and CPU time (user + system) with the load, then each
# variant's medians and its ratio to the first variant's, and fails when a variant's JSON report differs from the
# first one's (generatedAt and checkedAt aside): an option may change the time, never the report.
#
# usage: scripts/bench-jvm-options.sh [--runs N] [--keep FILE] NAME='OPTIONS' [NAME='OPTIONS' ...]
#   each variant runs the launcher with IOTHUB_TRIAGE_JAVA_OPTS="-Xmx256m OPTIONS" (OPTIONS may be empty: the
#   launcher's own choice); NAME=@DIR runs the launcher of another checkout DIR with -Xmx256m only
#   --keep FILE: the export and FILE.facts as scripts/bench-duckdb.sh --keep writes them (default: made here,
#   1,000,000 rows of a 50,000-device hub, about 900 MB in a temporary directory)
#   e.g. scripts/bench-jvm-options.sh --runs 5 --keep /tmp/conn.csv default= noTiered='-XX:-TieredCompilation'
set -euo pipefail
cd "$(dirname "$0")/.."

runs=5 keep=""
names=() opts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *=*) names+=("${1%%=*}") opts+=("${1#*=}"); shift ;;
    *) echo "usage: $0 [--runs N] [--keep FILE] NAME='OPTIONS' ..." >&2; exit 2 ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  echo "bench-jvm-options: name at least one variant, e.g. default=" >&2
  exit 2
fi
case "$runs" in ''|*[!0-9]*) echo "bench-jvm-options: --runs must be a whole number" >&2; exit 2 ;; esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
file="${keep:-$work/connections.csv}"
if [ -n "$keep" ] && [ -f "$keep.facts" ]; then
  cp "$keep.facts" "$work/facts.sh"
else
  mvn -B -q ${MVN_OPTS:-} test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-jvm-options.cp \
    -DincludeScope=test >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
  java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/bench-jvm-options.cp)" \
    io.iothubtriage.bench.PeerComparisonExport "$file" 1000000 50000 >"$work/facts.sh"
  [ -z "$keep" ] || cp "$work/facts.sh" "$keep.facts"
fi
# shellcheck disable=SC1090
. "$work/facts.sh"

# variant I, once: its report goes to $work/report-I.json
run() {
  local i="$1" dir=. extra="${opts[$1]}"
  if [[ "$extra" == @* ]]; then
    dir="${extra#@}" extra=""
  fi
  # shellcheck disable=SC2154
  IOTHUB_TRIAGE_JAVA_OPTS="-Xmx256m $extra" "$dir/iothub-triage" triage --hub "$hub" --from "$from" --to "$to" \
    --logs "$file" --format json >"$work/report-$i.json"
}
# "WALL CPU" seconds of variant I's run
timed() {
  local TIMEFORMAT='%R %U %S' out
  out=$( { time run "$1" 2>"$work/stderr-$1"; } 2>&1 ) || { cat "$work/stderr-$1" >&2; exit 1; }
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' <<<"$out"
}
same_report() {
  cmp -s <(grep -v '"\(generatedAt\|checkedAt\)"' "$work/report-0.json") \
    <(grep -v '"\(generatedAt\|checkedAt\)"' "$work/report-$1.json")
}

# untimed first runs: a launcher builds its jar if needed and writes its class-data archive
for i in "${!names[@]}"; do
  timed "$i" >/dev/null
  same_report "$i" || { echo "bench-jvm-options: ${names[$i]}'s report differs from ${names[0]}'s" >&2; exit 1; }
done
n=${#names[@]}
for ((r = 1; r <= runs; r++)); do
  line="round $r  load $(cut -d' ' -f1-3 /proc/loadavg)"
  for ((k = 0; k < n; k++)); do
    i=$(( (k + r - 1) % n ))
    read -r w c < <(timed "$i")
    echo "$w" >>"$work/wall-$i" && echo "$c" >>"$work/cpu-$i"
    same_report "$i" || { echo "bench-jvm-options: ${names[$i]}'s report differs from ${names[0]}'s" >&2; exit 1; }
    line+="  ${names[$i]} $w s / $c s"
  done
  echo "$line"
done
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
w0=$(median "$work/wall-0") c0=$(median "$work/cpu-0")
for i in "${!names[@]}"; do
  w=$(median "$work/wall-$i") c=$(median "$work/cpu-$i")
  printf '%-14s wall median %.2f s (%.2f of %s), CPU median %.2f s (%.2f); CPU runs: %s\n' "${names[$i]}" "$w" \
    "$(echo "$w / $w0" | bc -l)" "${names[0]}" "$c" "$(echo "$c / $c0" | bc -l)" "$(tr '\n' ' ' <"$work/cpu-$i")"
done
echo "uptime: $(uptime)"
