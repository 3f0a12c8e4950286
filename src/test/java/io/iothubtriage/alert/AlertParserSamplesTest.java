package io.iothubtriage.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.iothubtriage.alert.Payloads.APP_INSIGHTS;
import static io.iothubtriage.alert.Payloads.CONTOSO;
import static io.iothubtriage.alert.Payloads.HUB;
import static io.iothubtriage.alert.Payloads.PROMETHEUS_WORKSPACE;
import static io.iothubtriage.alert.Payloads.SAMPLES;
import static io.iothubtriage.alert.Payloads.STORAGE;
import static io.iothubtriage.alert.Payloads.SUBSCRIPTION;
import static io.iothubtriage.alert.Payloads.VM;
import static io.iothubtriage.alert.Payloads.WEB_TEST;
import static io.iothubtriage.alert.Payloads.WORKSPACE;
import static io.iothubtriage.alert.Payloads.essentials;
import static io.iothubtriage.alert.Payloads.parse;
import static io.iothubtriage.alert.Payloads.rejection;
import static io.iothubtriage.alert.Payloads.sample;
import static io.iothubtriage.alert.Payloads.wrap;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every published sample payload, one test each (two when it makes sense on an IoT hub and on the resource it was
 * published for). The {@code *.alertContext.json} samples hold only the context: each is wrapped in essentials
 * of its monitoring service and signal type.
 */
class AlertParserSamplesTest {

    private static final String NO_HUB_ON_VM =
            "data.essentials.alertTargetIDs: no IoT hub among the targets (found microsoft.compute/virtualmachines)";
    private static final String LOG_HINT = "; a log alert on a workspace must split by the _ResourceId dimension";

    /** When the wrapped samples fire; the windows follow from it. */
    private static final String FIRED = "2019-03-22T13:46:00Z";

    @Test
    void everySampleFileHasItsOwnTestHere() throws IOException {
        Set<String> covered = Set.of(
                "activitylog-administrative.alertContext.json",
                "activitylog-security.alertContext.json",
                "common-schema-metric-static-resolved.full.json",
                "log-alerts-v2-fired.alertContext.json",
                "log-search-v1-appinsights.alertContext.json",
                "log-search-v1-loganalytics.alertContext.json",
                "metric-dynamic-fired.alertContext.json",
                "metric-static-fired.alertContext.json",
                "metric-webtest-availability.alertContext.json",
                "payload-samples-metric-static-resolved.full.json",
                "prometheus.alertContext.json",
                "resourcehealth-activated.alertContext.json",
                "servicehealth-maintenance.alertContext.common-schema-doc.json",
                "servicehealth-maintenance.alertContext.payload-samples-doc.json",
                "simple-log-alert.alertContext.json");
        try (Stream<Path> files = Files.list(SAMPLES)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .as("a new sample needs a test with its expected outcome")
                    .isEqualTo(covered);
        }
    }

    // --- full payloads -------------------------------------------------------------------------------------

    @Test
    void commonSchemaMetricStaticResolved_asPublished_isAboutAVirtualMachine() {
        String json = sample("common-schema-metric-static-resolved.full.json").toString();
        assertThat(rejection(json)).hasMessage(NO_HUB_ON_VM);
    }

    @Test
    void commonSchemaMetricStaticResolved_onAHub_isResolvedWithItsCriterion() throws BadInputException {
        ObjectNode payload = sample("common-schema-metric-static-resolved.full.json");
        onHub(payload);

        TriageRequest r = parse(payload.toString());

        assertThat(r.hub()).isEqualTo(CONTOSO);
        assertThat(r.window().start()).isEqualTo("2019-03-22T13:28:24.3713213Z");
        assertThat(r.window().end()).isEqualTo("2019-03-22T14:03:24.3713213Z");
        assertThat(r.baseline().start()).isEqualTo("2019-03-21T13:28:24.3713213Z");
        assertThat(r.baseline().end()).isEqualTo(r.window().start());
        AlertIdentity a = r.alert().orElseThrow();
        assertThat(a.alertId()).isEqualTo(
                "/subscriptions/<subscription ID>/providers/Microsoft.AlertsManagement/alerts/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e");
        assertThat(a.rule()).isEqualTo("WCUS-R2-Gen2");
        assertThat(a.severity()).isEqualTo("Sev3");
        assertThat(a.condition()).isEqualTo(MonitorCondition.RESOLVED);
        assertThat(a.firedAt()).isEqualTo("2019-03-22T13:58:24.3713213Z");
        assertThat(a.resolvedAt()).contains(Instant.parse("2019-03-22T14:03:16.2246313Z"));
        assertThat(a.signalType()).isEqualTo("Metric");
        assertThat(a.monitoringService()).isEqualTo("Platform");
        assertThat(a.description()).isEmpty();
        MetricCondition m = a.metric().orElseThrow();
        assertThat(m.name()).isEqualTo("Percentage CPU");
        assertThat(m.operator()).isEqualTo("GreaterThan");
        assertThat(m.timeAggregation()).isEqualTo("Average");
        assertThat(m.threshold()).hasValue(25.0);
        assertThat(m.value()).hasValue(7.727);
    }

