# azd postdown hook (Windows): same as reset-state.sh.
azd env set ALERTS_WEBHOOK_ATTACHED false
azd env set IOTHUB_TRIAGE_WIRED_HUBS ','
Write-Host 'reset-state: done'
