# azd postdeploy hook (Windows): same as attach-webhook.sh (wait for the host, read or create the function key
# "action-group" of `alerts` only, deploy infra/app/action-group.bicep with it, record ALERTS_WEBHOOK_ATTACHED=true).
$ErrorActionPreference = 'Continue'
$script:hook = 'attach-webhook'
. "$PSScriptRoot/common.ps1"

Require @('AZURE_ENV_NAME', 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'ACTION_GROUP_NAME')
Need-Az
$functionName = 'alerts'
$keyName = 'action-group'

$listed = With-Backoff "the host to list the function $functionName" {
  az functionapp function show --resource-group $env:AZURE_RESOURCE_GROUP --name $env:AZURE_FUNCTION_APP_NAME `
    --function-name $functionName --query name --output tsv --only-show-errors
}
if (-not $listed) { Fail "the function app has no '$functionName' function yet: check 'azd deploy' succeeded and the app's log stream, then rerun 'azd deploy'." }

$key = With-Backoff "the function key of $functionName" {
  $existing = az functionapp function keys list --resource-group $env:AZURE_RESOURCE_GROUP --name $env:AZURE_FUNCTION_APP_NAME `
    --function-name $functionName --query "`"$keyName`"" --output tsv --only-show-errors
  if ($LASTEXITCODE -ne 0) { return $null }
  if ($existing) { return $existing }
  $bytes = New-Object byte[] 32
  [System.Security.Cryptography.RandomNumberGenerator]::Create().GetBytes($bytes)
  $created = -join ($bytes | ForEach-Object { $_.ToString('x2') })
  az functionapp function keys set --resource-group $env:AZURE_RESOURCE_GROUP --name $env:AZURE_FUNCTION_APP_NAME `
    --function-name $functionName --key-name $keyName --key-value $created --output none --only-show-errors
  if ($LASTEXITCODE -ne 0) { return $null }
  Write-Host "${script:hook}: created the function key $keyName of $functionName"
  return $created
}
if (-not $key) { Fail "could not read or create a key of '$functionName'; the host is probably not running (storage roles still propagating?). Rerun 'azd deploy' in a few minutes." }
if ($key -notmatch '^[A-Za-z0-9_=/+-]+$') { Fail "the key of '$functionName' has an unexpected form; not used." }

# The key goes to ARM in a parameters file readable by this user only, never on a command line or in an output.
$parameters = New-TemporaryFile
try {
  Set-Content -Path $parameters -Value "{`"alertsFunctionKey`":{`"value`":`"$key`"}}"
  Write-Host "${script:hook}: attaching the webhook receiver to $($env:ACTION_GROUP_NAME)"
  az deployment group create `
    --resource-group $env:AZURE_RESOURCE_GROUP `
    --name action-group-webhook `
    --template-file infra/app/action-group.bicep `
    --parameters "@$parameters" `
    --parameters actionGroupName=$env:ACTION_GROUP_NAME environmentName=$env:AZURE_ENV_NAME functionAppName=$env:AZURE_FUNCTION_APP_NAME `
    --only-show-errors `
    --output none
  if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
} finally {
  Remove-Item -Force $parameters
}

azd env set ALERTS_WEBHOOK_ATTACHED true
Write-Host "${script:hook}: done; alerts now reach POST /api/alerts"
