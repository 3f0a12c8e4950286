package io.iothubtriage.infra;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the POSIX hooks against a fake `az` and `azd` that record every call, to prove what a first deploy, a rerun
 * and a hub list change do, in which order (no Azure needed).
 */
class HookScriptsTest {
    private static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-iot/providers/Microsoft.Devices/IotHubs/";
    private static final String FAKE_AZ = """
            #!/bin/sh
            echo "az $*" >>"$FAKE/calls"
            case "$*" in
              "functionapp function show"*)
                n=$(cat "$FAKE/show" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" >"$FAKE/show"
                [ "$n" -gt "${FAKE_HOST_READY_AFTER:-0}" ] || { echo "ResourceNotFound" >&2; exit 1; }
                echo alerts ;;
              "functionapp function keys list"*) cat "$FAKE/key" 2>/dev/null || true ;;
              "functionapp function keys set"*)
                while [ $# -gt 0 ]; do [ "$1" = "--key-value" ] && printf '%s' "$2" >"$FAKE/key"; shift; done ;;
              "deployment group create"*)
                for a in "$@"; do case "$a" in @*) cp "${a#@}" "$FAKE/parameters"; ls -l "${a#@}" | cut -c1-10 >"$FAKE/mode" ;; esac; done ;;
              "resource list"*) cat "$FAKE/alerts" 2>/dev/null || true ;;
              "role assignment list"*iothubs/*) echo "ra-$(echo "$*" | sed 's/.*iothubs\\/\\([a-z-]*\\).*/\\1/')" ;;
              "role assignment list"*) echo "ra-workspace" ;;
            esac
            exit 0
            """;
    private static final String FAKE_AZD = """
            #!/bin/sh
            echo "azd $*" >>"$FAKE/calls"
            """;

    @TempDir
    Path fake;

    @BeforeEach
    void tools() throws IOException {
        for (Map.Entry<String, String> tool : Map.of("az", FAKE_AZ, "azd", FAKE_AZD).entrySet()) {
            Path p = fake.resolve(tool.getKey());
            Files.writeString(p, tool.getValue());
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private Result run(String script, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "infra/scripts/" + script).redirectErrorStream(true);
        pb.environment().put("PATH", fake + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE", fake.toString());
        pb.environment().put("IOTHUB_TRIAGE_WAIT_SECONDS", "0");
        pb.environment().putAll(env);
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path calls = fake.resolve("calls");
        List<String> lines = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        Files.deleteIfExists(calls);
        return new Result(process.exitValue(), out, lines);
    }

    record Result(int exit, String output, List<String> calls) {
        int index(String prefix) {
            for (int i = 0; i < calls.size(); i++) {
                if (calls.get(i).startsWith(prefix)) {
                    return i;
                }
            }
            return -1;
        }

        long count(String prefix) {
            return calls.stream().filter(c -> c.startsWith(prefix)).count();
        }
    }

    private static Map<String, String> appOutputs() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AZURE_ENV_NAME", "prod");
        env.put("AZURE_RESOURCE_GROUP", "rg-prod");
        env.put("AZURE_FUNCTION_APP_NAME", "func-triage-abc");
        env.put("ACTION_GROUP_NAME", "ag-triage-abc");
        return env;
    }

    @Test
    void firstDeployWaitsForTheHostThenCreatesTheKeyThenAttachesThenRecords() throws Exception {
        Map<String, String> env = appOutputs();
        env.put("FAKE_HOST_READY_AFTER", "2");
        Result first = run("attach-webhook.sh", env);

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.count("az functionapp function show")).isEqualTo(3);
        assertThat(first.output()).contains("waiting for the host to list the function alerts (try 1 of 10");
        int list = first.index("az functionapp function keys list");
        int set = first.index("az functionapp function keys set");
        int deploy = first.index("az deployment group create");
        int record = first.index("azd env set ALERTS_WEBHOOK_ATTACHED true");
        assertThat(first.index("az functionapp function show")).isLessThan(list);
        assertThat(list).isLessThan(set);
        assertThat(set).isLessThan(deploy);
        assertThat(deploy).isLessThan(record);
        assertThat(first.calls().get(set)).contains("--function-name alerts --key-name action-group");
        assertThat(first.calls()).noneMatch(c -> c.startsWith("az functionapp keys"));

        String key = Files.readString(fake.resolve("key"));
        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(Files.readString(fake.resolve("parameters"))).contains("\"alertsFunctionKey\":{\"value\":\"" + key + "\"}");
        assertThat(Files.readString(fake.resolve("mode"))).isEqualTo("-rw-------\n");
        assertThat(first.calls().get(deploy)).contains("--template-file infra/app/action-group.bicep")
                .contains("actionGroupName=ag-triage-abc").doesNotContain(key);
        assertThat(first.output()).doesNotContain(key);

        Result rerun = run("attach-webhook.sh", env);
        assertThat(rerun.exit()).as(rerun.output()).isZero();
        assertThat(rerun.count("az functionapp function keys set")).as("the key is read, not replaced").isZero();
        assertThat(Files.readString(fake.resolve("parameters"))).contains(key);
        assertThat(rerun.index("azd env set ALERTS_WEBHOOK_ATTACHED true")).isGreaterThan(rerun.index("az deployment group create"));
    }

