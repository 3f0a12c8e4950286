# azd preprovision hook (Windows): same checks as check-inputs.sh, one line per problem.
$script:hook = 'check-inputs'
$problems = 0
function Problem([string]$message) { Write-Host "${script:hook}: $message" -ForegroundColor Red; $script:problems++ }
$hubIdPattern = '^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/Microsoft\.Devices/IotHubs/[A-Za-z0-9-]{3,50}$'

if (-not $env:IOTHUB_RESOURCE_IDS) {
  if ($env:IOTHUB_RESOURCE_ID) {
    Problem "IOTHUB_RESOURCE_IDS is not set (IOTHUB_RESOURCE_ID is no longer read): azd env set IOTHUB_RESOURCE_IDS `"$($env:IOTHUB_RESOURCE_ID)`""
  } else {
    Problem "IOTHUB_RESOURCE_IDS is not set: azd env set IOTHUB_RESOURCE_IDS '/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Devices/IotHubs/<hub>' (several: comma-separated)"
  }
}
$names = @()
$position = 0
foreach ($id in @(($env:IOTHUB_RESOURCE_IDS -split ',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })) {
  $position++
  if ($id -notmatch $hubIdPattern) {
    Problem "IOTHUB_RESOURCE_IDS: entry $position ('$id') is not an IoT hub resource id (/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Devices/IotHubs/<name>)"
    continue
  }
  $name = ($id -split '/')[-1].ToLowerInvariant()
  if ($names -contains $name) { Problem "IOTHUB_RESOURCE_IDS: hub $name is listed twice" }
  $names += $name
}

$threshold = $env:CONNECTED_DEVICES_THRESHOLD
if (-not $threshold) {
  Problem "CONNECTED_DEVICES_THRESHOLD is not set: the alert fires when a hub's connected-device count drops below it (e.g. 90% of the devices normally connected): azd env set CONNECTED_DEVICES_THRESHOLD 900"
} elseif ($threshold -notmatch '^[0-9]+$') {
  Problem "CONNECTED_DEVICES_THRESHOLD must be a whole number of devices, not '$threshold'"
}
foreach ($entry in @(($env:CONNECTED_DEVICES_THRESHOLDS -split ',') | ForEach-Object { $_.Trim() } | Where-Object { $_ })) {
  if ($entry -notmatch '^([^=]+)=([0-9]+)$') { Problem "CONNECTED_DEVICES_THRESHOLDS: entry '$entry' is not <hub name>=<whole number>"; continue }
  if ($names -notcontains $Matches[1].ToLowerInvariant()) { Problem "CONNECTED_DEVICES_THRESHOLDS: hub '$($Matches[1].ToLowerInvariant())' is not in IOTHUB_RESOURCE_IDS" }
}

if (-not $env:OPS_ALERT_EMAIL) {
  Problem "OPS_ALERT_EMAIL is not set: the address told when the app itself is unwell: azd env set OPS_ALERT_EMAIL ops@example.com"
} elseif ($env:OPS_ALERT_EMAIL -notmatch '@.+\.') {
  Problem "OPS_ALERT_EMAIL is not an e-mail address: '$($env:OPS_ALERT_EMAIL)'"
}
if ([bool]$env:OPS_ALERT_SMS_COUNTRY_CODE -ne [bool]$env:OPS_ALERT_SMS_NUMBER) {
  Problem 'OPS_ALERT_SMS_COUNTRY_CODE and OPS_ALERT_SMS_NUMBER go together: set both or neither'
}
$scope = if ($env:LOG_QUERY_SCOPE) { $env:LOG_QUERY_SCOPE } else { 'resource' }
if ($scope -notin @('resource', 'workspace')) { Problem "LOG_QUERY_SCOPE must be 'resource' or 'workspace', not '$scope'" }
$attached = if ($env:ALERTS_WEBHOOK_ATTACHED) { $env:ALERTS_WEBHOOK_ATTACHED } else { 'false' }
if ($attached -notin @('true', 'false')) { Problem "ALERTS_WEBHOOK_ATTACHED must be 'true' or 'false' (the postdeploy hook sets it), not '$attached'" }

# Report links (docs/report-links.md): a stored report must outlive the longest link to it.
$links = if ($env:REPORT_LINKS) { $env:REPORT_LINKS } else { 'false' }
if ($links -cnotin @('true', 'false')) { Problem "REPORT_LINKS must be 'true' or 'false', not '$links'" }
$linkDaysText = if ($env:REPORT_LINK_DAYS) { $env:REPORT_LINK_DAYS } else { '7' }
$linkDays = 7
if ($linkDaysText -match '^[1-7]$') { $linkDays = [int]$linkDaysText }
else { Problem "REPORT_LINK_DAYS must be a whole number of days from 1 to 7 (a user-delegation link lives at most 7 days), not '$linkDaysText'" }
$retentionText = if ($env:REPORT_RETENTION_DAYS) { $env:REPORT_RETENTION_DAYS } else { '30' }
if ($retentionText -notmatch '^[0-9]+$') { Problem "REPORT_RETENTION_DAYS must be a whole number of days from 7 to 3650, not '$retentionText'" }
elseif ($retentionText.Length -gt 4 -or [int]$retentionText -gt 3650) { Problem "REPORT_RETENTION_DAYS must be at most 3650 days, not '$retentionText'" }
elseif ([int]$retentionText -lt $linkDays) { Problem "REPORT_RETENTION_DAYS ($retentionText) is shorter than REPORT_LINK_DAYS ($linkDays): links would answer 404 before they expire" }
elseif ([int]$retentionText -lt 7) { Problem "REPORT_RETENTION_DAYS must be at least 7 (the longest a report link can live), not '$retentionText'" }

if ($problems -gt 0) {
  Write-Error "${script:hook}: $problems problem(s); nothing was created. docs/deploy.md lists every variable."
  exit 1
}
Write-Host "${script:hook}: $position hub(s), inputs look right"
