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
    void oneProtocolGetsThatProtocolsAdvice() {
        KeepAliveAdvice a = KeepAliveAdvice.of(protocols(new ValueCount("Amqp", 10), new ValueCount("AmqpWs", 9)), 19);
        assertThat(a.kind()).isEqualTo(KeepAliveAdvice.Protocols.AMQP);
        assertThat(a.clause()).isEqualTo("check their network path and AMQP idle timeout");
        KeepAliveAdvice m = KeepAliveAdvice.of(protocols(new ValueCount("MqttWs", 20)), 20);
        assertThat(m.clause()).isEqualTo("check their network path and MQTT keep-alive");
        assertThat(m.step(20)).isEqualTo("If the 20 devices keep dropping at a steady interval, keep the MQTT "
                + "keep-alive below the idle timeouts of the network path (NAT, firewall, proxy) and within the hub's "
                + "maximum, and check their SAS token lifetime.");
    }

    @Test
    void aSmallMinorityOnAnotherProtocolGetsItsOwnAdviceWithItsCount() {
        // 19 of 20 on MQTT: the one AMQP device has no MQTT keep-alive, so it is not folded into the MQTT advice
        KeepAliveAdvice a = KeepAliveAdvice.of(protocols(new ValueCount("Mqtt", 12), new ValueCount("MqttWs", 7),
                new ValueCount("Amqp", 1)), 20);
        assertThat(a.kind()).isEqualTo(KeepAliveAdvice.Protocols.MIXED);
        assertThat(a.step(20)).isEqualTo("If the 20 devices keep dropping at a steady interval: 19 on MQTT, keep the "
                + "MQTT keep-alive below the idle timeouts of the network path (NAT, firewall, proxy) and within the "
                + "hub's maximum; 1 on AMQP, the AMQP idle timeout below the same idle timeouts; all, the SAS token "
                + "lifetime.");
    }

    @Test
    void aMixIsSaidWithItsCounts() {
        KeepAliveAdvice a = KeepAliveAdvice.of(protocols(new ValueCount("Mqtt", 170), new ValueCount("Amqp", 30),
                new ValueCount("AmqpWs", 7), new ValueCount("HTTPS", 2)), 209);
        assertThat(a.kind()).isEqualTo(KeepAliveAdvice.Protocols.MIXED);
        assertThat(a.clause()).isEqualTo("check their network path and the keep-alive of each protocol they use "
                + "(170 on MQTT, 37 on AMQP); the 2 on HTTPS hold no connection open");
    }

    @Test
    void devicesOnHttpsAreToldThereIsNoKeepAliveToTune() {
        KeepAliveAdvice a = KeepAliveAdvice.of(protocols(new ValueCount("Https", 12)), 12);
        assertThat(a.kind()).isEqualTo(KeepAliveAdvice.Protocols.HTTPS);
        assertThat(a.step(12)).isEqualTo("If the 12 devices keep dropping at a steady interval, check their SAS token "
                + "lifetime: they use HTTPS, which holds no connection open, so there is no keep-alive to tune.");
        assertThat(a.clause()).isEqualTo("check their network path (they use HTTPS: no keep-alive applies)");
    }

    @Test
    void aMixOfMqttAndHttpsNamesNoAmqp() {
        KeepAliveAdvice a = KeepAliveAdvice.of(protocols(new ValueCount("Mqtt", 30), new ValueCount("Https", 30)), 60);
        assertThat(a.step(60)).isEqualTo("If the 60 devices keep dropping at a steady interval: 30 on MQTT, keep the "
                + "MQTT keep-alive below the idle timeouts of the network path (NAT, firewall, proxy) and within the "
                + "hub's maximum; 30 on HTTPS, none (HTTPS holds no connection open); all, the SAS token lifetime.")
                .doesNotContain("AMQP");
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
