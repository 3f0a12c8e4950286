package io.iothubtriage.evidence;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionEvidence.DeviceStats;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.iothubtriage.evidence.Rows.at;
import static io.iothubtriage.evidence.Rows.closed;
import static io.iothubtriage.evidence.Rows.connect;
import static io.iothubtriage.evidence.Rows.withIp;
import static org.assertj.core.api.Assertions.assertThat;

/** The aggregator's compact device state gives the same answers as plain objects would. */
class ConnectionAggregatorCompactStateTest {

    private static final TriageRequest REQUEST = Rows.request("10:00:00", "10:35:00");

    @Test
    void devicesAreKeptApartAndNamedExactlyWhateverTheirCharacters() {
        // "Aa" and "BB" share a hash code; "café" is Latin-1 beyond ASCII; "设备-1" is not Latin-1 at all
        List<String> ids = List.of("BB", "Aa", "café", "cafe", "设备-1", "设备-2", "zz");
        ConnectionAggregator a = new ConnectionAggregator(REQUEST);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            a.accept(closed(id, "10:05:0" + i, "500001"));
            if (id.startsWith("设备") || id.equals("Aa")) {
                a.accept(closed(id, "10:06:0" + i, "500001"));
            }
        }
        a.accept(connect("quiet", "10:34:00")); // puts the edge of the data at 10:34
        ConnectionEvidence e = a.finish();

        assertThat(a.devicesSeen()).isEqualTo(ids.size() + 1);
        // most events first, then the ids in String order (bytes and Strings compared alike)
        assertThat(e.topDevices()).extracting(DeviceStats::deviceId)
                .containsExactly("Aa", "设备-1", "设备-2", "BB", "cafe", "café", "zz");
        assertThat(e.topDevices()).extracting(DeviceStats::events).containsExactly(2L, 2L, 2L, 1L, 1L, 1L, 1L);
    }

    @Test
    void eachCodesBaselineDevicesCountEachDeviceOnceHoweverManyCodesItHas() {
        ConnectionAggregator a = new ConnectionAggregator(REQUEST);
        // 40 codes, indexed in the order they first come: a device keeps the first 32 as bits, the others in a list
        for (int c = 0; c < 40; c++) {
            a.accept(closed("in-window", "10:05:00", String.valueOf(500100 + c))); // so that each code is listed
        }
        for (int round = 0; round < 2; round++) { // each baseline row twice: a repeat is not another device
            for (int c = 39; c >= 0; c--) {
                String code = String.valueOf(500100 + c);
                a.accept(closed("d1", "09:0" + c % 10 + ":00", code));
                if (c % 2 == 0) {
                    a.accept(closed("d2", "09:1" + c % 10 + ":00", code));
                }
                if (c == 3 || c == 35) {
                    a.accept(closed("d3", "09:20:00", code));
                }
            }
        }
        ConnectionEvidence e = a.finish();

        assertThat(e.codes()).hasSize(40);
        for (ConnectionEvidence.CodeStats s : e.codes()) {
            int c = Integer.parseInt(s.code()) - 500100;
            int devices = 1 + (c % 2 == 0 ? 1 : 0) + (c == 3 || c == 35 ? 1 : 0);
            assertThat(s.baselineDevices()).as("baseline devices of " + s.code()).isEqualTo(devices);
            assertThat(s.baselineEvents()).as("baseline events of " + s.code()).isEqualTo(2L * devices);
        }
    }

    @Test
    void theLatestDimensionValueWinsOverWindowsLongerThanIntMilliseconds() {
        TimeWindow w = new TimeWindow(at("10:00:00"), at("10:35:00"));
        TriageRequest longBaseline = new TriageRequest(Rows.HUB, w, w.before(Duration.ofDays(40)), Optional.empty());
        ConnectionAggregator a = new ConnectionAggregator(longBaseline);
        a.accept(withIp(connect("d1", at("10:00:00").minus(Duration.ofDays(39))), "198.51.100.XXX"));
        a.accept(withIp(connect("d1", at("10:10:00")), "203.0.113.XXX"));
        a.accept(withIp(connect("d1", at("09:00:00")), "192.0.2.XXX")); // older, arrives last: ignored
        ConnectionEvidence e = a.finish();

        assertThat(e.fleet().get(Dimension.MASKED_IP_ADDRESS).top())
                .containsExactly(new ValueCount("203.0.113.XXX", 1));
    }

    @Test
    void aSpilledDeviceKeepsItsConnectsAcrossTheSpill() {
        NoiseRules rules = NoiseRules.defaults().withDeviceBufferCap(8);
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int m = 1; m <= 10; m++) {
            String t = String.format("10:%02d:00", m);
            rows.add(closed("flapper", t, "500001"));
            rows.add(connect("flapper", String.format("10:%02d:30", m)));
        }
        rows.add(connect("quiet", "10:34:00"));
        ConnectionAggregator a = new ConnectionAggregator(REQUEST, rules);
        rows.forEach(a);
        ConnectionEvidence e = a.finish();

        FamilyStats f = e.families().get(0);
        assertThat(f.devices()).isEqualTo(1);
        assertThat(f.flapping()).isEqualTo(1);
        // spilled: (last error - first error) / connects = 9 minutes / 10
        assertThat(f.flappingPeriod()).contains(Duration.ofSeconds(54));
        assertThat(e.topDevices()).singleElement().satisfies(d -> assertThat(d.events()).isEqualTo(10));
    }
}
