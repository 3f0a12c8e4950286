package io.iothubtriage.cli;

import io.iothubtriage.alert.Durations;

/**
 * What {@code --help} prints: the whole CLI at the top level, one command with {@code COMMAND --help}. Every option
 * is listed with the forms it accepts; the texts fit 100 columns.
 */
final class Help {

    private Help() {
    }

    static final String TOP = """
            iothub-triage: first-ten-minutes triage of Azure IoT Hub connected-device alerts

            Usage:
              iothub-triage triage ...   triage an alert or a time window, from exported files or live from Azure
              iothub-triage doctor ...   check that this identity can read every live source of a hub
              iothub-triage demo ...     run the whole engine on a bundled simulated hub (no Azure needed)
              iothub-triage --version    print the version and the git commit it was built from
              iothub-triage --help       print this; COMMAND --help (or -h) prints one command's options

            Examples:
              iothub-triage triage --alert alert.json --logs connections.json
              iothub-triage triage --hub /subscriptions/…/IotHubs/contoso-hub --lookback 90m
              iothub-triage doctor --hub /subscriptions/…/IotHubs/contoso-hub

            Options of every command:
              --verbose   also print the log records of iothub-triage and the Azure SDK (on stderr)
              -h, --help  print the command's options and exit

            Exit codes: 0 report produced (whatever its verdict), 2 bad input (one line on stderr naming the
            option or file and the problem), 1 anything else (a failed post, a source that needs attention).
            """;

    static final String TRIAGE = """
            iothub-triage triage: triage a hub's connection errors, from exported files or live from Azure

            Usage:
              triage --alert ALERT.json --logs FILE [--logs FILE …] [--health FILE [--health FILE …]]
                     [--metrics FILE] [--changes FILE [--changes FILE …]]
              triage --hub RESOURCE_ID --logs FILE [--logs FILE …] --from TIME --to TIME   (files, no alert)
              triage --hub RESOURCE_ID [--lookback DURATION | --from TIME --to TIME] [--workspace ID]   (live)
              triage --alert ALERT.json [--workspace ID]                         (live, the alert's window)
            With --logs the triage reads files only; without --logs it queries Azure (signed in as with
            'az login', environment variables or a managed identity; see 'doctor').

            What to triage:
              --alert FILE      an Azure Monitor alert in the common alert schema (the JSON an action group
                                posts); sets the hub and the window (30 min before the alert to 5 min after)
              --hub ID          the hub's resource id: /subscriptions/SUB/resourceGroups/RG/providers/
                                Microsoft.Devices/IotHubs/NAME (with --alert, must be the alert's hub)
              --from TIME       start of the window, ISO-8601 in UTC or with an offset: 2026-01-15T10:00:00Z,
              --to TIME         2026-01-15T11:00+01:00, or 2026-01-15 10:00 (taken as UTC). Both or neither;
                                the window may span at most 30 days (live: 7 days). A window that ends
                                after now is cut at now, files or live, and the report says so; a
                                live one that starts after now is refused
              --lookback DUR    live only, without --from/--to: the window ending now, DUR long (default 1h);
                                forms: %s; at most 7 days

            Evidence from files (offline):
              --logs FILE       AzureDiagnostics Connections rows: a Log Analytics API response (JSON), an
                                Azure CLI 'az monitor log-analytics query' array, or the portal's CSV export;
                                gzip allowed; detected from the content; other categories are ignored.
                                Repeatable: rows of several files are merged
              --health FILE     Resource Health JSON: the current status, a list of statuses, or a list of
                                events (repeatable). Without it hub health is a gap in the report
              --metrics FILE    Azure Monitor metrics REST response with connectedDeviceCount and
                                totalDeviceCount. Without it the device count is a gap
              --changes FILE    the hub's change history: 'az monitor activity-log list' JSON, or 'az graph
                                query' JSON over resourcechanges; detected from the content (repeatable)

            Evidence from Azure (live):
              --workspace ID    the Log Analytics workspace id (a GUID, as on the workspace's overview page) to
                                query; default: LOG_ANALYTICS_WORKSPACE_ID, else the hub's own logs
                                (resource-centric query, needs read access to the hub's logs)

            Output:
              --format FORMAT   text (default), markdown, json (the report JSON of docs/triage-contract.md),
                                teams (the Adaptive Card message a Teams Workflows webhook takes), slack (the
                                Block Kit message of a Slack incoming webhook), html (the timeline report: one
                                self-contained page to open in a browser; use with --out report.html)
              --out FILE        write the report to FILE instead of stdout (its folder must exist; it may not be
                                one of the input files)
              --color           colour the text report with ANSI codes (for a terminal)
              --post URL        also post the report to a webhook: a Teams Workflows URL
                                (*.logic.azure.com, *.environment.api.powerplatform.com), a Slack incoming
                                webhook (hooks.slack.com) or any other https URL (the report JSON). Repeatable;
                                the same URL twice is posted once. Each destination gets one 'post …' line on
                                stderr naming it by kind, host and a fingerprint of its path (never the URL)
              --verbose         also print log records (delivery attempts, SDK) on stderr

            Exit codes: 0 report produced, 2 bad input, 1 a post failed or anything unexpected.
            """.formatted(Durations.FORMS);

