# Shared by the azd hooks (sourced, POSIX sh). Hub ids are compared case-insensitively, as ARM does.

fail() {
  echo "$hook: $*" >&2
  exit 1
}

# require NAME...: each must be set (azd passes the main deployment's outputs as environment variables).
require() {
  for name in "$@"; do
    eval "value=\${$name:-}"
    [ -n "$value" ] || fail "$name is not set; run 'azd provision' first."
  done
}

need_az() {
  command -v az >/dev/null 2>&1 \
    || fail "the Azure CLI (az) is required; install it, run 'az login', then rerun the azd command."
}

# ids LIST: the comma-separated list one id per line, spaces dropped, lower-cased.
ids() {
  printf '%s\n' "$1" | tr ',' '\n' | tr -d ' \r' | tr 'A-Z' 'a-z' | grep -v '^$' || true
}

# listed ID LIST: true when ID is one of LIST.
listed() {
  wanted=$(printf '%s' "$1" | tr -d ' \r' | tr 'A-Z' 'a-z')
  ids "$2" | grep -Fxq "$wanted"
}

# with_backoff WHAT COMMAND...: runs COMMAND until it succeeds, waiting 5, 10, 20, 40, 60, 60 ... seconds between
# tries (IOTHUB_TRIAGE_WAIT_SECONDS: the first wait), at most IOTHUB_TRIAGE_WAIT_ATTEMPTS tries (default 10: about
# 7 minutes of waiting in all). Prints COMMAND's output.
with_backoff() {
  what=$1
  shift
  attempts=${IOTHUB_TRIAGE_WAIT_ATTEMPTS:-10}
  delay=${IOTHUB_TRIAGE_WAIT_SECONDS:-5}
  try=1
  while :; do
    if out=$("$@"); then
      printf '%s' "$out"
      return 0
    fi
    if [ "$try" -ge "$attempts" ]; then
      echo "$hook: gave up waiting for $what after $attempts tries" >&2
      return 1
    fi
    echo "$hook: waiting for $what (try $try of $attempts, next in ${delay}s)" >&2
    sleep "$delay"
    try=$((try + 1))
    delay=$((delay * 2))
    [ "$delay" -le 60 ] || delay=60
  done
}

# remove_roles SCOPE: deletes the function identity's role assignments on SCOPE (and only those).
remove_roles() {
  scope=$1
  [ -n "$scope" ] || return 0
  assignments=$(az role assignment list --scope "$scope" --query "[?principalId=='$FUNCTION_PRINCIPAL_ID'].id" \
    --output tsv --only-show-errors) || { echo "$hook: could not list role assignments on $scope" >&2; return 0; }
  for assignment in $assignments; do
    az role assignment delete --ids "$assignment" --only-show-errors \
      || echo "$hook: could not delete $assignment" >&2
  done
}

# unwire_hub HUB_ID: removes this environment's diagnostic setting and the identity's roles on one hub.
unwire_hub() {
  echo "$hook: removing the wiring of $1"
  if [ "${IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING:-true}" = "true" ] && [ -n "${DIAGNOSTIC_SETTING_NAME:-}" ]; then
    az monitor diagnostic-settings delete --name "$DIAGNOSTIC_SETTING_NAME" --resource "$1" --only-show-errors \
      || echo "$hook: could not delete the diagnostic setting $DIAGNOSTIC_SETTING_NAME on $1" >&2
  fi
  remove_roles "$1"
}
