package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.Inputs;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReportJsonTest {
    static final Path CONTRACT = Path.of("docs", "triage-contract.md");

    /** The example under "## Report JSON" in the contract, parsed. */
    static JsonNode contractExample() throws IOException {
        String md = Files.readString(CONTRACT);
        int section = md.indexOf("## Report JSON");
        int start = md.indexOf("```json", section) + "```json".length();
        int end = md.indexOf("```", start);
        return Json.read(md.substring(start, end));
    }

    @Test
    void everyKeyOfTheContractExampleIsPresentWithTheSameType() throws IOException {
        JsonNode example = contractExample();
        // The contract's example with a gap too, so every list of the example has an element to compare.
        TriageReport b = ReportFixtures.networkSubset();
        TriageReport withGap = new TriageReport(b.schemaVersion(), b.generatedAt(), b.hub(), b.alert(), b.window(),
                b.verdict(), b.confidence(), b.headline(), b.scope(), b.errors(), b.noise(), b.deviceCount(),
                b.platformHealth(), b.findings(), b.actions(), b.topDevices(),
                List.of(new Gap(Gap.RESOURCE_HEALTH, "timed out after 10 s")), b.links(), b.timeline(),
                List.of(), Optional.empty(), TriageReport.Series.none(), Optional.empty());
        JsonNode ours = Json.read(ReportJson.toJson(withGap));
        List<String> problems = new ArrayList<>();
        compare("$", example, ours, problems);
        assertThat(problems).isEmpty();
        // and the check really walked the example
        assertThat(example.path("alert").path("metric").path("threshold").isNumber()).isTrue();
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> problems) {
        if (actual == null || actual.isMissingNode()) {
            problems.add(path + " is missing");
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            problems.add(path + " is " + actual.getNodeType() + ", the contract has " + expected.getNodeType());
            return;
        }
        if (expected.isObject()) {
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                compare(path + "." + k, expected.get(k), actual.get(k), problems);
            }
        } else if (expected.isArray() && !expected.isEmpty()) {
            if (actual.isEmpty()) {
                problems.add(path + " is empty; cannot compare its elements");
            } else if (expected.get(0).isObject() || expected.get(0).isArray()) {
                compare(path + "[0]", expected.get(0), actual.get(0), problems);
            } else if (expected.get(0).getNodeType() != actual.get(0).getNodeType()) {
                problems.add(path + "[0] has another type");
            }
        }
    }

    @Test
    void contractValuesComeOutAsTheContractSpellsThem() throws IOException {
        JsonNode j = Json.read(ReportJson.toJson(ReportFixtures.networkSubset()));
        assertThat(j.path("schemaVersion").asText()).isEqualTo("1.1");
        assertThat(j.path("hub").path("name").asText()).isEqualTo("contoso-hub-prod");
        assertThat(j.path("hub").path("resourceId").asText()).isEqualTo("/subscriptions/8f0c1d2e-3b4a-4c5d-9e6f-"
                + "0a1b2c3d4e5f/resourceGroups/iot-prod-rg/providers/Microsoft.Devices/IotHubs/contoso-hub-prod");
        assertThat(j.path("alert").path("condition").asText()).isEqualTo("Fired");
        assertThat(j.path("alert").path("firedAt").asText()).isEqualTo("2026-11-26T10:45:00Z");
        JsonNode metric = j.path("alert").path("metric");
        assertThat(metric.path("name").asText()).isEqualTo("connectedDeviceCount");
        assertThat(metric.path("operator").asText()).isEqualTo("LessThan");
        assertThat(metric.path("threshold").isIntegralNumber()).isTrue();
        assertThat(metric.path("threshold").asLong()).isEqualTo(900);
        assertThat(metric.path("value").asLong()).isEqualTo(611);
        assertThat(j.path("window").path("start").asText()).isEqualTo("2026-11-26T10:15:00Z");
        assertThat(j.path("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(j.path("confidence").asText()).isEqualTo("HIGH");
        assertThat(j.path("scope").path("kind").asText()).isEqualTo("SUBSET");
        assertThat(j.path("scope").path("dimension").asText()).isEqualTo("maskedIpAddress");
        assertThat(j.path("scope").path("value").asText()).isEqualTo("203.0.113.XXX");
        assertThat(j.path("errors").get(0).path("family").asText()).isEqualTo("NETWORK_OR_KEEPALIVE");
        assertThat(j.path("errors").get(0).path("firstSeen").asText()).isEqualTo("2026-11-26T10:41:00Z");
        assertThat(j.path("deviceCount").path("before").asLong()).isEqualTo(1198);
        assertThat(j.path("deviceCount").path("minAt").asText()).isEqualTo("2026-11-26T10:44:00Z");
        assertThat(j.path("platformHealth").path("availabilityState").asText()).isEqualTo("Available");
        assertThat(j.path("links").path("logs").asText()).startsWith("https://portal.azure.com/");
        assertThat(j.path("timeline")).hasSize(35);
    }

    @Test
    void absentValuesAreNullAndListsAreEmpty() throws IOException {
        TriageReport r = ReportFixtures.noConnectionErrors(); // no alert, scope NONE, no errors
        JsonNode j = Json.read(ReportJson.toJson(r));
        assertThat(j.has("alert")).isTrue();
        assertThat(j.path("alert").isNull()).isTrue();
        assertThat(j.path("scope").path("dimension").isNull()).isTrue();
        assertThat(j.path("scope").path("value").isNull()).isTrue();
        assertThat(j.path("errors").isArray()).isTrue();
        assertThat(j.path("errors")).isEmpty();
        assertThat(j.path("gaps")).isEmpty();

        JsonNode insufficient = Json.read(ReportJson.toJson(ReportFixtures.insufficientEvidence()));
        assertThat(insufficient.path("gaps").get(0).path("source").asText()).isEqualTo("connectionLogs");

        JsonNode mixed = Json.read(ReportJson.toJson(ReportFixtures.mixed()));
        assertThat(mixed.has("platformHealth")).isTrue();
        assertThat(mixed.path("platformHealth").isNull()).isTrue();
        assertThat(mixed.path("alert").path("resolvedAt").isNull()).isTrue();

        JsonNode user = Json.read(ReportJson.toJson(ReportFixtures.userInitiatedChange()));
        assertThat(user.path("errors").get(0).path("docs").isNull()).isTrue(); // 404012 has no doc link
    }

    @Test
    void keyOrderIsStable() throws IOException {
        JsonNode j = Json.read(ReportJson.toJson(ReportFixtures.networkSubset()));
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("schemaVersion", "generatedAt", "hub", "alert", "window", "verdict",
                "confidence", "headline", "scope", "errors", "noise", "deviceCount", "platformHealth", "findings",
                "actions", "topDevices", "gaps", "links", "changes", "timeline", "connectedDevices",
                "baselineTimeline", "healthChanges", "freshness");
    }

    @Test
    void fractionalMetricValuesStayFractional() throws IOException {
        TriageReport base = ReportFixtures.networkSubset();
        TriageReport r = new TriageReport(base.schemaVersion(), base.generatedAt(), base.hub(), base.alert(),
                base.window(), base.verdict(), base.confidence(), base.headline(), base.scope(), base.errors(),
                base.noise(), java.util.Optional.of(new TriageReport.DeviceCount(java.util.OptionalDouble.of(1197.5),
                java.util.OptionalDouble.empty(), java.util.Optional.empty(), java.util.OptionalDouble.of(640),
                java.util.OptionalDouble.empty())), base.platformHealth(), base.findings(), base.actions(),
                base.topDevices(), base.gaps(), base.links(), base.timeline(),
                List.of(), Optional.empty(), TriageReport.Series.none(), Optional.empty());
        JsonNode count = Json.read(ReportJson.toJson(r)).path("deviceCount");
        assertThat(count.path("before").asDouble()).isEqualTo(1197.5);
        assertThat(count.path("min").isNull()).isTrue();
        assertThat(count.path("now").isIntegralNumber()).isTrue();
    }

    @Test
    void eachMinuteCarriesItsCleanDisconnectsOrNullWhenTheSourceDidNotCountThem() throws IOException {
        JsonNode rows = timelineFrom(Inputs.LIVE_ROWS);
        assertThat(rows.get(0).path("disconnects").asInt()).isEqualTo(9);
        assertThat(rows.get(0).path("cleanDisconnects").asInt()).isEqualTo(6);
        assertThat(rows.get(1).path("cleanDisconnects").isInt()).isTrue();
        assertThat(rows.get(1).path("cleanDisconnects").asInt()).isZero();
        JsonNode summary = timelineFrom(Inputs.LIVE_SUMMARY);
        assertThat(summary.get(0).has("cleanDisconnects")).isTrue();
        assertThat(summary.get(0).path("cleanDisconnects").isNull()).isTrue();
    }

    /** The JSON timeline of two minutes (6 of the first's 9 disconnects clean), read by a source of that name. */
    private static JsonNode timelineFrom(String source) throws IOException {
        TriageReport b = ReportFixtures.networkSubset();
        Instant minute = b.window().start();
        List<MinuteBucket> timeline = List.of(new MinuteBucket(minute, 4, 9, 2, Map.of(), 6),
                new MinuteBucket(minute.plusSeconds(60), 1, 0, 0, Map.of(), 0));
        Inputs inputs = Inputs.live(source, 100, Optional.of(minute), Optional.of(minute.plusSeconds(90)));
        TriageReport r = new TriageReport(b.schemaVersion(), b.generatedAt(), b.hub(), b.alert(), b.window(),
                b.verdict(), b.confidence(), b.headline(), b.scope(), b.errors(), b.noise(), b.deviceCount(),
                b.platformHealth(), b.findings(), b.actions(), b.topDevices(), b.gaps(), b.links(), timeline,
                List.of(), Optional.of(inputs), TriageReport.Series.none(), Optional.empty());
        return Json.read(ReportJson.toJson(r)).path("timeline");
    }
}
