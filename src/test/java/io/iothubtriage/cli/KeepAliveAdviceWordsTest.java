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
 * The keep-alive step of a network verdict names the keep-alive of the protocol the dropped devices use, on the three
 * export formats: AMQP devices are never told to tune an MQTT keep-alive, and a mix of protocols is said to be one.
 */
class KeepAliveAdviceWordsTest {

    @TempDir
    Path dir;

    private static ConnectionLogRow row(Instant t, String op, String code, String device, String protocol) {
        boolean error = !code.isEmpty();
        return new ConnectionLogRow(t, op, error ? "Error" : "Information", code,
                error ? "DeviceConnectionClosedRemotely" : "", device, protocol, "device/sas", "198.51.100.XXX",
                "azure-iot-sdk-c/1.13.0", error ? "404" : "", error ? "DeviceConnectionClosedRemotely" : "");
    }

    /**
     * 60 MQTT devices stay connected all through the window; the devices given by their protocols connect at 10:12
     * and drop with 404104 at 10:30, and none comes back.
     */
    private static List<ConnectionLogRow> rows(List<String> droppedProtocols) {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = String.format("steady-%03d", i);
            rows.add(row(at("10:12:00").plusSeconds(i), "deviceConnect", "", id, "Mqtt"));
            rows.add(row(at("10:45:00").plusSeconds(i / 2), "deviceConnect", "", id, "Mqtt"));
        }
        for (int i = 0; i < droppedProtocols.size(); i++) {
            String id = String.format("dropped-%03d", i);
            rows.add(row(at("10:12:30").plusSeconds(i), "deviceConnect", "", id, droppedProtocols.get(i)));
            rows.add(row(at("10:30:00").plusSeconds(i), "deviceDisconnect", "404104", id, droppedProtocols.get(i)));
        }
        return rows;
    }

    private static List<String> protocols(int mqtt, int amqp, int amqpWs) {
        List<String> out = new ArrayList<>();
        out.addAll(java.util.Collections.nCopies(mqtt, "Mqtt"));
        out.addAll(java.util.Collections.nCopies(amqp, "Amqp"));
        out.addAll(java.util.Collections.nCopies(amqpWs, "AmqpWs"));
        return out;
    }

    private List<String> actions(Format f, List<String> droppedProtocols) throws IOException {
        JsonNode r = SmallExport.triage(dir, f, rows(droppedProtocols), Options.realistic());
        assertThat(r.path("verdict").asText()).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE");
        return texts(r.path("actions"));
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void devicesOnAmqpAreToldOfTheAmqpIdleTimeoutNotOfMqtt(Format f) throws IOException {
        List<String> actions = actions(f, protocols(0, 24, 6));

        assertThat(actions).contains("If the 30 devices keep dropping at a steady interval, compare their AMQP idle "
                + "timeout (the SDK's keep-alive over AMQP) with the idle timeouts of the network path (NAT, firewall, "
                + "proxy), and their SAS token lifetime.");
        assertThat(String.join("\n", actions)).doesNotContain("MQTT keep-alive");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void devicesOnSeveralProtocolsAreSaidToBeAMix(Format f) throws IOException {
        List<String> actions = actions(f, protocols(18, 12, 0));

        assertThat(actions).contains("If the 30 devices keep dropping at a steady interval, check the keep-alive of "
                + "each protocol they use (18 on MQTT, 12 on AMQP): the MQTT keep-alive against the hub's limit (it "
                + "closes a connection after 1.5 × the keep-alive), the AMQP idle timeout against the idle timeouts "
                + "of the network path; and their SAS token lifetime.");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void devicesOnMqttKeepTheMqttKeepAliveStep(Format f) throws IOException {
        List<String> actions = actions(f, protocols(30, 0, 0));

        assertThat(actions).contains("If the 30 devices keep dropping at a steady interval, compare their MQTT "
                + "keep-alive with the hub's limit (it closes a connection after 1.5 × the keep-alive) and their SAS "
                + "token lifetime.");
        assertThat(String.join("\n", actions)).doesNotContain("AMQP idle timeout");
    }
}
