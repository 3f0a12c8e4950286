package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.Dimension;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.iothubtriage.testing.EvidenceFixtures.DROP;
import static io.iothubtriage.testing.EvidenceFixtures.code;
import static io.iothubtriage.testing.EvidenceFixtures.connections;
import static io.iothubtriage.testing.EvidenceFixtures.spread;
import static io.iothubtriage.testing.EvidenceFixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

/** Counts of one take the singular verb: "1 is still offline, 1 keeps reconnecting". */
class HeadlineAgreementTest {

    @Test
    void oneDeviceStillOfflineAndOneFlappingReadInTheSingular() {
        ConnectionEvidence c = connections()
                .code(code("404104", "DeviceConnectionClosedRemotely", 1_877, 312, 12, 0, 2_900))
                .family(new FamilyStats(CauseFamily.NETWORK_OR_KEEPALIVE, 312, 1, Map.of(
                        Dimension.PROTOCOL, spread(312, 2, v("Mqtt", 290), v("Amqp", 22))),
                        Optional.of(DROP), Optional.of(DROP.plusSeconds(300)), 1, 310,
                        Optional.of(Duration.ofMinutes(2))))
                .build();
        TriageReport r = ChangeAttributionTest.withoutChanges(c);

        assertThat(r.headline()).contains("1 is still offline").contains("1 keeps reconnecting")
                .doesNotContain("1 are").doesNotContain("1 keep reconnecting");
    }
}