    @Test
    void commonSchemaMetricStaticResolved_withoutRuleName_takesItFromAlertRuleId() throws BadInputException {
        ObjectNode payload = sample("common-schema-metric-static-resolved.full.json");
        onHub(payload);
        ((ObjectNode) payload.at("/data/essentials")).remove("alertRule");

        assertThat(parse(payload.toString()).alert().orElseThrow().rule()).isEqualTo("WCUS-R2-Gen2");
    }

    @Test
    void payloadSamplesMetricStaticResolved_asPublished_isAboutAVirtualMachine() {
        String json = sample("payload-samples-metric-static-resolved.full.json").toString();
        assertThat(rejection(json)).hasMessage(NO_HUB_ON_VM);
    }

    @Test
    void payloadSamplesMetricStaticResolved_onAHub_parsesWithoutAlertRuleId() throws BadInputException {
        ObjectNode payload = sample("payload-samples-metric-static-resolved.full.json");
        onHub(payload);

        TriageRequest r = parse(payload.toString());

        assertThat(r.hub()).isEqualTo(CONTOSO);
        AlertIdentity a = r.alert().orElseThrow();
        assertThat(a.rule()).isEqualTo("WCUS-R2-Gen2");
        assertThat(a.condition()).isEqualTo(MonitorCondition.RESOLVED);
        assertThat(a.resolvedAt()).contains(Instant.parse("2019-03-22T14:03:16.2246313Z"));
        assertThat(a.metric().orElseThrow().value()).hasValue(7.727);
        assertThat(r.window().start()).isEqualTo("2019-03-22T13:28:24.3713213Z");
    }

    // --- metric contexts -----------------------------------------------------------------------------------

    @Test
    void metricStaticFired_onAVirtualMachine_isRejected() {
        String json = wrap(essentials("Platform", "Metric", "Fired", FIRED, VM), sample("metric-static-fired.alertContext.json"));
        assertThat(rejection(json)).hasMessage(NO_HUB_ON_VM);
    }

    @Test
    void metricStaticFired_onAHub_parsesCriterionAndIgnoresTheGuidResourceIdDimension() throws BadInputException {
        String json = wrap(essentials("Platform", "Metric", "Fired", FIRED, HUB), sample("metric-static-fired.alertContext.json"));

        TriageRequest r = parse(json);

        assertThat(r.hub()).isEqualTo(CONTOSO);
        assertWindowsAroundFired(r);
        AlertIdentity a = r.alert().orElseThrow();
        assertThat(a.condition()).isEqualTo(MonitorCondition.FIRED);
        assertThat(a.resolvedAt()).isEmpty();
        assertThat(a.metric()).contains(new MetricCondition("Percentage CPU", "GreaterThan", "Average",
                java.util.OptionalDouble.of(25), java.util.OptionalDouble.of(31.1105)));
    }

    @Test
    void metricDynamicFired_onAStorageAccount_isRejected() {
        String json = wrap(essentials("Platform", "Metric", "Fired", FIRED, STORAGE), sample("metric-dynamic-fired.alertContext.json"));
        assertThat(rejection(json)).hasMessage(
                "data.essentials.alertTargetIDs: no IoT hub among the targets (found microsoft.storage/storageaccounts)");
    }

    @Test
    void metricDynamicFired_onAHub_takesTheComputedThreshold() throws BadInputException {
        String json = wrap(essentials("Platform", "Metric", "Fired", FIRED, HUB), sample("metric-dynamic-fired.alertContext.json"));

        MetricCondition m = parse(json).alert().orElseThrow().metric().orElseThrow();

        assertThat(m.name()).isEqualTo("Egress");
        assertThat(m.operator()).isEqualTo("GreaterThan");
        assertThat(m.timeAggregation()).isEqualTo("Total");
        assertThat(m.threshold()).hasValue(47658);
        assertThat(m.value()).hasValue(50101);
    }

    @Test
    void metricWebtestAvailability_isAboutAnAvailabilityTest() {
        String json = wrap(essentials("Platform", "Metric", "Fired", FIRED, WEB_TEST, APP_INSIGHTS),
                sample("metric-webtest-availability.alertContext.json"));
        assertThat(rejection(json)).hasMessage("data.essentials.alertTargetIDs: no IoT hub among the targets"
                + " (found microsoft.insights/webtests, microsoft.insights/components)");
    }

