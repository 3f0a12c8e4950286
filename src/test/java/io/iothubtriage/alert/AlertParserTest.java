package io.iothubtriage.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.Random;

import static io.iothubtriage.alert.Payloads.CONTOSO;
import static io.iothubtriage.alert.Payloads.FABRIKAM;
import static io.iothubtriage.alert.Payloads.HUB;
import static io.iothubtriage.alert.Payloads.HUB_B;
import static io.iothubtriage.alert.Payloads.JSON;
import static io.iothubtriage.alert.Payloads.SUB;
import static io.iothubtriage.alert.Payloads.SUBSCRIPTION;
import static io.iothubtriage.alert.Payloads.WORKSPACE;
import static io.iothubtriage.alert.Payloads.essentials;
import static io.iothubtriage.alert.Payloads.parse;
import static io.iothubtriage.alert.Payloads.rejection;
import static io.iothubtriage.alert.Payloads.resource;
import static io.iothubtriage.alert.Payloads.sample;
import static io.iothubtriage.alert.Payloads.text;
import static io.iothubtriage.alert.Payloads.wrap;
import static org.assertj.core.api.Assertions.assertThat;

class AlertParserTest {

    private static final String FIRED_FILE = "iothub-connected-devices-fired.json";

    @Nested
    class ConnectedDevicesAlert {

        @Test
        void firedAlertBecomesARequestForThatHub() throws BadInputException {
            TriageRequest r = parse(text(FIRED_FILE));

            assertThat(r.hub()).isEqualTo(CONTOSO);
            assertThat(r.hub().resourceId()).isEqualTo("/subscriptions/" + SUB
                    + "/resourceGroups/iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub");
            assertThat(r.window().start()).isEqualTo("2026-01-15T10:11:07.3713213Z");
            assertThat(r.window().end()).isEqualTo("2026-01-15T10:46:07.3713213Z");
            assertThat(r.baseline().start()).isEqualTo("2026-01-14T10:11:07.3713213Z");
            assertThat(r.baseline().end()).isEqualTo("2026-01-15T10:11:07.3713213Z");
            AlertIdentity a = r.alert().orElseThrow();
            assertThat(a.alertId()).isEqualTo("/subscriptions/" + SUB
                    + "/providers/Microsoft.AlertsManagement/alerts/6c1f0e2a-93b4-4d5e-8f7a-1b2c3d4e5f60");
            assertThat(a.rule()).isEqualTo("contoso-hub-connected-devices-low");
            assertThat(a.severity()).isEqualTo("Sev2");
            assertThat(a.condition()).isEqualTo(MonitorCondition.FIRED);
            assertThat(a.firedAt()).isEqualTo("2026-01-15T10:41:07.3713213Z");
            assertThat(a.resolvedAt()).isEmpty();
            assertThat(a.signalType()).isEqualTo("Metric");
            assertThat(a.monitoringService()).isEqualTo("Platform");
            assertThat(a.description()).isEqualTo("Connected devices fell below 900");
            assertThat(a.metric()).contains(new MetricCondition("connectedDeviceCount", "LessThan", "Minimum",
                    OptionalDouble.of(900), OptionalDouble.of(611)));
        }

        @Test
        void resolvedAlertKeepsTheFiredWindowAndAddsTheResolutionTime() throws BadInputException {
            TriageRequest r = parse(text("iothub-connected-devices-resolved.json"));

            assertThat(r.hub()).isEqualTo(CONTOSO);
            assertThat(r.window().start()).isEqualTo("2026-01-15T10:11:07.3713213Z");
            AlertIdentity a = r.alert().orElseThrow();
            assertThat(a.condition()).isEqualTo(MonitorCondition.RESOLVED);
            assertThat(a.resolvedAt()).contains(Instant.parse("2026-01-15T10:58:12.2246313Z"));
            assertThat(a.metric().orElseThrow().value()).hasValue(1187);
        }

        @Test
        void resolvedDateTimeOnAFiredAlertIsIgnored() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("resolvedDateTime", "2026-01-15T10:58:12Z");
            assertThat(parse(p.toString()).alert().orElseThrow().resolvedAt()).isEmpty();
        }

