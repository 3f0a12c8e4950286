package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.diagnosis.Confidence;
import io.iothubtriage.diagnosis.ScopeKind;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every payload keeps, for every fixture and for randomly generated reports: Teams' envelope, card
 * version, elements and size; Slack's Block Kit limits; size pins for a 100,000-device, 40-code report.
 */
class PayloadRulesTest {
    /** Everything the Teams renderer may emit: Adaptive Cards 1.4 elements and only Action.OpenUrl. */
    static final Set<String> TEAMS_TYPES = Set.of("message", "AdaptiveCard", "Container", "TextBlock", "FactSet",
            "ColumnSet", "Column", "ActionSet", "Action.OpenUrl");

    static List<TriageReport> reports() {
        return new ArrayList<>(ReportFixtures.all().values());
    }

    // ------------------------------------------------------------------ Teams

    static void assertTeamsRules(JsonObject built) {
        String compact = Json.compact(built);
        JsonNode message = JsonTrees.jackson(built);
        assertThat(compact.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TeamsCard.MAX_BYTES);
        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("attachments")).hasSize(1);
        JsonNode att = message.path("attachments").get(0);
        assertThat(att.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = att.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        walk(card, node -> {
            if (node.has("type")) {
                assertThat(TEAMS_TYPES).contains(node.get("type").asText());
            }
            if ("TextBlock".equals(node.path("type").asText())) {
                assertThat(node.path("wrap").asBoolean()).as("TextBlocks wrap").isTrue();
                assertThat(node.path("text").asText()).isNotEmpty();
            }
            if ("Action.OpenUrl".equals(node.path("type").asText())) {
                assertThat(node.path("url").asText()).startsWith("http");
            }
        });
    }

    static void walk(JsonNode n, java.util.function.Consumer<JsonNode> visit) {
        if (n.isObject()) {
            visit.accept(n);
            n.elements().forEachRemaining(c -> walk(c, visit));
        } else if (n.isArray()) {
            n.elements().forEachRemaining(c -> walk(c, visit));
        }
    }

    @Test
    void everyFixtureMakesAValidSmallTeamsMessage() {
        for (TriageReport r : reports()) {
            assertTeamsRules(TeamsCard.message(r));
        }
    }

    @Test
    void theCardCarriesTheIssuesLayout() {
        TriageReport r = ReportFixtures.networkSubset();
        String card = Json.compact(TeamsCard.message(r));
        assertThat(card).contains("\"style\":\"warning\"") // Sev2
                .contains("contoso-hub-prod: Devices lost network or keep-alive")
                .contains("312 of 1,204 active devices, mostly behind 203.0.113.XXX")
                .contains("1,198 → 611 at 10:44 (down 49%); now 640 of 1,250 registered")
                .contains("Top error codes").contains("DeviceConnectionClosedRemotely")
                .contains("Hub health").contains("Next steps")
                .contains("\"title\":\"Open the logs\"").contains("\"title\":\"Open the hub\"")
                .contains("\"title\":\"Resource Health\"").contains("\"title\":\"Error-code docs\"");
        List<String> urls = new ArrayList<>();
        walk(JsonTrees.jackson(TeamsCard.message(r)), n -> {
            if ("Action.OpenUrl".equals(n.path("type").asText())) {
                urls.add(n.path("url").asText());
            }
        });
        assertThat(urls).containsExactly(r.links().logs(), r.links().hub(), r.links().resourceHealth(),
                r.links().docs());
        assertThat(urls.get(0)).contains("LogsBlade.AnalyticsShareLinkToQuery/q/");
    }

    @Test
    void colourFollowsSeverityThenVerdict() {
        assertThat(headStyle(ReportFixtures.platformIncident())).isEqualTo("attention"); // Sev1
        assertThat(headStyle(ReportFixtures.networkSubset())).isEqualTo("warning");      // Sev2
        assertThat(headStyle(ReportFixtures.duplicateConnections())).isEqualTo("accent"); // Sev3
        assertThat(headStyle(ReportFixtures.noConnectionErrors())).isEqualTo("good");   // no alert, clean
        assertThat(headStyle(ReportFixtures.transientServiceErrors())).isEqualTo("warning");
        assertThat(CardColour.ofVerdict(Verdict.PLATFORM_INCIDENT)).isEqualTo(CardColour.ATTENTION);
        assertThat(CardColour.ofSeverity("Sev0")).isEqualTo(CardColour.ATTENTION);
        assertThat(CardColour.ofSeverity("Sev4")).isEqualTo(CardColour.ACCENT);
    }

