# azd predown hook (Windows): same as unwire-hub.sh.
if (-not $env:IOTHUB_RESOURCE_ID -or -not $env:FUNCTION_PRINCIPAL_ID) {
  Write-Host 'unwire-hub: nothing recorded for this environment; skipping.'
  exit 0
}
if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
  Write-Error "unwire-hub: Azure CLI not found; remove the diagnostic setting 'iothub-triage-connections' and the role assignments of $env:FUNCTION_PRINCIPAL_ID on the hub and workspace by hand."
  exit 1
}

if (($env:IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING -eq $null) -or ($env:IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING -eq 'true')) {
  az monitor diagnostic-settings delete --name iothub-triage-connections --resource $env:IOTHUB_RESOURCE_ID --only-show-errors
  if ($LASTEXITCODE -ne 0) { Write-Warning 'unwire-hub: could not delete the hub diagnostic setting' }
}

foreach ($scope in @($env:IOTHUB_RESOURCE_ID, $env:TRIAGE_WORKSPACE_RESOURCE_ID)) {
  if (-not $scope) { continue }
  $ids = az role assignment list --scope $scope --query "[?principalId=='$($env:FUNCTION_PRINCIPAL_ID)'].id" --output tsv --only-show-errors
  if ($LASTEXITCODE -ne 0) { Write-Warning "unwire-hub: could not list role assignments on $scope"; continue }
  foreach ($id in $ids) {
    if ($id) {
      az role assignment delete --ids $id --only-show-errors
      if ($LASTEXITCODE -ne 0) { Write-Warning "unwire-hub: could not delete $id" }
    }
  }
}
Write-Host 'unwire-hub: done'
