# azd postprovision hook (Windows): same as wire-hub.sh.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_ENV_NAME', 'AZURE_LOCATION', 'AZURE_SUBSCRIPTION_ID', 'IOTHUB_RESOURCE_ID', 'TRIAGE_WORKSPACE_RESOURCE_ID', 'FUNCTION_PRINCIPAL_ID') {
  if (-not [Environment]::GetEnvironmentVariable($name)) {
    Write-Error "wire-hub: $name is not set; run 'azd provision' first."
    exit 1
  }
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
  Write-Error "wire-hub: the Azure CLI (az) is required for the hub wiring; install it, run 'az login', then 'azd provision'."
  exit 1
}

$createDiagnosticSetting = if ($env:IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING) { $env:IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING } else { 'true' }

Write-Host "wire-hub: diagnostic setting and roles on $env:IOTHUB_RESOURCE_ID"
az deployment sub create `
  --subscription $env:AZURE_SUBSCRIPTION_ID `
  --location $env:AZURE_LOCATION `
  --name "iothub-triage-wiring-$env:AZURE_ENV_NAME" `
  --template-file infra/wiring/main.bicep `
  --parameters `
    iotHubResourceId=$env:IOTHUB_RESOURCE_ID `
    workspaceResourceId=$env:TRIAGE_WORKSPACE_RESOURCE_ID `
    principalId=$env:FUNCTION_PRINCIPAL_ID `
    createDiagnosticSetting=$createDiagnosticSetting `
  --only-show-errors `
  --output none
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
Write-Host 'wire-hub: done'
