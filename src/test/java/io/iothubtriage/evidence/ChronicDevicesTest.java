package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.evidence.Rows.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Devices that were already failing the same way all through the baseline are chronic noise for the window: not in
 * the families, the codes' events (window and baseline), the disconnected devices or the top devices, but counted
 * apart in {@link ConnectionEvidence.Noise#chronic()}.
 */
class ChronicDevicesTest {

    private static final TriageRequest REQUEST = Rows.request("10:11:00", "10:46:00");
    private static final Instant BASELINE_START = REQUEST.baseline().start();
    private static final Instant DATA_END = at("10:50:00");

    /** Drops with {@code code} every {@code every}, back a second later, from {@code from} until {@code to}. */
    private static int flap(List<ConnectionLogRow> rows, String device, String ip, Instant from, Instant to,
                            Duration every) {
        int drops = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(every)) {
            rows.add(Rows.withIp(Rows.error(device, t, "404104", false), ip));
            rows.add(Rows.withIp(Rows.connect(device, t.plusSeconds(1)), ip));
            drops += t.isBefore(REQUEST.baseline().end()) ? 1 : 0;
        }
        return drops;
    }

    private static ConnectionEvidence aggregate(List<ConnectionLogRow> rows, boolean twoThreads) {
        ConnectionAggregator a = new ConnectionAggregator(REQUEST);
        rows.forEach(a);
        return a.finish(twoThreads);
    }

    @Test
    void devicesFailingTheSameWayAllThroughTheBaselineAreSetAsideAndCountedApart() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        Duration fiveMinutes = Duration.ofMinutes(5);
        // three devices at other sites drop and come back every 5 minutes, all day and in the window
        for (int i = 0; i < 3; i++) {
            flap(rows, "chronic-" + i, "198.51.100.XXX", BASELINE_START.plusSeconds(7 * i), DATA_END, fiveMinutes);
        }
        // one is refused on every attempt, all day, and never connects
        for (Instant t = BASELINE_START; t.isBefore(DATA_END); t = t.plus(fiveMinutes)) {
            rows.add(Rows.withIp(Rows.error("refused-0", t, "401002", true), "198.51.100.XXX"));
        }
        // a site goes dark at 10:41: 12 devices, one of which had flapped all day and now stays away (it counts)
        int siteFlapperBaselineDrops = flap(rows, "site-flapper", "203.0.113.XXX", BASELINE_START, at("10:40:00"),
                fiveMinutes);
        rows.add(Rows.withIp(Rows.closed("site-flapper", "10:41:30", "404104"), "203.0.113.XXX"));
        for (int i = 0; i < 11; i++) {
            rows.add(Rows.withIp(Rows.connect("site-" + i, "09:00:00"), "203.0.113.XXX"));
            rows.add(Rows.withIp(Rows.closed("site-" + i, String.format("10:41:%02d", i), "404104"),
                    "203.0.113.XXX"));
        }
        // a device that flapped only the last 5 hours of the baseline is no chronic one
        flap(rows, "recent-0", "192.0.2.XXX", at("05:11:00"), DATA_END, fiveMinutes);

        ConnectionEvidence e = aggregate(rows, false);

        ConnectionEvidence.ChronicDevices chronic = e.noise().chronic();
        assertThat(chronic.devices()).isEqualTo(4);
        assertThat(chronic.families()).containsExactly(CauseFamily.NETWORK_OR_KEEPALIVE, CauseFamily.AUTHENTICATION);
        assertThat(chronic.flapping()).isEqualTo(3);
        assertThat(chronic.stillOffline()).isEqualTo(1);
        assertThat(chronic.flappingPeriod()).contains(fiveMinutes);
        assertThat(chronic.minHours()).isEqualTo(24);
        assertThat(chronic.examples()).containsExactly("chronic-0", "chronic-1", "chronic-2");
        // 7 drops each of the three in 10:11–10:46, 7 refusals of the fourth
        assertThat(chronic.events()).isEqualTo(4 * 7);

        // the incident: the site's 12 devices and the recent flapper, nothing of the chronic ones
        assertThat(e.family(CauseFamily.NETWORK_OR_KEEPALIVE).orElseThrow().devices()).isEqualTo(13);
        assertThat(e.family(CauseFamily.AUTHENTICATION)).isEmpty();
        assertThat(e.affectedDevices()).isEqualTo(13);
        assertThat(e.disconnectedDevices()).isEqualTo(13);
        assertThat(e.topDevices()).extracting(ConnectionEvidence.DeviceStats::deviceId)
                .doesNotContain("chronic-0", "chronic-1", "chronic-2", "refused-0");
        ConnectionEvidence.CodeStats c404104 = e.codes().stream().filter(c -> c.code().equals("404104"))
                .findFirst().orElseThrow();
        assertThat(c404104.devices()).isEqualTo(13);
        assertThat(c404104.noiseEvents()).isEqualTo(3 * 7);
        // the baseline without the chronic devices' events: the site flapper's and the recent flapper's drops
        long recentBaselineDrops = Duration.between(at("05:11:00"), at("10:11:00")).dividedBy(fiveMinutes);
        assertThat(c404104.baselineEvents() - c404104.baselineNoiseEvents().getAsLong())
                .isEqualTo(siteFlapperBaselineDrops + recentBaselineDrops);
        ConnectionEvidence.CodeStats c401002 = e.codes().stream().filter(c -> c.code().equals("401002"))
                .findFirst().orElseThrow();
        assertThat(c401002.events()).isZero();
        assertThat(c401002.baselineEvents() - c401002.baselineNoiseEvents().getAsLong()).isZero();

        assertThat(aggregate(rows, true)).isEqualTo(e);
    }

    @Test
    void aShortBaselineMakesNoDeviceChronic() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        flap(rows, "flapper", "198.51.100.XXX", at("08:11:00"), DATA_END, Duration.ofMinutes(5));
        TriageRequest threeHours = new TriageRequest(REQUEST.hub(), REQUEST.window(),
                REQUEST.window().before(Duration.ofHours(3)), REQUEST.alert());
        ConnectionAggregator a = new ConnectionAggregator(threeHours);
        rows.forEach(a);

        ConnectionEvidence e = a.finish();

        // every hour of its baseline, but fewer than the 6 hours that make a device chronic
        assertThat(e.noise().chronic().devices()).isZero();
        assertThat(e.affectedDevices()).isEqualTo(1);
    }
}
