# azd postprovision hook (Windows): same as wire-hub.sh.
$ErrorActionPreference = 'Stop'
$script:hook = 'wire-hub'
. "$PSScriptRoot/common.ps1"

Require @('AZURE_ENV_NAME', 'AZURE_LOCATION', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP', 'TRIAGE_HUB_RESOURCE_IDS',
  'TRIAGE_WORKSPACE_RESOURCE_ID', 'TRIAGE_LOG_QUERY_SCOPE', 'FUNCTION_PRINCIPAL_ID', 'DIAGNOSTIC_SETTING_NAME', 'WIRING_DEPLOYMENT_NAME')
Need-Az

# 1. Hubs wired by an earlier run but no longer listed: their diagnostic setting, roles and alerts go.
foreach ($old in Ids $env:IOTHUB_TRIAGE_WIRED_HUBS) {
  if (-not (Listed $old $env:TRIAGE_HUB_RESOURCE_IDS)) { Unwire-Hub $old }
}
$alerts = az resource list --resource-group $env:AZURE_RESOURCE_GROUP --query "[?tags.\`"iothub-triage-hub\`" != null].{id: id, hub: tags.\`"iothub-triage-hub\`"}" --output json --only-show-errors | ConvertFrom-Json
foreach ($alert in $alerts) {
  if (-not (Listed $alert.hub $env:TRIAGE_HUB_RESOURCE_IDS)) {
    Write-Host "${script:hook}: deleting $($alert.id) (its hub is no longer listed)"
    az resource delete --ids $alert.id --only-show-errors
    if ($LASTEXITCODE -ne 0) { Write-Warning "${script:hook}: could not delete $($alert.id)" }
  }
}

# 2. The listed hubs (incremental: hubs already wired are unchanged).
$create = if ($env:IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING) { $env:IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING } else { 'true' }
Write-Host "${script:hook}: diagnostic settings and roles on $((Ids $env:TRIAGE_HUB_RESOURCE_IDS).Count) hub(s)"
az deployment sub create `
  --subscription $env:AZURE_SUBSCRIPTION_ID `
  --location $env:AZURE_LOCATION `
  --name $env:WIRING_DEPLOYMENT_NAME `
  --template-file infra/wiring/main.bicep `
  --parameters `
    iotHubResourceIds=$env:TRIAGE_HUB_RESOURCE_IDS `
    workspaceResourceId=$env:TRIAGE_WORKSPACE_RESOURCE_ID `
    principalId=$env:FUNCTION_PRINCIPAL_ID `
    createDiagnosticSetting=$create `
    diagnosticSettingName=$env:DIAGNOSTIC_SETTING_NAME `
    logQueryScope=$env:TRIAGE_LOG_QUERY_SCOPE `
  --only-show-errors `
  --output none
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

# 3. Resource mode: no role on the workspace (removes one left from an earlier workspace-mode run).
if ($env:TRIAGE_LOG_QUERY_SCOPE -ne 'workspace') { Remove-Roles $env:TRIAGE_WORKSPACE_RESOURCE_ID }

# 4. Remember what is wired, for step 1 of the next run and for `azd down`.
azd env set IOTHUB_TRIAGE_WIRED_HUBS $env:TRIAGE_HUB_RESOURCE_IDS
Write-Host "${script:hook}: done"
