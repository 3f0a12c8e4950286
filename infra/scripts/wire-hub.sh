#!/bin/sh
# azd postprovision hook: applies infra/wiring/main.bicep (hub diagnostic setting, roles on the hub and on the
# workspace) as its own subscription deployment. azd passes the main deployment's outputs as environment variables.
set -eu

for name in AZURE_ENV_NAME AZURE_LOCATION AZURE_SUBSCRIPTION_ID IOTHUB_RESOURCE_ID TRIAGE_WORKSPACE_RESOURCE_ID FUNCTION_PRINCIPAL_ID; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "wire-hub: $name is not set; run 'azd provision' first." >&2
    exit 1
  fi
done

if ! command -v az >/dev/null 2>&1; then
  echo "wire-hub: the Azure CLI (az) is required for the hub wiring; install it, run 'az login', then 'azd provision'." >&2
  exit 1
fi

create_diagnostic_setting="${IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING:-true}"

echo "wire-hub: diagnostic setting and roles on $IOTHUB_RESOURCE_ID"
az deployment sub create \
  --subscription "$AZURE_SUBSCRIPTION_ID" \
  --location "$AZURE_LOCATION" \
  --name "iothub-triage-wiring-$AZURE_ENV_NAME" \
  --template-file infra/wiring/main.bicep \
  --parameters \
    iotHubResourceId="$IOTHUB_RESOURCE_ID" \
    workspaceResourceId="$TRIAGE_WORKSPACE_RESOURCE_ID" \
    principalId="$FUNCTION_PRINCIPAL_ID" \
    createDiagnosticSetting="$create_diagnostic_setting" \
  --only-show-errors \
  --output none
echo "wire-hub: done"
