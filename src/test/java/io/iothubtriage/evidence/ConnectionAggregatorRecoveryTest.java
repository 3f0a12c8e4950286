package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.evidence.Rows.cleanDisconnect;
import static io.iothubtriage.evidence.Rows.closed;
import static io.iothubtriage.evidence.Rows.connect;
import static io.iothubtriage.evidence.Rows.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What became of each attributed device, as the rows show it: still offline (no successful connect after its last
 * error), flapping (reconnected and failed again, with its period) or reconnected; rows after the window settle
 * the window's errors, and the edge of the data is the hub's last row wherever it lies.
 */
class ConnectionAggregatorRecoveryTest {

    private static final TriageRequest REQUEST = Rows.request("10:00:00", "10:35:00");

    static ConnectionEvidence aggregate(List<ConnectionLogRow> rows) {
        ConnectionAggregator a = new ConnectionAggregator(REQUEST);
        rows.forEach(a);
        return a.finish();
    }

    static FamilyStats family(ConnectionEvidence e, CauseFamily f) {
        return e.family(f).orElseThrow();
    }

    @Test
    void aCrashLoopingDeviceIsFlappingWithItsPeriodNotStillOffline() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        // crash loop: connect, dropped 20 s later, every 40 s, the last row a drop
        for (int i = 0; i < 20; i++) {
            int s = 600 + i * 40;
            rows.add(connect("looper", clock(s)));
            rows.add(closed("looper", clock(s + 20), "404104"));
        }
        rows.add(closed("gone", "10:20:00", "404104"));           // dropped and never came back
        rows.add(closed("back", "10:21:00", "404104"));           // dropped, back four minutes later
        rows.add(connect("back", "10:25:00"));
        rows.add(connect("quiet", "10:34:00"));
        ConnectionEvidence e = aggregate(rows);

