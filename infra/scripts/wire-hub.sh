#!/bin/sh
# azd postprovision hook: applies infra/wiring/main.bicep (per hub: diagnostic setting and Reader; in workspace mode:
# Log Analytics Reader on the workspace) as its own subscription deployment, after removing the wiring and the alerts
# of hubs taken off the list since the last run. Other hubs are left as they are. azd passes the main deployment's
# outputs as environment variables.
set -euf
hook=wire-hub
. "$(dirname "$0")/common.sh"

require AZURE_ENV_NAME AZURE_LOCATION AZURE_SUBSCRIPTION_ID AZURE_RESOURCE_GROUP TRIAGE_HUB_RESOURCE_IDS \
  TRIAGE_WORKSPACE_RESOURCE_ID TRIAGE_LOG_QUERY_SCOPE FUNCTION_PRINCIPAL_ID DIAGNOSTIC_SETTING_NAME WIRING_DEPLOYMENT_NAME
need_az

# 1. Hubs wired by an earlier run but no longer listed: their diagnostic setting, roles and alerts go.
for old in $(ids "${IOTHUB_TRIAGE_WIRED_HUBS:-}"); do
  listed "$old" "$TRIAGE_HUB_RESOURCE_IDS" || unwire_hub "$old"
done
tab=$(printf '\t')
az resource list --resource-group "$AZURE_RESOURCE_GROUP" \
  --query "[?tags.\"iothub-triage-hub\" != null].[id, tags.\"iothub-triage-hub\"]" --output tsv --only-show-errors |
  while IFS="$tab" read -r alert hub; do
    if [ -n "$alert" ] && ! listed "$hub" "$TRIAGE_HUB_RESOURCE_IDS"; then
      echo "$hook: deleting $alert (its hub is no longer listed)"
      az resource delete --ids "$alert" --only-show-errors || echo "$hook: could not delete $alert" >&2
    fi
  done

# 2. The listed hubs (incremental: hubs already wired are unchanged).
echo "$hook: diagnostic settings and roles on $(ids "$TRIAGE_HUB_RESOURCE_IDS" | wc -l | tr -d ' ') hub(s)"
az deployment sub create \
  --subscription "$AZURE_SUBSCRIPTION_ID" \
  --location "$AZURE_LOCATION" \
  --name "$WIRING_DEPLOYMENT_NAME" \
  --template-file infra/wiring/main.bicep \
  --parameters \
    iotHubResourceIds="$TRIAGE_HUB_RESOURCE_IDS" \
    workspaceResourceId="$TRIAGE_WORKSPACE_RESOURCE_ID" \
    principalId="$FUNCTION_PRINCIPAL_ID" \
    createDiagnosticSetting="${IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING:-true}" \
    diagnosticSettingName="$DIAGNOSTIC_SETTING_NAME" \
    logQueryScope="$TRIAGE_LOG_QUERY_SCOPE" \
  --only-show-errors \
  --output none

# 3. Resource mode: no role on the workspace (removes one left from an earlier workspace-mode run).
[ "$TRIAGE_LOG_QUERY_SCOPE" = "workspace" ] || remove_roles "$TRIAGE_WORKSPACE_RESOURCE_ID"

# 4. Remember what is wired, for step 1 of the next run and for `azd down`.
azd env set IOTHUB_TRIAGE_WIRED_HUBS "$TRIAGE_HUB_RESOURCE_IDS"
echo "$hook: done"
