package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.iothubtriage.evidence.Rows.at;
import static io.iothubtriage.evidence.Rows.closed;
import static io.iothubtriage.evidence.Rows.connect;
import static io.iothubtriage.evidence.Rows.refused;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionAggregatorNoiseTest {

    private static final TriageRequest REQUEST = Rows.request("10:00:00", "10:35:00");

    static ConnectionEvidence aggregate(TriageRequest request, List<ConnectionLogRow> rows) {
        ConnectionAggregator a = new ConnectionAggregator(request);
        rows.forEach(a);
        return a.finish();
    }

    /** A quiet device whose connect at 10:34 puts the edge of the data at 10:34. */
    private static ConnectionLogRow lateRow() {
        return connect("quiet", "10:34:00");
    }

    private static ConnectionEvidence.CodeStats code(ConnectionEvidence e, String code) {
        return e.codes().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void renewalFollowedByConnectWithinTwoMinutesIsNoise() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:10:00", "401003"),
                closed("d1", "10:10:03", "404104"),
                connect("d1", "10:10:40"),
                lateRow()));

        assertThat(e.noise().sasRenewalDevices()).isEqualTo(1);
        assertThat(e.noise().sasRenewalEvents()).isEqualTo(2);
        assertThat(e.families()).isEmpty();
        assertThat(e.affectedDevices()).isZero();
        assertThat(code(e, "401003").events()).isZero();
        assertThat(code(e, "401003").noiseEvents()).isEqualTo(1);
        assertThat(code(e, "401003").devices()).isZero();
        assertThat(code(e, "401003").firstSeen()).isEmpty();
        assertThat(code(e, "404104").noiseEvents()).isEqualTo(1);
        assertThat(e.topDevices()).isEmpty();
    }

    @Test
    void aDeviceThatRenewedAndThenDroppedCountsUnderItsCauseNotAsOnlyRenewing() {
        // d1 and d2 renew at 10:05 and drop at 10:25 without coming back; d3 only renews; d4 renews and then errs
        // at the edge of the data. "Only renewing" is d3 alone, with its own renewal event: the three sets (renewal
        // noise, edge of the data, attributed to a cause) never share a device.
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:05:00", "404104"), connect("d1", "10:05:20"), closed("d1", "10:25:00", "404104"),
                closed("d2", "10:05:10", "404104"), connect("d2", "10:05:30"), closed("d2", "10:25:10", "404104"),
                closed("d3", "10:06:00", "404104"), connect("d3", "10:06:20"),
                closed("d4", "10:07:00", "401003"), connect("d4", "10:07:30"), closed("d4", "10:33:30", "404104"),
                lateRow()));

        assertThat(e.affectedDevices()).isEqualTo(2);
        assertThat(e.noise().edgeOfDataDevices()).isEqualTo(1);
        assertThat(e.noise().sasRenewalDevices()).isEqualTo(1);
        assertThat(e.noise().sasRenewalEvents()).isEqualTo(1);
        // the code's own renewal count still holds every renewal set aside, of whichever device
        assertThat(code(e, "404104").noiseEvents()).isEqualTo(4);
        assertThat(code(e, "404104").events()).isEqualTo(2);
    }

    @Test
    void followUpExactlyAtTwoMinutesStillCounts() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:10:00", "404104"),
                connect("d1", "10:12:00"),
                lateRow()));

        assertThat(e.noise().sasRenewalDevices()).isEqualTo(1);
        assertThat(e.families()).isEmpty();
    }

    @Test
    void followUpAfterTwoMinutesThirtyIsNotNoise() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:10:00", "401003"),
                closed("d1", "10:10:02", "404104"),
                connect("d1", "10:12:30"),
                lateRow()));

        assertThat(e.noise().sasRenewalDevices()).isZero();
        assertThat(e.noise().sasRenewalEvents()).isZero();
        assertThat(e.affectedDevices()).isEqualTo(1);
        assertThat(code(e, "404104").events()).isEqualTo(1);
        assertThat(code(e, "401003").events()).isEqualTo(1);
        // on disconnect only: 401003 and 404104 tie at one event each, the tie order puts AUTHENTICATION first
        assertThat(e.families()).extracting(ConnectionEvidence.FamilyStats::family)
                .containsExactly(CauseFamily.AUTHENTICATION);
        // the device reconnected: its last row is a successful connect
        assertThat(e.families().get(0).stillOffline()).isZero();
    }

    @Test
    void secondErrorWithinTenMinutesBreaksTheRenewalPattern() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:05:00", "404104"),
                connect("d1", "10:05:20"),
                closed("d1", "10:12:00", "404104"),   // 7 minutes later
                connect("d1", "10:12:20"),
                lateRow()));

        assertThat(e.noise().sasRenewalDevices()).isZero();
        assertThat(code(e, "404104").events()).isEqualTo(2);
        assertThat(code(e, "404104").devices()).isEqualTo(1);
        assertThat(e.family(CauseFamily.NETWORK_OR_KEEPALIVE)).get()
                .extracting(ConnectionEvidence.FamilyStats::devices).isEqualTo(1);
    }

    @Test
    void renewalsTenMinutesApartAreBothNoise() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:05:00", "401003"),
                closed("d1", "10:05:02", "404104"),
                connect("d1", "10:05:30"),
                closed("d1", "10:15:02", "401003"),   // 10 minutes after the previous group's last error
                closed("d1", "10:15:04", "404104"),
                connect("d1", "10:15:40"),
                lateRow()));

        assertThat(e.noise().sasRenewalDevices()).isEqualTo(1);
        assertThat(e.noise().sasRenewalEvents()).isEqualTo(4);
        assertThat(e.families()).isEmpty();
    }

    @Test
    void aSecondRenewalShapedErrorWithinTenMinutesBreaksItToo() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:05:00", "404104"),
                connect("d1", "10:05:20"),
                refused("d1", "10:14:00", "401003"),   // 9 minutes later, reconnected within a minute
                connect("d1", "10:14:50"),
                lateRow()));

        assertThat(e.noise().sasRenewalEvents()).isZero();
        assertThat(e.families()).extracting(ConnectionEvidence.FamilyStats::family)
                .containsExactly(CauseFamily.AUTHENTICATION);
    }

    @Test
    void anotherCodeWithAQuickReconnectNearARenewalBreaksItToo() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:05:00", "401003"),
                closed("d1", "10:05:02", "404104"),
                connect("d1", "10:05:30"),
                refused("d1", "10:09:00", "500008"),   // a refused reconnection, then back 10 s later
                connect("d1", "10:09:10"),
                lateRow()));

        assertThat(e.noise().sasRenewalEvents()).isZero();
        // the refused reconnection decides
        assertThat(e.families()).extracting(ConnectionEvidence.FamilyStats::family)
                .containsExactly(CauseFamily.SERVICE_TRANSIENT);
    }

    @Test
    void aFailureWithoutQuickReconnectLeavesAnEarlierRenewalAsNoise() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("site", "10:06:00", "401003"),
                closed("site", "10:06:02", "404104"),
                connect("site", "10:06:30"),
                closed("site", "10:12:00", "404104"),    // the site goes down: no reconnect
                closed("key", "10:07:00", "401003"),
                closed("key", "10:07:02", "404104"),
                connect("key", "10:07:30"),
                closed("key", "10:13:00", "404104"),     // the key is rotated: every reconnection refused
                refused("key", "10:13:10", "401003"),
                refused("key", "10:13:40", "401003"),
                lateRow()));

        // the renewals are noise of their codes, but the devices count under their causes, not as "only renewing"
        assertThat(e.noise().sasRenewalDevices()).isZero();
        assertThat(e.noise().sasRenewalEvents()).isZero();
        assertThat(code(e, "401003").noiseEvents() + code(e, "404104").noiseEvents()).isEqualTo(4);
        assertThat(familyOf(e, "site")).isEqualTo(CauseFamily.NETWORK_OR_KEEPALIVE);
        assertThat(familyOf(e, "key")).isEqualTo(CauseFamily.AUTHENTICATION);
        // the outage is seen when it happened, not at the earlier renewal
        assertThat(code(e, "404104").firstSeen()).contains(at("10:12:00"));
        assertThat(code(e, "401003").events()).isEqualTo(2);
        assertThat(code(e, "401003").onConnect()).isEqualTo(2);
    }

    @Test
    void aFlappingDeviceIsNotRenewing() {
        List<ConnectionLogRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Instant t = at("10:02:00").plusSeconds(i * 240L);
            rows.add(Rows.error("flap", t, "404104", false));
            rows.add(connect("flap", t.plusSeconds(15)));
        }
        rows.add(lateRow());
        ConnectionEvidence e = aggregate(REQUEST, rows);

        assertThat(e.noise().sasRenewalEvents()).isZero();
        assertThat(e.topDevices().get(0).events()).isEqualTo(6);
    }

    private static CauseFamily familyOf(ConnectionEvidence e, String device) {
        return e.topDevices().stream().filter(d -> d.deviceId().equals(device)).findFirst().orElseThrow().family();
    }

    @Test
    void onlyRenewalCodesCanBeRenewals() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:05:00", "500001"),
                connect("d1", "10:05:30"),
                lateRow()));

        assertThat(e.noise().sasRenewalDevices()).isZero();
        assertThat(e.family(CauseFamily.SERVICE_TRANSIENT)).isPresent();
    }

    @Test
    void renewalOfOneHourAgoDoesNotHideTodaysOutage() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:01:00", "401003"),
                closed("d1", "10:01:02", "404104"),
                connect("d1", "10:01:30"),
                closed("d1", "10:20:00", "404104"),   // the outage: never back
                lateRow()));

        // an affected device, so not "only renewing", though its renewal is still noise of its codes
        assertThat(e.noise().sasRenewalDevices()).isZero();
        assertThat(e.noise().sasRenewalEvents()).isZero();
        assertThat(code(e, "401003").noiseEvents()).isEqualTo(1);
        assertThat(code(e, "404104").events()).isEqualTo(1);
        assertThat(code(e, "404104").noiseEvents()).isEqualTo(1);
        assertThat(code(e, "404104").firstSeen()).contains(at("10:20:00"));
        ConnectionEvidence.FamilyStats network = e.family(CauseFamily.NETWORK_OR_KEEPALIVE).orElseThrow();
        assertThat(network.devices()).isEqualTo(1);
        assertThat(network.stillOffline()).isEqualTo(1);
    }

    @Test
    void errorsOnlyAtTheEdgeOfTheDataAreSetAside() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("edge", "10:33:00", "404104"),       // 1 min before the newest row, follow-up unseen
                refused("edge", "10:33:30", "401003"),
                closed("early", "10:31:30", "404104"),      // 2.5 min before: follow-up would have been visible
                lateRow()));

        assertThat(e.lastRowTime()).contains(at("10:34:00"));
        assertThat(e.noise().edgeOfDataDevices()).isEqualTo(1);
        assertThat(e.noise().edgeOfDataEvents()).isEqualTo(2);
        assertThat(code(e, "401003").events()).isZero();
        assertThat(code(e, "401003").noiseEvents()).isEqualTo(1);
        assertThat(code(e, "404104").events()).isEqualTo(1);
        assertThat(code(e, "404104").noiseEvents()).isEqualTo(1);
        assertThat(e.affectedDevices()).isEqualTo(1);
        assertThat(e.topDevices()).extracting(ConnectionEvidence.DeviceStats::deviceId).containsExactly("early");
    }

    @Test
    void edgeErrorsOfADeviceWithEarlierErrorsAreEvidence() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:20:00", "404104"),
                refused("d1", "10:33:30", "401003"),        // at the edge, but the device is already in trouble
                lateRow()));

        assertThat(e.noise().edgeOfDataDevices()).isZero();
        assertThat(e.noise().edgeOfDataEvents()).isZero();
        assertThat(code(e, "401003").events()).isEqualTo(1);
        assertThat(e.families()).extracting(ConnectionEvidence.FamilyStats::family)
                .containsExactly(CauseFamily.AUTHENTICATION);
    }

    @Test
    void aRenewalCutOffByTheEdgeIsEdgeNoiseNotEvidence() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:33:20", "401003"),
                closed("d1", "10:33:22", "404104"),
                lateRow()));

        assertThat(e.noise().sasRenewalDevices()).isZero();
        assertThat(e.noise().edgeOfDataDevices()).isEqualTo(1);
        assertThat(e.families()).isEmpty();
    }

    @Test
    void anUnconfirmedEdgeErrorDoesNotBreakAnEarlierRenewal() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:28:00", "401003"),
                closed("d1", "10:28:02", "404104"),
                connect("d1", "10:28:30"),
                closed("d1", "10:33:10", "404104"),        // 5 minutes later, at the edge, follow-up unseen
                lateRow()));

        // the renewal stays noise of its codes; the device counts at the edge, not also as "only renewing"
        assertThat(e.noise().sasRenewalDevices()).isZero();
        assertThat(e.noise().sasRenewalEvents()).isZero();
        assertThat(code(e, "401003").noiseEvents()).isEqualTo(1);
        assertThat(code(e, "404104").noiseEvents()).isEqualTo(2);
        assertThat(e.noise().edgeOfDataDevices()).isEqualTo(1);
        assertThat(e.noise().edgeOfDataEvents()).isEqualTo(1);
        assertThat(e.families()).isEmpty();
    }

    @Test
    void edgeIsMeasuredFromTheNewestRowNotTheWindowEnd() {
        // the data stops at 10:20 although the window runs to 10:35: an error at 10:19 is at the edge
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                connect("other", "10:20:00"),
                closed("d1", "10:19:00", "404104")));

        assertThat(e.lastRowTime()).contains(at("10:20:00"));
        assertThat(e.noise().edgeOfDataDevices()).isEqualTo(1);
        assertThat(e.families()).isEmpty();
    }

    @Test
    void configurableThresholdsChangeTheOutcome() {
        List<ConnectionLogRow> rows = List.of(
                closed("d1", "10:10:00", "404104"),
                connect("d1", "10:12:30"),
                lateRow());
        ConnectionAggregator lenient = new ConnectionAggregator(REQUEST,
                NoiseRules.defaults().withRenewalFollowUp(java.time.Duration.ofMinutes(3)));
        rows.forEach(lenient);

        assertThat(aggregate(REQUEST, rows).noise().sasRenewalDevices()).isZero();
        assertThat(lenient.finish().noise().sasRenewalDevices()).isEqualTo(1);
    }

    @Test
    void aDeviceOverflowingItsBufferIsJudgedWithoutTheRenewalRule() {
        // four clean renewals 11 minutes apart: 12 buffered timestamps
        List<ConnectionLogRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant t = at("10:00:00").plusSeconds(60 + i * 660L);
            rows.add(Rows.error("d1", t, "401003", false));
            rows.add(Rows.error("d1", t.plusSeconds(2), "404104", false));
            rows.add(connect("d1", t.plusSeconds(30)));
        }
        rows.add(lateRow());
        ConnectionAggregator small = new ConnectionAggregator(REQUEST, NoiseRules.defaults().withDeviceBufferCap(8));
        rows.forEach(small);

        assertThat(aggregate(REQUEST, rows).noise().sasRenewalEvents()).isEqualTo(6);
        ConnectionEvidence overflowed = small.finish();
        assertThat(overflowed.noise().sasRenewalEvents()).isZero();
        assertThat(overflowed.affectedDevices()).isEqualTo(1);
        assertThat(code(overflowed, "404104").events()).isEqualTo(3);
        assertThat(code(overflowed, "404104").firstSeen()).contains(at("10:01:02"));
        assertThat(code(overflowed, "404104").lastSeen()).contains(at("10:23:02"));
    }

    @Test
    void devicesWhoseErrorsAllSitAtTheEdgeOfTheDataDidNotDisconnectForTheOneTenthRule() {
        // d1 drops at 10:20 and stays away; c1 and c2 disconnect cleanly; e1 and e2 drop in the last 2 minutes of
        // the data (10:33:10, edge from 10:32); e3 dropped at 10:15 and again at the edge: its 10:15 error is solid
        List<ConnectionLogRow> rows = List.of(
                closed("d1", "10:20:00", "404104"),
                Rows.cleanDisconnect("c1", "10:21:00"), Rows.cleanDisconnect("c2", "10:22:00"),
                closed("e1", "10:33:10", "404104"), closed("e2", "10:33:20", "404104"),
                closed("e3", "10:15:00", "404104"), connect("e3", "10:18:00"), closed("e3", "10:33:30", "404104"),
                lateRow());

        ConnectionEvidence e = aggregate(REQUEST, rows);

        assertThat(e.noise().edgeOfDataDevices()).isEqualTo(2);
        assertThat(e.affectedDevices()).isEqualTo(2);
        // d1, e3 (errors before the edge too), c1 and c2; not e1 and e2
        assertThat(e.disconnectedDevices()).isEqualTo(4);
        assertThat(e.cleanDisconnectDevices()).isEqualTo(2);
    }
}
