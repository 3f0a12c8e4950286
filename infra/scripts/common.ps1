# Shared by the azd hooks on Windows (dot-sourced). Same behaviour as common.sh.

function Fail([string]$message) {
  Write-Error "${script:hook}: $message"
  exit 1
}

function Require([string[]]$names) {
  foreach ($name in $names) {
    if (-not [Environment]::GetEnvironmentVariable($name)) { Fail "$name is not set; run 'azd provision' first." }
  }
}

function Need-Az {
  if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    Fail "the Azure CLI (az) is required; install it, run 'az login', then rerun the azd command."
  }
}

# The comma-separated list as lower-cased ids, spaces and blanks dropped.
function Ids([string]$list) {
  @(($list -split ',') | ForEach-Object { $_.Trim().ToLowerInvariant() } | Where-Object { $_ })
}

function Listed([string]$id, [string]$list) {
  (Ids $list) -contains $id.Trim().ToLowerInvariant()
}

# Runs the script block until it returns a value without error, waiting 5, 10, 20, 40, 60, 60 ... seconds between
# tries (IOTHUB_TRIAGE_WAIT_SECONDS: the first wait), at most IOTHUB_TRIAGE_WAIT_ATTEMPTS tries (default 10).
function With-Backoff([string]$what, [scriptblock]$action) {
  $attempts = if ($env:IOTHUB_TRIAGE_WAIT_ATTEMPTS) { [int]$env:IOTHUB_TRIAGE_WAIT_ATTEMPTS } else { 10 }
  $delay = if ($env:IOTHUB_TRIAGE_WAIT_SECONDS) { [int]$env:IOTHUB_TRIAGE_WAIT_SECONDS } else { 5 }
  for ($try = 1; ; $try++) {
    $result = & $action
    if ($LASTEXITCODE -eq 0 -and $result) { return $result }
    if ($try -ge $attempts) {
      Write-Warning "${script:hook}: gave up waiting for $what after $attempts tries"
      return $null
    }
    Write-Host "${script:hook}: waiting for $what (try $try of $attempts, next in ${delay}s)"
    Start-Sleep -Seconds $delay
    $delay = [Math]::Min($delay * 2, 60)
  }
}

function Remove-Roles([string]$scope) {
  if (-not $scope) { return }
  $assignments = az role assignment list --scope $scope --query "[?principalId=='$($env:FUNCTION_PRINCIPAL_ID)'].id" --output tsv --only-show-errors
  if ($LASTEXITCODE -ne 0) { Write-Warning "${script:hook}: could not list role assignments on $scope"; return }
  foreach ($assignment in $assignments) {
    if ($assignment) {
      az role assignment delete --ids $assignment --only-show-errors
      if ($LASTEXITCODE -ne 0) { Write-Warning "${script:hook}: could not delete $assignment" }
    }
  }
}

function Unwire-Hub([string]$hubId) {
  Write-Host "${script:hook}: removing the wiring of $hubId"
  $create = if ($env:IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING) { $env:IOTHUB_TRIAGE_CREATE_DIAGNOSTIC_SETTING } else { 'true' }
  if ($create -eq 'true' -and $env:DIAGNOSTIC_SETTING_NAME) {
    az monitor diagnostic-settings delete --name $env:DIAGNOSTIC_SETTING_NAME --resource $hubId --only-show-errors
    if ($LASTEXITCODE -ne 0) { Write-Warning "${script:hook}: could not delete the diagnostic setting $($env:DIAGNOSTIC_SETTING_NAME) on $hubId" }
  }
  Remove-Roles $hubId
}
