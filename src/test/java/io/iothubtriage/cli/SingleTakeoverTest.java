package io.iothubtriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 30 devices of one site fail over to another address at 10:30: each reconnects before the hub has dropped its old
 * link (409002 on the new connection, 400027 closing the old), once, and stays connected. That is a duplicate-
 * connection verdict by its codes, but no second client: the headline says each had a connection replaced once, the
 * confidence says why it is not HIGH, and the first step asks about the network change. Devices taken over again and
 * again keep the second-client wording, in the window or, for twins that retry slowly, in the baseline.
 */
class SingleTakeoverTest {

    @TempDir
    Path dir;

    private static List<ConnectionLogRow> rows(int takeovers) {
        return rows(takeovers, false);
    }

    /**
     * With {@code slowTwins}, each identity was also taken over every 40 minutes since 05:30 (cloned then: too few
     * of the baseline's hours to be set aside as failing all along).
     */
    private static List<ConnectionLogRow> rows(int takeovers, boolean slowTwins) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        if (slowTwins) {
            for (int d = 0; d < 30; d++) {
                String id = String.format("meter-%03d", d);
                for (Instant t = SmallExport.at("05:30:00").plusSeconds(d);
                     t.isBefore(SmallExport.at("10:00:00")); t = t.plus(Duration.ofMinutes(40))) {
                    rows.add(SmallExport.row(t, "deviceConnect", "409002", id, "203.0.113.XXX"));
                    rows.add(SmallExport.row(t.plusSeconds(1), "deviceDisconnect", "400027", id, "198.51.100.XXX"));
                    rows.add(SmallExport.row(t.plusSeconds(3), "deviceConnect", "", id, "203.0.113.XXX"));
                }
            }
        }
        for (int d = 0; d < 30; d++) {
            String id = String.format("meter-%03d", d);
            rows.add(SmallExport.row(SmallExport.at("08:00:00").plusSeconds(d), "deviceConnect", "", id, "198.51.100.XXX"));
            Instant t = SmallExport.at("10:30:00").plusSeconds(d);
            for (int k = 0; k < takeovers; k++, t = t.plus(Duration.ofMinutes(2))) {
                rows.add(SmallExport.row(t, "deviceConnect", "409002", id, "203.0.113.XXX"));
                rows.add(SmallExport.row(t.plusSeconds(1), "deviceDisconnect", "400027", id, "198.51.100.XXX"));
                rows.add(SmallExport.row(t.plusSeconds(3), "deviceConnect", "", id, "203.0.113.XXX"));
            }
        }
        // the rest of the fleet comes and goes cleanly now and then, to the end of the data (10:48)
        for (int d = 0; d < 100; d++) {
            String id = String.format("other-%03d", d);
            for (Instant t = SmallExport.at("09:00:00").plusSeconds(d * 37L); t.isBefore(SmallExport.at("10:48:00"));
                 t = t.plus(Duration.ofMinutes(63))) {
                rows.add(SmallExport.row(t, "deviceConnect", "", id, "192.0.2.XXX"));
            }
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        return rows;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void devicesTakenOverOnceAreAskedAboutTheirNetworkBeforeASecondClient(Format format) throws IOException {
        JsonNode once = SmallExport.triage(dir, format, rows(1), Options.realistic());
        assertThat(once.path("verdict").asText()).isEqualTo("DUPLICATE_CONNECTIONS");
        assertThat(once.path("headline").asText())
                .contains("had a connection replaced once each by a newer one with the same identity at 10:30 UTC")
                .doesNotContain("second client");
        assertThat(String.join(" ", SmallExport.texts(once.path("findings"))))
                .contains("each device was taken over once and not again");
        List<String> steps = SmallExport.texts(once.path("actions"));
        assertThat(steps.get(0)).startsWith("Check whether the network of these 30 devices changed around 10:30 UTC");
        assertThat(steps.get(1)).startsWith("Otherwise, find the second client using the same identity");

        JsonNode again = SmallExport.triage(dir, format, rows(4), Options.realistic());
        assertThat(again.path("verdict").asText()).isEqualTo("DUPLICATE_CONNECTIONS");
        assertThat(again.path("headline").asText()).contains("taken over by second clients with the same identities")
                .doesNotContain("replaced once");
        assertThat(SmallExport.texts(again.path("actions")).get(0)).startsWith("Find the second client");

        // twins that retry slowly: once in this window, but taken over again and again in the baseline
        JsonNode slow = SmallExport.triage(dir, format, rows(1, true), Options.realistic());
        assertThat(slow.path("verdict").asText()).isEqualTo("DUPLICATE_CONNECTIONS");
        assertThat(slow.path("headline").asText()).contains("taken over by second clients with the same identities")
                .doesNotContain("replaced once");
        assertThat(SmallExport.texts(slow.path("actions")).get(0)).startsWith("Find the second client");
    }
}
