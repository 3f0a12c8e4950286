package io.iothubtriage.simulation;

import io.iothubtriage.diagnosis.ScopeKind;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionAggregator;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each preset, aggregated like exported rows, shows what its ground truth says a triage must find. */
class ScenarioPresetsTest {

    static Stream<Scenarios.Preset> presets() {
        return Scenarios.all().stream();
    }

    private static final Map<FleetScenario, ConnectionEvidence> EVIDENCE = new ConcurrentHashMap<>();
    private static final Map<String, FleetScenario> BUILT = new ConcurrentHashMap<>();

    static ConnectionEvidence evidence(FleetScenario s) {
        return EVIDENCE.computeIfAbsent(s, x -> {
            ConnectionAggregator a = new ConnectionAggregator(x.request());
            x.rows(a);
            return a.finish();
        });
    }

    /** Presets are deterministic, so each is built (and aggregated) once for all the tests here. */
    static FleetScenario built(Scenarios.Preset p) {
        return BUILT.computeIfAbsent(p.name(), n -> p.build());
    }

    private static int truthDevices(FleetScenario s, CauseFamily family) {
        return s.truth().stream().filter(t -> t.family().equals(java.util.Optional.of(family)))
                .mapToInt(IncidentTruth::devices).sum();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void theExpectedFamilyDominatesWithTheTrueDevices(Scenarios.Preset p) {
        FleetScenario s = built(p);
        ConnectionEvidence e = evidence(s);
        if (p.family().isEmpty()) {
            return;
        }
        CauseFamily family = p.family().get();
        int truth = truthDevices(s, family);
        FamilyStats top = e.families().get(0);

        assertThat(top.family()).as("dominant family").isEqualTo(family);
        assertThat(top.devices()).as("clear majority of affected devices").isGreaterThan(e.affectedDevices() * 9 / 10);
        // every hit device is found, up to those whose errors fall after (or at) the end of the data
        assertThat(top.devices()).as("attributed vs hit devices").isBetween(truth * 95 / 100, truth + s.devices() / 100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void subsetsConcentrateOnTheExpectedValue(Scenarios.Preset p) {
        if (p.scope().orElse(ScopeKind.NONE) != ScopeKind.SUBSET) {
            return;
        }
        ConnectionEvidence e = evidence(built(p));
        FamilyStats top = e.families().get(0);
        DimensionBreakdown affected = top.dimensions().get(p.dimension().orElseThrow());
        DimensionBreakdown fleet = e.fleet().get(p.dimension().orElseThrow());
        String value = p.value().orElseThrow();

        assertThat(affected.top().get(0).value()).isEqualTo(value);
        double affectedShare = (double) affected.top().get(0).devices() / affected.devices();
        int fleetWithValue = fleet.top().stream().filter(v -> v.value().equals(value)).findFirst().orElseThrow()
                .devices();
        double fleetShare = (double) fleetWithValue / fleet.devices();
        assertThat(affectedShare).as("share of affected devices on " + value).isGreaterThanOrEqualTo(0.95);
        assertThat(fleetShare).as("share of the active fleet on " + value).isLessThan(0.6);
        assertThat(fleet.distinctValues()).isGreaterThan(1);
    }

    @Test
    void theSingleDeviceIsTheOnlyAffectedOneAndTopsTheList() {
        Scenarios.Preset p = Scenarios.singleDevice();
        ConnectionEvidence e = evidence(built(p));

        assertThat(e.affectedDevices()).isEqualTo(1);
        assertThat(e.topDevices()).hasSize(1);
        assertThat(e.topDevices().get(0).deviceId()).isEqualTo(p.value().orElseThrow());
        assertThat(e.topDevices().get(0).events()).isGreaterThanOrEqualTo(4);
        assertThat(e.topDevices().get(0).codes()).containsExactly("404104");
    }

    @Test
    void mixedCausesHaveNoMajority() {
        FleetScenario s = built(Scenarios.mixedCauses());
        ConnectionEvidence e = evidence(s);

        assertThat(e.families()).extracting(FamilyStats::family).startsWith(CauseFamily.AUTHENTICATION,
                CauseFamily.NETWORK_OR_KEEPALIVE, CauseFamily.SERVICE_TRANSIENT);
        assertThat(e.families().get(0).devices()).isLessThan(e.affectedDevices() / 2);
        for (CauseFamily f : List.of(CauseFamily.AUTHENTICATION, CauseFamily.NETWORK_OR_KEEPALIVE,
                CauseFamily.SERVICE_TRANSIENT)) {
            assertThat(e.family(f).orElseThrow().devices()).as(f.name())
                    .isBetween(truthDevices(s, f) * 95 / 100, truthDevices(s, f) + 10);
        }
    }

    @Test
    void cleanShutdownsAndQuietHubsLeaveNoAffectedDevices() {
        for (Scenarios.Preset p : List.of(Scenarios.cleanShutdown(), Scenarios.quietHub())) {
            FleetScenario s = built(p);
            ConnectionEvidence e = evidence(s);
            assertThat(e.affectedDevices()).as(p.name()).isLessThanOrEqualTo(s.devices() / 200);
            assertThat(e.noise().sasRenewalDevices()).as(p.name()).isGreaterThan(s.devices() / 5);
        }
        // Renewing devices came straight back, so they do not count as disconnected; the powered-down site does.
        FleetScenario shutdown = built(Scenarios.cleanShutdown());
        int shutDown = shutdown.truth().stream().mapToInt(IncidentTruth::devices).sum();
        ConnectionEvidence afterShutdown = evidence(shutdown);
        assertThat(afterShutdown.disconnectedDevices()).isBetween(shutDown, shutDown + shutdown.devices() / 10);
        ConnectionEvidence quiet = evidence(built(Scenarios.quietHub()));
        assertThat(quiet.disconnectedDevices()).isLessThan(quiet.noise().sasRenewalDevices());
    }

    @Test
    void withoutDiagnosticLogsOrWithAFailingSourceThereAreNoRows() {
        for (Scenarios.Preset p : List.of(Scenarios.noDiagnosticLogs(), Scenarios.logSourceDown())) {
            FleetScenario s = built(p);
            long[] rows = {0};
            s.rows(r -> rows[0]++);
            assertThat(rows[0]).as(p.name()).isZero();
            // the metric still dips
            assertThat(lowest(s)).as(p.name()).isLessThan(before(s) - s.truth().get(0).devices() * 0.9);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void theDeviceCountDipsByTheDevicesKeptAway(Scenarios.Preset p) {
        FleetScenario s = built(p);
        int hit = s.truth().stream().mapToInt(IncidentTruth::devices).sum();
        double before = before(s);

        assertThat(s.deviceCount().connected()).hasSize(35);
        assertThat(s.deviceCount().registered()).allMatch(m -> m.average().orElseThrow() == s.registeredDevices());
        assertThat(before).isBetween(s.devices() * 0.97, (double) s.devices());
        if (Set.of("quiet-hub", "duplicate-identities", "single-device").contains(p.name())) {
            assertThat(lowest(s)).isGreaterThan(before - s.devices() * 0.03);
        } else if (Set.of("platform-upgrade", "transient-service-errors", "service-outage").contains(p.name())) {
            // devices come back within minutes: a visible dip, not the whole hit set at once
            assertThat(lowest(s)).isLessThan(before - hit * 0.1);
        } else if (p.name().equals("mixed-causes")) {
            // two of the three parts keep their devices away, the transient part comes back
            assertThat(lowest(s)).isLessThan(before - hit * 0.6);
        } else {
            assertThat(lowest(s)).isLessThan(before - hit * 0.85);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void resourceHealthMatchesTheVerdict(Scenarios.Preset p) {
        HubHealthEvidence h = built(p).health();
        List<AvailabilityStatus> statuses = Stream.concat(h.current().stream(), h.history().stream()).toList();
        boolean platformStatus = statuses.stream().anyMatch(st -> st.isUnavailableOrDegraded() && !st.isUserInitiated());
        boolean userStatus = statuses.stream().anyMatch(st -> st.isUnavailableOrDegraded() && st.isUserInitiated());
        boolean activeIssue = h.events().stream().anyMatch(ev -> ev.isActive() && ev.eventType().equals("ServiceIssue")
                && ev.impactedServices().contains("IoT Hub") && ev.impactedRegions().contains("West Europe"));

        assertThat(h.current()).isPresent();
        switch (p.verdict()) {
            case PLATFORM_INCIDENT -> assertThat(platformStatus || activeIssue).isTrue();
            case USER_INITIATED_HUB_CHANGE -> {
                assertThat(userStatus).isTrue();
                assertThat(platformStatus).isFalse();
            }
            default -> {
                assertThat(h.current().get().availabilityState()).isEqualTo("Available");
                assertThat(h.history()).isEmpty();
                assertThat(h.events()).isEmpty();
            }
        }
        if (p.name().equals("service-outage")) {
            assertThat(activeIssue).isTrue();
        }
    }

    @Test
    void everyVerdictAndScopeKindHasAPreset() {
        Set<Verdict> verdicts = EnumSet.noneOf(Verdict.class);
        Set<ScopeKind> scopes = EnumSet.noneOf(ScopeKind.class);
        for (Scenarios.Preset p : Scenarios.all()) {
            verdicts.add(p.verdict());
            p.scope().ifPresent(scopes::add);
        }
        assertThat(verdicts).containsExactlyInAnyOrder(Verdict.values());
        assertThat(scopes).containsExactlyInAnyOrder(ScopeKind.values());
        assertThat(Scenarios.all()).extracting(Scenarios.Preset::name).doesNotHaveDuplicates();
        assertThat(Scenarios.byName("site-network-outage")).isPresent();
        assertThat(Scenarios.byName("nope")).isEmpty();
    }

    static double before(FleetScenario s) {
        return s.deviceCount().connected().get(0).average().orElseThrow();
    }

    static double lowest(FleetScenario s) {
        return s.deviceCount().connected().stream().map(MetricPoint::minimum).mapToDouble(o -> o.orElseThrow())
                .min().orElseThrow();
    }
}