        FamilyStats net = family(e, CauseFamily.NETWORK_OR_KEEPALIVE);
        assertThat(net.devices()).isEqualTo(3);
        assertThat(net.flapping()).isEqualTo(1);
        assertThat(net.flappingPeriod()).contains(Duration.ofSeconds(40));
        assertThat(net.stillOffline()).isEqualTo(1);
        assertThat(net.reconnected()).isEqualTo(1);
    }

    @Test
    void oneDropAfterAnEarlierFailureIsNoFlappingPeriod() {
        // Each device failed once early (a 404104 with a quick reconnect, too close to the next drop to be a
        // renewal), dropped again at 10:21 and came back: what became of it is "reconnected", and with no
        // reconnect after the second drop, "still offline"; neither keeps dropping.
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String back = "back-" + i;
            rows.add(closed(back, clock(840 + i), "404104"));     // 10:14
            rows.add(connect(back, clock(860 + i)));
            rows.add(closed(back, clock(1260 + i), "404104"));    // 10:21
            rows.add(connect(back, clock(1330 + i)));             // back 70 s later, and stays
        }
        rows.add(closed("gone", "10:14:00", "404104"));
        rows.add(connect("gone", "10:14:20"));
        rows.add(closed("gone", "10:21:00", "404104"));
        rows.add(connect("quiet", "10:34:00"));
        FamilyStats net = family(aggregate(rows), CauseFamily.NETWORK_OR_KEEPALIVE);

        assertThat(net.devices()).isEqualTo(7);
        assertThat(net.flapping()).isZero();
        assertThat(net.flappingPeriod()).isEmpty();
        assertThat(net.reconnected()).isEqualTo(6);
        assertThat(net.stillOffline()).isEqualTo(1);
    }

    @Test
    void threeDropsWithReconnectsBetweenThemAreFlapping() {
        ConnectionEvidence e = aggregate(List.of(
                closed("f1", "10:22:00", "404104"), connect("f1", "10:22:30"),
                closed("f1", "10:26:00", "404104"), connect("f1", "10:26:30"),
                closed("f1", "10:30:00", "404104"), connect("f1", "10:30:30"),
                connect("quiet", "10:34:00")));
        FamilyStats net = family(e, CauseFamily.NETWORK_OR_KEEPALIVE);
        assertThat(net.flapping()).isEqualTo(1);
        assertThat(net.flappingPeriod()).contains(Duration.ofMinutes(4));
        assertThat(net.reconnected()).isZero();
    }

    @Test
    void aDeviceThatStoppedFlappingAndStayedConnectedHasReconnected() {
        // drops every 4 min until 10:18, then connected for the window's last 16 minutes (more than 3 periods):
        // a rollback or a fix; "keeps reconnecting and dropping again" would not be true of the rows
        ConnectionEvidence e = aggregate(List.of(
                closed("f1", "10:10:00", "404104"), connect("f1", "10:10:30"),
                closed("f1", "10:14:00", "404104"), connect("f1", "10:14:30"),
                closed("f1", "10:18:00", "404104"), connect("f1", "10:18:30"),
                connect("quiet", "10:34:00")));
        FamilyStats net = family(e, CauseFamily.NETWORK_OR_KEEPALIVE);
        assertThat(net.flapping()).isZero();
        assertThat(net.reconnected()).isEqualTo(1);
    }

    @Test
    void theFlappingPeriodIsTheMedianIntervalNotStretchedByTheFirstOutage() {
        // down 12 minutes first, then cut every 2 minutes: "about every 2 minutes", not the mean of 4
        ConnectionEvidence e = aggregate(List.of(
                closed("f1", "10:12:00", "404104"), connect("f1", "10:24:00"),
                closed("f1", "10:26:00", "404104"), connect("f1", "10:26:05"),
                closed("f1", "10:28:00", "404104"), connect("f1", "10:28:05"),
                closed("f1", "10:30:00", "404104"), connect("f1", "10:30:05"),
                closed("f1", "10:32:00", "404104"), connect("f1", "10:32:05"),
                connect("quiet", "10:34:00")));
        FamilyStats net = family(e, CauseFamily.NETWORK_OR_KEEPALIVE);
        assertThat(net.flapping()).isEqualTo(1);
        assertThat(net.flappingPeriod()).contains(Duration.ofMinutes(2));
    }

    @Test
    void aReconnectAfterTheWindowSettlesTheErrorAndMovesTheEdge() {
        // an error 1 s before the window's end; its reconnect 1.9 s later is in the export, after the window
        ConnectionEvidence e = aggregate(List.of(
                closed("d1", "10:34:59", "404104"),
                connect("d1", "10:35:00.900"),
                connect("quiet", "10:20:00")));

        assertThat(e.lastRowTime()).contains(Rows.at("10:35:00.900"));
        // a quick reconnect of a renewal code that does not repeat: a token renewal, not the edge of the data
        assertThat(e.noise().edgeOfDataDevices()).isZero();
        assertThat(e.noise().sasRenewalDevices()).isEqualTo(1);
        assertThat(e.families()).isEmpty();
        assertThat(e.cleanDisconnectDevices()).isZero();
    }

    @Test
    void withoutRowsAfterTheWindowTheSameErrorIsAtTheEdge() {
        ConnectionEvidence e = aggregate(List.of(
                closed("d1", "10:34:59", "404104"),
                connect("quiet", "10:20:00")));
        assertThat(e.noise().edgeOfDataDevices()).isEqualTo(1);
        assertThat(e.cleanDisconnectDevices()).isZero();
    }

    @Test
    void aDeviceThatReconnectsOnlyAfterTheWindowHasReconnected() {
        ConnectionEvidence e = aggregate(List.of(
                refused("d1", "10:10:00", "401003"),
                refused("d1", "10:15:00", "401003"),
                connect("d1", "10:50:00"),                          // after the window, inside the export
                connect("quiet", "10:55:00")));
        FamilyStats auth = family(e, CauseFamily.AUTHENTICATION);
        assertThat(auth.devices()).isEqualTo(1);
        assertThat(auth.stillOffline()).isZero();
        assertThat(auth.reconnected()).isEqualTo(1);
        assertThat(auth.flapping()).isZero();
    }

    @Test
    void onlyDisconnectsWithoutAnErrorAreClean() {
        ConnectionEvidence e = aggregate(List.of(
                cleanDisconnect("c1", "10:05:00"),
                cleanDisconnect("c2", "10:06:00"),
                closed("e1", "10:07:00", "404104"),
                connect("quiet", "10:34:00")));
        assertThat(e.disconnectedDevices()).isEqualTo(3);
        assertThat(e.cleanDisconnectDevices()).isEqualTo(2);
    }

    @Test
    void rowOrderDoesNotChangeTheOutcome() {
        List<ConnectionLogRow> rows = new ArrayList<>(List.of(
                closed("d1", "10:34:59", "404104"),
                connect("d1", "10:35:00.900"),
                refused("d2", "10:10:00", "401003"),
                connect("d2", "10:50:00"),
                connect("quiet", "10:20:00")));
        ConnectionEvidence forward = aggregate(rows);
        java.util.Collections.reverse(rows);
        assertThat(aggregate(rows)).isEqualTo(forward);
    }

    private static String clock(int secondsAfterTen) {
        return String.format("10:%02d:%02d", secondsAfterTen / 60, secondsAfterTen % 60);
    }
}