    private static String headStyle(TriageReport r) {
        return JsonTrees.jackson(TeamsCard.message(r)).path("attachments").get(0).path("content").path("body").get(0).path("style")
                .asText();
    }

    @Test
    void hundredThousandDevicesAndFortyCodesFitTeamsWithListsSaidToBeShortened() {
        TriageReport huge = ReportFixtures.hugeFleet();
        assertThat(huge.errors()).hasSize(40);
        assertThat(huge.scope().activeDevices()).isEqualTo(100_000);
        JsonObject m = TeamsCard.message(huge);
        int bytes = Json.bytes(m);
        assertThat(bytes).isLessThanOrEqualTo(26_000);
        String card = Json.compact(m);
        assertThat(card).contains("and 35 more codes in the report")
                .contains("and 16 more findings in the report")
                .contains("and 16 more steps in the report")
                .contains("99,000 of 100,000 active devices, across the fleet");
    }

    @Test
    void theCardShrinksStepByStepUnderTighterBudgetsAndAlwaysKeepsTheEssentials() {
        TriageReport huge = ReportFixtures.hugeFleet();
        int previous = Integer.MAX_VALUE;
        for (int max : new int[]{26_000, 14_000, 10_000, 8_000, 6_000, 4_000}) {
            JsonObject m = TeamsCard.message(huge, max);
            int bytes = Json.bytes(m);
            assertThat(bytes).as("budget %d", max).isLessThanOrEqualTo(max).isLessThanOrEqualTo(previous);
            previous = bytes;
            String card = Json.compact(m);
            assertThat(card).contains("Transient IoT Hub service errors").contains("\"title\":\"Scope\"")
                    .contains("Open the logs");
        }
        // Tight budgets keep fewer codes and count the rest; the last level only counts them.
        assertThat(Json.compact(TeamsCard.message(huge, 8_000))).containsPattern("and 3[5-9] more codes");
        assertThat(Json.compact(TeamsCard.message(huge, 4_000))).contains("40 error codes in the report")
                .contains("20 findings in the report");
    }

    @Test
    void linksTooLongForAnyCardAreDroppedRatherThanFailing() {
        TriageReport r = ReportFixtures.oversizedTexts();
        JsonObject m = TeamsCard.message(r);
        assertTeamsRules(m);
        assertThat(Json.compact(m)).doesNotContain("xxxxxxxxxx"); // the 40 KB links are gone
        assertThat(Json.compact(m)).contains("HHH…");
    }

    // ------------------------------------------------------------------ Slack

