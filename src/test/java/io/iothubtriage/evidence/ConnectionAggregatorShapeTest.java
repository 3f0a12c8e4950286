package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.iothubtriage.evidence.ConnectionAggregatorNoiseTest.aggregate;
import static io.iothubtriage.evidence.Rows.at;
import static io.iothubtriage.evidence.Rows.cleanDisconnect;
import static io.iothubtriage.evidence.Rows.closed;
import static io.iothubtriage.evidence.Rows.connect;
import static io.iothubtriage.evidence.Rows.refused;
import static io.iothubtriage.evidence.Rows.withIp;
import static io.iothubtriage.evidence.Rows.withSdk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionAggregatorShapeTest {

    private static final TriageRequest REQUEST = Rows.request("10:00:00", "10:35:00");

    @Test
    void baselineRowsFeedOnlyTheBaselineCounts() {
        ConnectionAggregator a = new ConnectionAggregator(REQUEST);
        List.of(
                // baseline: the day before
                Rows.error("b1", at("09:00:00").minusSeconds(3600), "404104", false),
                Rows.error("b1", at("08:00:00"), "404104", false),
                Rows.error("b2", at("09:59:59"), "404104", false),
                Rows.error("b2", at("09:30:00"), "500001", true),
                connect("b1", "08:00:30"),
                // analysis
                closed("a1", "10:05:00", "404104"),
                connect("quiet", "10:30:00"),
                // outside both windows
                Rows.error("x", at("10:35:00"), "404104", false),
                Rows.error("x", Instant.parse("2026-01-14T09:59:59Z"), "404104", false)
        ).forEach(a);
        ConnectionEvidence e = a.finish();

        assertThat(e.analysisRows()).isEqualTo(2);
        assertThat(e.baselineRows()).isEqualTo(5);
        assertThat(a.ignoredRows()).isEqualTo(2);
        assertThat(e.activeDevices()).isEqualTo(2);
        // the edge of the data is the last row wherever it lies, after the window included
        assertThat(e.lastRowTime()).contains(at("10:35:00"));
        // 500001 was seen in the baseline only: not listed
        assertThat(e.codes()).extracting(ConnectionEvidence.CodeStats::code).containsExactly("404104");
        ConnectionEvidence.CodeStats c = e.codes().get(0);
        assertThat(c.events()).isEqualTo(1);
        assertThat(c.devices()).isEqualTo(1);
        assertThat(c.baselineEvents()).isEqualTo(3);
        assertThat(c.baselineDevices()).isEqualTo(2);
        assertThat(c.description()).isEqualTo("DeviceConnectionClosedRemotely");
    }

    @Test
    void baselineEventsIncludeWhatWouldBeNoise() {
        ConnectionEvidence e = aggregate(REQUEST, List.of(
                Rows.error("r", at("09:10:00"), "401003", false),
                Rows.error("r", at("09:10:02"), "404104", false),
                connect("r", "09:10:30"),
                closed("r", "10:10:00", "401003"),
                closed("r", "10:10:02", "404104"),
                connect("r", "10:10:30"),
                connect("quiet", "10:30:00")));

        ConnectionEvidence.CodeStats c = e.codes().stream().filter(x -> x.code().equals("401003")).findFirst()
                .orElseThrow();
        assertThat(c.noiseEvents() + c.events()).isEqualTo(1);
        assertThat(c.baselineEvents()).isEqualTo(1);
        // and the baseline's own renewal is judged by the same rule: its 401003 is noise there too
        assertThat(c.baselineNoiseEvents()).isEqualTo(java.util.OptionalLong.of(1));
    }

    @Test
    void dimensionsUseEachDevicesLatestKnownValue() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(withIp(closed("site-" + i, "10:05:00", "404104"), "203.0.113.XXX"));
        }
        for (int i = 0; i < 3; i++) {
            rows.add(withIp(connect("home-" + i, "10:06:00"), "81.2.69.XXX"));
        }
        rows.add(withIp(connect("far", "10:06:00"), "24.9.142.XXX"));
        // moved: was behind 81.2.69.XXX in the baseline, now behind 203.0.113.XXX
        rows.add(withIp(connect("moved", "09:00:00"), "81.2.69.XXX"));
        rows.add(withIp(closed("moved", "10:07:00", "404104"), "203.0.113.XXX"));
        // sdkVersion appears on connects only: the baseline connect tells the analysis disconnect's SDK
        rows.add(withSdk(connect("site-0", "09:30:00"), "azure-iot-device/1.18.2"));
        rows.add(withIp(connect("quiet", "10:30:00"), "24.9.142.XXX"));
        ConnectionEvidence e = aggregate(REQUEST, rows);

        DimensionBreakdown fleetIp = e.fleet().get(Dimension.MASKED_IP_ADDRESS);
        assertThat(fleetIp.devices()).isEqualTo(12);
        assertThat(fleetIp.distinctValues()).isEqualTo(3);
        assertThat(fleetIp.top()).containsExactly(new ValueCount("203.0.113.XXX", 7),
                new ValueCount("81.2.69.XXX", 3), new ValueCount("24.9.142.XXX", 2));

        DimensionBreakdown affectedIp = e.family(CauseFamily.NETWORK_OR_KEEPALIVE).orElseThrow().dimensions()
                .get(Dimension.MASKED_IP_ADDRESS);
        assertThat(affectedIp).isEqualTo(new DimensionBreakdown(7, 1, List.of(new ValueCount("203.0.113.XXX", 7))));

        DimensionBreakdown affectedSdk = e.family(CauseFamily.NETWORK_OR_KEEPALIVE).orElseThrow().dimensions()
                .get(Dimension.SDK_VERSION);
        // only site-0 and moved ever logged a connect
        assertThat(affectedSdk.devices()).isEqualTo(2);
        assertThat(affectedSdk.top()).extracting(ValueCount::value)
                .containsExactly(".NET/1.42.3 (.NET 6.0.25; Linux; X64)", "azure-iot-device/1.18.2");
        assertThat(e.fleet()).containsKeys(Dimension.values());
    }

    @Test
    void breakdownsListAtMostTenValuesButCountThemAll() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            for (int k = 0; k <= i; k++) {
                rows.add(withIp(connect("d-" + i + "-" + k, "10:06:00"), "10.0." + i + ".XXX"));
            }
        }
        ConnectionEvidence e = aggregate(REQUEST, rows);

        DimensionBreakdown ip = e.fleet().get(Dimension.MASKED_IP_ADDRESS);
        assertThat(ip.distinctValues()).isEqualTo(15);
        assertThat(ip.devices()).isEqualTo(120);
        assertThat(ip.top()).hasSize(ConnectionEvidence.TOP_VALUES);
        assertThat(ip.top().get(0)).isEqualTo(new ValueCount("10.0.14.XXX", 15));
        assertThat(ip.top().get(9)).isEqualTo(new ValueCount("10.0.5.XXX", 6));
    }

    @Test
    void baselineStripCutsTheBaselineIntoRoundBucketsAndCountsItsRows() {
        // Baseline: the 24 h before 10:00:30, in 96 buckets of 15 min from 10:00:30 the day before.
        Instant dayBefore = at("10:00:30").minus(Duration.ofHours(24));
        ConnectionEvidence e = aggregate(Rows.request("10:00:30", "10:35:00"), List.of(
                Rows.connect("a", dayBefore),
                Rows.error("a", dayBefore.plusSeconds(60), "401003", true),
                Rows.error("b", dayBefore.plus(Duration.ofMinutes(14)).plusSeconds(59), "404104", false),
                Rows.error("b", dayBefore.plus(Duration.ofMinutes(15)), "404104", false),
                Rows.error("c", at("10:00:29"), "500001", false),
                closed("d", "10:05:59", "404104")));

        ConnectionEvidence.BaselineStrip strip = e.baselineStrip();
        assertThat(strip.bucket()).isEqualTo(Duration.ofMinutes(15));
        assertThat(strip.buckets()).hasSize(96);
        assertThat(strip.buckets().get(0)).isEqualTo(new MinuteBucket(dayBefore, 1, 1, 2));
        assertThat(strip.buckets().get(1)).isEqualTo(new MinuteBucket(dayBefore.plus(Duration.ofMinutes(15)), 0, 1, 1));
        assertThat(strip.buckets().get(95).errors()).isEqualTo(1);
        assertThat(strip.buckets().stream().mapToInt(MinuteBucket::errors).sum()).isEqualTo(4);
    }

    @Test
    void baselineBucketsAreRoundAndAtMostNinetySix() {
        assertThat(ConnectionEvidence.BaselineStrip.bucketFor(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(1));
        assertThat(ConnectionEvidence.BaselineStrip.bucketFor(Duration.ofMinutes(97))).isEqualTo(Duration.ofMinutes(2));
        assertThat(ConnectionEvidence.BaselineStrip.bucketFor(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(15));
        assertThat(ConnectionEvidence.BaselineStrip.bucketFor(Duration.ofDays(7))).isEqualTo(Duration.ofHours(2));
        assertThat(ConnectionEvidence.BaselineStrip.bucketFor(Duration.ofDays(30))).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void timelineHasOneBucketPerMinuteOfTheWindow() {
        ConnectionEvidence e = aggregate(Rows.request("10:00:30", "10:35:00"), List.of(
                connect("a", "10:05:10"),
                connect("b", "10:05:50"),
                cleanDisconnect("c", "10:05:20"),
                closed("d", "10:05:59", "404104"),
                refused("e", "10:06:00", "401003"),
                connect("f", "10:00:30")));

        List<MinuteBucket> t = e.timeline();
        assertThat(t).hasSize(35);
        assertThat(t.get(0).minute()).isEqualTo(at("10:00:00"));
        assertThat(t.get(34).minute()).isEqualTo(at("10:34:00"));
        assertThat(t.get(0)).isEqualTo(new MinuteBucket(at("10:00:00"), 1, 0, 0));
        // of the two disconnects, c's carried no error: the minute's one clean disconnect
        assertThat(t.get(5)).isEqualTo(new MinuteBucket(at("10:05:00"), 2, 2, 1,
                Map.of(CauseFamily.NETWORK_OR_KEEPALIVE, 1), 1));
        assertThat(t.get(6)).isEqualTo(new MinuteBucket(at("10:06:00"), 0, 0, 1, Map.of(CauseFamily.AUTHENTICATION, 1)));
        assertThat(t.stream().mapToInt(MinuteBucket::connects).sum()).isEqualTo(3);
        // c disconnected; d's only error sits in the last 2 minutes of the data (the last row is e's, at 10:06):
        // noise of the edge of the data, not a device that disconnected
        assertThat(e.disconnectedDevices()).isEqualTo(1);
        assertThat(e.noise().edgeOfDataDevices()).isEqualTo(2);
    }

    @Test
    void topDevicesAreBoundedAndOrderedByEvents() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 1; d <= 30; d++) {
            for (int k = 0; k < d; k++) {
                rows.add(Rows.error("dev-" + d, at("10:01:00").plusSeconds(k * 20L), "404104", false));
            }
        }
        String[] codes = {"401003", "500001", "123456", "400029", "403002", "429001"};
        int[] times = {6, 5, 4, 4, 1, 1};
        int k = 0;
        for (int c = 0; c < codes.length; c++) {
            for (int i = 0; i < times[c]; i++) {
                rows.add(Rows.error("many-codes", at("10:02:00").plusSeconds(k++), codes[c], true));
            }
        }
        rows.add(connect("quiet", "10:34:00"));
        ConnectionEvidence e = aggregate(REQUEST, rows);

        assertThat(e.topDevices()).hasSize(ConnectionEvidence.TOP_DEVICES);
        assertThat(e.topDevices().get(0).deviceId()).isEqualTo("dev-30");
        assertThat(e.topDevices().get(0).events()).isEqualTo(30);
        assertThat(e.topDevices().get(0).codes()).containsExactly("404104");
        assertThat(e.topDevices()).extracting(ConnectionEvidence.DeviceStats::events)
                .isSortedAccordingTo((x, y) -> Long.compare(y, x));
        ConnectionEvidence.DeviceStats many = e.topDevices().stream()
                .filter(d -> d.deviceId().equals("many-codes")).findFirst().orElseThrow();
        assertThat(many.events()).isEqualTo(21);
        // most frequent first, ties by code, at most five
        assertThat(many.codes()).containsExactly("401003", "500001", "123456", "400029", "403002");
        assertThat(many.family()).isEqualTo(CauseFamily.AUTHENTICATION);
        // ties on events go by device id: dev-21 (21 events) sorts before many-codes
        int manyAt = e.topDevices().indexOf(many);
        assertThat(e.topDevices().get(manyAt - 1).deviceId()).isEqualTo("dev-21");
        assertThat(e.topDevices().get(ConnectionEvidence.TOP_DEVICES - 1).deviceId()).isEqualTo("dev-12");
        assertThat(e.affectedDevices()).isEqualTo(31);
    }

    @Test
    void anyRowOrderGivesTheSameEvidence() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < 40; d++) {
            String id = "d" + d;
            Instant t = at("10:00:00").plusSeconds(d * 37L);
            rows.add(Rows.error(id, t, "401003", false));
            rows.add(Rows.error(id, t.plusSeconds(2), "404104", false));
            rows.add(connect(id, t.plusSeconds(20 + d * 4L)));
            if (d % 3 == 0) {
                rows.add(Rows.error(id, t.plusSeconds(300), "404104", false));
                rows.add(Rows.error(id, t.plusSeconds(310), "401003", true));
            }
            if (d % 7 == 0) {
                rows.add(Rows.error(id, t.plusSeconds(320), "409002", false));
                rows.add(withIp(connect(id, t.minusSeconds(86000)), "198.51.100.XXX"));
            }
            // same millisecond: an error and a successful connect
            if (d % 5 == 0) {
                rows.add(Rows.error(id, t.plusSeconds(1500), "404104", false));
                rows.add(connect(id, t.plusSeconds(1500)));
            }
        }
        ConnectionEvidence ordered = aggregate(REQUEST, rows);
        List<ConnectionLogRow> reversed = new ArrayList<>(rows);
        java.util.Collections.reverse(reversed);
        List<ConnectionLogRow> shuffled = new ArrayList<>(rows);
        java.util.Collections.shuffle(shuffled, new java.util.Random(42));

        assertThat(aggregate(REQUEST, reversed)).isEqualTo(ordered);
        assertThat(aggregate(REQUEST, shuffled)).isEqualTo(ordered);
        assertThat(ordered.noise().sasRenewalDevices()).isPositive();
        assertThat(ordered.affectedDevices()).isPositive();
    }

    @Test
    void noRowsGivesAnEmptyButCompleteSummary() {
        ConnectionEvidence e = new ConnectionAggregator(REQUEST).finish();

        assertThat(e.analysisRows()).isZero();
        assertThat(e.lastRowTime()).isEmpty();
        assertThat(e.codes()).isEmpty();
        assertThat(e.families()).isEmpty();
        assertThat(e.noise()).isEqualTo(ConnectionEvidence.Noise.none());
        assertThat(e.timeline()).hasSize(35).allMatch(b -> b.connects() == 0 && b.errors() == 0);
        assertThat(e.fleet().get(Dimension.PROTOCOL)).isEqualTo(DimensionBreakdown.empty());
    }

    @Test
    void rowsWithoutADeviceCountOnlyAsRows() {
        ConnectionAggregator a = new ConnectionAggregator(REQUEST);
        a.accept(Rows.error("", at("10:05:00"), "404104", false));
        ConnectionEvidence e = a.finish();

        assertThat(a.rowsWithoutDevice()).isEqualTo(1);
        assertThat(e.analysisRows()).isEqualTo(1);
        assertThat(e.activeDevices()).isZero();
        assertThat(e.codes()).isEmpty();
        assertThat(e.timeline().get(5).errors()).isEqualTo(1);
    }

    @Test
    void finishCanBeCalledAgainAfterMoreRows() {
        ConnectionAggregator a = new ConnectionAggregator(REQUEST);
        a.accept(closed("d1", "10:05:00", "404104"));
        a.accept(connect("quiet", "10:30:00"));
        ConnectionEvidence first = a.finish();
        assertThat(a.finish()).isEqualTo(first);
        a.accept(closed("d2", "10:06:00", "404104"));
        assertThat(a.finish().affectedDevices()).isEqualTo(2);
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> NoiseRules.defaults().withDeviceBufferCap(4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deviceBufferCap");
        assertThatThrownBy(() -> NoiseRules.defaults().withEdgeOfData(java.time.Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("edgeOfData");
    }
}
