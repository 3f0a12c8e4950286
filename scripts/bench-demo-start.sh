#!/usr/bin/env bash
# Measures `./iothub-triage demo` as a whole process (launch to exit, the way a user runs it) against a JVM
# hello-world on the same machine, side by side in one run: the two alternate, round after round, so both see the
# same load; the medians and their ratio are printed with the machine and its load.
#
# usage: scripts/bench-demo-start.sh [ROUNDS]          (default 9 rounds)
#   IOTHUB_TRIAGE_CDS=off scripts/bench-demo-start.sh  measures the demo without its class-data archive
#
# Before the rounds it builds the CLI if needed and runs the demo once (which prepares its start-up archive), so the
# rounds time what every later run costs, not the first build. Needs Java 17 (java, javac) and Maven.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-9}"
case "$rounds" in ''|*[!0-9]*) echo "bench-demo-start: ROUNDS must be a whole number" >&2; exit 2 ;; esac
work="$repo/target/bench-demo-start"
mkdir -p "$work/hello"
cat >"$work/hello/Hello.java" <<'EOF'
public class Hello {
    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}
EOF
javac -d "$work/hello" "$work/hello/Hello.java"

hello() { java -cp "$work/hello" Hello; }
demo() { "$repo/iothub-triage" demo --out-dir "$work/demo-out"; }

demo >/dev/null 2>"$work/first-run.err" || { cat "$work/first-run.err" >&2; exit 1; }
demo >/dev/null 2>&1   # the run after the one that prepared the archive: both caches are warm now

# Wall time of one run in milliseconds (bash's EPOCHREALTIME: no process is started to read the clock).
elapsed_ms() {
  local start end
  start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1
  end=$EPOCHREALTIME
  echo $(( (${end/./} - ${start/./}) / 1000 ))
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

: >"$work/hello.ms"
: >"$work/demo.ms"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 1; i <= rounds; i++)); do
  h=$(elapsed_ms hello)
  d=$(elapsed_ms demo)
  echo "$h" >>"$work/hello.ms"
  echo "$d" >>"$work/demo.ms"
  printf 'round %2d: hello-world %4d ms   demo %4d ms\n' "$i" "$h" "$d"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
hello_median=$(median <"$work/hello.ms")
demo_median=$(median <"$work/demo.ms")

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "machine: $(nproc) CPUs ($cpu), $(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)"
echo "load average (1/5/15 min): $load_before before, $load_after after"
echo "class-data archive: ${IOTHUB_TRIAGE_CDS:-on}"
echo "median of $rounds rounds: hello-world ${hello_median} ms, demo ${demo_median} ms, ratio $(awk -v d="$demo_median" -v h="$hello_median" 'BEGIN { printf "%.1f", d / h }')x"
