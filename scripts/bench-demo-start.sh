#!/usr/bin/env bash
# Measures `./iothub-triage demo` as a whole process (launch to exit, the way a user runs it) against a JVM
# hello-world on the same machine, side by side in one run: the two alternate, round after round, so both see the
# same load; the medians and their ratio are printed with the machine and its load.
#
# usage: scripts/bench-demo-start.sh [ROUNDS]          (default 9 rounds)
#   IOTHUB_TRIAGE_CDS=off scripts/bench-demo-start.sh  measures the demo without its class-data archive
#   BENCH_DEMO_BEFORE=DIR scripts/bench-demo-start.sh  also runs the demo of another checkout (e.g. the previous
#                                                      build: git worktree add DIR main) in the same rounds, so a
#                                                      change is measured side by side with what it replaces
#   BENCH_REALTIME=1 scripts/bench-demo-start.sh       times the rounds under the real-time FIFO scheduler (chrt,
#                                                      needs root or CAP_SYS_NICE): on a machine shared with other
#                                                      work the timed processes then get the cores as on an idle
#                                                      machine, where otherwise the wall times mostly measure
#                                                      waiting. The kernel keeps 5 % of each second for the rest.
#                                                      Fair here because the demo keeps at most two threads busy
#                                                      (its own and the compiler's): real-time threads of one
#                                                      priority do not share a core by time slices, so it would
#                                                      distort a process with more busy threads than cores.
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
before="${BENCH_DEMO_BEFORE:-}"
if [ -n "$before" ] && [ ! -x "$before/iothub-triage" ]; then
  echo "bench-demo-start: BENCH_DEMO_BEFORE=$before has no iothub-triage launcher" >&2
  exit 2
fi
demo_before() { "$before/iothub-triage" demo --out-dir "$work/demo-out-before"; }

demo >/dev/null 2>"$work/first-run.err" || { cat "$work/first-run.err" >&2; exit 1; }
demo >/dev/null 2>&1   # the run after the one that prepared the archive: both caches are warm now
if [ -n "$before" ]; then
  demo_before >/dev/null 2>"$work/first-run.err" || { cat "$work/first-run.err" >&2; exit 1; }
  demo_before >/dev/null 2>&1
fi

# One run: "WALL_MS CPU_MS" (CPU = user + system time of the process and its children, from bash's `time`). On a
# busy shared machine the wall time mostly measures waiting for a core; the CPU time is the work itself.
timed() {
  local TIMEFORMAT='%R %U %S' out
  out=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' <<<"$out"
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / (b > 0 ? b : 1) }'; }

: >"$work/hello.txt"
: >"$work/demo.txt"
: >"$work/before.txt"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
scheduler="normal"
if [ "${BENCH_REALTIME:-0}" != 0 ]; then   # BENCH_REALTIME=0 (or unset) keeps the normal scheduler
  # this shell and so every process it starts from here on (the timed ones) run under SCHED_FIFO
  if chrt -f -p 10 $$ >/dev/null 2>&1; then
    scheduler="real-time FIFO (chrt -f 10)"
  else
    echo "bench-demo-start: BENCH_REALTIME needs root or CAP_SYS_NICE; timing under the normal scheduler" >&2
  fi
fi
for ((i = 1; i <= rounds; i++)); do
  read -r hw hc < <(timed hello)
  read -r dw dc < <(timed demo)
  echo "$hw $hc" >>"$work/hello.txt"
  echo "$dw $dc" >>"$work/demo.txt"
  printf 'round %2d: hello-world %4d ms (CPU %4d ms)   demo %5d ms (CPU %4d ms)' "$i" "$hw" "$hc" "$dw" "$dc"
  if [ -n "$before" ]; then
    read -r bw bc < <(timed demo_before)
    echo "$bw $bc" >>"$work/before.txt"
    printf '   before %5d ms (CPU %4d ms)' "$bw" "$bc"
  fi
  printf '\n'
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
chrt -o -p 0 $$ >/dev/null 2>&1 || true
hello_wall=$(cut -d' ' -f1 "$work/hello.txt" | median)
hello_cpu=$(cut -d' ' -f2 "$work/hello.txt" | median)
demo_wall=$(cut -d' ' -f1 "$work/demo.txt" | median)
demo_cpu=$(cut -d' ' -f2 "$work/demo.txt" | median)

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "machine: $(nproc) CPUs ($cpu), $(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)"
echo "load average (1/5/15 min): $load_before before, $load_after after"
echo "class-data archive: ${IOTHUB_TRIAGE_CDS:-on}; scheduler: $scheduler"
echo "median of $rounds rounds, wall: hello-world ${hello_wall} ms, demo ${demo_wall} ms, ratio $(ratio "$demo_wall" "$hello_wall")x"
echo "median of $rounds rounds, CPU:  hello-world ${hello_cpu} ms, demo ${demo_cpu} ms, ratio $(ratio "$demo_cpu" "$hello_cpu")x"
if [ -n "$before" ]; then
  before_wall=$(cut -d' ' -f1 "$work/before.txt" | median)
  before_cpu=$(cut -d' ' -f2 "$work/before.txt" | median)
  echo "before ($before), same rounds: wall ${before_wall} ms ($(ratio "$before_wall" "$hello_wall")x), CPU ${before_cpu} ms ($(ratio "$before_cpu" "$hello_cpu")x)"
fi
