#!/bin/sh
# azd postdeploy hook: puts the webhook receiver on the action group once the code runs. A function key exists only
# after the host has started with working storage access and indexed the deployed functions, so this cannot be part
# of provisioning (Flex Consumption answers BadRequest for keys before code is deployed, and the host's listkeys
# 400 "Encountered an error (InternalServerError) from host runtime" while it cannot start).
#  1. wait until the host lists the `alerts` function;
#  2. read the function key "action-group" of `alerts` only, or create it (bounded backoff on both);
#  3. deploy infra/app/action-group.bicep with that key: the receiver's URL opens POST /api/alerts and nothing else;
#  4. record ALERTS_WEBHOOK_ATTACHED=true, so `azd provision` leaves the group (and its receiver) alone from now on.
# Rerunning it changes nothing: the key is read, not replaced, and the group is deployed with the same content.
set -euf
hook=attach-webhook
. "$(dirname "$0")/common.sh"

require AZURE_ENV_NAME AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME ACTION_GROUP_NAME
need_az
function_name=alerts
key_name=action-group

function_listed() {
  az functionapp function show --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --function-name "$function_name" --query name --output tsv --only-show-errors
}

# Prints the key; creates it when the host answers but has no such key yet. Fails while the host cannot answer.
alerts_key() {
  key=$(az functionapp function keys list --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
    --function-name "$function_name" --query "\"$key_name\"" --output tsv --only-show-errors) || return 1
  if [ -z "$key" ]; then
    key=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
    az functionapp function keys set --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_APP_NAME" \
      --function-name "$function_name" --key-name "$key_name" --key-value "$key" --output none --only-show-errors \
      || return 1
    echo "$hook: created the function key $key_name of $function_name" >&2
  fi
  printf '%s' "$key"
}

with_backoff "the host to list the function $function_name" function_listed >/dev/null \
  || fail "the function app has no '$function_name' function yet: check 'azd deploy' succeeded and the app's log stream, then rerun 'azd deploy'."
key=$(with_backoff "the function key of $function_name" alerts_key) \
  || fail "could not read or create a key of '$function_name'; the host is probably not running (storage roles still propagating?). Rerun 'azd deploy' in a few minutes."
case "$key" in
  '' | *[!A-Za-z0-9_=/+-]*) fail "the key of '$function_name' has an unexpected form; not used." ;;
esac

# The key goes to ARM in a parameters file readable by this user only, never on a command line or in an output.
umask 077
parameters=$(mktemp)
trap 'rm -f "$parameters"' EXIT
printf '{"alertsFunctionKey":{"value":"%s"}}\n' "$key" >"$parameters"
echo "$hook: attaching the webhook receiver to $ACTION_GROUP_NAME"
az deployment group create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --name action-group-webhook \
  --template-file infra/app/action-group.bicep \
  --parameters @"$parameters" \
  --parameters \
    actionGroupName="$ACTION_GROUP_NAME" \
    environmentName="$AZURE_ENV_NAME" \
    functionAppName="$AZURE_FUNCTION_APP_NAME" \
  --only-show-errors \
  --output none

azd env set ALERTS_WEBHOOK_ATTACHED true
echo "$hook: done; alerts now reach POST /api/alerts"
