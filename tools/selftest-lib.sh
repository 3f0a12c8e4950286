# Shared by the tools' selftest.sh scripts (sourced, after `cd` into the tool's folder and setting $tool):
#   check WANT_RC 'PATTERN or empty' DESCRIPTION -- ARGS...   runs $tool ARGS, expects the exit code and a line;
#                                                             the same ARGS run once (the tools start slowly: the
#                                                             Kusto library and the TypeScript compiler load per run)
#   finish NAME                                               prints the tally; returns 1 if anything failed
passed=0; failed=0; skipped=0
declare -A _outputs _codes
check() {
  local want=$1 pattern=$2 what=$3; shift 4
  local out rc key
  key=$(printf '%s\x1f' "$@")
  if [ -z "${_codes[$key]+set}" ]; then
    _outputs[$key]=$("$tool" "$@" 2>&1)
    _codes[$key]=$?
  fi
  out=${_outputs[$key]}; rc=${_codes[$key]}
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
