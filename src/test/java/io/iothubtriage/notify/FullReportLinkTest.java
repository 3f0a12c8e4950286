package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored report's link on the card, in Slack, in the text formats and in the JSON; nothing when there is none. */
class FullReportLinkTest {
    static final String LINK = "https://triagestore.blob.core.windows.net/triage-reports/contoso-hub-prod/2026/11/26/"
            + "104500-c98ba846dc8e0bfc.html?sv=2025-07-05&st=2026-11-26T10%3A47%3A00Z&se=2026-12-03T10%3A47%3A00Z"
            + "&skoid=11111111-2222-3333-4444-555555555555&sr=b&sp=r&spr=https&sig=abc%2Bdef%3D";

    @Test
    void theCardOpensTheFullReportFirst() {
        TriageReport r = ReportFixtures.networkSubset().withFullReport(LINK);
        List<String[]> teams = new ArrayList<>();
        walk(JsonTrees.jackson(TeamsCard.message(r)), n -> {
            if ("Action.OpenUrl".equals(n.path("type").asText())) {
                teams.add(new String[]{n.path("title").asText(), n.path("url").asText()});
            }
        });
        assertThat(teams.get(0)).containsExactly("Open the full report", LINK);
        assertThat(teams).hasSize(5);

        List<String[]> slack = new ArrayList<>();
        walk(JsonTrees.jackson(SlackMessage.body(r)), n -> {
            if ("button".equals(n.path("type").asText())) {
                slack.add(new String[]{n.path("text").path("text").asText(), n.path("url").asText()});
            }
        });
        assertThat(slack.get(0)).containsExactly("Open the full report", LINK);

        assertThat(JsonTrees.jackson(ReportJson.toTree(r)).path("links").path("fullReport").asText()).isEqualTo(LINK);
        assertThat(new MarkdownRenderer().render(r)).contains("[Full report](" + LINK + ")");
        assertThat(new TextRenderer(false).render(r)).contains(LINK);
    }

    @Test
    void withoutALinkThereIsNoButtonAndTheJsonSaysNull() {
        TriageReport r = ReportFixtures.networkSubset();
        assertThat(Json.compact(TeamsCard.message(r))).doesNotContain("full report");
        assertThat(Json.compact(SlackMessage.body(r))).doesNotContain("full report");
        assertThat(JsonTrees.jackson(ReportJson.toTree(r)).path("links").path("fullReport").isNull()).isTrue();
    }

    static void walk(JsonNode n, java.util.function.Consumer<JsonNode> f) {
        f.accept(n);
        n.forEach(c -> walk(c, f));
    }
}
