package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.diagnosis.ChangeRelation;
import io.iothubtriage.diagnosis.Confidence;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageReport.ChangeLine;
import io.iothubtriage.diagnosis.TriageReport.PropertyLine;
import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's changes in every format, within each format's limits. */
class ChangeRenderingTest {

    static final String HUB_ID = ReportFixtures.HUB.resourceId();
    static final Instant AT = Instant.parse("2026-11-26T10:19:10Z");

    static ChangeLine likely() {
        return new ChangeLine(AT, HUB_ID, "Microsoft.Devices/IotHubs/write", "Succeeded", "alice@contoso.com",
                CallerKind.USER, "activityLog+resourceGraph", "properties.disableLocalAuth false → true",
                List.of(new PropertyLine("properties.disableLocalAuth", Optional.of("false"), Optional.of("true"))),
                ChangeRelation.LIKELY_CAUSE, Optional.of(CauseFamily.AUTHENTICATION), Optional.of(Confidence.HIGH),
                Optional.of(Duration.ofSeconds(50)));
    }

    static ChangeLine tagEdit(Instant at, String caller, String value) {
        return new ChangeLine(at, HUB_ID, "Microsoft.Devices/IotHubs/write", "Succeeded", caller, CallerKind.USER,
                "resourceGraph", "tags.owner ops → " + value,
                List.of(new PropertyLine("tags.owner", Optional.of("ops"), Optional.of(value))),
                ChangeRelation.UNRELATED, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static TriageReport with(TriageReport b, List<ChangeLine> changes) {
        return new TriageReport(b.schemaVersion(), b.generatedAt(), b.hub(), b.alert(), b.window(), b.verdict(),
                b.confidence(), b.headline(), b.scope(), b.errors(), b.noise(), b.deviceCount(), b.platformHealth(),
                b.findings(), b.actions(), b.topDevices(), b.gaps(), b.links(), b.timeline(), changes,
                Optional.empty(), TriageReport.Series.none(), Optional.empty());
    }

    static TriageReport twoChanges() {
        return with(ReportFixtures.authenticationFailures(),
                List.of(tagEdit(AT.minusSeconds(3600), "bob@contoso.com", "iot-team"), likely()));
    }

    /** 20 changes whose callers and values are far longer than any chat line. */
    static TriageReport hugeChanges() {
        List<ChangeLine> changes = new ArrayList<>();
        changes.add(likely());
        for (int i = 0; i < 19; i++) {
            changes.add(tagEdit(AT.minusSeconds(60L * i), "svc-" + "x".repeat(2_000) + "@contoso.com",
                    "<script>" + "V".repeat(10_000) + " | *bold*"));
        }
        return with(ReportFixtures.hugeFleet(), changes);
    }

    @Test
    void textListsTheLikelyCauseFirst() {
        String text = new TextRenderer().render(twoChanges());
        int changes = text.indexOf("\nChanges\n");
        assertThat(changes).isPositive();
        assertThat(text.substring(changes)).startsWith("""

                Changes
                  - 10:19 UTC · alice@contoso.com · properties.disableLocalAuth false → true · likely cause (HIGH)
                  - 09:19 UTC · bob@contoso.com · tags.owner ops → iot-team
                """);
        for (String line : new TextRenderer().render(hugeChanges()).split("\n")) {
            if (line.strip().startsWith("https://")) {
                continue; // a URL alone on its line is never broken
            }
            assertThat(PlainText.width(line)).as(line).isLessThanOrEqualTo(TextRenderer.WIDTH);
        }
    }

    @Test
    void markdownEscapesWhatCameFromAzure() {
        String md = new MarkdownRenderer().render(hugeChanges());
        assertThat(md).contains("### Changes\n\n- 10:19 UTC · alice@contoso.com · properties.disableLocalAuth false "
                + "→ true · **likely cause (HIGH)**\n");
        assertThat(md).doesNotContain("<script>").doesNotContain("V".repeat(200)).doesNotContain("x".repeat(100));
        assertThat(md).contains("- _10 more changes in the JSON report_");
    }

    @Test
    void teamsShowsTheChangesWithinItsSize() {
        JsonObject small = TeamsCard.message(twoChanges());
        PayloadRulesTest.assertTeamsRules(small);
        assertThat(Json.compact(small)).contains("Changes around the window")
                .contains("10:19 UTC · alice@contoso.com · properties.disableLocalAuth false → true · likely cause (HIGH)");

        JsonObject huge = TeamsCard.message(hugeChanges());
        PayloadRulesTest.assertTeamsRules(huge);
        assertThat(Json.compact(huge)).contains("likely cause (HIGH)").doesNotContain("V".repeat(400))
                .contains("more changes in the report");
    }

    @Test
    void slackShowsTheChangesWithinBlockKitLimits() {
        JsonObject small = SlackMessage.body(twoChanges());
        PayloadRulesTest.assertSlackRules(small);
        assertThat(Json.compact(small)).contains("*Changes around the window*")
                .contains("• :point_right: 10:19 UTC · alice@contoso.com");

        JsonObject huge = SlackMessage.body(hugeChanges());
        PayloadRulesTest.assertSlackRules(huge);
        assertThat(Json.compact(huge)).doesNotContain("<script>").contains("&lt;script&gt;")
                .contains("more changes in the report");
    }

    @Test
    void jsonCarriesEveryChangeWithItsRelation() throws IOException {
        JsonNode j = Json.read(ReportJson.toJson(twoChanges()));
        JsonNode c = j.path("changes").get(1);
        assertThat(c.path("time").asText()).isEqualTo("2026-11-26T10:19:10Z");
        assertThat(c.path("caller").asText()).isEqualTo("alice@contoso.com");
        assertThat(c.path("callerKind").asText()).isEqualTo("user");
        assertThat(c.path("relation").asText()).isEqualTo("LIKELY_CAUSE");
        assertThat(c.path("explains").asText()).isEqualTo("AUTHENTICATION");
        assertThat(c.path("attributionConfidence").asText()).isEqualTo("HIGH");
        assertThat(c.path("minutesBeforeOnset").asInt()).isZero();
        assertThat(c.path("properties").get(0).path("before").asText()).isEqualTo("false");
        JsonNode tag = j.path("changes").get(0);
        assertThat(tag.path("explains").isNull()).isTrue();
        assertThat(tag.path("minutesBeforeOnset").isNull()).isTrue();
    }
}
