package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.notify.ChangeRenderingTest.AT;
import static io.iothubtriage.notify.ChangeRenderingTest.likely;
import static io.iothubtriage.notify.ChangeRenderingTest.tagEdit;
import static io.iothubtriage.notify.ChangeRenderingTest.with;
import static org.assertj.core.api.Assertions.assertThat;

/** Text from changes and logs cannot become a link, emphasis, a list or a heading on the Teams card. */
class TeamsMarkdownTest {

    static final String PHISH_CALLER = "[Open the full report](https://evil.example/phish)";
    static final String PHISH_TAG = "[link](https://evil.example)";

    @Test
    void aCallerOrTagValueWrittenAsAMarkdownLinkIsShownEscaped() {
        TriageReport r = with(ReportFixtures.authenticationFailures(),
                List.of(tagEdit(AT.minusSeconds(600), PHISH_CALLER, PHISH_TAG), likely()));

        List<String> texts = texts(JsonTrees.jackson(TeamsCard.message(r)));

        assertThat(String.join("\n", texts)).contains("\\[link\\](https://evil.example)")
                .contains("\\[Open the full report\\](https://evil.example/phish)");
        // No text holds a link that Markdown would render: every "[" is escaped.
        assertThat(texts).noneMatch(t -> t.matches("(?s).*(?<!\\\\)\\[[^\\]]*(?<!\\\\)\\]\\(.*"));
    }

    @Test
    void emphasisListsHeadingsAndAnglesAreEscaped() {
        assertThat(TeamsText.escape("# Urgent\n- click *here* _now_ <https://x>\n1. step"))
                .isEqualTo("\\# Urgent\n\\- click \\*here\\* \\_now\\_ \\<https://x\\>\n1\\. step");
        assertThat(TeamsText.escape("properties.disableLocalAuth false → true (IotHubs/write)"))
                .isEqualTo("properties.disableLocalAuth false → true (IotHubs/write)");
    }

    /** Every TextBlock text and fact of the card, wherever it is nested. */
    static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode n, List<String> out) {
        if (n.isObject()) {
            if ("TextBlock".equals(n.path("type").asText())) {
                out.add(n.path("text").asText());
            }
            if (n.has("title") && n.has("value")) {
                out.add(n.path("value").asText());
            }
        }
        n.forEach(child -> collect(child, out));
    }
}
