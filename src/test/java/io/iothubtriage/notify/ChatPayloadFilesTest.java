package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders every fixture (one per verdict, the extreme ones, the resolved message) for Teams and Slack and writes
 * them to {@code target/chat-payloads/<name>.teams.json / .slack.json}, where {@code scripts/check-chat-payloads.sh}
 * runs Microsoft's and Slack's validators on them in CI.
 */
class ChatPayloadFilesTest {
    static final Path OUT = Path.of("target", "chat-payloads");

    @Test
    void everyVerdictHasAFixture() {
        Set<Verdict> covered = EnumSet.noneOf(Verdict.class);
        ReportFixtures.all().values().forEach(r -> covered.add(r.verdict()));
        assertThat(covered).containsExactlyInAnyOrder(Verdict.values());
    }

    @Test
    void writesTeamsAndSlackPayloadsOfEveryFixture() throws IOException {
        Files.createDirectories(OUT);
        for (Map.Entry<String, TriageReport> e : ReportFixtures.all().entrySet()) {
            Notification n = Notification.of(e.getValue());
            write(e.getKey(), n);
        }
        ResolvedMessage resolved = new ResolvedMessage(ReportFixtures.HUB, ReportFixtures.resolvedAlert(),
                OptionalDouble.of(1190), OptionalDouble.of(1250),
                ReportFixtures.networkSubset().links().hub());
        write("resolved", resolved);
        write("resolved-minimal", ResolvedMessage.of(ReportFixtures.HUB, ReportFixtures.resolvedAlert()));

        try (var files = Files.list(OUT)) {
            // The end-to-end scenario test writes its engine-* payloads into the same folder.
            assertThat(files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().startsWith("engine-")).count())
                    .isEqualTo(2L * (ReportFixtures.all().size() + 2));
        }
    }

    private static void write(String name, Notification n) throws IOException {
        String teams = ChatPayloads.renderPretty(n, Destination.Kind.TEAMS);
        String slack = ChatPayloads.renderPretty(n, Destination.Kind.SLACK);
        JsonNode teamsTree = Json.read(teams);
        assertThat(teamsTree.path("attachments")).hasSize(1);
        assertThat(Json.read(slack).path("text").asText()).isNotBlank();
        Files.writeString(OUT.resolve(name + ".teams.json"), teams, StandardCharsets.UTF_8);
        Files.writeString(OUT.resolve(name + ".slack.json"), slack, StandardCharsets.UTF_8);
    }
}
