package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.TriageReport.ErrorLine;
import io.iothubtriage.evidence.ConnectionAggregator;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.NoiseRules;
import io.iothubtriage.notify.MarkdownRenderer;
import io.iothubtriage.notify.TextRenderer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.iothubtriage.testing.EvidenceFixtures.BASELINE;
import static io.iothubtriage.testing.EvidenceFixtures.NOW;
import static io.iothubtriage.testing.EvidenceFixtures.healthy;
import static io.iothubtriage.testing.EvidenceFixtures.request;
import static io.iothubtriage.testing.EvidenceFixtures.typicalDrop;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's baseline column and its finding count the baseline's events by the window's rule, from the baseline's
 * own rows: renewals seen there are set aside exactly, not estimated from the window's renewal rate.
 */
class BaselineSameRuleTest {

    private static final TriageRequest REQUEST = request();

    private static ConnectionLogRow error(String device, Instant t, String code) {
        return new ConnectionLogRow(t, "deviceDisconnect", "Error", code, "DeviceConnectionClosedRemotely", device,
                "Mqtt", "device/sas", "198.51.100.XXX", "", "404", "");
    }

    private static ConnectionLogRow connect(String device, Instant t, String ip) {
        return new ConnectionLogRow(t, "deviceConnect", "Information", "", "", device, "Mqtt", "device/sas", ip,
                "azure-iot-device/1.18.2", "", "");
    }

    /** 200 devices renewing hourly all day (404104, back 2 s later), none of them renewing during the window. */
    private static List<ConnectionLogRow> renewingBaseline() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < 200; d++) {
            String id = "renewer-" + d;
            Instant first = BASELINE.start().plusSeconds(23L * d % 1_500 + 10);
            for (int h = 0; h < 24; h++) {
                Instant t = first.plus(Duration.ofHours(h));
                rows.add(error(id, t, "404104"));
                rows.add(connect(id, t.plusSeconds(2), "198.51.100.XXX"));
            }
        }
        return rows;
    }

    /** 60 devices behind one address drop at 10:41 and do not come back; 200 others are connected. */
    private static void siteOutage(List<ConnectionLogRow> rows) {
        Instant drop = Instant.parse("2026-01-15T10:41:00Z");
        for (int d = 0; d < 60; d++) {
            rows.add(new ConnectionLogRow(drop.plusMillis(d * 300L), "deviceDisconnect", "Error", "404104",
                    "DeviceConnectionClosedRemotely", "site-" + d, "Mqtt", "device/sas", "203.0.113.XXX", "", "404",
                    ""));
        }
        for (int d = 0; d < 200; d++) {
            rows.add(connect("renewer-" + d, Instant.parse("2026-01-15T10:12:00Z").plusSeconds(d), "198.51.100.XXX"));
        }
        rows.add(connect("renewer-0", Instant.parse("2026-01-15T10:46:30Z"), "198.51.100.XXX"));
    }

    private static TriageReport diagnose(List<ConnectionLogRow> rows) {
        ConnectionAggregator a = new ConnectionAggregator(REQUEST, NoiseRules.defaults());
        rows.forEach(a);
        Evidence evidence = new Evidence(Optional.of(a.finish()), Optional.of(healthy()), Optional.of(typicalDrop()),
                List.of());
        return Diagnosis.diagnose(REQUEST, evidence, DiagnosisOptions.defaults(), NOW);
    }

    @Test
    void aBaselineOfRenewingDevicesCountsNothing() {
        List<ConnectionLogRow> rows = renewingBaseline();
        siteOutage(rows);

        TriageReport r = diagnose(rows);

        ErrorLine line = r.errors().get(0);
        assertThat(line.code()).isEqualTo("404104");
        assertThat(line.events()).isEqualTo(60);
        // 4,800 raw baseline events, every one a renewal: none is left to compare with
        assertThat(line.baselineEvents()).hasValue(0);
        assertThat(line.unusual()).isTrue();
        assertThat(r.findings()).contains("404104 did not occur in the previous 24 h beyond SAS renewals; it has 60 "
                + "events in 35 min.");
    }

    @Test
    void aRealOutageInTheBaselineIsCountedExactly() {
        List<ConnectionLogRow> rows = renewingBaseline();
        // at 03:00 the site dropped for 20 minutes, 150 devices (no quick reconnect: a real outage)
        Instant outage = Instant.parse("2026-01-15T03:00:00Z");
        for (int d = 0; d < 150; d++) {
            rows.add(error("old-site-" + d, outage.plusSeconds(d), "404104"));
            rows.add(connect("old-site-" + d, outage.plusSeconds(1_200 + d), "203.0.113.XXX"));
        }
        siteOutage(rows);

        TriageReport r = diagnose(rows);

        ErrorLine line = r.errors().get(0);
        assertThat(line.baselineEvents()).hasValue(150);
        // 60 in 35 min against 150 in 24 h: about 16 times the usual rate, exact on both sides
        assertThat(r.findings()).anyMatch(f -> f.startsWith("404104 is 16× its usual rate: 60 events in 35 min "
                + "against 150 in the previous 24 h (renewals set aside)."));
        assertThat(new TextRenderer(false).render(r)).containsPattern("404104 .* 60 +150 !");
        assertThat(new MarkdownRenderer().render(r)).contains("| 150 ⚠️ unusual");
    }
}
