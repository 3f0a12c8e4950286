# azd predown hook (Windows): same as unwire-hub.sh.
$script:hook = 'unwire-hub'
. "$PSScriptRoot/common.ps1"

$hubs = @(Ids "$($env:TRIAGE_HUB_RESOURCE_IDS),$($env:IOTHUB_TRIAGE_WIRED_HUBS)" | Sort-Object -Unique)
if ($hubs.Count -eq 0 -or -not $env:FUNCTION_PRINCIPAL_ID) {
  Write-Host "${script:hook}: nothing recorded for this environment; skipping."
  exit 0
}
if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
  Fail "Azure CLI not found; remove the diagnostic setting '$($env:DIAGNOSTIC_SETTING_NAME)' on each hub and the role assignments of $($env:FUNCTION_PRINCIPAL_ID) on the hubs and the workspace by hand."
}

foreach ($hub in $hubs) { Unwire-Hub $hub }
Remove-Roles $env:TRIAGE_WORKSPACE_RESOURCE_ID
if ($env:WIRING_DEPLOYMENT_NAME) {
  az deployment sub delete --name $env:WIRING_DEPLOYMENT_NAME --no-wait --only-show-errors
  if ($LASTEXITCODE -ne 0) { Write-Warning "${script:hook}: could not delete the deployment record $($env:WIRING_DEPLOYMENT_NAME)" }
}
Write-Host "${script:hook}: done"
