package io.iothubtriage.simulation;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionAggregator;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.alert.MetricCondition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetScenarioTest {

    private static List<ConnectionLogRow> rows(FleetScenario s, RowOrder order) {
        List<ConnectionLogRow> out = new ArrayList<>();
        s.rows(out::add, order);
        return out;
    }

    private static ConnectionEvidence aggregate(FleetScenario s, Iterable<ConnectionLogRow> rows) {
        ConnectionAggregator a = new ConnectionAggregator(s.request());
        rows.forEach(a);
        return a.finish();
    }

    @Test
    void theSameSettingsGiveTheSameRowsAndAnotherSeedOthers() {
        List<ConnectionLogRow> first = rows(Scenarios.demo(), RowOrder.OLDEST_FIRST);
        List<ConnectionLogRow> again = rows(Scenarios.demo(), RowOrder.OLDEST_FIRST);
        List<ConnectionLogRow> other = rows(FleetScenario.builder().devices(1000).seed(8).site("203.0.113.XXX", 0.3)
                .incident(Incident.siteOutage("203.0.113.XXX", 0.95)).build(), RowOrder.OLDEST_FIRST);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void rowsLookLikeRealConnectionsRecords() {
        FleetScenario s = Scenarios.demo();
        List<ConnectionLogRow> rows = rows(s, RowOrder.OLDEST_FIRST);

        assertThat(rows.size()).as("24 h baseline and 35 min of a 1,000-device hub").isBetween(30_000, 90_000);
        // plain checks per row (42,000 rows), one assertion over the violations
        List<String> violations = new ArrayList<>();
        java.util.regex.Pattern id = java.util.regex.Pattern.compile("(sensor|meter|gateway|camera|thermostat)-\\d{6}");
        Instant previous = Instant.MIN;
        for (ConnectionLogRow r : rows) {
            List<String> bad = new ArrayList<>();
            if (!(s.baseline().contains(r.time()) || s.window().contains(r.time()))) {
                bad.add("outside the windows");
            }
            if (!r.time().isBefore(s.dataEnd()) || r.time().isBefore(previous)) {
                bad.add("out of order or after the data end");
            }
            previous = r.time();
            if (!id.matcher(r.deviceId()).matches() || !r.maskedIpAddress().endsWith(".XXX")
                    || !Set.of("Mqtt", "Amqp", "MqttWs").contains(r.protocol())) {
                bad.add("device properties");
            }
            if (r.sdkVersion().isEmpty() == r.isConnect()) {
                bad.add("sdkVersion belongs on deviceConnect only");
            }
            if (r.isError()) {
                if (!r.level().equals("Error") || r.resultType().length() != 6 || r.resultDescription().isEmpty()
                        || !r.statusCode().equals(r.resultType().substring(0, 3))
                        || !r.errorMessage().endsWith("https://aka.ms/iothub" + r.resultType())) {
                    bad.add("error fields");
                }
            } else if (!r.level().equals("Information")
                    || !(r.resultType() + r.resultDescription() + r.statusCode() + r.errorMessage()).isEmpty()) {
                bad.add("informational fields");
            }
            if (!bad.isEmpty() && violations.size() < 5) {
                violations.add(bad + ": " + r);
            }
        }
        assertThat(violations).isEmpty();
        assertThat(rows).filteredOn(r -> r.resultType().equals("404104")).first()
                .extracting(ConnectionLogRow::errorMessage)
                .isEqualTo("Device disconnected, see cause and resolution at https://aka.ms/iothub404104");
        // every SDK style shows up: renewals with errors, informational only, and refresh in place (no rows)
        Set<String> sdks = new HashSet<>();
        rows.forEach(r -> sdks.add(r.sdkVersion().split("/")[0]));
        assertThat(sdks).contains(".NET", "azure-iot-device", "azure-iot-device-iothub-py",
                "com.microsoft.azure.sdk.iot.iot-device-client");
    }

    @Test
    void newestFirstAndShuffledRowsGiveTheSameEvidence() {
        FleetScenario s = Scenarios.demo();
        List<ConnectionLogRow> oldest = rows(s, RowOrder.OLDEST_FIRST);
        List<ConnectionLogRow> newest = rows(s, RowOrder.NEWEST_FIRST);
        List<ConnectionLogRow> shuffled = new ArrayList<>(oldest);
        Collections.shuffle(shuffled, new Random(3));

        assertThat(newest.get(0).time()).isAfter(newest.get(newest.size() - 1).time());
        assertThat(newest).hasSameSizeAs(oldest);
        assertThat(new HashSet<>(newest)).isEqualTo(new HashSet<>(oldest));
        ConnectionEvidence expected = aggregate(s, oldest);
        assertThat(aggregate(s, newest)).isEqualTo(expected);
        assertThat(aggregate(s, shuffled)).isEqualTo(expected);
        assertThat(expected.family(CauseFamily.NETWORK_OR_KEEPALIVE).orElseThrow().devices())
                .isEqualTo(s.truth().get(0).devices());
    }

    @Test
    void rowsFedAsTheirFieldsGiveTheSameEvidenceAsWholeRows() {
        for (FleetScenario s : List.of(Scenarios.demo(), Scenarios.outageAtTheEdgeOfTheData())) {
            ConnectionAggregator byFields = new ConnectionAggregator(s.request());
            s.rowFields(byFields);
            List<ConnectionLogRow> seen = new ArrayList<>();
            s.rowFields((time, op, level, code, name, device, protocol, auth, ip, sdk, status, message) ->
                    seen.add(new ConnectionLogRow(time, op, level, code, name, device, protocol, auth, ip, sdk, status,
                            message)));

            assertThat(seen).isEqualTo(rows(s, RowOrder.OLDEST_FIRST));
            assertThat(byFields.finish()).isEqualTo(aggregate(s, seen));
            assertThat(byFields.ignoredRows()).isZero();
            assertThat(byFields.devicesSeen()).isPositive();
        }
    }

    @Test
    void sitesGetExactSharesAndTheRestSpreadsOverManyAddresses() {
        Fleet fleet = new Fleet(1000, 7, List.of(new Site("203.0.113.XXX", 0.30), new Site("198.51.100.XXX", 0.12)),
                0.15, 0.12, 0.08, 3_600_000);
        Set<String> addresses = new HashSet<>();
        int site = 0;
        int mqtt = 0;
        int sas = 0;
        for (int d = 0; d < fleet.size; d++) {
            addresses.add(fleet.maskedIp(d));
            site += fleet.maskedIp(d).equals("203.0.113.XXX") ? 1 : 0;
            mqtt += fleet.protocol(d).equals("Mqtt") ? 1 : 0;
            sas += fleet.authType(d).equals("device/sas") ? 1 : 0;
        }
        assertThat(site).isEqualTo(300);
        assertThat(addresses.size()).isGreaterThan(100);
        assertThat(mqtt).isBetween(740, 860);
        assertThat(sas).isBetween(760, 860);
    }

    @Test
    void anOutageAtTheEdgeOfTheDataIsSetAside() {
        FleetScenario s = Scenarios.outageAtTheEdgeOfTheData();
        ConnectionEvidence e = aggregate(s, rows(s, RowOrder.OLDEST_FIRST));

        assertThat(e.noise().edgeOfDataDevices()).isGreaterThan(s.truth().get(0).devices() / 3);
        assertThat(e.affectedDevices()).isLessThan(s.devices() / 100);
    }

    @Test
    void aRecoveringSiteComesBackOnline() {
        FleetScenario s = FleetScenario.builder().devices(1000).seed(5).site("203.0.113.XXX", 0.3)
                .incident(Incident.siteOutage("203.0.113.XXX", 1.0, Duration.ofMinutes(10)),
                        Instant.parse("2026-01-15T10:25:00Z"))
                .build();
        ConnectionEvidence e = aggregate(s, rows(s, RowOrder.OLDEST_FIRST));

        assertThat(s.truth().get(0).at()).isEqualTo(Instant.parse("2026-01-15T10:25:00Z"));
        assertThat(e.family(CauseFamily.NETWORK_OR_KEEPALIVE).orElseThrow().devices()).isEqualTo(300);
        // back online, but for the odd device caught mid-renewal by the end of the data
        assertThat(e.family(CauseFamily.NETWORK_OR_KEEPALIVE).orElseThrow().stillOffline()).isLessThanOrEqualTo(3);
        double last = s.deviceCount().connected().get(34).average().orElseThrow();
        assertThat(last).isGreaterThan(s.devices() * 0.97);
    }

    @Test
    void noRowIsProducedAtOrAfterTheEndOfTheData() {
        Instant end = Instant.parse("2026-01-15T10:40:00Z");
        FleetScenario s = FleetScenario.builder().devices(500).dataEndsAt(end).baseline(Duration.ofHours(2)).build();
        List<ConnectionLogRow> rows = rows(s, RowOrder.OLDEST_FIRST);

        assertThat(rows).isNotEmpty().allMatch(r -> r.time().isBefore(end));
        assertThat(rows.get(rows.size() - 1).time()).isAfter(end.minus(Duration.ofMinutes(1)));
        assertThat(rows.get(0).time()).isAfterOrEqualTo(s.baseline().start());
    }

    @Test
    void theAlertIsTheMetricAlertThatFired() {
        FleetScenario s = Scenarios.demo();
        MetricCondition m = s.alert().metric().orElseThrow();

        assertThat(s.request().alert()).contains(s.alert());
        assertThat(s.request().window()).isEqualTo(new TimeWindow(Instant.parse("2026-01-15T10:15:00Z"),
                Instant.parse("2026-01-15T10:50:00Z")));
        assertThat(s.request().baseline().duration()).isEqualTo(Duration.ofHours(24));
        assertThat(m.name()).isEqualTo("connectedDeviceCount");
        assertThat(m.operator()).isEqualTo("LessThan");
        assertThat(m.value().orElseThrow()).isLessThan(m.threshold().orElseThrow());
        assertThat(m.value().orElseThrow()).isLessThan(s.devices() - s.truth().get(0).devices() * 0.9);
        assertThat(s.alert().firedAt()).isEqualTo(s.firedAt());
        assertThat(s.alert().alertId()).startsWith("/subscriptions/" + s.hub().subscriptionId()
                + "/providers/Microsoft.AlertsManagement/alerts/");
    }

    @Test
    void simulatedSourcesServeTheScenario() throws EvidenceException {
        FleetScenario s = Scenarios.demo();
        ConnectionEvidence direct = aggregate(s, rows(s, RowOrder.OLDEST_FIRST));

        assertThat(SimulatedSources.connectionLogs(s).fetch(s.request()).value()).isEqualTo(direct);
        assertThat(SimulatedSources.hubHealth(s).fetch(s.request()).value()).isEqualTo(s.health());
        assertThat(SimulatedSources.deviceCount(s).fetch(s.request()).value()).isEqualTo(s.deviceCount());

        FleetScenario down = Scenarios.logSourceDown().build();
        assertThatThrownBy(() -> SimulatedSources.connectionLogs(down).fetch(down.request()))
                .isInstanceOf(EvidenceException.class)
                .hasMessage("the Log Analytics query timed out after 60 s")
                .matches(ex -> ((EvidenceException) ex).isRetryable());
    }

    @Test
    void rowsMetricAndHealthCanBeAskedForFromSeveralThreadsAtOnce() throws Exception {
        FleetScenario reference = Scenarios.demo();
        ConnectionEvidence expected = aggregate(reference, rows(reference, RowOrder.OLDEST_FIRST));
        FleetScenario s = Scenarios.demo();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit(() -> SimulatedSources.connectionLogs(s).fetch(s.request()).value()));
            }
            results.add(pool.submit(() -> (Object) s.deviceCount()));
            for (int i = 0; i < 3; i++) {
                assertThat(results.get(i).get()).isEqualTo(expected);
            }
            assertThat(results.get(3).get()).isEqualTo(reference.deviceCount());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void incidentsDoNotHitTheSameDeviceTwice() {
        FleetScenario s = FleetScenario.builder().devices(1000)
                .incident(Incident.networkLoss(DeviceSelection.fleet().share(0.5)))
                .incident(Incident.expiredCredentials(DeviceSelection.fleet()))
                .incident(Incident.duplicateClients(10))
                .build();

        assertThat(s.truth()).extracting(IncidentTruth::devices).satisfies(d -> {
            assertThat(d.get(0) + d.get(1)).isEqualTo(1000);
            assertThat(d.get(2)).isZero();
        });
    }

    @Test
    void badSettingsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> FleetScenario.builder().devices(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("devices");
        assertThatThrownBy(() -> FleetScenario.builder().site("a", 0.6).site("b", 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("site shares");
        assertThatThrownBy(() -> DeviceSelection.fleet().share(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share");
        assertThatThrownBy(() -> FleetScenario.builder().churnPerHour(-0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("churnPerHour");
        assertThatThrownBy(() -> Incident.mixed().family().orElseThrow()).isInstanceOf(Exception.class);
    }
}
