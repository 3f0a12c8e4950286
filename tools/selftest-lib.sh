# Shared by the tools' selftest.sh scripts (sourced, after `cd` into the tool's folder and setting $tool):
#   check WANT_RC 'PATTERN or empty' DESCRIPTION -- ARGS...   runs $tool ARGS, expects the exit code and a line
#   finish NAME                                               prints the tally; returns 1 if anything failed
passed=0; failed=0; skipped=0
check() {
  local want=$1 pattern=$2 what=$3; shift 4
  local out rc
  out=$("$tool" "$@" 2>&1); rc=$?
  if [ "$rc" -ne "$want" ]; then
    failed=$((failed + 1)); echo "FAIL $what: exit $rc, expected $want"; echo "$out" | sed 's/^/    /'
  elif [ -n "$pattern" ] && ! grep -qF -- "$pattern" <<<"$out"; then
    failed=$((failed + 1)); echo "FAIL $what: no line containing: $pattern"; echo "$out" | sed 's/^/    /'
  else
    passed=$((passed + 1)); echo "ok   $what"
  fi
}
# pass|fail DESCRIPTION: a result checked by the selftest itself
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
finish() {
  echo "$1 selftest: $passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
}
