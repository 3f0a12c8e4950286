#!/bin/sh
# azd predown hook: removes what wire-hub.sh added outside the app's resource group (the hub diagnostic setting
# and the function identity's role assignments on the hub and the workspace). Failures are reported, not fatal.
set -u

if [ -z "${IOTHUB_RESOURCE_ID:-}" ] || [ -z "${FUNCTION_PRINCIPAL_ID:-}" ]; then
  echo "unwire-hub: nothing recorded for this environment; skipping."
  exit 0
fi
if ! command -v az >/dev/null 2>&1; then
  echo "unwire-hub: Azure CLI not found; remove the diagnostic setting 'iothub-triage-connections' and the role assignments of $FUNCTION_PRINCIPAL_ID on the hub and workspace by hand." >&2
  exit 1
fi

if [ "${IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING:-true}" = "true" ]; then
  az monitor diagnostic-settings delete --name iothub-triage-connections --resource "$IOTHUB_RESOURCE_ID" --only-show-errors \
    || echo "unwire-hub: could not delete the hub diagnostic setting" >&2
fi

for scope in "$IOTHUB_RESOURCE_ID" "${TRIAGE_WORKSPACE_RESOURCE_ID:-}"; do
  [ -n "$scope" ] || continue
  ids=$(az role assignment list --scope "$scope" --query "[?principalId=='$FUNCTION_PRINCIPAL_ID'].id" --output tsv --only-show-errors) \
    || { echo "unwire-hub: could not list role assignments on $scope" >&2; continue; }
  for id in $ids; do
    az role assignment delete --ids "$id" --only-show-errors || echo "unwire-hub: could not delete $id" >&2
  done
done
echo "unwire-hub: done"
