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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.cli.SmallExport.at;
import static io.iothubtriage.cli.SmallExport.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A site's outage step names the outbound ports of the protocols its dropped devices use: a site of MQTT devices over
 * WebSockets needs 443 alone, not 8883 and 5671 as well; a site of mixed protocols gets the ports of those it uses.
 */
class OutboundPortsWordsTest {

    @TempDir
    Path dir;

    private static ConnectionLogRow row(Instant t, String op, String code, String device, String protocol,
                                        String site) {
        boolean error = !code.isEmpty();
        return new ConnectionLogRow(t, op, error ? "Error" : "Information", code,
                error ? "DeviceConnectionClosedRemotely" : "", device, protocol, "device/sas", site,
                "azure-iot-sdk-c/1.13.0", error ? "404" : "", error ? "DeviceConnectionClosedRemotely" : "");
    }

    /** 40 devices elsewhere stay connected; those given by protocol, behind 203.0.113.XXX, drop at 10:30 for good. */
    private JsonNode triage(Format format, List<String> siteProtocols) throws IOException {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = String.format("steady-%03d", i);
            String site = "198.51.100." + (i % 8) + "XX";
            rows.add(row(at("10:12:00").plusSeconds(i), "deviceConnect", "", id, "Mqtt", site));
            rows.add(row(at("10:45:00").plusSeconds(i / 2), "deviceConnect", "", id, "Mqtt", site));
        }
        for (int i = 0; i < siteProtocols.size(); i++) {
            String id = String.format("site-%03d", i);
            rows.add(row(at("10:12:30").plusSeconds(i), "deviceConnect", "", id, siteProtocols.get(i), "203.0.113.XXX"));
            rows.add(row(at("10:30:00").plusSeconds(i), "deviceDisconnect", "404104", id, siteProtocols.get(i),
                    "203.0.113.XXX"));
        }
        return SmallExport.triage(dir, format, rows, Options.realistic());
    }

    private static String siteStep(JsonNode r) {
        return texts(r.path("actions")).stream().filter(a -> a.startsWith("Check the network at the site behind"))
                .findFirst().orElseThrow(() -> new AssertionError("no site step in " + r.path("actions")));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aSiteOfWebSocketDevicesNeedsOnly443(Format format) throws IOException {
        JsonNode r = triage(format, java.util.Collections.nCopies(20, "MqttWs"));

        assertThat(siteStep(r)).endsWith("; they need outbound 443 (WebSockets).").doesNotContain("8883")
                .doesNotContain("5671");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aSiteOfMqttAndAmqpDevicesNeedsTheirTwoPorts(Format format) throws IOException {
        List<String> protocols = new ArrayList<>(java.util.Collections.nCopies(12, "Mqtt"));
        protocols.addAll(java.util.Collections.nCopies(8, "Amqp"));
        JsonNode r = triage(format, protocols);

        assertThat(siteStep(r)).endsWith("; they need outbound 8883 (MQTT) or 5671 (AMQP).");
    }
}
