package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.HubHealthEvidence;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hub-wide verdict (platform incident, user-initiated change) is not sure of itself when the devices' errors are
 * confined to one site or one device while the rest of the active fleet carries on: an outage of the hub would
 * drop devices everywhere.
 */
class HubWideConflictTest {

    /** {@code affected} devices, all behind one site, fail with 404104; the other active devices log no error. */
    private static ConnectionEvidence oneSite(int affected, int active) {
        return connections().rows(4_000, 90_000).active(active).disconnected(affected)
                .code(code("404104", "DeviceConnectionClosedRemotely", affected, affected, 0, 0, 0))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, affected, affected, Map.of(
                        Dimension.MASKED_IP_ADDRESS, spread(affected, 1, v(SITE_IP, affected))))
                .fleet(Dimension.MASKED_IP_ADDRESS, spread(active, 6, v("198.51.100.XXX", active / 3),
                        v(SITE_IP, affected), v("192.0.2.XXX", active / 5)))
                .top(device("gate-0001", 1, CauseFamily.NETWORK_OR_KEEPALIVE, "404104"))
                .build();
    }

    /** Platform-wide: {@code affected} devices spread like the fleet. */
    private static ConnectionEvidence everywhere(int affected, int active) {
        return connections().rows(4_000, 90_000).active(active).disconnected(affected)
                .code(code("404104", "DeviceConnectionClosedRemotely", affected, affected, 0, 0, 0))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, affected, affected, likeTheFleet(affected))
                .build();
    }

    private static TriageReport diagnose(ConnectionEvidence c, HubHealthEvidence h) {
        return Diagnosis.diagnose(request(), evidence(c, h, typicalDrop()), DiagnosisOptions.defaults(), NOW);
    }

    @Test
    void aPlatformOutageWhoseErrorsSitAtOneSiteIsMediumAndSaysWhy() {
        TriageReport r = diagnose(oneSite(60, 258), platformOutage());
        assertThat(r.verdict()).isEqualTo(Verdict.PLATFORM_INCIDENT);
        assertThat(r.scope().kind()).isEqualTo(ScopeKind.SUBSET);
        assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(r.findings()).last().isEqualTo("Confidence MEDIUM: Resource Health reports the hub Unavailable, "
                + "but the connection errors are confined to the devices behind 203.0.113.XXX (60 of 258 active "
                + "devices), while an outage or change of the whole hub would reach devices everywhere.");
    }

    @Test
    void aUserInitiatedChangeWhoseErrorsSitAtOneSiteIsMediumAndSaysWhy() {
        TriageReport r = diagnose(oneSite(60, 258), userFailover());
        assertThat(r.verdict()).isEqualTo(Verdict.USER_INITIATED_HUB_CHANGE);
        assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(r.findings()).last().asString()
                .startsWith("Confidence MEDIUM: Resource Health reports the hub Unavailable for a user-initiated "
                        + "change, but the connection errors are confined to the devices behind 203.0.113.XXX (60 of "
                        + "258 active devices)");
    }

    @Test
    void aServiceIncidentWhoseErrorsSitAtOneSiteNamesTheIncident() {
        TriageReport r = diagnose(oneSite(60, 258), healthyWithServiceIssue(List.of("West Europe")));
        assertThat(r.verdict()).isEqualTo(Verdict.PLATFORM_INCIDENT);
        assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(r.findings()).last().asString()
                .contains("a service-health incident points at the platform, but the connection errors are confined "
                        + "to the devices behind 203.0.113.XXX (60 of 258 active devices)");
    }

    @Test
    void aPlatformOutageWithOneFailingDeviceOfManyIsMedium() {
        TriageReport r = diagnose(oneSite(1, 258), platformOutage());
        assertThat(r.scope().kind()).isEqualTo(ScopeKind.SINGLE_DEVICE);
        assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(r.findings()).last().asString().contains("the connection errors are confined to one device, "
                + "gate-0001 (1 of 258 active devices)");
    }

    @Test
    void aPlatformOutageWhoseErrorsReachTheFleetStaysHigh() {
        TriageReport r = diagnose(everywhere(230, 258), platformOutage());
        assertThat(r.scope().kind()).isEqualTo(ScopeKind.FLEET);
        assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(r.findings()).last().isEqualTo("Confidence HIGH: the evidence is complete and points one way.");
    }

    @Test
    void aSiteOutageOnAHealthyHubIsNotAConflict() {
        TriageReport r = diagnose(oneSite(60, 258), healthy());
        assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(r.findings()).noneMatch(f -> f.contains("confined"));
        assertThat(Optional.of(r.scope().kind())).contains(ScopeKind.SUBSET);
    }

    @Test
    void hubSideFaultsAtOneSiteOnlyAreMediumAndSayWhy() {
        int affected = 70;
        ConnectionEvidence c = connections().rows(4_000, 90_000).active(258).disconnected(affected)
                .code(code("500001", "ServerError", affected, affected, 0, 0, 0))
                .family(CauseFamily.SERVICE_TRANSIENT, affected, affected, Map.of(
                        Dimension.MASKED_IP_ADDRESS, spread(affected, 1, v(SITE_IP, affected))))
                .fleet(Dimension.MASKED_IP_ADDRESS, spread(258, 6, v("198.51.100.XXX", 86), v(SITE_IP, affected),
                        v("192.0.2.XXX", 51)))
                .top(device("gate-0001", 1, CauseFamily.SERVICE_TRANSIENT, "500001"))
                .build();
        TriageReport r = diagnose(c, healthy());
        assertThat(r.verdict()).isEqualTo(Verdict.TRANSIENT_SERVICE_ERRORS);
        assertThat(r.scope().kind()).isEqualTo(ScopeKind.SUBSET);
        assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(r.findings()).last().asString().contains("the codes are the hub's own faults, but the connection "
                + "errors are confined to the devices behind 203.0.113.XXX (70 of 258 active devices), while a fault "
                + "of the hub would reach devices everywhere");
    }
}