    @Test
    void prometheus_isAboutAnAzureMonitorWorkspace() {
        String json = wrap(essentials("Prometheus", "Metric", "Fired", FIRED, PROMETHEUS_WORKSPACE),
                sample("prometheus.alertContext.json"));
        assertThat(rejection(json)).hasMessage(
                "data.essentials.alertTargetIDs: no IoT hub among the targets (found microsoft.monitor/accounts)");
    }

    // --- log contexts --------------------------------------------------------------------------------------

    @Test
    void logAlertsV2Fired_onAVirtualMachine_isRejectedWithTheDimensionHint() {
        String json = wrap(essentials("Log Alerts V2", "Log", "Fired", FIRED, VM), sample("log-alerts-v2-fired.alertContext.json"));
        assertThat(rejection(json)).hasMessage(NO_HUB_ON_VM + LOG_HINT);
    }

    @Test
    void logAlertsV2Fired_onAHub_reportsTheMeasure() throws BadInputException {
        String json = wrap(essentials("Log Alerts V2", "Log", "Fired", FIRED, HUB), sample("log-alerts-v2-fired.alertContext.json"));

        TriageRequest r = parse(json);

        assertThat(r.hub()).isEqualTo(CONTOSO);
        assertWindowsAroundFired(r);
        assertThat(r.alert().orElseThrow().metric()).contains(new MetricCondition("CounterValue", "LowerThan", "Count",
                java.util.OptionalDouble.of(1), java.util.OptionalDouble.of(0)));
    }

    @Test
    void logSearchV1AppInsights_isAboutAnApplicationInsightsComponent() {
        String json = wrap(essentials("Application Insights", "Log", "Fired", FIRED, APP_INSIGHTS),
                sample("log-search-v1-appinsights.alertContext.json"));
        assertThat(rejection(json)).hasMessage("data.essentials.alertTargetIDs: no IoT hub among the targets"
                + " (found microsoft.insights/components)" + LOG_HINT);
    }

    @Test
    void logSearchV1LogAnalytics_onAWorkspace_isRejected() {
        String json = wrap(essentials("Log Analytics", "Log", "Fired", FIRED, WORKSPACE),
                sample("log-search-v1-loganalytics.alertContext.json"));
        assertThat(rejection(json)).hasMessage("data.essentials.alertTargetIDs: no IoT hub among the targets"
                + " (found microsoft.operationalinsights/workspaces)" + LOG_HINT);
    }

    @Test
    void logSearchV1LogAnalytics_splitByResourceId_namesTheHub() throws BadInputException {
        ObjectNode context = sample("log-search-v1-loganalytics.alertContext.json");
        ((com.fasterxml.jackson.databind.node.ArrayNode) context.at("/alertContext/Dimensions")).addObject()
                .put("name", "_ResourceId").put("value", HUB.toUpperCase());
        String json = wrap(essentials("Log Analytics", "Log", "Fired", FIRED, WORKSPACE), context);

        TriageRequest r = parse(json);

        assertThat(r.hub()).isEqualTo(CONTOSO);
        assertWindowsAroundFired(r);
        MetricCondition m = r.alert().orElseThrow().metric().orElseThrow();
        assertThat(m.operator()).isEqualTo("LessThan");
        assertThat(m.threshold()).hasValue(10000);
        assertThat(m.value()).as("a metric-measurement alert carries no single value").isEmpty();
    }

    @Test
    void simpleLogAlert_onApplicationInsights_isRejected() {
        String json = wrap(essentials("Simple Log Alert", "Log", "Fired", FIRED, APP_INSIGHTS),
                sample("simple-log-alert.alertContext.json"));
        assertThat(rejection(json)).hasMessage("data.essentials.alertTargetIDs: no IoT hub among the targets"
                + " (found microsoft.insights/components)" + LOG_HINT);
    }

    @Test
    void simpleLogAlert_onAHub_hasNoCriterionToReport() throws BadInputException {
        String json = wrap(essentials("Simple Log Alert", "Log", "Fired", FIRED, HUB), sample("simple-log-alert.alertContext.json"));

        TriageRequest r = parse(json);

        assertThat(r.hub()).isEqualTo(CONTOSO);
        assertThat(r.alert().orElseThrow().metric()).isEmpty();
        assertThat(r.alert().orElseThrow().monitoringService()).isEqualTo("Simple Log Alert");
    }

    // --- activity-log contexts -----------------------------------------------------------------------------

    @Test
    void activityLogAdministrative_onAVirtualMachine_isRejected() {
        String json = wrap(essentials("Activity Log - Administrative", "Activity Log", "Fired", FIRED, VM),
                sample("activitylog-administrative.alertContext.json"));
        assertThat(rejection(json)).hasMessage(NO_HUB_ON_VM);
    }

