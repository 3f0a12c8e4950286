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
 * export formats: AMQP devices are never told to tune an MQTT keep-alive (not even a few among many MQTT devices),
 * HTTPS devices are told they have none, and each protocol of a mix gets its own setting with its count.
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
        return protocols(mqtt, amqp, amqpWs, 0);
    }

    private static List<String> protocols(int mqtt, int amqp, int amqpWs, int https) {
        List<String> out = new ArrayList<>();
        out.addAll(java.util.Collections.nCopies(mqtt, "Mqtt"));
        out.addAll(java.util.Collections.nCopies(amqp, "Amqp"));
        out.addAll(java.util.Collections.nCopies(amqpWs, "AmqpWs"));
        out.addAll(java.util.Collections.nCopies(https, "Https"));
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
    void devicesOnSeveralProtocolsAreEachGivenTheirOwnSetting(Format f) throws IOException {
        List<String> actions = actions(f, protocols(18, 12, 0));

        assertThat(actions).contains("If the 30 devices keep dropping at a steady interval: 18 on MQTT, keep the MQTT "
                + "keep-alive below the idle timeouts of the network path (NAT, firewall, proxy) and within the hub's "
                + "maximum; 12 on AMQP, the AMQP idle timeout below the same idle timeouts; all, the SAS token "
                + "lifetime.");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void aSmallAmqpMinorityAmongMqttDevicesIsNotToldOfTheMqttKeepAlive(Format f) throws IOException {
        // 28 of 30 on MQTT (93 %): the 2 on AMQP still get the AMQP setting, with their count
        List<String> actions = actions(f, protocols(28, 1, 1));

        assertThat(actions).contains("If the 30 devices keep dropping at a steady interval: 28 on MQTT, keep the MQTT "
                + "keep-alive below the idle timeouts of the network path (NAT, firewall, proxy) and within the hub's "
                + "maximum; 2 on AMQP, the AMQP idle timeout below the same idle timeouts; all, the SAS token "
                + "lifetime.");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void devicesOnHttpsAreToldTheyHaveNoKeepAlive(Format f) throws IOException {
        List<String> actions = actions(f, protocols(0, 0, 0, 30));

        assertThat(actions).contains("If the 30 devices keep dropping at a steady interval, check their SAS token "
                + "lifetime: they use HTTPS, which holds no connection open, so there is no keep-alive to tune.");
        String all = String.join("\n", actions);
        assertThat(all).doesNotContain("MQTT keep-alive").doesNotContain("AMQP idle timeout")
                .doesNotContain("do not show which protocol");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void devicesOnMqttAndHttpsAreToldNothingOfAmqp(Format f) throws IOException {
        List<String> actions = actions(f, protocols(15, 0, 0, 15));

        assertThat(actions).contains("If the 30 devices keep dropping at a steady interval: 15 on MQTT, keep the MQTT "
                + "keep-alive below the idle timeouts of the network path (NAT, firewall, proxy) and within the hub's "
                + "maximum; 15 on HTTPS, none (HTTPS holds no connection open); all, the SAS token lifetime.");
        assertThat(String.join("\n", actions)).doesNotContain("AMQP");
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"LOG_ANALYTICS_RESPONSE", "CLI_JSON_ARRAY", "PORTAL_CSV"})
    void devicesOnMqttKeepTheMqttKeepAliveStep(Format f) throws IOException {
        List<String> actions = actions(f, protocols(30, 0, 0));

        assertThat(actions).contains("If the 30 devices keep dropping at a steady interval, keep the MQTT keep-alive "
                + "below the idle timeouts of the network path (NAT, firewall, proxy) and within the hub's maximum, "
                + "and check their SAS token lifetime.");
        assertThat(String.join("\n", actions)).doesNotContain("AMQP idle timeout");
    }
}
