#!/bin/sh
# azd postdown hook: the app's resource group is gone, so the next `azd up` starts from nothing: provisioning creates
# the action group again (without receiver) and the postdeploy hook attaches the webhook again.
set -u
azd env set ALERTS_WEBHOOK_ATTACHED false
azd env set IOTHUB_TRIAGE_WIRED_HUBS ""
echo "reset-state: done"