    @Test
    void activityLogAdministrative_onAHub_isAccepted() throws BadInputException {
        String json = wrap(essentials("Activity Log - Administrative", "Activity Log", "Fired", FIRED, HUB),
                sample("activitylog-administrative.alertContext.json"));

        TriageRequest r = parse(json);

        assertThat(r.hub()).isEqualTo(CONTOSO);
        assertWindowsAroundFired(r);
        assertThat(r.alert().orElseThrow().metric()).isEmpty();
        assertThat(r.alert().orElseThrow().monitoringService()).isEqualTo("Activity Log - Administrative");
    }

    @Test
    void activityLogSecurity_onAVirtualMachine_isRejected() {
        String json = wrap(essentials("Activity Log - Security", "Activity Log", "Fired", FIRED, VM),
                sample("activitylog-security.alertContext.json"));
        assertThat(rejection(json)).hasMessage(NO_HUB_ON_VM);
    }

    @Test
    void resourceHealthActivated_onAHub_isAcceptedAndTheServiceNameNormalised() throws BadInputException {
        // "Resource Health" with a space is how the test-action-group payload spells it
        String json = wrap(essentials("Resource Health", "Activity Log", "Fired", FIRED, HUB),
                sample("resourcehealth-activated.alertContext.json"));

        TriageRequest r = parse(json);

        assertThat(r.hub()).isEqualTo(CONTOSO);
        assertWindowsAroundFired(r);
        AlertIdentity a = r.alert().orElseThrow();
        assertThat(a.monitoringService()).isEqualTo("ResourceHealth");
        assertThat(a.signalType()).isEqualTo("Activity Log");
        assertThat(a.metric()).isEmpty();
    }

    @Test
    void resourceHealthActivated_onAVirtualMachine_isRejected() {
        String json = wrap(essentials("ResourceHealth", "Activity Log", "Fired", FIRED, VM),
                sample("resourcehealth-activated.alertContext.json"));
        assertThat(rejection(json)).hasMessage(NO_HUB_ON_VM);
    }

    @Test
    void serviceHealthMaintenance_commonSchemaDoc_namesNoHub() {
        String json = wrap(essentials("ServiceHealth", "Activity Log", "Fired", FIRED, SUBSCRIPTION),
                sample("servicehealth-maintenance.alertContext.common-schema-doc.json"));
        assertThat(rejection(json)).hasMessage("data.essentials.alertTargetIDs: a Service Health alert names no IoT hub"
                + " (Maintenance \"Azure Synapse Analytics Scheduled Maintenance Pending\" for Azure Synapse Analytics"
                + " in East US); it does not concern IoT Hub");
    }

    @Test
    void serviceHealthMaintenance_payloadSamplesDoc_withIntegerEventSourceAndLevel_namesNoHub() {
        // the test-action-group spelling "ActivityLog"; eventSource 2 and level 3 are integers in this sample
        String json = wrap(essentials("ServiceHealth", "ActivityLog", "Fired", FIRED, SUBSCRIPTION),
                sample("servicehealth-maintenance.alertContext.payload-samples-doc.json"));
        assertThat(rejection(json)).hasMessage("data.essentials.alertTargetIDs: a Service Health alert names no IoT hub"
                + " (Maintenance \"Azure Synapse Analytics Scheduled Maintenance Pending\" for Azure Synapse Analytics"
                + " in East US); it does not concern IoT Hub");
    }

    @Test
    void serviceHealthMaintenance_payloadSamplesDoc_thatNamesAHub_isAccepted() throws BadInputException {
        String json = wrap(essentials("ServiceHealth", "ActivityLog", "Fired", FIRED, SUBSCRIPTION, HUB),
                sample("servicehealth-maintenance.alertContext.payload-samples-doc.json"));

        TriageRequest r = parse(json);

        assertThat(r.hub()).isEqualTo(CONTOSO);
        assertThat(r.alert().orElseThrow().signalType()).isEqualTo("Activity Log");
        assertThat(r.alert().orElseThrow().monitoringService()).isEqualTo("ServiceHealth");
    }

    // -------------------------------------------------------------------------------------------------------

    private static void onHub(ObjectNode fullPayload) {
        ((ObjectNode) fullPayload.at("/data/essentials")).putArray("alertTargetIDs").add(HUB);
    }

    /** FIRED 13:46 → analysis 13:16–13:51, baseline the 24 h before 13:16. */
    private static void assertWindowsAroundFired(TriageRequest r) {
        assertThat(r.window()).isEqualTo(new TimeWindow(Instant.parse("2019-03-22T13:16:00Z"), Instant.parse("2019-03-22T13:51:00Z")));
        assertThat(r.baseline()).isEqualTo(new TimeWindow(Instant.parse("2019-03-21T13:16:00Z"), Instant.parse("2019-03-22T13:16:00Z")));
        assertThat(r.alert().orElseThrow().firedAt()).isEqualTo(FIRED);
    }
}