    @Test
    void aHostThatNeverStartsEndsWithAClearLineAndAttachesNothing() throws Exception {
        Map<String, String> env = appOutputs();
        env.put("FAKE_HOST_READY_AFTER", "99");
        env.put("IOTHUB_TRIAGE_WAIT_ATTEMPTS", "3");
        Result r = run("attach-webhook.sh", env);

        assertThat(r.exit()).isNotZero();
        assertThat(r.count("az functionapp function show")).isEqualTo(3);
        assertThat(r.output()).contains("gave up waiting for the host to list the function alerts after 3 tries")
                .contains("attach-webhook: the function app has no 'alerts' function yet");
        assertThat(r.index("az deployment group create")).isEqualTo(-1);
        assertThat(r.index("azd env set")).isEqualTo(-1);
    }

    @Test
    void aHubTakenOffTheListIsUnwiredAndLosesItsAlertsWhileTheOthersStay() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AZURE_ENV_NAME", "prod");
        env.put("AZURE_LOCATION", "westeurope");
        env.put("AZURE_SUBSCRIPTION_ID", "00000000-0000-0000-0000-000000000000");
        env.put("AZURE_RESOURCE_GROUP", "rg-prod");
        env.put("TRIAGE_HUB_RESOURCE_IDS", SUB + "hub-b," + SUB + "hub-c");
        env.put("IOTHUB_TRIAGE_WIRED_HUBS", SUB + "hub-a," + SUB + "HUB-B");
        env.put("TRIAGE_WORKSPACE_RESOURCE_ID", "/subscriptions/0/resourceGroups/rg-prod/providers/Microsoft.OperationalInsights/workspaces/log");
        env.put("TRIAGE_LOG_QUERY_SCOPE", "resource");
        env.put("FUNCTION_PRINCIPAL_ID", "11111111-1111-1111-1111-111111111111");
        env.put("DIAGNOSTIC_SETTING_NAME", "iothub-triage-prod");
        env.put("WIRING_DEPLOYMENT_NAME", "iothub-triage-wiring-prod-abc");
        Files.writeString(fake.resolve("alerts"), "/alerts/hub-a-metric\t" + SUB + "hub-a\n/alerts/hub-b-metric\t" + SUB + "hub-b\n");
        Result r = run("wire-hub.sh", env);

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.calls()).filteredOn(c -> c.startsWith("az monitor diagnostic-settings delete"))
                .containsExactly("az monitor diagnostic-settings delete --name iothub-triage-prod --resource " + SUB.toLowerCase() + "hub-a --only-show-errors");
        assertThat(r.calls()).filteredOn(c -> c.startsWith("az resource delete")).containsExactly("az resource delete --ids /alerts/hub-a-metric --only-show-errors");
        String deploy = r.calls().get(r.index("az deployment sub create"));
        assertThat(deploy).contains("--name iothub-triage-wiring-prod-abc")
                .contains("iotHubResourceIds=" + SUB + "hub-b," + SUB + "hub-c")
                .contains("diagnosticSettingName=iothub-triage-prod").contains("logQueryScope=resource");
        assertThat(r.calls()).filteredOn(c -> c.startsWith("az role assignment delete")).containsExactly(
                "az role assignment delete --ids ra-hub-a --only-show-errors",
                "az role assignment delete --ids ra-workspace --only-show-errors"); // resource mode: no workspace role
        assertThat(r.index("azd env set IOTHUB_TRIAGE_WIRED_HUBS " + SUB + "hub-b," + SUB + "hub-c")).isGreaterThan(r.index("az deployment sub create"));
    }

    @Test
    void inputsAreCheckedBeforeAnythingIsCreated() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IOTHUB_RESOURCE_ID", SUB + "hub-a");
        env.put("CONNECTED_DEVICES_THRESHOLD", "900");
        env.put("CONNECTED_DEVICES_THRESHOLDS", "hub-x=40");
        Result r = run("check-inputs.sh", env);
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("IOTHUB_RESOURCE_IDS is not set (IOTHUB_RESOURCE_ID is no longer read): azd env set IOTHUB_RESOURCE_IDS \"" + SUB + "hub-a\"")
                .contains("CONNECTED_DEVICES_THRESHOLDS: hub 'hub-x' is not in IOTHUB_RESOURCE_IDS")
                .contains("OPS_ALERT_EMAIL is not set")
                .contains("3 problem(s); nothing was created");
        assertThat(r.calls()).isEmpty();

        env.put("IOTHUB_RESOURCE_IDS", SUB + "hub-a, " + SUB + "hub-x");
        env.put("OPS_ALERT_EMAIL", "ops@example.com");
        Result ok = run("check-inputs.sh", env);
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("2 hub(s), inputs look right");
    }

    @Test
    void aReportRetentionShorterThanItsLinksStopsProvisioning() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IOTHUB_RESOURCE_IDS", SUB + "hub-a");
        env.put("CONNECTED_DEVICES_THRESHOLD", "900");
        env.put("OPS_ALERT_EMAIL", "ops@example.com");
        env.put("REPORT_LINKS", "yes");
        env.put("REPORT_LINK_DAYS", "5");
        env.put("REPORT_RETENTION_DAYS", "3");
        Result r = run("check-inputs.sh", env);
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("REPORT_LINKS must be 'true' or 'false', not 'yes'")
                .contains("REPORT_RETENTION_DAYS (3) is shorter than REPORT_LINK_DAYS (5): links would answer 404 before they expire")
                .contains("2 problem(s); nothing was created");

        env.put("REPORT_LINK_DAYS", "8");
        env.put("REPORT_RETENTION_DAYS", "6");
        assertThat(run("check-inputs.sh", env).output()).contains("REPORT_LINK_DAYS must be a whole number of days from 1 to 7")
                .contains("REPORT_RETENTION_DAYS (6) is shorter than REPORT_LINK_DAYS (7)"); // a bad value counts as the longest

        env.put("REPORT_LINK_DAYS", "3");
        env.put("REPORT_RETENTION_DAYS", "5");
        assertThat(run("check-inputs.sh", env).output()).contains("REPORT_RETENTION_DAYS must be at least 7");

        env.put("REPORT_LINKS", "true");
        env.put("REPORT_LINK_DAYS", "7");
        env.put("REPORT_RETENTION_DAYS", "7");
        Result ok = run("check-inputs.sh", env);
        assertThat(ok.exit()).as(ok.output()).isZero();
    }
}
