package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Each verdict reachable from realistic evidence, and the contract's order of precedence between them. */
class VerdictTest {

    private static TriageReport diagnose(Evidence e) {
        return Diagnosis.diagnose(request(), e, DiagnosisOptions.defaults(), NOW);
    }

    private static TriageReport diagnose(Evidence e, DiagnosisOptions o) {
        return Diagnosis.diagnose(request(), e, o, NOW);
    }

    @Nested
    class EachVerdict {
        @Test
        void siteOutageIsDeviceNetworkWithHighConfidence() {
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
            assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(r.findings()).last().asString().startsWith("Confidence HIGH:");
        }

        @Test
        void expiredCertificatesAreAuthenticationFailures() {
            TriageReport r = diagnose(evidence(certificateExpiry().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.AUTHENTICATION_FAILURES);
            assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
        }

        @Test
        void twoInstancesPerIdentityAreDuplicateConnections() {
            TriageReport r = diagnose(evidence(duplicateIdentities().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.DUPLICATE_CONNECTIONS);
        }

        @Test
        void hubSideFaultsOnAHealthyHubAreTransient() {
            TriageReport r = diagnose(evidence(transientFaults().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.TRANSIENT_SERVICE_ERRORS);
            assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
        }

        @Test
        void reconnectStormAgainstLimitsIsThrottling() {
            TriageReport r = diagnose(evidence(throttled().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.THROTTLING_OR_QUOTA);
        }

        @Test
        void platformUpgradeCodesDominatingArePlatformIncident() {
            TriageReport r = diagnose(evidence(platformUpgrade().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.PLATFORM_INCIDENT);
            assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(r.scope().affectedDevices()).isEqualTo(1_100);
        }

        @Test
        void cleanDisconnectsAreNoConnectionErrors() {
            TriageReport r = diagnose(evidence(cleanShutdown().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.NO_CONNECTION_ERRORS);
            assertThat(r.scope().kind()).isEqualTo(ScopeKind.NONE);
            assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
        }

        @Test
        void rowsWithoutAnyNonNoiseErrorAreNoConnectionErrors() {
            ConnectionEvidence c = connections().rows(2_900, 98_400).disconnected(35)
                    .code(code("401003", "IoTHubUnauthorized", 0, 0, 38, 0, 9_700)).noise(19, 38, 0, 0, 0).build();
            TriageReport r = diagnose(evidence(c, healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.NO_CONNECTION_ERRORS);
            assertThat(r.errors()).isEmpty();
            assertThat(r.noise().sasRenewalDevices()).isEqualTo(19);
        }

        @Test
        void noFamilyWithAClearMajorityIsMixed() {
            TriageReport r = diagnose(evidence(mixedCauses().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.MIXED);
            assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(r.scope().affectedDevices()).isEqualTo(340);
        }

        @Test
        void aMajorityOfUnknownCodesIsMixedAndNamesTheCode() {
            ConnectionEvidence c = connections().disconnected(300)
                    .code(code("403001", "IotHubSuspended", 900, 280, 0))
                    .code(code("404104", "DeviceConnectionClosedRemotely", 40, 20, 2_900))
                    .family(CauseFamily.OTHER, 280, 280, likeTheFleet(280))
                    .family(CauseFamily.NETWORK_OR_KEEPALIVE, 20, 0, likeTheFleet(20)).build();
            TriageReport r = diagnose(evidence(c, healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.MIXED);
            assertThat(r.headline()).startsWith("300 devices failed at 10:41 UTC, 280 of them with 403001 IotHubSuspended");
        }

        @Test
        void logSourceAnsweringWithNoRowsAtAllIsNoDiagnosticLogs() {
            TriageReport r = diagnose(evidence(noDiagnosticLogs().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.NO_DIAGNOSTIC_LOGS);
            assertThat(r.scope().kind()).isEqualTo(ScopeKind.NONE);
            assertThat(r.links().docs()).isEqualTo(ErrorCatalog.MONITORING_GUIDE);
        }

        @Test
        void failedLogSourceWithAHealthyHubIsInsufficientEvidence() {
            Evidence e = withGaps(evidence(null, healthy(), typicalDrop()),
                    new Gap(Gap.CONNECTION_LOGS, "Log Analytics answered 403: the identity lacks Log Analytics Reader"));
            TriageReport r = diagnose(e);
            assertThat(r.verdict()).isEqualTo(Verdict.INSUFFICIENT_EVIDENCE);
            assertThat(r.confidence()).isEqualTo(Confidence.LOW);
            assertThat(r.headline()).contains("Log Analytics Reader");
            assertThat(r.gaps()).containsExactlyElementsOf(e.gaps());
        }

        @Test
        void customerFailoverIsUserInitiated() {
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(), userFailover(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.USER_INITIATED_HUB_CHANGE);
            assertThat(r.platformHealth()).hasValueSatisfying(p -> assertThat(p.userInitiated()).isTrue());
        }
    }

    @Nested
    class Precedence {
        @Test
        void platformOutageBeatsAuthenticationDominanceButSaysTheErrorsDisagree() {
            TriageReport r = diagnose(evidence(certificateExpiry().build(), platformOutage(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.PLATFORM_INCIDENT);
            assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(r.findings()).anyMatch(f -> f.startsWith("Confidence MEDIUM") && f.contains("authentication"));
        }

        @Test
        void transientErrorsOnAnUnhealthyHubArePlatformIncident() {
            TriageReport r = diagnose(evidence(transientFaults().build(), platformOutage(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.PLATFORM_INCIDENT);
            assertThat(r.confidence()).isEqualTo(Confidence.HIGH);
            assertThat(r.platformHealth()).hasValueSatisfying(p -> {
                assertThat(p.userInitiated()).isFalse();
                assertThat(p.summary()).startsWith("Unavailable 10:38–10:52 UTC, platform-initiated");
            });
        }

        @Test
        void transientErrorsWithHealthUnreadStayTransientWithLowConfidence() {
            Evidence e = withGaps(evidence(transientFaults().build(), null, typicalDrop()),
                    new Gap(Gap.RESOURCE_HEALTH, "timed out after 10 s"));
            TriageReport r = diagnose(e);
            assertThat(r.verdict()).isEqualTo(Verdict.TRANSIENT_SERVICE_ERRORS);
            assertThat(r.confidence()).isEqualTo(Confidence.LOW);
            assertThat(r.headline()).contains("hub health is unknown");
            assertThat(r.findings()).contains("Not available: Resource Health (timed out after 10 s).");
            assertThat(r.actions().get(0)).contains("Resource Health");
        }

        @Test
        void transientErrorsWithHealthUnknownStayTransientWithLowConfidence() {
            TriageReport r = diagnose(evidence(transientFaults().build(), unknown(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.TRANSIENT_SERVICE_ERRORS);
            assertThat(r.confidence()).isEqualTo(Confidence.LOW);
            assertThat(r.headline()).contains("Unknown");
        }

        @Test
        void userInitiatedFailoverBeatsNetworkDominance() {
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(), userFailover(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.USER_INITIATED_HUB_CHANGE);
        }

        @Test
        void platformCodesExplainedByAUserInitiatedOutageAreAUserChange() {
            // A manual failover logs 404012 just like a platform one; Resource Health's attribution decides.
            TriageReport r = diagnose(evidence(platformUpgrade().build(), userFailover(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.USER_INITIATED_HUB_CHANGE);
        }

        @Test
        void platformCodesDominatingWithAHealthyHubArePlatformIncident() {
            TriageReport r = diagnose(evidence(platformUpgrade().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.PLATFORM_INCIDENT);
        }

        @Test
        void platformOutageWithoutLogsIsStillPlatformIncidentWithMediumConfidence() {
            Evidence e = withGaps(evidence(null, platformOutage(), typicalDrop()),
                    new Gap(Gap.CONNECTION_LOGS, "timed out after 60 s"));
            TriageReport r = diagnose(e);
            assertThat(r.verdict()).isEqualTo(Verdict.PLATFORM_INCIDENT);
            assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(r.scope().kind()).isEqualTo(ScopeKind.NONE);
            assertThat(r.headline()).contains("from 10:38 UTC").contains("1,198").contains("611");
        }

        @Test
        void noDiagnosticLogsComesBeforeEvenAPlatformOutage() {
            TriageReport r = diagnose(evidence(noDiagnosticLogs().build(), platformOutage(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.NO_DIAGNOSTIC_LOGS);
            assertThat(r.findings()).anyMatch(f -> f.startsWith("Resource Health: Unavailable 10:38–10:52 UTC"));
        }

        @Test
        void activeIotHubIncidentInTheHubsRegionIsPlatformIncident() {
            // The hub's region is "westeurope"; the event names "West Europe".
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(),
                    healthyWithServiceIssue(List.of("West Europe")), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.PLATFORM_INCIDENT);
            assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(r.headline()).contains("in West Europe").contains("from 10:35 UTC");
            assertThat(r.platformHealth().orElseThrow().events()).extracting(TriageReport.HealthEvent::id)
                    .containsExactly("VN1T-7PZ");
        }

        @Test
        void incidentInAnotherRegionDoesNotChangeTheVerdict() {
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(),
                    healthyWithServiceIssue(List.of("East US", "East US 2")), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
            assertThat(r.platformHealth().orElseThrow().events()).isEmpty();
        }

        @Test
        void incidentResolvedBeforeTheWindowDoesNotCount() {
            ServiceHealthEvent old = serviceIssue("OLD-1", "Resolved", List.of("West Europe"),
                    Instant.parse("2026-01-15T06:00:00Z"), Optional.of(Instant.parse("2026-01-15T07:30:00Z")));
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(), healthyWith(old), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        }

        @Test
        void resolvedIncidentOverlappingTheWindowCounts() {
            ServiceHealthEvent overlapping = serviceIssue("OVL-2", "Resolved", List.of("westeurope"),
                    Instant.parse("2026-01-15T10:30:00Z"), Optional.of(Instant.parse("2026-01-15T10:44:00Z")));
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(), healthyWith(overlapping), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.PLATFORM_INCIDENT);
        }

        @Test
        void plannedMaintenanceIsListedButIsNotAnIncident() {
            ServiceHealthEvent maintenance = new ServiceHealthEvent("PM-9", "PlannedMaintenance", "Active",
                    "Planned maintenance for IoT Hub", "", "Warning", Optional.of(Instant.parse("2026-01-15T10:00:00Z")),
                    Optional.empty(), Optional.empty(), List.of("IoT Hub"), List.of("West Europe"), true);
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(), healthyWith(maintenance), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
            assertThat(r.platformHealth().orElseThrow().events()).extracting(TriageReport.HealthEvent::id)
                    .containsExactly("PM-9");
            assertThat(r.findings()).anyMatch(f -> f.startsWith("Service health: PlannedMaintenance"));
        }

        @Test
        void incidentOfAnotherServiceDoesNotCount() {
            ServiceHealthEvent vm = new ServiceHealthEvent("VM-1", "ServiceIssue", "Active", "Virtual Machines issue",
                    "", "Warning", Optional.of(Instant.parse("2026-01-15T10:00:00Z")), Optional.empty(),
                    Optional.empty(), List.of("Virtual Machines"), List.of("West Europe"), true);
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(), healthyWith(vm), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        }
    }

    @Nested
    class OneTenthRule {
        @Test
        void errorsOnFewerThanATenthOfDisconnectedDevicesDoNotExplainTheDrop() {
            TriageReport r = diagnose(evidence(cleanShutdown().build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.NO_CONNECTION_ERRORS);
            assertThat(r.findings()).contains("Only 12 devices logged errors (404104), fewer than a tenth of the 540 "
                    + "that disconnected: errors do not explain the drop.");
            assertThat(r.errors()).extracting(TriageReport.ErrorLine::code).containsExactly("404104");
        }

        @Test
        void atATenthTheErrorsExplainTheDrop() {
            // 12 devices with errors, 120 disconnected: exactly a tenth.
            TriageReport r = diagnose(evidence(cleanShutdown().disconnected(120).build(), healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
            // 12 of 121 is just under a tenth.
            assertThat(diagnose(evidence(cleanShutdown().disconnected(121).build(), healthy(), typicalDrop())).verdict())
                    .isEqualTo(Verdict.NO_CONNECTION_ERRORS);
        }

        @Test
        void theShareIsConfigurable() {
            DiagnosisOptions lenient = DiagnosisOptions.defaults().withExplainsDropShare(0.02);
            assertThat(diagnose(evidence(cleanShutdown().build(), healthy(), typicalDrop()), lenient).verdict())
                    .isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        }

        @Test
        void itAlsoKeepsAFewPlatformCodesFromNamingAFleetWideCleanDisconnect() {
            ConnectionEvidence c = connections().disconnected(800)
                    .code(code("400029", "ConnectionForcefullyClosedOnFaultInjection", 9, 9, 0))
                    .family(CauseFamily.PLATFORM_CHANGE, 9, 0, likeTheFleet(9)).build();
            assertThat(diagnose(evidence(c, healthy(), typicalDrop())).verdict()).isEqualTo(Verdict.NO_CONNECTION_ERRORS);
        }
    }

    @Nested
    class Dominance {
        @Test
        void dominanceIsByDevicesNotEvents() {
            // One flapping device logs 9,000 duplicate events; 200 devices log a few 404104 each.
            ConnectionEvidence c = connections().disconnected(260)
                    .code(code("409002", "LinkCreationConflict", 9_000, 1, 0))
                    .code(code("404104", "DeviceConnectionClosedRemotely", 600, 200, 2_900))
                    .family(CauseFamily.DUPLICATE_CONNECTION, 1, 0, likeTheFleet(1))
                    .family(CauseFamily.NETWORK_OR_KEEPALIVE, 200, 150, likeTheFleet(200)).build();
            TriageReport r = diagnose(evidence(c, healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
            assertThat(r.errors().get(0).code()).isEqualTo("404104");
        }

        @Test
        void aShareJustOverTheThresholdDominatesWithMediumConfidence() {
            ConnectionEvidence c = connections().disconnected(150)
                    .code(code("404104", "DeviceConnectionClosedRemotely", 400, 62, 2_900))
                    .code(code("401003", "IoTHubUnauthorized", 300, 38, 9_800))
                    .family(CauseFamily.NETWORK_OR_KEEPALIVE, 62, 40, likeTheFleet(62))
                    .family(CauseFamily.AUTHENTICATION, 38, 30, likeTheFleet(38)).build();
            TriageReport r = diagnose(evidence(c, healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
            assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(r.findings()).anyMatch(f -> f.contains("62 %") && f.contains("close to the 60 % threshold"));
            // Just under: no family dominates.
            ConnectionEvidence under = connections().disconnected(150)
                    .code(code("404104", "DeviceConnectionClosedRemotely", 400, 59, 2_900))
                    .family(CauseFamily.NETWORK_OR_KEEPALIVE, 59, 40, likeTheFleet(59))
                    .family(CauseFamily.AUTHENTICATION, 41, 30, likeTheFleet(41)).build();
            assertThat(diagnose(evidence(under, healthy(), typicalDrop())).verdict()).isEqualTo(Verdict.MIXED);
        }

        @Test
        void theDominanceShareIsConfigurable() {
            Evidence e = evidence(siteNetworkOutage().build(), healthy(), typicalDrop()); // 312 of 340 = 92 %
            assertThat(diagnose(e, DiagnosisOptions.defaults().withDominanceShare(0.9)).verdict())
                    .isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
            assertThat(diagnose(e, DiagnosisOptions.defaults().withDominanceShare(0.95)).verdict())
                    .isEqualTo(Verdict.MIXED);
        }

        @Test
        void aCodeRunningAtItsUsualRateLowersConfidence() {
            ConnectionEvidence c = connections().disconnected(60)
                    .code(code("404104", "DeviceConnectionClosedRemotely", 120, 40, 0, 0, 2_000))
                    .family(CauseFamily.NETWORK_OR_KEEPALIVE, 40, 10, likeTheFleet(40)).build();
            TriageReport r = diagnose(evidence(c, healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
            assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(r.findings()).anyMatch(f -> f.startsWith("404104 runs at about its usual rate"));
            assertThat(r.errors().get(0).unusual()).isFalse();
        }
    }

    @Nested
    class Confidences {
        @Test
        void missingResourceHealthCapsAFamilyVerdictAtMedium() {
            Evidence e = withGaps(evidence(siteNetworkOutage().build(), null, typicalDrop()),
                    new Gap(Gap.RESOURCE_HEALTH, "Resource Health answered 403: grant Reader on the hub"));
            TriageReport r = diagnose(e);
            assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
            assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(r.platformHealth()).isEmpty();
            assertThat(r.findings()).contains("Confidence MEDIUM: Resource Health could not be read, so a platform "
                    + "incident cannot be ruled out.");
        }

        @Test
        void withoutResourceHealthAPlatformVerdictSaysWhatHealthWouldTell() {
            // the verdict is the platform already: what is unknown is whether a user's failover did it
            Evidence e = withGaps(evidence(platformUpgrade().build(), null,
                    typicalDrop()), new Gap(Gap.RESOURCE_HEALTH, "Resource Health answered 403: grant Reader on the hub"));
            TriageReport r = diagnose(e);
            assertThat(r.verdict()).isEqualTo(Verdict.PLATFORM_INCIDENT);
            assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(r.findings()).contains("Confidence MEDIUM: Resource Health could not be read, so whether the"
                    + " platform or a user (a manual failover, a scale or a restart) caused it cannot be told.")
                    .noneMatch(f -> f.contains("a platform incident cannot be ruled out"));
        }

        @Test
        void aPartlyReadLogSourceCapsAtMedium() {
            Evidence e = withGaps(evidence(siteNetworkOutage().build(), healthy(), typicalDrop()),
                    new Gap(Gap.CONNECTION_LOGS, "the query hit the 500,000-row limit; counts are partial"));
            TriageReport r = diagnose(e);
            assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(r.findings()).anyMatch(f -> f.contains("only partly read"));
        }

        @Test
        void aWindowWithoutRowsWhileTheBaselineHasThemIsLow() {
            ConnectionEvidence c = connections().rows(0, 97_300).active(0).disconnected(0)
                    .timeline(List.of()).build();
            TriageReport r = diagnose(evidence(c, healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.NO_CONNECTION_ERRORS);
            assertThat(r.confidence()).isEqualTo(Confidence.LOW);
            assertThat(r.headline()).contains("97,300").contains("may still be on their way");
            assertThat(r.actions().get(0)).startsWith("Rerun the triage in 10 to 15 minutes");
        }

        @Test
        void singleDeviceIsASmallSample() {
            TriageReport r = diagnose(evidence(singleDeviceAuth().build(), healthy(), typicalDrop()));
            assertThat(r.confidence()).isEqualTo(Confidence.MEDIUM);
            assertThat(r.findings()).contains("Confidence MEDIUM: only 1 device affected.");
        }

        @Test
        void mixedWithAFragmentedSpreadIsLow() {
            ConnectionEvidence c = connections().disconnected(300)
                    .family(CauseFamily.NETWORK_OR_KEEPALIVE, 90, 40, likeTheFleet(90))
                    .family(CauseFamily.AUTHENTICATION, 80, 40, likeTheFleet(80))
                    .family(CauseFamily.SERVICE_TRANSIENT, 70, 10, likeTheFleet(70))
                    .family(CauseFamily.THROTTLING_OR_QUOTA, 60, 10, likeTheFleet(60)).build();
            TriageReport r = diagnose(evidence(c, healthy(), typicalDrop()));
            assertThat(r.verdict()).isEqualTo(Verdict.MIXED);
            assertThat(r.confidence()).isEqualTo(Confidence.LOW);
        }
    }

    @Test
    void theVerdictDoesNotDependOnTheAlertBeingPresent() {
        Evidence e = evidence(siteNetworkOutage().build(), healthy(), typicalDrop());
        TriageReport r = Diagnosis.diagnose(requestWithoutAlert(), e, DiagnosisOptions.defaults(), NOW);
        assertThat(r.verdict()).isEqualTo(Verdict.DEVICE_NETWORK_OR_KEEPALIVE);
        assertThat(r.alert()).isEmpty();
        assertThat(r.generatedAt()).isEqualTo(NOW);
    }

    @Test
    void healthEvidenceWithoutAnyStatusIsUnknownNotHealthy() {
        Evidence e = evidence(transientFaults().build(), new HubHealthEvidence(Optional.empty(), List.of(), List.of()),
                typicalDrop());
        TriageReport r = diagnose(e);
        assertThat(r.verdict()).isEqualTo(Verdict.TRANSIENT_SERVICE_ERRORS);
        assertThat(r.confidence()).isEqualTo(Confidence.LOW);
        assertThat(r.platformHealth().orElseThrow().availabilityState()).isEqualTo("Unknown");
    }

    @Test
    void subsetOnProtocolIsFoundWhenTheFleetIsMostlyOnAnother() {
        ConnectionEvidence c = connections().disconnected(240)
                .code(code("404104", "DeviceConnectionClosedRemotely", 700, 200, 2_900))
                .family(CauseFamily.NETWORK_OR_KEEPALIVE, 200, 180, Map.of(
                        Dimension.PROTOCOL, spread(200, 2, v("Amqp", 190), v("Mqtt", 10))))
                .fleet(Dimension.PROTOCOL, spread(1_204, 2, v("Mqtt", 1_000), v("Amqp", 204))).build();
        TriageReport r = diagnose(evidence(c, healthy(), typicalDrop()));
        assertThat(r.scope().kind()).isEqualTo(ScopeKind.SUBSET);
        assertThat(r.scope().dimension()).contains(Dimension.PROTOCOL);
        assertThat(r.scope().value()).contains("Amqp");
        assertThat(r.headline()).startsWith("200 devices, 190 of them connecting over Amqp, lost their connections at 10:41 UTC");
        assertThat(r.actions().get(0)).contains("Amqp").contains("5671");
    }
}