    static final String DOCTOR = """
            iothub-triage doctor: can this identity read every live source of a hub?

            Usage:
              doctor --hub RESOURCE_ID [--workspace ID]

            Prints one line per check (credential, connection logs, Resource Health, service-health events,
            metrics): OK, MISSING (fix the configuration: the line says which role on which scope, or which
            diagnostic setting) or UNAVAILABLE (the service failed or did not answer in time; try again).

              --hub ID          the hub's resource id: /subscriptions/SUB/resourceGroups/RG/providers/
                                Microsoft.Devices/IotHubs/NAME
              --workspace ID    the Log Analytics workspace id (GUID) to check; default:
                                LOG_ANALYTICS_WORKSPACE_ID, else the hub's own logs (resource-centric)
              --verbose         also print log records of the Azure SDK on stderr

            Sign-in: outside Azure the credential chain is tried in this order: environment variables
            (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH), workload
            identity, managed identity, Azure CLI ('az login'), Azure PowerShell, Azure Developer CLI. In a
            Function App (IDENTITY_ENDPOINT set) only its managed identity (AZURE_CLIENT_ID for a user-assigned
            one). AZURE_CLOUD picks the cloud (AzureCloud, AzureChinaCloud, AzureUSGovernment).

            Exit codes: 0 every check OK, 2 bad input, 1 a check needs attention.
            """;

    static final String DEMO = """
            iothub-triage demo: the whole engine on a bundled simulated hub, no Azure and no network needed

            A fleet of 1,000 devices with hourly SAS renewals and background churn, in which the site behind
            203.0.113.XXX loses its network. Prints the report on stdout and writes the webhook payloads.

            Usage:
              demo [--scenario NAME] [--format FORMAT] [--color] [--out-dir DIR]

              --scenario NAME   run another bundled scenario instead, e.g. disable-local-auth (a user
                                switches local authentication off), no-diagnostic-logs, throttling; an unknown
                                name lists them all
              --format FORMAT   text (default), markdown, json, teams, slack or html (as for 'triage --help')
              --color           colour the text report with ANSI codes
              --out-dir DIR     the folder for teams.json (a Teams Workflows webhook body), slack.json (a Slack
                                incoming webhook body), report.json (the report JSON) and report.html (the
                                timeline report); created if missing;
                                default: iothub-triage-demo in the current folder
              --verbose         also print log records on stderr

            Exit codes: 0 done, 2 bad input (e.g. --out-dir names a file), 1 the payloads could not be written.
            """;

    /** The help of {@code command}, or the top-level help for an unknown one. */
    static String of(String command) {
        return switch (command) {
            case "triage" -> TRIAGE;
            case "doctor" -> DOCTOR;
            case "demo" -> DEMO;
            default -> TOP;
        };
    }
}
