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
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.cli.SmallExport.at;
import static io.iothubtriage.cli.SmallExport.row;
import static io.iothubtriage.cli.SmallExport.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-tenth rule (errors explain the drop only when their devices are at least a tenth of the devices that
 * disconnected) counts no noise device as disconnected, the edge of the data included (the contract), on the three
 * export formats.
 */
class OneTenthRuleEdgeTest {

    @TempDir
    Path dir;

    /**
     * {@code failing} devices drop at 10:20 with 404104 and stay away; {@code clean} devices connect and disconnect
     * cleanly; {@code edge} devices drop at 10:44:30, in the last 2 minutes of the data (its last row is theirs).
     */
    private static List<ConnectionLogRow> rows(int failing, int clean, int edge) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < failing; i++) {
            rows.add(row(at("10:20:00").plusSeconds(i), "deviceDisconnect", "404104", "fail-" + i, "203.0.113.XXX"));
        }
        for (int i = 0; i < clean; i++) {
            String id = "clean-" + i;
            rows.add(row(at("10:12:00").plusSeconds(i), "deviceConnect", "", id, "192.0.2.XXX"));
            rows.add(row(at("10:25:00").plusSeconds(i * 7L), "deviceDisconnect", "", id, "192.0.2.XXX"));
        }
        for (int i = 0; i < edge; i++) {
            rows.add(row(at("10:44:30").plusSeconds(i), "deviceDisconnect", "404104", "edge-" + i, "198.51.100.XXX"));
        }
        return rows;
    }

    private JsonNode triage(Format f, List<ConnectionLogRow> rows) throws IOException {
        return SmallExport.triage(dir, f, rows, Options.realistic());
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void devicesAtTheEdgeOfTheDataDoNotOutnumberTheErrorsThatExplainTheDrop(Format f) throws IOException {
        // 10 failing of 100 that disconnected (the 5 at the edge are not among them): exactly a tenth, explained
        JsonNode r = triage(f, rows(10, 90, 5));

        assertThat(r.path("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(r.path("scope").path("affectedDevices").asInt()).isEqualTo(10);
        assertThat(r.path("noise").path("edgeOfDataDevices").asInt()).isEqualTo(5);
        assertThat(r.path("headline").asText()).startsWith("10 devices behind 203.0.113.XXX lost their connections "
                + "at 10:20 UTC (404104)");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void theOneTenthFindingCountsOnlyTheDevicesThatDisconnectedBeyondNoise(Format f) throws IOException {
        JsonNode r = triage(f, rows(5, 90, 30));

        assertThat(r.path("verdict").asText()).isEqualTo("NO_CONNECTION_ERRORS");
        assertThat(texts(r.path("findings"))).contains("Only 5 devices logged errors (404104), fewer than a tenth of "
                + "the 95 that disconnected: errors do not explain the drop.");
    }
}
