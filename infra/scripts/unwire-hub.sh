#!/bin/sh
# azd predown hook: removes what wire-hub.sh added outside the app's resource group: this environment's diagnostic
# setting and the function identity's role assignments on every hub wired (listed now or by the last run) and on the
# workspace. Settings of other environments on the same hubs are not touched. Failures are reported, not fatal.
set -uf
hook=unwire-hub
. "$(dirname "$0")/common.sh"

hubs="${TRIAGE_HUB_RESOURCE_IDS:-},${IOTHUB_TRIAGE_WIRED_HUBS:-}"
if [ -z "$(ids "$hubs")" ] || [ -z "${FUNCTION_PRINCIPAL_ID:-}" ]; then
  echo "$hook: nothing recorded for this environment; skipping."
  exit 0
fi
command -v az >/dev/null 2>&1 || fail "Azure CLI not found; remove the diagnostic setting '${DIAGNOSTIC_SETTING_NAME:-iothub-triage-<environment>}' on each hub and the role assignments of $FUNCTION_PRINCIPAL_ID on the hubs and the workspace by hand."

for hub in $(ids "$hubs" | sort -u); do
  unwire_hub "$hub"
done
remove_roles "${TRIAGE_WORKSPACE_RESOURCE_ID:-}"
if [ -n "${WIRING_DEPLOYMENT_NAME:-}" ]; then
  az deployment sub delete --name "$WIRING_DEPLOYMENT_NAME" --no-wait --only-show-errors \
    || echo "$hook: could not delete the deployment record $WIRING_DEPLOYMENT_NAME" >&2
fi
echo "$hook: done"
