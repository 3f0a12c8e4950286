package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.iothubtriage.evidence.ConnectionAggregatorNoiseTest.aggregate;
import static io.iothubtriage.evidence.Rows.at;
import static io.iothubtriage.evidence.Rows.closed;
import static io.iothubtriage.evidence.Rows.connect;
import static io.iothubtriage.evidence.Rows.refused;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionAggregatorAttributionTest {

    private static final TriageRequest REQUEST = Rows.request("10:00:00", "10:35:00");

    private static CauseFamily familyOf(ConnectionEvidence e, String device) {
        return e.topDevices().stream().filter(d -> d.deviceId().equals(device)).findFirst().orElseThrow().family();
    }

    @Test
    void dropThenRefusedReconnectionsIsAuthentication() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:05:00", "404104"),
                refused("d1", "10:05:10", "401003"),
                refused("d1", "10:05:40", "401003"),
                refused("d1", "10:06:40", "401003"),
                connect("quiet", "10:34:00")));

        FamilyStats auth = e.family(CauseFamily.AUTHENTICATION).orElseThrow();
        assertThat(e.families()).hasSize(1);
        assertThat(auth.devices()).isEqualTo(1);
        assertThat(auth.stillOffline()).isEqualTo(1);
        assertThat(auth.firstSeen()).contains(at("10:05:00"));
        assertThat(auth.lastSeen()).contains(at("10:06:40"));
        assertThat(e.codes()).filteredOn(c -> c.code().equals("401003")).singleElement()
                .satisfies(c -> {
                    assertThat(c.events()).isEqualTo(3);
                    assertThat(c.onConnect()).isEqualTo(3);
                    assertThat(c.description()).isEqualTo("IoTHubUnauthorized");
                });
        assertThat(e.codes()).filteredOn(c -> c.code().equals("404104")).singleElement()
                .satisfies(c -> assertThat(c.onConnect()).isZero());
    }

    @Test
    void aRefusalOutweighsManyClosingErrors() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:01:00", "404104"),
                closed("d1", "10:03:00", "404104"),
                closed("d1", "10:05:00", "404104"),
                refused("d1", "10:05:30", "500008"),
                connect("d1", "10:06:30"),
                connect("quiet", "10:34:00")));

        assertThat(familyOf(e, "d1")).isEqualTo(CauseFamily.SERVICE_TRANSIENT);
        assertThat(e.family(CauseFamily.SERVICE_TRANSIENT).orElseThrow().stillOffline()).isZero();
    }

    @Test
    void refusalsAreCountedThenTiesGoToTheFixedOrder() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                refused("tie", "10:05:00", "429001"),
                refused("tie", "10:06:00", "401003"),
                refused("more", "10:05:00", "429001"),
                refused("more", "10:06:00", "429001"),
                refused("more", "10:07:00", "401003"),
                closed("close-tie", "10:05:00", "500001"),
                closed("close-tie", "10:06:00", "404104"),
                connect("quiet", "10:34:00")));

        assertThat(familyOf(e, "tie")).isEqualTo(CauseFamily.AUTHENTICATION);
        assertThat(familyOf(e, "more")).isEqualTo(CauseFamily.THROTTLING_OR_QUOTA);
        assertThat(familyOf(e, "close-tie")).isEqualTo(CauseFamily.SERVICE_TRANSIENT);
    }

    @Test
    void duplicatesOnADeviceWithOtherErrorsAreASideEffect() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("d1", "10:05:00", "404104"),
                connect("d1", "10:05:05"),
                closed("d1", "10:05:06", "409002"),
                refused("d1", "10:05:07", "409002"),
                closed("d1", "10:05:08", "400027"),
                connect("d1", "10:05:09"),
                connect("quiet", "10:34:00")));

        assertThat(e.families()).extracting(FamilyStats::family).containsExactly(CauseFamily.NETWORK_OR_KEEPALIVE);
        assertThat(e.noise().sideEffectDuplicateDevices()).isEqualTo(1);
        // the duplicates stay in the code list (they happened) but decide nothing
        assertThat(e.codes()).filteredOn(c -> c.code().equals("409002")).singleElement()
                .satisfies(c -> {
                    assertThat(c.events()).isEqualTo(2);
                    assertThat(c.devices()).isEqualTo(1);
                    assertThat(c.family()).isEqualTo(CauseFamily.DUPLICATE_CONNECTION);
                });
        assertThat(e.topDevices().get(0).events()).isEqualTo(4);
    }

    @Test
    void takeoversFarMoreThanTheOtherErrorsCouldCauseAreTheDevicesOwn() {
        // two clients share the identity and take it from each other every 30 s; one of them renewed its token once
        List<ConnectionLogRow> rows = new java.util.ArrayList<>();
        rows.add(closed("twin", "10:05:00", "404104"));
        rows.add(connect("twin", "10:05:04"));
        java.time.Instant t = Rows.at("10:06:00");
        for (int i = 0; i < 20; i++, t = t.plusSeconds(30)) {
            rows.add(Rows.error("twin", t, "400027", false));
            rows.add(Rows.connect("twin", t.plusMillis(80)));
        }
        rows.add(connect("quiet", "10:34:00"));
        ConnectionEvidence e = aggregate(REQUEST, rows);

        assertThat(e.families()).extracting(FamilyStats::family).containsExactly(CauseFamily.DUPLICATE_CONNECTION);
        assertThat(e.noise().sideEffectDuplicateDevices()).isZero();
    }

    @Test
    void aRenewalWithATakeoverInItIsStillARenewalOfATwinnedIdentity() {
        // the renewing client's 404104, then the other client's takeover before it is back: the renewal is noise,
        // the takeovers around it are the cause
        List<ConnectionLogRow> rows = new java.util.ArrayList<>();
        java.time.Instant t = Rows.at("10:06:00");
        for (int i = 0; i < 20; i++, t = t.plusSeconds(30)) {
            rows.add(Rows.error("twin", t, "400027", false));
            rows.add(Rows.connect("twin", t.plusMillis(80)));
        }
        rows.add(closed("twin", "10:12:10", "404104"));
        rows.add(Rows.error("twin", Rows.at("10:12:18"), "400027", false));
        rows.add(connect("twin", "10:12:19"));
        rows.add(connect("quiet", "10:34:00"));
        ConnectionEvidence e = aggregate(REQUEST, rows);

        assertThat(e.families()).extracting(FamilyStats::family).containsExactly(CauseFamily.DUPLICATE_CONNECTION);
        assertThat(e.codes()).filteredOn(c -> c.code().equals("404104")).singleElement()
                .satisfies(c -> assertThat(c.noiseEvents()).isEqualTo(1));
    }

    @Test
    void anIdentityTakenOverAllThroughTheBaselineKeepsThatPatternInAWindowOfFewTakeovers() {
        // a second client takes the identity every 17 minutes since yesterday; the window holds two takeovers and
        // one hourly renewal (10:20) between them: the renewal is noise, the device is taken over as all day (chronic)
        List<ConnectionLogRow> rows = new java.util.ArrayList<>();
        java.time.Instant end = Rows.at("10:35:00");
        for (java.time.Instant t = end.minus(java.time.Duration.ofHours(25)); t.isBefore(end); t = t.plusSeconds(17 * 60)) {
            rows.add(Rows.error("twin", t, "400027", false));
            rows.add(Rows.connect("twin", t.plusMillis(80)));
        }
        for (java.time.Instant t = end.minus(java.time.Duration.ofHours(25)).plusSeconds(2700); t.isBefore(end);
             t = t.plusSeconds(3600)) {
            rows.add(Rows.error("twin", t, "404104", false));
            rows.add(Rows.connect("twin", t.plusSeconds(5)));
        }
        rows.add(connect("quiet", "10:34:00"));
        ConnectionEvidence e = aggregate(REQUEST, rows);

        assertThat(e.families()).extracting(FamilyStats::family).doesNotContain(CauseFamily.NETWORK_OR_KEEPALIVE);
        assertThat(e.noise().chronic().devices()).isEqualTo(1);
        assertThat(e.noise().chronic().families()).containsExactly(CauseFamily.DUPLICATE_CONNECTION);
    }

    @Test
    void duplicatesAloneDecide() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("twin", "10:05:00", "400027"),
                connect("twin", "10:05:01"),
                closed("twin", "10:05:40", "400027"),
                connect("twin", "10:05:41"),
                closed("twin", "10:06:20", "409002"),
                connect("twin", "10:06:21"),
                closed("net", "10:07:00", "404104"),
                closed("net", "10:07:01", "409002"),
                connect("quiet", "10:34:00")));

        assertThat(familyOf(e, "twin")).isEqualTo(CauseFamily.DUPLICATE_CONNECTION);
        assertThat(familyOf(e, "net")).isEqualTo(CauseFamily.NETWORK_OR_KEEPALIVE);
        assertThat(e.noise().sideEffectDuplicateDevices()).isEqualTo(1);
        FamilyStats dup = e.family(CauseFamily.DUPLICATE_CONNECTION).orElseThrow();
        assertThat(dup.devices()).isEqualTo(1);
        assertThat(dup.stillOffline()).isZero();
    }

    @Test
    void eachAffectedDeviceCountsInExactlyOneFamily() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("a", "10:05:00", "404104"),
                refused("a", "10:05:30", "401003"),
                closed("b", "10:05:00", "404104"),
                closed("c", "10:05:00", "400029"),
                refused("c", "10:05:10", "400030"),
                closed("d", "10:05:00", "123456"),
                connect("quiet", "10:34:00")));

        assertThat(e.affectedDevices()).isEqualTo(4);
        assertThat(e.families()).extracting(FamilyStats::family, FamilyStats::devices).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(CauseFamily.AUTHENTICATION, 1),
                org.assertj.core.groups.Tuple.tuple(CauseFamily.NETWORK_OR_KEEPALIVE, 1),
                org.assertj.core.groups.Tuple.tuple(CauseFamily.PLATFORM_CHANGE, 1),
                org.assertj.core.groups.Tuple.tuple(CauseFamily.OTHER, 1));
        // equal device counts keep the fixed family order
        assertThat(e.families()).extracting(FamilyStats::family).containsExactly(CauseFamily.AUTHENTICATION,
                CauseFamily.PLATFORM_CHANGE, CauseFamily.NETWORK_OR_KEEPALIVE, CauseFamily.OTHER);
        // the unknown code keeps its logged name (none here) and is not dropped
        assertThat(e.codes()).extracting(ConnectionEvidence.CodeStats::code).contains("123456");
    }

    @Test
    void familiesAreSortedByDevices() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                closed("n1", "10:05:00", "404104"),
                closed("n2", "10:05:00", "404104"),
                refused("a1", "10:05:00", "401003"),
                connect("quiet", "10:34:00")));

        assertThat(e.families()).extracting(FamilyStats::family)
                .containsExactly(CauseFamily.NETWORK_OR_KEEPALIVE, CauseFamily.AUTHENTICATION);
        assertThat(e.codes()).extracting(ConnectionEvidence.CodeStats::code).containsExactly("404104", "401003");
    }
}
