package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which protocol's keep-alive a group of dropped devices is told about, from their logged protocols. */
class KeepAliveAdviceTest {

    private static DimensionBreakdown protocols(ValueCount... values) {
        int devices = 0;
        for (ValueCount v : values) {
            devices += v.devices();
        }
        return new DimensionBreakdown(devices, values.length, List.of(values));
    }

    @Test
    void nearlyAllOnOneProtocolGetThatProtocolsAdvice() {
        // 19 of 20 on AMQP (with WebSockets): nearly all
        KeepAliveAdvice a = KeepAliveAdvice.of(protocols(new ValueCount("Amqp", 10), new ValueCount("AmqpWs", 9),
                new ValueCount("Mqtt", 1)), 20);
        assertThat(a.kind()).isEqualTo(KeepAliveAdvice.Protocols.AMQP);
        assertThat(a.clause()).isEqualTo("check their network path and AMQP idle timeout");
        assertThat(KeepAliveAdvice.of(protocols(new ValueCount("MqttWs", 20)), 20).clause())
                .isEqualTo("check their network path and MQTT keep-alive");
    }

    @Test
    void aMixIsSaidWithItsCounts() {
        KeepAliveAdvice a = KeepAliveAdvice.of(protocols(new ValueCount("Mqtt", 170), new ValueCount("Amqp", 30),
                new ValueCount("AmqpWs", 7), new ValueCount("HTTP", 2)), 209);
        assertThat(a.kind()).isEqualTo(KeepAliveAdvice.Protocols.MIXED);
        assertThat(a.clause()).isEqualTo("check their network path and the keep-alive of each protocol they use "
                + "(170 on MQTT, 37 on AMQP, 2 on other protocols)");
    }

    @Test
    void protocolsMostlyUnloggedNameNoProtocol() {
        // only 4 of 10 devices logged a protocol: too few to say what the group uses
        KeepAliveAdvice a = KeepAliveAdvice.of(protocols(new ValueCount("Mqtt", 4)), 10);
        assertThat(a.kind()).isEqualTo(KeepAliveAdvice.Protocols.UNKNOWN);
        assertThat(a.step(10)).isEqualTo("If the 10 devices keep dropping at a steady interval, compare their "
                + "keep-alive (the MQTT keep-alive, or the AMQP idle timeout: the logs do not show which protocol most "
                + "of them use) with what the network path allows, and their SAS token lifetime.");
    }
}
