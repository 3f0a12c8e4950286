#!/bin/sh
# azd preprovision hook: checks this environment's inputs before anything is created. Prints one line per problem
# (naming the variable and what is wrong) and fails if there is any; azd then stops before provisioning.
set -uf
hook=check-inputs
problems=0
problem() {
  echo "$hook: $*" >&2
  problems=$((problems + 1))
}
hub_id='^/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[^/]+/providers/Microsoft\.Devices/IotHubs/[A-Za-z0-9-]{3,50}$'

hubs="${IOTHUB_RESOURCE_IDS:-}"
if [ -z "$hubs" ]; then
  if [ -n "${IOTHUB_RESOURCE_ID:-}" ]; then
    problem "IOTHUB_RESOURCE_IDS is not set (IOTHUB_RESOURCE_ID is no longer read): azd env set IOTHUB_RESOURCE_IDS \"$IOTHUB_RESOURCE_ID\""
  else
    problem "IOTHUB_RESOURCE_IDS is not set: azd env set IOTHUB_RESOURCE_IDS '/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Devices/IotHubs/<hub>' (several: comma-separated)"
  fi
fi
names=""
position=0
for id in $(printf '%s' "$hubs" | tr ',' ' '); do
  position=$((position + 1))
  if ! printf '%s\n' "$id" | grep -Eq "$hub_id"; then
    problem "IOTHUB_RESOURCE_IDS: entry $position ('$id') is not an IoT hub resource id (/subscriptions/<guid>/resourceGroups/<rg>/providers/Microsoft.Devices/IotHubs/<name>)"
    continue
  fi
  name=$(printf '%s' "${id##*/}" | tr 'A-Z' 'a-z')
  case " $names " in
    *" $name "*) problem "IOTHUB_RESOURCE_IDS: hub $name is listed twice" ;;
  esac
  names="$names $name"
done

threshold="${CONNECTED_DEVICES_THRESHOLD:-}"
case "$threshold" in
  '') problem "CONNECTED_DEVICES_THRESHOLD is not set: the alert fires when a hub's connected-device count drops below it (e.g. 90% of the devices normally connected): azd env set CONNECTED_DEVICES_THRESHOLD 900" ;;
  *[!0-9]*) problem "CONNECTED_DEVICES_THRESHOLD must be a whole number of devices, not '$threshold'" ;;
esac

for entry in $(printf '%s' "${CONNECTED_DEVICES_THRESHOLDS:-}" | tr ',' ' '); do
  name=$(printf '%s' "${entry%%=*}" | tr 'A-Z' 'a-z')
  value=${entry#*=}
  if [ "$entry" = "$name" ] || [ -z "$value" ] || [ -n "$(printf '%s' "$value" | tr -d '0-9')" ]; then
    problem "CONNECTED_DEVICES_THRESHOLDS: entry '$entry' is not <hub name>=<whole number>"
    continue
  fi
  case " $names " in
    *" $name "*) ;;
    *) problem "CONNECTED_DEVICES_THRESHOLDS: hub '$name' is not in IOTHUB_RESOURCE_IDS" ;;
  esac
done

case "${OPS_ALERT_EMAIL:-}" in
  '') problem "OPS_ALERT_EMAIL is not set: the address told when the app itself is unwell: azd env set OPS_ALERT_EMAIL ops@example.com" ;;
  *@*.*) ;;
  *) problem "OPS_ALERT_EMAIL is not an e-mail address: '${OPS_ALERT_EMAIL}'" ;;
esac
if { [ -n "${OPS_ALERT_SMS_COUNTRY_CODE:-}" ] && [ -z "${OPS_ALERT_SMS_NUMBER:-}" ]; } \
  || { [ -z "${OPS_ALERT_SMS_COUNTRY_CODE:-}" ] && [ -n "${OPS_ALERT_SMS_NUMBER:-}" ]; }; then
  problem "OPS_ALERT_SMS_COUNTRY_CODE and OPS_ALERT_SMS_NUMBER go together: set both or neither"
fi

case "${LOG_QUERY_SCOPE:-resource}" in
  resource | workspace) ;;
  *) problem "LOG_QUERY_SCOPE must be 'resource' or 'workspace', not '${LOG_QUERY_SCOPE}'" ;;
esac
case "${ALERTS_WEBHOOK_ATTACHED:-false}" in
  true | false) ;;
  *) problem "ALERTS_WEBHOOK_ATTACHED must be 'true' or 'false' (the postdeploy hook sets it), not '${ALERTS_WEBHOOK_ATTACHED}'" ;;
esac

# Report links (docs/report-links.md): a stored report must outlive the longest link to it.
case "${REPORT_LINKS:-false}" in
  true | false) ;;
  *) problem "REPORT_LINKS must be 'true' or 'false', not '${REPORT_LINKS}'" ;;
esac
link_days="${REPORT_LINK_DAYS:-7}"
case "$link_days" in
  [1-7]) ;;
  *) problem "REPORT_LINK_DAYS must be a whole number of days from 1 to 7 (a user-delegation link lives at most 7 days), not '$link_days'"
     link_days=7 ;;
esac
retention="${REPORT_RETENTION_DAYS:-30}"
case "$retention" in
  '' | *[!0-9]*) problem "REPORT_RETENTION_DAYS must be a whole number of days from 7 to 3650, not '$retention'" ;;
  *)
    if [ "${#retention}" -gt 4 ] || [ "$retention" -gt 3650 ]; then
      problem "REPORT_RETENTION_DAYS must be at most 3650 days, not '$retention'"
    elif [ "$retention" -lt "$link_days" ]; then
      problem "REPORT_RETENTION_DAYS ($retention) is shorter than REPORT_LINK_DAYS ($link_days): links would answer 404 before they expire"
    elif [ "$retention" -lt 7 ]; then
      problem "REPORT_RETENTION_DAYS must be at least 7 (the longest a report link can live), not '$retention'"
    fi ;;
esac

if [ "$problems" -gt 0 ]; then
  echo "$hook: $problems problem(s); nothing was created. docs/deploy.md lists every variable." >&2
  exit 1
fi
echo "$hook: $position hub(s), inputs look right"
