package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import org.junit.jupiter.api.Test;

import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MIXED because codes outside the cause families (OTHER) hold the majority: the confidence reason says that, not
 * that no cause has a majority, and a code the catalog knows is told with its meaning and its resolution.
 */
class OtherCodesMajorityTest {

    /** {@code devices} devices fail with one code outside the cause families; a handful drop with 404104. */
    private static TriageReport oneOtherCode(String code, String loggedName, int devices) {
        ConnectionEvidence c = connections().disconnected(devices + 5)
                .code(code(code, loggedName, 12L * devices, devices, 0))
                .code(code("404104", "DeviceConnectionClosedRemotely", 5, 5, 2_900))
                .family(CauseFamily.OTHER, devices, devices, likeTheFleet(devices))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 5, 0, likeTheFleet(5)).build();
        return Diagnosis.diagnose(request(), evidence(c, healthy(), typicalDrop()), DiagnosisOptions.defaults(), NOW);
    }

    @Test
    void anUnknownCodeOnTheMajorityIsTheReasonNotASplit() {
        assertThat(ErrorCatalog.lookup("404199")).isEmpty();
        TriageReport r = oneOtherCode("404199", "DeviceSessionExpiredOnGateway", 95);
        assertThat(r.verdict()).isEqualTo(Verdict.MIXED);
        assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(r.findings()).last().isEqualTo("Confidence MEDIUM: 404199 DeviceSessionExpiredOnGateway, on 95 % "
                + "of affected devices, is a code the catalog does not know, so it names no cause.");
        assertThat(r.headline()).isEqualTo("100 devices failed at 10:41 UTC, 95 of them with 404199 "
                + "DeviceSessionExpiredOnGateway, a code outside the known connection causes; the hub is healthy.");
    }

    @Test
    void aCataloguedCodeOutsideTheFamiliesIsToldWithItsMeaningAndResolution() {
        ErrorCode entry = ErrorCatalog.lookup("404001").orElseThrow();
        assertThat(entry.family()).isEqualTo(CauseFamily.OTHER);
        TriageReport r = oneOtherCode("404001", "DeviceNotFound", 95);
        assertThat(r.verdict()).isEqualTo(Verdict.MIXED);
        assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(r.findings()).last().isEqualTo("Confidence MEDIUM: 404001 DeviceNotFound, on 95 % of affected "
                + "devices, is in none of the connection-cause families, so no verdict names it.");
        assertThat(r.headline()).isEqualTo("100 devices failed at 10:41 UTC, 95 of them with 404001 DeviceNotFound: "
                + "an operation named a device the registry does not have (never registered, deleted, or disabled); "
                + "the hub is healthy.").doesNotContain("outside the known");
        assertThat(r.actions().get(0)).isEqualTo("Group of 95 (95 %) with 404001 DeviceNotFound: register the device "
                + "id, or fix the id the caller uses.");
        // the resolution is given once, in the group's step
        assertThat(r.actions()).filteredOn(s -> s.contains("fix the id the caller uses")).hasSize(1);
    }

    @Test
    void aRealSplitStillSaysNoCauseHasAClearMajority() {
        TriageReport r = Diagnosis.diagnose(request(), evidence(mixedCauses().build(), healthy(), typicalDrop()),
                DiagnosisOptions.defaults(), NOW);
        assertThat(r.verdict()).isEqualTo(Verdict.MIXED);
        assertThat(r.findings()).last()
                .isEqualTo("Confidence MEDIUM: no cause covers a clear majority of affected devices.");
    }
}