    /** Block Kit limits (same as slack-check's), counted in UTF-16 units. */
    static void assertSlackRules(JsonObject built) {
        JsonNode body = JsonTrees.jackson(built);
        assertThat(body.path("text").asText()).isNotBlank();
        assertThat(body.path("text").asText()).doesNotContain("\n").doesNotContain("<").doesNotContain(">");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks.size()).isBetween(1, 50);
        Set<String> ids = new java.util.HashSet<>();
        for (JsonNode b : blocks) {
            if (b.has("block_id")) {
                assertThat(ids.add(b.get("block_id").asText())).as("unique block_id").isTrue();
            }
            switch (b.path("type").asText()) {
                case "header" -> {
                    assertThat(b.path("text").path("type").asText()).isEqualTo("plain_text");
                    assertThat(b.path("text").path("text").asText().length()).isBetween(1, 150);
                }
                case "section" -> {
                    if (b.has("text")) {
                        assertThat(b.path("text").path("text").asText().length()).isBetween(1, 3000);
                        assertMrkdwnEscaped(b.path("text").path("text").asText());
                    }
                    assertThat(b.path("fields").size()).isLessThanOrEqualTo(10);
                    for (JsonNode f : b.path("fields")) {
                        assertThat(f.path("text").asText().length()).isBetween(1, 2000);
                        assertMrkdwnEscaped(f.path("text").asText());
                    }
                }
                case "context" -> {
                    assertThat(b.path("elements").size()).isBetween(1, 10);
                    b.path("elements").forEach(e -> assertMrkdwnEscaped(e.path("text").asText()));
                }
                case "actions" -> {
                    assertThat(b.path("elements").size()).isBetween(1, 25);
                    for (JsonNode e : b.path("elements")) {
                        assertThat(e.path("type").asText()).isEqualTo("button");
                        assertThat(e.path("text").path("text").asText().length()).isBetween(1, 75);
                        assertThat(e.path("url").asText().length()).isBetween(1, 3000);
                    }
                }
                case "divider" -> { }
                default -> throw new AssertionError("unexpected block " + b.path("type"));
            }
        }
    }

    /** Report text never forms links or mentions: &lt; and &gt; only appear escaped. */
    static void assertMrkdwnEscaped(String text) {
        assertThat(text).doesNotContain("<").doesNotContain(">");
        assertThat(text.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")).doesNotContain("&");
    }

    @Test
    void everyFixtureMakesASlackMessageWithinBlockKitLimits() {
        for (TriageReport r : reports()) {
            assertSlackRules(SlackMessage.body(r));
        }
    }

    @Test
    void slackFallbackTextIsACompleteLine() {
        String text = JsonTrees.jackson(SlackMessage.body(ReportFixtures.networkSubset())).path("text").asText();
        assertThat(text).isEqualTo("[Sev2] contoso-hub-prod: Devices lost network or keep-alive (high confidence). "
                + "312 devices behind 203.0.113.XXX lost their connections at 10:41 (404104); the hub is healthy. "
                + "Scope: 312 of 1,204 active devices, mostly behind 203.0.113.XXX.");
    }

    @Test
    void slackSaysHowManyCodesAndStepsWereLeftOut() {
        String body = Json.compact(SlackMessage.body(ReportFixtures.hugeFleet()));
        assertThat(body).containsPattern("and \\d+ more codes in the report")
                .containsPattern("and \\d+ more steps in the report");
    }

    @Test
    void slackLeavesOutButtonsWhoseLinksAreTooLongAndSaysSo() {
        JsonObject body = SlackMessage.body(ReportFixtures.oversizedTexts());
        assertSlackRules(body);
        assertThat(Json.compact(body)).doesNotContain("\"type\":\"actions\"")
                .contains("left out: its link is longer than Slack's 3,000 characters");
    }

    @Test
    void slackEscapesReportTextSoItCannotMentionOrLink() {
        TriageReport base = ReportFixtures.mixed();
        TriageReport r = withHeadline(base, "<!channel> devices & gateways <https://evil.example|click>");
        JsonObject body = SlackMessage.body(r);
        assertSlackRules(body);
        assertThat(Json.compact(body)).contains("&lt;!channel&gt; devices &amp; gateways");
    }

    // ------------------------------------------------------------------ resolved

    @Test
    void resolvedMessagesAreShortValidAndSayHowLongItLasted() {
        ResolvedMessage m = new ResolvedMessage(ReportFixtures.HUB, ReportFixtures.resolvedAlert(),
                OptionalDouble.empty(), OptionalDouble.of(1250), "");
        assertThat(m.summary()).isEqualTo("[Sev2] contoso-hub-prod: connected-devices alert resolved after 42 min; "
                + "1,190 devices connected now of 1,250 registered.");
        assertTeamsRules(m.teams());
        assertSlackRules(m.slack());
        assertThat(Json.bytes(m.teams())).isLessThan(3_000);
        assertThat(JsonTrees.jackson(m.json()).path("deviceCount").path("now").asLong()).isEqualTo(1190); // from the alert's value
    }

    @Test
    void aResolvedMessageNeedsAResolvedAlert() {
        AlertIdentity fired = ReportFixtures.alert("Sev2", 900, 611);
        assertThat(fired.condition()).isEqualTo(MonitorCondition.FIRED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ResolvedMessage.of(ReportFixtures.HUB, fired))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Resolved");
    }

    // ------------------------------------------------------------------ random reports

    @Test
    void randomReportsAlwaysFitBothChannels() throws Exception {
        Random rnd = new Random(20261126);
        for (int i = 0; i < 150; i++) {
            TriageReport r = randomReport(rnd);
            assertTeamsRules(TeamsCard.message(r));
            assertSlackRules(SlackMessage.body(r));
            assertThat(Json.read(ReportJson.toJson(r)).path("verdict").asText())
                    .isEqualTo(r.verdict().name());
        }
    }

    static TriageReport randomReport(Random rnd) {
        TriageReport base = ReportFixtures.networkSubset();
        List<TriageReport.ErrorLine> errors = new ArrayList<>();
        int codes = rnd.nextInt(41);
        for (int i = 0; i < codes; i++) {
            errors.add(new TriageReport.ErrorLine(String.valueOf(400000 + rnd.nextInt(200000)), text(rnd, 200),
                    CauseFamily.values()[rnd.nextInt(CauseFamily.values().length)], rnd.nextInt(1_000_000),
                    rnd.nextInt(100_000), OptionalLong.of(rnd.nextInt(10_000)), rnd.nextBoolean(), Optional.empty(), Optional.empty(),
                    text(rnd, 3_000), rnd.nextBoolean() ? "https://learn.microsoft.com/x#" + i : ""));
        }
        List<String> findings = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (int i = rnd.nextInt(30); i > 0; i--) {
            findings.add(text(rnd, 3_000));
            actions.add(text(rnd, 3_000));
        }
        List<Gap> gaps = new ArrayList<>();
        for (int i = rnd.nextInt(4); i > 0; i--) {
            gaps.add(new Gap(Gap.METRICS, text(rnd, 3_000)));
        }
        List<TriageReport.TopDevice> top = new ArrayList<>();
        for (int i = rnd.nextInt(21); i > 0; i--) {
            top.add(new TriageReport.TopDevice(text(rnd, 128) + "d", rnd.nextInt(10_000), List.of("404104")));
        }
        ScopeKind kind = ScopeKind.values()[rnd.nextInt(ScopeKind.values().length)];
        TriageReport.Scope scope = new TriageReport.Scope(kind, rnd.nextInt(100_001), rnd.nextInt(100_001),
                kind == ScopeKind.SUBSET ? Optional.of(Dimension.values()[rnd.nextInt(4)]) : Optional.empty(),
                kind == ScopeKind.SUBSET || kind == ScopeKind.SINGLE_DEVICE ? Optional.of(text(rnd, 300) + "v")
                        : Optional.empty());
        Optional<AlertIdentity> alert = rnd.nextBoolean() ? Optional.empty()
                : Optional.of(ReportFixtures.alert("Sev" + rnd.nextInt(5), rnd.nextInt(100_000), rnd.nextInt(100_000)));
        return new TriageReport("1", base.generatedAt(), base.hub(), alert, base.window(),
                Verdict.values()[rnd.nextInt(Verdict.values().length)],
                Confidence.values()[rnd.nextInt(3)], text(rnd, 2_000) + "h", scope, errors, base.noise(),
                rnd.nextBoolean() ? base.deviceCount() : Optional.empty(),
                rnd.nextBoolean() ? Optional.of(new TriageReport.PlatformHealth("Degraded", text(rnd, 3_000),
                        rnd.nextBoolean(), List.of())) : Optional.empty(),
                findings, actions, top, gaps, base.links(), base.timeline(),
                List.of(), Optional.empty(), TriageReport.Series.none(), Optional.empty());
    }

    /** Random text of up to {@code max} characters, with markup characters, accents and astral-plane letters. */
    static String text(Random rnd, int max) {
        String[] pieces = {"device ", "gateway-07 ", "&", "<", ">", "*", "_", "`", "é", "𝔘", "😀", "\n", "  ",
                "404104 ", "lost its connection ", "https://example.org/a?b=c "};
        StringBuilder sb = new StringBuilder();
        int target = rnd.nextInt(max + 1);
        while (sb.length() < target) {
            sb.append(pieces[rnd.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    static TriageReport withHeadline(TriageReport b, String headline) {
        return new TriageReport(b.schemaVersion(), b.generatedAt(), b.hub(), b.alert(), b.window(), b.verdict(),
                b.confidence(), headline, b.scope(), b.errors(), b.noise(), b.deviceCount(), b.platformHealth(),
                b.findings(), b.actions(), b.topDevices(), b.gaps(), b.links(), b.timeline(),
                List.of(), Optional.empty(), TriageReport.Series.none(), Optional.empty());
    }
}
