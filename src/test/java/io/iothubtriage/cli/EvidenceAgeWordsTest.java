package io.iothubtriage.cli;

import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.cli.SmallExport.HUB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "now", "still" and "yet" are said only of current evidence: evidence whose end is within 15 minutes of the check.
 * An old export's last metric value, last health status and last row are told with their times instead.
 */
class EvidenceAgeWordsTest {

    @TempDir
    Path dir;

    /**
     * One hub over a 35-minute window ending at {@code end}: 40 devices connect, 12 of them drop with 404104 at
     * end − 5 min and never come back; the others connect again until {@code end} + 3 min (the last row at
     * end + 2:48).
     * Resource Health: Unavailable from end − 6 min, last reported end + 2 min; the metric drops from 40 to 28 and
     * its last value is at end + 3 min.
     */
    private String triage(Format format, Instant end, boolean withHealth) throws IOException {
        Instant start = end.minus(Duration.ofMinutes(35));
        Instant drop = end.minus(Duration.ofMinutes(5));
        Instant dataEnd = end.plus(Duration.ofMinutes(3));
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            String device = "dev-" + d;
            String site = d < 12 ? "198.51.100.XXX" : "203.0.113.XXX";
            rows.add(SmallExport.row(start.plusSeconds(30 + d), "deviceConnect", "", device, site));
            if (d < 12) {
                rows.add(SmallExport.row(drop.plusSeconds(d), "deviceDisconnect", "404104", device, site));
            } else {
                rows.add(SmallExport.row(dataEnd.minusSeconds(d), "deviceConnect", "", device, site));
            }
        }
        rows.sort((a, b) -> b.time().compareTo(a.time()));
        Path logs = dir.resolve("logs-" + format + (format == Format.PORTAL_CSV ? ".csv" : ".json"));
        ExportWriter.write(logs, format, rows, Options.realistic().hub(HUB));

        StringBuilder points = new StringBuilder();
        Instant first = start.truncatedTo(ChronoUnit.MINUTES);
        for (Instant t = first; !t.isAfter(dataEnd); t = t.plus(Duration.ofMinutes(1))) {
            points.append(points.isEmpty() ? "" : ",").append("{\"timeStamp\":\"").append(t)
                    .append("\",\"average\":").append(t.isBefore(drop) ? 40 : 28).append('}');
        }
        Path metrics = dir.resolve("metrics.json");
        Files.writeString(metrics, """
                {"cost":0,"timespan":"%s/%s","interval":"PT1M",
                 "value":[{"id":"%s/providers/Microsoft.Insights/metrics/connectedDeviceCount",
                   "type":"Microsoft.Insights/metrics","name":{"value":"connectedDeviceCount"},"unit":"Count",
                   "timeseries":[{"metadatavalues":[],"data":[%s]}]}]}
                """.formatted(start, dataEnd, HUB.resourceId(), points), StandardCharsets.UTF_8);

        List<String> args = new ArrayList<>(List.of("triage", "--hub", HUB.resourceId(), "--from", start.toString(),
                "--to", end.toString(), "--logs", logs.toString(), "--metrics", metrics.toString(),
                "--format", "text"));
        if (withHealth) {
            Path health = dir.resolve("health.json");
            Files.writeString(health, """
                    {"value":[{"id":"%s/providers/Microsoft.ResourceHealth/availabilityStatuses/current",
                     "name":"current",
                     "type":"Microsoft.ResourceHealth/AvailabilityStatuses","location":"westeurope",
                     "properties":{"availabilityState":"Unavailable","summary":"The hub is unavailable.",
                     "title":"Unavailable","occuredTime":"%s","reportedTime":"%s","context":"Platform Initiated",
                     "reasonType":"Unplanned"}}]}
                    """.formatted(HUB.resourceId(), end.minus(Duration.ofMinutes(6)), end.plus(Duration.ofMinutes(2))),
                    StandardCharsets.UTF_8);
            args.add("--health");
            args.add(health.toString());
        }
        TriageCommandTest.Run r = TriageCommandTest.cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().replaceAll("\\s+", " ");
    }

    private static final Instant OLD_END = Instant.parse("2026-01-15T10:46:00Z");

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anOldExportsLastStateIsToldWithItsTime(Format format) throws IOException {
        String text = triage(format, OLD_END, true);

        assertThat(text)
                .contains("it was still Unavailable at its last status, 10:48 UTC.")
                .contains("Health Unavailable from 10:40 UTC (still so at its last status, 10:48 UTC), "
                        + "platform-initiated")
                .contains("28 at 10:49 UTC (the metric's last value)")
                .contains("28 connected at 10:49 UTC (the metric's last value) against 40 before the drop")
                .doesNotContain("–now").doesNotContain(" now").doesNotContain("is still").doesNotContain("yet");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void anOldExportsOfflineDevicesAreOfflineAtTheEndOfTheData(Format format) throws IOException {
        String text = triage(format, OLD_END, false);

        assertThat(text).contains("none had reconnected by 10:48 UTC, the end of the data")
                .doesNotContain(" now").doesNotContain("yet").doesNotContain("are still offline");
    }

    @Test
    void aTimeOffTheWindowsDayIsDated() throws IOException {
        // the window ends at 23:58; the rows end on the next day at 00:00:48, the metric at 00:01
        String text = triage(Format.CLI_JSON_ARRAY, Instant.parse("2026-01-15T23:58:00Z"), false);

        assertThat(text).contains("none had reconnected by 2026-01-16 00:00 UTC, the end of the data")
                .contains("28 at 2026-01-16 00:01 UTC (the metric's last value)").doesNotContain(" now");
    }

    @Test
    void currentEvidenceKeepsTodaysWords() throws IOException {
        // a window that ends 4 minutes before the run: the data and the last status are minutes old
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(4));

        assertThat(triage(Format.CLI_JSON_ARRAY, end, true)).contains("; it is still Unavailable.")
                .contains("28 at the lowest").contains(", 28 now")
                .contains("28 connected now against 40 before the drop")
                .doesNotContain("the metric's last value").doesNotContain("at its last status");
        assertThat(triage(Format.CLI_JSON_ARRAY, end, false)).contains("none has reconnected yet")
                .doesNotContain("the end of the data");
    }
}