        @Test
        void resolvedBeforeFiredIsRejected() {
            ObjectNode p = resource("iothub-connected-devices-resolved.json");
            essentialsOf(p).put("resolvedDateTime", "2026-01-15T10:00:00Z");
            assertThat(rejection(p.toString())).hasMessage("data.essentials.resolvedDateTime:"
                    + " 2026-01-15T10:00:00Z is before firedDateTime 2026-01-15T10:41:07.371321300Z");
        }

        @Test
        void connectedDeviceCountIsPreferredAmongSeveralCriteria() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            ArrayNode allOf = (ArrayNode) p.at("/data/alertContext/condition/allOf");
            ObjectNode other = allOf.insertObject(0);
            other.put("metricName", "d2c.telemetry.ingress.success").put("operator", "LessThan")
                    .put("threshold", "100").put("timeAggregation", "Total").put("metricValue", 3);
            assertThat(parse(p.toString()).alert().orElseThrow().metric().orElseThrow().name())
                    .isEqualTo("connectedDeviceCount");
        }

        @Test
        void windowMath_fired1041_gives1011to1046_andTheDayBefore1011AsBaseline() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("firedDateTime", "2026-01-15T10:41:00Z");

            TriageRequest r = parse(p.toString());

            assertThat(r.window()).isEqualTo(window("2026-01-15T10:11:00Z", "2026-01-15T10:46:00Z"));
            assertThat(r.baseline()).isEqualTo(window("2026-01-14T10:11:00Z", "2026-01-15T10:11:00Z"));
        }

        @Test
        void theWindowFollowsThePolicy() throws BadInputException {
            WindowPolicy policy = new WindowPolicy(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofDays(7));
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("firedDateTime", "2026-01-15T10:41:00Z");

            TriageRequest r = AlertParser.parse(p.toString(), policy);

            assertThat(r.window()).isEqualTo(window("2026-01-15T09:41:00Z", "2026-01-15T10:51:00Z"));
            assertThat(r.baseline()).isEqualTo(window("2026-01-08T09:41:00Z", "2026-01-15T09:41:00Z"));
        }
    }

    @Nested
    class Quirks {

        @Test
        void lowerCasedTargetIsTheSameHubAsTheUpperCasedOneInLogs() throws BadInputException {
            HubId fromAlert = parse(text(FIRED_FILE)).hub();
            HubId fromLogs = HubId.parse("/SUBSCRIPTIONS/" + SUB.toUpperCase()
                    + "/RESOURCEGROUPS/IOT-PROD-RG/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/CONTOSO-HUB");

            assertThat(fromAlert).isEqualTo(fromLogs).hasSameHashCodeAs(fromLogs);
            assertThat(fromAlert.resourceId()).contains("/resourceGroups/", "/providers/Microsoft.Devices/IotHubs/");
        }

        @Test
        void numbersAsStringsAndStringsAsNumbers() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            ObjectNode criterion = (ObjectNode) p.at("/data/alertContext/condition/allOf/0");
            criterion.put("threshold", 900.5);       // a number where the schema has a string
            criterion.put("metricValue", " 611 ");  // a string where the schema has a number
            essentialsOf(p).put("severity", 2);

            AlertIdentity a = parse(p.toString()).alert().orElseThrow();

            assertThat(a.metric().orElseThrow().threshold()).hasValue(900.5);
            assertThat(a.metric().orElseThrow().value()).hasValue(611);
            assertThat(a.severity()).isEqualTo("Sev2");
        }

        @Test
        void exponentNotationIsANumber() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            ((ObjectNode) p.at("/data/alertContext/condition/allOf/0")).put("threshold", "9E2");
            assertThat(parse(p.toString()).alert().orElseThrow().metric().orElseThrow().threshold()).hasValue(900);
        }

        @Test
        void aThresholdThatIsNotANumberIsRejectedWithItsPath() {
            ObjectNode p = resource(FIRED_FILE);
            ((ObjectNode) p.at("/data/alertContext/condition/allOf/0")).put("threshold", "nine hundred");
            assertThat(rejection(p.toString())).hasMessage(
                    "data.alertContext.condition.allOf[0].threshold: not a number: \"nine hundred\"");
        }

        @Test
        void nullAndMissingOptionalFieldsAreFine() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            ObjectNode e = essentialsOf(p);
            e.putNull("severity");
            e.remove("alertRule");
            e.remove("alertRuleID");
            e.remove("description");
            e.remove("signalType");
            e.remove("configurationItems");
            ((ObjectNode) p.at("/data/alertContext/condition/allOf/0")).putNull("metricValue").remove("timeAggregation");

            AlertIdentity a = parse(p.toString()).alert().orElseThrow();

            assertThat(a.severity()).isEmpty();
            assertThat(a.rule()).isEmpty();
            assertThat(a.description()).isEmpty();
            assertThat(a.signalType()).isEmpty();
            assertThat(a.metric()).contains(new MetricCondition("connectedDeviceCount", "LessThan", "",
                    OptionalDouble.of(900), OptionalDouble.empty()));
        }

        @Test
        void withoutAnAlertContextOnlyTheMetricIsMissing() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            ((ObjectNode) p.get("data")).remove("alertContext");

            TriageRequest r = parse(p.toString());

            assertThat(r.hub()).isEqualTo(CONTOSO);
            assertThat(r.alert().orElseThrow().metric()).isEmpty();
        }

        @Test
        void legacyDateTimeIsAccepted() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("firedDateTime", "1/15/2026 10:41:00 AM");
            assertThat(parse(p.toString()).alert().orElseThrow().firedAt()).isEqualTo("2026-01-15T10:41:00Z");
        }

        @Test
        void alertRuleIdSpelledEitherWayNamesTheRule() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            ObjectNode e = essentialsOf(p);
            e.remove("alertRule");
            assertThat(parse(p.toString()).alert().orElseThrow().rule()).isEqualTo("contoso-hub-connected-devices-low");

            e.set("alertRuleId", e.remove("alertRuleID"));
            assertThat(parse(p.toString()).alert().orElseThrow().rule()).isEqualTo("contoso-hub-connected-devices-low");
        }

        @Test
        void fieldNamesInAnotherCaseAreFound() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            ObjectNode e = essentialsOf(p);
            e.set("alertTargetIds", e.remove("alertTargetIDs"));
            e.put("monitorCondition", "fired");
            assertThat(parse(p.toString()).hub()).isEqualTo(CONTOSO);
        }

        @Test
        void aSingleTargetStringCountsAsAList() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("alertTargetIDs", HUB);
            assertThat(parse(p.toString()).hub()).isEqualTo(CONTOSO);
        }

        @Test
        void aUtf8ByteOrderMarkIsSkipped() throws BadInputException {
            byte[] json = text(FIRED_FILE).getBytes(StandardCharsets.UTF_8);
            byte[] withBom = new byte[json.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(json, 0, withBom, 3, json.length);
            assertThat(AlertParser.parse(withBom, WindowPolicy.defaults()).hub()).isEqualTo(CONTOSO);
        }

        @Test
        void aTargetUnderTheHubNamesTheHub() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).putArray("alertTargetIDs").add(HUB + "/certificates/device-ca");
            assertThat(parse(p.toString()).hub()).isEqualTo(CONTOSO);
        }
    }

    @Nested
    class WhichHub {

        @Test
        void multiResourceAlert_theDimensionSaysWhichHubFired() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).putArray("alertTargetIDs").add(HUB).add(HUB_B);
            ObjectNode ctx = (ObjectNode) p.at("/data/alertContext");
            ctx.put("conditionType", "MultipleResourceMultipleMetricCriteria");
            ((ObjectNode) ctx.at("/condition/allOf/0")).putArray("dimensions").addObject()
                    .put("name", "microsoft.resourceId").put("value", HUB_B);

            TriageRequest r = parse(p.toString());

            assertThat(r.hub()).isEqualTo(FABRIKAM);
            assertThat(r.hub().name()).isEqualTo("fabrikam-hub");
        }

        @Test
        void multiResourceAlert_withoutADimensionIsAmbiguous() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).putArray("alertTargetIDs").add(HUB).add(HUB_B);
            assertThat(rejection(p.toString())).hasMessage("data.essentials.alertTargetIDs: 2 IoT hubs among the"
                    + " targets (contoso-hub, fabrikam-hub) and no dimension says which one fired");
        }

        @Test
        void twoHubsInTheDimensionsAreAmbiguous() {
            ObjectNode p = resource(FIRED_FILE);
            ArrayNode dims = ((ObjectNode) p.at("/data/alertContext/condition/allOf/0")).putArray("dimensions");
            dims.addObject().put("name", "ResourceId").put("value", HUB);
            dims.addObject().put("name", "ResourceId").put("value", HUB_B);
            assertThat(rejection(p.toString())).hasMessage("data.alertContext.condition.allOf[0].dimensions[1].value:"
                    + " names IoT hub fabrikam-hub but data.alertContext.condition.allOf[0].dimensions[0].value names"
                    + " contoso-hub; cannot tell which hub the alert is about");
        }

        @Test
        void aDimensionHubThatContradictsTheTargetIsRejected() {
            ObjectNode p = resource(FIRED_FILE);
            ((ObjectNode) p.at("/data/alertContext/condition/allOf/0")).putArray("dimensions").addObject()
                    .put("name", "ResourceId").put("value", HUB_B);
            assertThat(rejection(p.toString())).hasMessage("data.alertContext.condition.allOf[0].dimensions[0].value:"
                    + " names IoT hub fabrikam-hub but the alert targets contoso-hub");
        }

        @Test
        void theSameHubInTargetAndUpperCasedDimensionKeepsTheTargetSpelling() throws BadInputException {
            ObjectNode p = resource(FIRED_FILE);
            ((ObjectNode) p.at("/data/alertContext/condition/allOf/0")).putArray("dimensions").addObject()
                    .put("name", "_ResourceId").put("value", HUB.toUpperCase());
            assertThat(parse(p.toString()).hub().name()).isEqualTo("contoso-hub");
        }

        @Test
        void logAlertV2OnAWorkspace_splitByResourceId() throws BadInputException {
            String json = wrap(essentials("Log Alerts V2", "Log", "Fired", "2026-01-15T10:41:00Z", WORKSPACE),
                    logContext(dimension("_ResourceId", HUB.toUpperCase())));

            TriageRequest r = parse(json);

            assertThat(r.hub()).isEqualTo(CONTOSO);
            assertThat(r.alert().orElseThrow().metric()).contains(new MetricCondition("", "GreaterThan", "Count",
                    OptionalDouble.of(50), OptionalDouble.of(1877)));
        }

        @Test
        void logAlertV2OnAWorkspace_splitByAzureDiagnosticsColumns() throws BadInputException {
            String json = wrap(essentials("Log Alerts V2", "Log", "Fired", "2026-01-15T10:41:00Z", WORKSPACE),
                    logContext(dimension("SubscriptionId", SUB.toUpperCase()), dimension("ResourceGroup", "IOT-PROD-RG"),
                            dimension("Resource", "CONTOSO-HUB"), dimension("ResourceProvider", "MICROSOFT.DEVICES")));

            assertThat(parse(json).hub()).isEqualTo(CONTOSO);
        }

        @Test
        void logAlertV2_aHubNameAloneIsNotEnough() {
            String json = wrap(essentials("Log Alerts V2", "Log", "Fired", "2026-01-15T10:41:00Z", WORKSPACE),
                    logContext(dimension("Resource", "CONTOSO-HUB"), dimension("ResourceProvider", "MICROSOFT.DEVICES")));
            assertThat(rejection(json)).hasMessageStartingWith(
                    "data.essentials.alertTargetIDs: no IoT hub among the targets (found microsoft.operationalinsights/workspaces)");
        }

        @Test
        void legacyLogAlert_searchResultsColumnNamesTheHub() throws BadInputException {
            ObjectNode ctx = sample("log-search-v1-loganalytics.alertContext.json");
            ObjectNode table = (ObjectNode) ctx.at("/alertContext/SearchResults/tables/0");
            table.putArray("columns").addObject().put("name", "_ResourceId").put("type", "string");
            ArrayNode rows = table.putArray("rows");
            rows.addArray().add(HUB.toUpperCase());
            rows.addArray().add(HUB);
            String json = wrap(essentials("Log Analytics", "Log", "Fired", "2026-01-15T10:41:00Z", WORKSPACE), ctx);

            assertThat(parse(json).hub()).isEqualTo(CONTOSO);
        }

        @Test
        void serviceHealthAboutIoTHubSaysSoAndReadsImpactedServicesAsAnArray() {
            ObjectNode ctx = sample("servicehealth-maintenance.alertContext.payload-samples-doc.json");
            ObjectNode props = (ObjectNode) ctx.at("/alertContext/properties");
            props.put("incidentType", "Incident").put("title", "IoT Hub connectivity issues")
                    .put("service", "IoT Hub").put("region", "West Europe");
            ArrayNode impacted = props.putArray("impactedServices");
            ObjectNode s = impacted.addObject();
            s.put("ServiceName", "IoT Hub");
            s.putArray("ImpactedRegions").addObject().put("RegionName", "West Europe");
            s.withArray("ImpactedRegions").addObject().put("RegionName", "North Europe");
            String json = wrap(essentials("ServiceHealth", "Activity Log", "Fired", "2026-01-15T10:41:00Z", SUBSCRIPTION), ctx);

            assertThat(rejection(json)).hasMessage("data.essentials.alertTargetIDs: a Service Health alert names no"
                    + " IoT hub (Incident \"IoT Hub connectivity issues\" for IoT Hub in West Europe, North Europe);"
                    + " IoT Hub is affected there: triage each hub with --hub or a rerun");
        }

        @Test
        void aServiceHealthAlertWithHugeFieldsStillGivesAShortMessage() {
            ObjectNode ctx = sample("servicehealth-maintenance.alertContext.common-schema-doc.json");
            ObjectNode props = (ObjectNode) ctx.at("/alertContext/properties");
            props.put("incidentType", "I".repeat(5000)).put("title", "T\n".repeat(5000))
                    .put("impactedServices", "[{\"ServiceName\":\"IoT Hub" + "S".repeat(5000)
                            + "\",\"ImpactedRegions\":[{\"RegionName\":\"" + "R".repeat(5000) + "\"}]}]");
            String json = wrap(essentials("ServiceHealth", "Activity Log", "Fired", "2026-01-15T10:41:00Z", SUBSCRIPTION), ctx);

            BadInputException e = rejection(json);
            assertThat(e.getMessage()).contains("IoT Hub is affected there");
            assertThat(e.getMessage()).doesNotContain("T\n");
        }

        @Test
        void serviceHealthRecognisedFromItsContextWhenTheServiceIsMissing() {
            ObjectNode ctx = sample("servicehealth-maintenance.alertContext.common-schema-doc.json");
            ObjectNode e = essentials("ServiceHealth", "Activity Log", "Fired", "2026-01-15T10:41:00Z", SUBSCRIPTION);
            e.remove("monitoringService");
            assertThat(rejection(wrap(e, ctx)).getMessage()).contains("a Service Health alert names no IoT hub");
        }

        @Test
        void noTargetsAtAll() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).remove("alertTargetIDs");
            assertThat(rejection(p.toString())).hasMessage(
                    "data.essentials.alertTargetIDs: missing or empty, and nothing else in the alert names an IoT hub");
        }

        @Test
        void aSubscriptionTargetIsNamedAsSuch() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).putArray("alertTargetIDs").add(SUBSCRIPTION).add("/subscriptions/" + SUB + "/resourcegroups/iot-prod-rg")
                    .add("not an id");
            assertThat(rejection(p.toString())).hasMessage("data.essentials.alertTargetIDs: no IoT hub among the"
                    + " targets (found subscription, resource group, unrecognised id)");
        }

        @Test
        void aProvisioningServiceIsNotAHub() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).putArray("alertTargetIDs").add("/subscriptions/" + SUB
                    + "/resourcegroups/iot-prod-rg/providers/microsoft.devices/provisioningservices/contoso-dps");
            assertThat(rejection(p.toString())).hasMessage("data.essentials.alertTargetIDs: no IoT hub among the"
                    + " targets (found microsoft.devices/provisioningservices)");
        }

        private ObjectNode logContext(ObjectNode... dimensions) {
            ObjectNode file = JSON.createObjectNode();
            ObjectNode ctx = file.putObject("alertContext");
            ctx.put("conditionType", "LogQueryCriteria");
            ObjectNode condition = ctx.putObject("condition");
            condition.put("windowSize", "PT5M");
            ObjectNode c = condition.putArray("allOf").addObject();
            c.put("searchQuery", "AzureDiagnostics | where Category == \"Connections\" and Level == \"Error\"");
            c.putNull("metricMeasureColumn");
            c.put("targetResourceTypes", "['Microsoft.OperationalInsights/workspaces']");
            c.put("operator", "GreaterThan").put("threshold", "50").put("timeAggregation", "Count").put("metricValue", 1877);
            ArrayNode dims = c.putArray("dimensions");
            for (ObjectNode d : dimensions) {
                dims.add(d);
            }
            return file;
        }

        private ObjectNode dimension(String name, String value) {
            return JSON.createObjectNode().put("name", name).put("value", value);
        }
    }

    @Nested
    class BadBodies {

        @Test
        void truncatedJson() {
            String full = text(FIRED_FILE);
            BadInputException e = rejection(full.substring(0, full.length() / 2));
            assertThat(e.where()).isEqualTo("body");
            assertThat(e.getMessage()).matches("body: not valid JSON at line \\d+, column \\d+: the document ends early \\(truncated\\?\\)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\r\n\t "})
        void emptyBody(String body) {
            assertThat(rejection(body)).hasMessage("body: empty; expected a common alert schema JSON object");
        }

        @Test
        void nullBody() {
            assertThat(rejection(() -> AlertParser.parse((String) null, WindowPolicy.defaults())))
                    .hasMessage("body: empty; expected a common alert schema JSON object");
            assertThat(rejection(() -> AlertParser.parse((byte[]) null, WindowPolicy.defaults())))
                    .hasMessage("body: empty; expected a common alert schema JSON object");
        }

        @Test
        void jsonArray() {
            assertThat(rejection("[" + text(FIRED_FILE) + "]"))
                    .hasMessage("body: expected a JSON object (the common alert schema envelope), found an array");
        }

        @ParameterizedTest
        @ValueSource(strings = {"null", "42", "\"azureMonitorCommonAlertSchema\""})
        void jsonScalar(String body) {
            assertThat(rejection(body).getMessage()).startsWith("body: expected a JSON object");
        }

        @Test
        void binaryGarbage() {
            byte[] garbage = new byte[4096];
            new Random(42).nextBytes(garbage);
            BadInputException e = rejection(() -> AlertParser.parse(garbage, WindowPolicy.defaults()));
            assertThat(e.getMessage()).startsWith("body: not valid JSON");
        }

        @Test
        void binaryGarbageThatLooksLikeUtf32() {
            byte[] garbage = {0, 0, 0, '{', (byte) 0xFF, (byte) 0xFE, 0, 0, 1, 2, 3, 4};
            assertThat(rejection(() -> AlertParser.parse(garbage, WindowPolicy.defaults())).getMessage())
                    .startsWith("body: not valid JSON");
        }

        @Test
        void trailingContentAfterTheObject() {
            assertThat(rejection(text(FIRED_FILE) + " {\"again\": true}"))
                    .hasMessage("body: not valid JSON at line 48, column 2: unexpected content after the JSON value");
        }

        @Test
        void aLongUnrecognisedTokenIsNotEchoed() {
            String token = "x".repeat(10_000);
            BadInputException e = rejection("{\"schemaId\": " + token + "}");
            assertThat(e.getMessage()).startsWith("body: not valid JSON at line 1, column ");
            assertThat(e.getMessage()).doesNotContain("x".repeat(101));
        }

        @Test
        void tooLarge() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("description", "d".repeat(AlertParser.MAX_BODY_BYTES));
            String json = p.toString();
            assertThat(rejection(json)).hasMessage("body: more than 1048576 bytes exceeds the 1 MB limit"
                    + " (Azure Monitor caps common alert schema payloads at 256 KB)");
            assertThat(rejection(() -> AlertParser.parse(json.getBytes(StandardCharsets.UTF_8), WindowPolicy.defaults())))
                    .hasMessage("body: " + json.length() + " bytes exceeds the 1 MB limit"
                            + " (Azure Monitor caps common alert schema payloads at 256 KB)");
        }

        @Test
        void multiByteTextOverTheLimitIsRefusedByItsBytes() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("description", "é".repeat(AlertParser.MAX_BODY_BYTES / 2));
            assertThat(rejection(p.toString()).getMessage()).contains("exceeds the 1 MB limit");
        }

        @Test
        void aLegacyLogAlertWithLargeSearchResultsIsAccepted() throws BadInputException {
            ObjectNode ctx = sample("log-search-v1-loganalytics.alertContext.json");
            ArrayNode rows = (ArrayNode) ctx.at("/alertContext/SearchResults/tables/0/rows");
            for (int i = 0; i < 6000; i++) {
                rows.addArray().add("Contoso").add("33445566b").add("2018-02-02T15:16:53.932Z");
            }
            ((ArrayNode) ctx.at("/alertContext/Dimensions")).addObject().put("name", "_ResourceId").put("value", HUB);
            String json = wrap(essentials("Log Analytics", "Log", "Fired", "2026-01-15T10:41:00Z", WORKSPACE), ctx);
            assertThat(json.length()).isGreaterThan(256 * 1024);

            assertThat(parse(json).hub()).isEqualTo(CONTOSO);
        }

        @Test
        void streamsAreReadNoFurtherThanTheLimit() {
            CountingStream endless = new CountingStream();
            assertThat(rejection(() -> AlertParser.parse(endless, WindowPolicy.defaults())).getMessage())
                    .contains("exceeds the 1 MB limit");
            assertThat(endless.read).isEqualTo(AlertParser.MAX_BODY_BYTES + 1L);
        }

        @Test
        void streamsAreParsed() throws BadInputException {
            InputStream in = new ByteArrayInputStream(text(FIRED_FILE).getBytes(StandardCharsets.UTF_8));
            assertThat(AlertParser.parse(in, WindowPolicy.defaults()).hub()).isEqualTo(CONTOSO);
        }

        @Test
        void deeplyNestedJsonIsRefused() {
            String json = "{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            assertThat(rejection(json).getMessage()).startsWith("body: not valid JSON");
        }
    }

    @Nested
    class BadEnvelopes {

        @Test
        void missingSchemaId() {
            ObjectNode p = resource(FIRED_FILE);
            p.remove("schemaId");
            assertThat(rejection(p.toString())).hasMessage("schemaId: missing; this is not a common alert schema"
                    + " payload (turn on \"Enable the common alert schema\" for this action in the action group)");
        }

        @Test
        void anotherSchema() {
            ObjectNode p = resource(FIRED_FILE);
            p.put("schemaId", "AzureMonitorMetricAlert");
            assertThat(rejection(p.toString())).hasMessage("schemaId: \"AzureMonitorMetricAlert\" is not the common"
                    + " alert schema (azureMonitorCommonAlertSchema); turn on \"Enable the common alert schema\" for"
                    + " this action in the action group");
        }

        @Test
        void aLongSchemaIdIsClipped() {
            ObjectNode p = resource(FIRED_FILE);
            p.put("schemaId", "s".repeat(5000));
            assertThat(rejection(p.toString()).getMessage()).doesNotContain("s".repeat(61));
        }

        @Test
        void missingData() {
            ObjectNode p = resource(FIRED_FILE);
            p.remove("data");
            assertThat(rejection(p.toString())).hasMessage("data: missing");
        }

        @Test
        void dataThatIsNotAnObject() {
            ObjectNode p = resource(FIRED_FILE);
            p.put("data", "{}");
            assertThat(rejection(p.toString())).hasMessage("data: expected an object, found text");
        }

        @Test
        void missingEssentials() {
            ObjectNode p = resource(FIRED_FILE);
            ((ObjectNode) p.get("data")).remove("essentials");
            assertThat(rejection(p.toString())).hasMessage("data.essentials: missing");
        }

        @Test
        void missingFiredDateTime() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).remove("firedDateTime");
            assertThat(rejection(p.toString())).hasMessage("data.essentials.firedDateTime: missing");
        }

        @Test
        void badFiredDateTime() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("firedDateTime", "yesterday at ten");
            assertThat(rejection(p.toString())).hasMessage("data.essentials.firedDateTime: not a date-time:"
                    + " \"yesterday at ten\" (expected ISO-8601 such as 2026-01-15T10:41:00Z)");
        }

        @Test
        void aHugeBadDateIsNotEchoed() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("firedDateTime", "2026-".repeat(20_000));
            BadInputException e = rejection(p.toString());
            assertThat(e.where()).isEqualTo("data.essentials.firedDateTime");
            assertThat(e.getMessage()).hasSizeLessThan(200);
        }

        @Test
        void anImpossibleDate() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("firedDateTime", "2026-02-30T10:41:00Z");
            assertThat(rejection(p.toString()).getMessage()).startsWith("data.essentials.firedDateTime: not a date-time");
        }

        @Test
        void aPlaceholderYear() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("firedDateTime", "0001-01-01T00:00:00Z");
            assertThat(rejection(p.toString())).hasMessage(
                    "data.essentials.firedDateTime: date-time 0001-01-01T00:00:00Z is out of range (2000 to 2199)");
        }

        @Test
        void missingAlertId() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("alertId", " ");
            assertThat(rejection(p.toString())).hasMessage("data.essentials.alertId: empty");
        }

        @Test
        void anAlertIdThatIsAnObject() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).putObject("alertId").put("id", "x");
            assertThat(rejection(p.toString())).hasMessage("data.essentials.alertId: expected text, found an object");
        }

        @Test
        void missingMonitorCondition() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).remove("monitorCondition");
            assertThat(rejection(p.toString())).hasMessage("data.essentials.monitorCondition: missing");
        }

        @Test
        void unknownMonitorCondition() {
            ObjectNode p = resource(FIRED_FILE);
            essentialsOf(p).put("monitorCondition", "Activated");
            assertThat(rejection(p.toString())).hasMessage(
                    "data.essentials.monitorCondition: expected Fired or Resolved, found \"Activated\"");
        }

        @Test
        void anAllOfEntryThatIsNotAnObject() {
            ObjectNode p = resource(FIRED_FILE);
            ((ObjectNode) p.at("/data/alertContext/condition")).putArray("allOf").add("connectedDeviceCount");
            assertThat(rejection(p.toString())).hasMessage(
                    "data.alertContext.condition.allOf[0]: expected an object, found text");
        }

        @Test
        void anAlertContextThatIsNotAnObject() {
            ObjectNode p = resource(FIRED_FILE);
            ((ObjectNode) p.get("data")).putArray("alertContext");
            assertThat(rejection(p.toString())).hasMessage("data.alertContext: expected an object, found an array");
        }
    }

    private static ObjectNode essentialsOf(ObjectNode payload) {
        return (ObjectNode) payload.at("/data/essentials");
    }

    private static TimeWindow window(String start, String end) {
        return new TimeWindow(Instant.parse(start), Instant.parse(end));
    }

    /** An endless stream of spaces that counts what was read from it. */
    private static final class CountingStream extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return ' ';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) ' ');
            read += len;
            return len;
        }
    }
}
