package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.ErrorLine;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.DeviceStats;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.testing.EvidenceFixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** What the report says: scope, numbers in the headline, findings and actions, bounded lists, metric and health. */
class ReportContentTest {

    private static TriageReport diagnose(Evidence e) {
        return Diagnosis.diagnose(request(), e, DiagnosisOptions.defaults(), NOW);
    }

    private static TriageReport siteOutage() {
        return diagnose(evidence(siteNetworkOutage().build(), healthy(), typicalDrop()));
    }

    @Nested
    class Scopes {
        @Test
        void subsetOnMaskedIpAddress() {
            TriageReport r = siteOutage();
            assertThat(r.scope()).isEqualTo(new TriageReport.Scope(ScopeKind.SUBSET, 312, 1_204,
                    Optional.of(Dimension.MASKED_IP_ADDRESS), Optional.of(SITE_IP)));
            assertThat(r.findings()).contains("298 of the 312 (96 %) sit behind 203.0.113.XXX, while only 3 % of the "
                    + "other active devices do (27 of 892).");
        }

        @Test
        void subsetOnAuthType() {
            TriageReport r = diagnose(evidence(certificateExpiry().build(), healthy(), typicalDrop()));
            assertThat(r.scope().kind()).isEqualTo(ScopeKind.SUBSET);
            assertThat(r.scope().dimension()).contains(Dimension.AUTH_TYPE);
            assertThat(r.scope().value()).contains("device/x509");
            assertThat(r.scope().affectedDevices()).isEqualTo(504);
        }

        @Test
        void subsetOnSdkVersion() {
            TriageReport r = diagnose(evidence(duplicateIdentities().build(), healthy(), typicalDrop()));
            assertThat(r.scope().dimension()).contains(Dimension.SDK_VERSION);
            assertThat(r.scope().value()).contains("azure-iot-device/1.17.1 (node v10.16.0; linux)");
            assertThat(r.headline()).startsWith("41 devices running azure-iot-device/1.17.1 had their connections");
        }

        @Test
        void fleetWhenNoDimensionDiscriminates() {
            TriageReport r = diagnose(evidence(throttled().build(), healthy(), typicalDrop()));
            assertThat(r.scope()).isEqualTo(new TriageReport.Scope(ScopeKind.FLEET, 300, 1_204, Optional.empty(),
                    Optional.empty()));
            assertThat(r.findings()).anyMatch(f -> f.startsWith("No address, protocol, auth type or SDK version sets "
                    + "them apart"));
        }

        @Test
        void fleetWhenTheAffectedAreMostOfTheActiveFleet() {
            TriageReport r = diagnose(evidence(platformUpgrade().build(), healthy(), typicalDrop()));
            assertThat(r.scope().kind()).isEqualTo(ScopeKind.FLEET);
            assertThat(r.findings()).contains("They are 91 % of the 1,204 devices active in the window.");
        }

        @Test
        void fleetWhenTheOnlyConcentratedValueIsWhatTheWholeFleetUses() {
            // 290 of 312 on Mqtt, but 87 % of the fleet is on Mqtt too: not a subset.
            ConnectionEvidence c = connections().disconnected(400)
                    .code(code("404104", "DeviceConnectionClosedRemotely", 900, 312, 2_900))
                    .family(CauseFamily.NETWORK_OR_KEEPALIVE, 312, 200, Map.of(
                            Dimension.PROTOCOL, spread(312, 2, v("Mqtt", 290), v("Amqp", 22)))).build();
            assertThat(diagnose(evidence(c, healthy(), typicalDrop())).scope().kind()).isEqualTo(ScopeKind.FLEET);
        }

        @Test
        void aDimensionWithTooFewKnownValuesIsNotJudged() {
            // Only 100 of 312 affected devices logged an SDK version (it is only on connects).
            ConnectionEvidence c = connections().disconnected(400)
                    .code(code("404104", "DeviceConnectionClosedRemotely", 900, 312, 2_900))
                    .family(CauseFamily.NETWORK_OR_KEEPALIVE, 312, 200, Map.of(
                            Dimension.SDK_VERSION, spread(100, 1, v("C/1.9.0", 100))))
                    .fleet(Dimension.SDK_VERSION, spread(1_000, 8, v(".NET/1.42.3", 500), v("C/1.9.0", 120))).build();
            assertThat(diagnose(evidence(c, healthy(), typicalDrop())).scope().kind()).isEqualTo(ScopeKind.FLEET);
        }

        @Test
        void aFleetOfOneValueCannotDiscriminate() {
            ConnectionEvidence c = connections().disconnected(400)
                    .code(code("404104", "DeviceConnectionClosedRemotely", 900, 312, 2_900))
                    .family(CauseFamily.NETWORK_OR_KEEPALIVE, 312, 200, Map.of(
                            Dimension.PROTOCOL, spread(312, 1, v("Mqtt", 312))))
                    .fleet(Dimension.PROTOCOL, spread(1_204, 1, v("Mqtt", 1_204))).build();
            assertThat(diagnose(evidence(c, healthy(), typicalDrop())).scope().kind()).isEqualTo(ScopeKind.FLEET);
        }

        @Test
        void subsetThresholdsAreConfigurable() {
            Evidence e = evidence(siteNetworkOutage().build(), healthy(), typicalDrop());
            // 96 % concentration passes 0.8 but not 0.97.
            TriageReport strict = Diagnosis.diagnose(request(), e, DiagnosisOptions.defaults().withSubset(0.97, 0.25), NOW);
            assertThat(strict.scope().kind()).isEqualTo(ScopeKind.FLEET);
            // 27 of the 892 other active devices (3 %) share the value: too many when at most 2 % is allowed.
            TriageReport narrow = Diagnosis.diagnose(request(), e, DiagnosisOptions.defaults().withSubset(0.8, 0.02), NOW);
            assertThat(narrow.scope().kind()).isEqualTo(ScopeKind.FLEET);
        }

        @Test
        void singleDeviceNamesTheDevice() {
            TriageReport r = diagnose(evidence(singleDeviceAuth().build(), healthy(), typicalDrop()));
            assertThat(r.scope()).isEqualTo(new TriageReport.Scope(ScopeKind.SINGLE_DEVICE, 1, 1_180, Optional.empty(),
                    Optional.of("thermostat-0042")));
            assertThat(r.headline()).isEqualTo("Device thermostat-0042 started failing authentication at 10:41 UTC "
                    + "(401003) and is still offline; the hub is healthy.");
            assertThat(r.actions()).anyMatch(a -> a.contains("az iot hub device-identity show --hub-name contoso-hub "
                    + "--device-id thermostat-0042"));
        }

        @Test
        void noneWhenNothingIsAttributed() {
            TriageReport r = diagnose(evidence(cleanShutdown().build(), healthy(), typicalDrop()));
            assertThat(r.scope()).isEqualTo(new TriageReport.Scope(ScopeKind.NONE, 0, 1_204, Optional.empty(),
                    Optional.empty()));
        }
    }

    @Nested
    class Words {
        @Test
        void headlineSaysWhatWhereWhenHowManyAndHubHealth() {
            assertThat(siteOutage().headline()).isEqualTo("312 devices, 298 of them behind 203.0.113.XXX, lost their connections at "
                    + "10:41 UTC (404104) and 298 are still offline, the other 14 have reconnected; the hub is healthy.");
        }

        @Test
        void findingsCarryTheNumbers() {
            List<String> f = siteOutage().findings();
            assertThat(f).contains(
                    "312 of 340 affected devices (92 %) are attributed to network or keep-alive errors; 1,204 devices "
                            + "were active in the window.",
                    "404104 is 32× its usual rate: 1,877 events in 35 min beyond SAS renewals against about 2,406 in the previous 24 h (renewals set aside).",
                    "18 devices were only renewing SAS tokens (31 events) and set aside as noise.",
                    "Connected devices: 1,198 before the drop, 611 at the lowest (10:42 UTC, −49 %), 640 now; 1,250 "
                            + "registered.",
                    "Resource Health: Available (checked 10:50 UTC).",
                    "3 more codes (6 events) are not listed; the logs link shows them all.");
            assertThat(f).anyMatch(x -> x.startsWith("7 devices had errors only in the last 2 minutes"));
            assertThat(f).anyMatch(x -> x.startsWith("Also seen: 22 devices with authentication errors (401003)"));
            assertThat(f).hasSizeLessThanOrEqualTo(Narrative.MAX_FINDINGS);
        }

        @Test
        void actionsNameTheSiteTheCountsAndTheCodesResolution() {
            List<String> actions = siteOutage().actions();
            assertThat(actions.get(0)).contains("203.0.113.XXX").contains("298 are still offline").contains("8883")
                    .contains("10:41 UTC");
            assertThat(actions).anyMatch(a -> a.startsWith("404104 DeviceConnectionClosedRemotely: "));
            assertThat(actions).anyMatch(a -> a.contains("uncomment the filter line to see only 203.0.113.XXX"));
            assertThat(actions).hasSizeLessThanOrEqualTo(Narrative.MAX_ACTIONS);
        }

        @Test
        void authenticationActionsNameCertificatesAndDisabledDevices() {
            TriageReport r = diagnose(evidence(certificateExpiry().build(), healthy(), typicalDrop()));
            assertThat(r.headline()).isEqualTo("504 devices, 484 of them authenticating with device/x509, started failing "
                    + "authentication at 10:41 UTC (401003, 403012) and 470 are still offline, the other 34 have reconnected;"
                    + " the hub is healthy.");
            assertThat(r.actions()).anyMatch(a -> a.startsWith("4 devices are disabled in the registry (403012)"));
            // the 484 on device/x509, as the headline counts them ("504 devices, 484 of them authenticating with …")
            assertThat(r.actions()).anyMatch(a -> a.startsWith("Check the X.509 certificates of the 484 devices "
                    + "authenticating with device/x509"));
            // devices that sign no token are not told about tokens: their clocks matter for certificates' dates
            assertThat(String.join("\n", r.actions())).doesNotContain("token")
                    .contains("a certificate is valid only between its dates");
            // 470 of the 504 are still offline at the end of the data: those are the ones still refused
            assertThat(r.findings()).contains("6,100 of the 6,420 401003 events were on reconnect attempts: the hub "
                    + "keeps refusing 470 of these devices.");
        }

        @Test
        void duplicateActionsNameTheNoisiestDevices() {
            TriageReport r = diagnose(evidence(duplicateIdentities().build(), healthy(), typicalDrop()));
            assertThat(r.actions().get(0)).contains("kiosk-17, kiosk-22, kiosk-03");
        }

        @Test
        void transientActionsQuoteCodesAndRecovery() {
            TriageReport r = diagnose(evidence(transientFaults().build(), healthy(), typicalDrop()));
            assertThat(r.headline()).isEqualTo("900 of 1,204 active devices hit transient hub-side errors at 10:41 UTC "
                    + "(500001, 500008) and 420 are still offline, the other 480 have reconnected; the hub is healthy.");
            assertThat(r.actions()).anyMatch(a -> a.contains("500001, 500008") && a.contains("640 connected now "
                    + "against 1,198 before the drop"));
            assertThat(r.actions()).anyMatch(a -> a.contains("support case quoting hub contoso-hub, 10:41 UTC"));
        }

        @Test
        void throttlingActionsPointAtTheMetrics() {
            TriageReport r = diagnose(evidence(throttled().build(), healthy(), typicalDrop()));
            assertThat(r.actions()).anyMatch(a -> a.contains("'Number of throttling errors'") && a.contains("300 devices"));
        }

        @Test
        void cleanDisconnectActionsQuoteTheAlertThreshold() {
            TriageReport r = diagnose(evidence(cleanShutdown().build(), healthy(), typicalDrop()));
            // 12 devices did log errors (too few to explain the drop): "without connection errors" would be false
            // when the clean disconnects happened, read from them: churn all along, most of them at 10:41
            assertThat(r.headline()).startsWith("540 devices disconnected cleanly between 10:11 and 10:45 UTC, mostly "
                    + "at 10:41 UTC (only 12 devices logged errors beyond noise) while connected devices fell from "
                    + "1,198 to 611 at 10:42 UTC");
            assertThat(r.actions()).anyMatch(a -> a.contains("connectedDeviceCount LessThan 900"));
            assertThat(r.actions().get(0)).contains("540 devices");
        }

        @Test
        void mixedNamesTheLargestGroups() {
            TriageReport r = diagnose(evidence(mixedCauses().build(), healthy(), typicalDrop()));
            assertThat(r.headline()).isEqualTo("340 devices failed at 10:41 UTC with no single cause: 41 % network or "
                    + "keep-alive (404104), 33 % authentication (401003); the hub is healthy.");
            assertThat(r.actions().get(0)).startsWith("Group of 140 (41 %) with network or keep-alive errors (404104)");
            assertThat(r.actions().get(1)).startsWith("Group of 112 (33 %) with authentication errors (401003)");
        }

        @Test
        void noLogsActionsGiveTheDiagnosticSettingCommand() {
            TriageReport r = diagnose(evidence(noDiagnosticLogs().build(), healthy(), typicalDrop()));
            assertThat(r.headline()).startsWith("No Connections logs reached Log Analytics for contoso-hub in 10:11–10:46 "
                    + "UTC or the 24 h before");
            assertThat(r.actions().get(0)).contains("az monitor diagnostic-settings create --name connections-to-logs "
                    + "--resource contoso-hub --resource-group iot-prod --resource-type Microsoft.Devices/IotHubs "
                    + "--subscription 0b1f6471-1bf0-4dda-aec3-cb9272f09590").contains("\"category\":\"Connections\"");
        }

        @Test
        void platformActionsQuoteTheServiceHealthEvent() {
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(),
                    healthyWithServiceIssue(List.of("West Europe")), typicalDrop()));
            assertThat(r.actions().get(0)).startsWith("Follow Azure Service Health event VN1T-7PZ");
            assertThat(r.actions()).anyMatch(a -> a.endsWith("quoting event VN1T-7PZ."));
        }

        @Test
        void userChangeActionsSayWhenAndWhoToAsk() {
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(), userFailover(), typicalDrop()));
            assertThat(r.headline()).startsWith("The hub was Unavailable from 10:38 UTC to 10:50 UTC (because of a "
                    + "user-initiated change: A failover of your IoT hub was initiated)");
            assertThat(r.actions().get(0)).startsWith("Find who changed the hub at 10:38 UTC");
        }

        @Test
        void everyVerdictHasAHeadlineOfOneSentenceAndActions() {
            List<Evidence> all = List.of(
                    evidence(siteNetworkOutage().build(), healthy(), typicalDrop()),
                    evidence(certificateExpiry().build(), platformOutage(), typicalDrop()),
                    evidence(singleDeviceAuth().build(), healthy(), null),
                    evidence(duplicateIdentities().build(), null, typicalDrop()),
                    evidence(transientFaults().build(), unknown(), typicalDrop()),
                    evidence(throttled().build(), healthy(), typicalDrop()),
                    evidence(platformUpgrade().build(), healthy(), null),
                    evidence(cleanShutdown().build(), healthy(), null),
                    evidence(mixedCauses().build(), healthy(), typicalDrop()),
                    evidence(noDiagnosticLogs().build(), null, null),
                    evidence(null, null, null),
                    evidence(siteNetworkOutage().build(), userFailover(), null));
            for (Evidence e : all) {
                TriageReport r = diagnose(e);
                assertThat(r.headline()).as(r.verdict().name()).endsWith(".").doesNotContain(". ")
                        .doesNotContain("null").doesNotContain("Optional");
                assertThat(r.actions()).as(r.verdict().name()).isNotEmpty()
                        .allSatisfy(a -> assertThat(a).doesNotContain("null").doesNotContain("Optional"));
                assertThat(r.findings()).as(r.verdict().name()).last().asString().startsWith("Confidence " + r.confidence());
            }
        }
    }

    @Nested
    class Lists {
        @Test
        void errorsAreSortedByDevicesAndBounded() {
            TriageReport r = siteOutage();
            assertThat(r.errors()).hasSize(TriageReport.MAX_ERRORS);
            assertThat(r.errors()).isSortedAccordingTo(Comparator.comparingInt(ErrorLine::devices).reversed());
            ErrorLine top = r.errors().get(0);
            assertThat(top.code()).isEqualTo("404104");
            assertThat(top.name()).isEqualTo("DeviceConnectionClosedRemotely");
            assertThat(top.family()).isEqualTo(CauseFamily.NETWORK_OR_KEEPALIVE);
            assertThat(top.events()).isEqualTo(1_877);
            assertThat(top.devices()).isEqualTo(312);
            // the baseline by the same rule as the window: 2,900 raw, less the renewals expected over 24 h
            assertThat(top.baselineEvents()).hasValue(2_406);
            assertThat(top.unusual()).isTrue();
            assertThat(top.meaning()).contains("keep-alive");
            assertThat(top.docs()).isEqualTo("https://aka.ms/iothub404104");
            // 401003 runs at its usual renewal rate: 241 in 35 min against 9,800 in 24 h.
            assertThat(r.errors().get(1).code()).isEqualTo("401003");
            assertThat(r.errors().get(1).unusual()).isFalse();
            // The tail's unknown codes keep their logged names.
            assertThat(r.errors()).anyMatch(e -> e.name().startsWith("RareError") && e.family() == CauseFamily.OTHER);
        }

        @Test
        void aReportAboutAHundredThousandDevicesIsAsSmallAsOneAboutTen() {
            EvidenceFixtures.ConnectionsBuilder big = connections().active(100_000).disconnected(60_000)
                    .rows(4_000_000, 90_000_000)
                    .code(code("404104", "DeviceConnectionClosedRemotely", 900_000, 58_000, 120_000))
                    .codes(tail(300))
                    .family(CauseFamily.NETWORK_OR_KEEPALIVE, 58_000, 50_000, likeTheFleet(58_000));
            IntStream.range(0, 50).forEach(i -> big.top(new DeviceStats("dev-" + i, 500 - i, List.of("404104"),
                    CauseFamily.NETWORK_OR_KEEPALIVE)));
            TriageReport r = diagnose(evidence(big.build(), healthy(), typicalDrop()));
            assertThat(r.errors()).hasSize(TriageReport.MAX_ERRORS);
            assertThat(r.topDevices()).hasSize(ConnectionEvidence.TOP_DEVICES);
            assertThat(r.findings()).hasSizeLessThanOrEqualTo(Narrative.MAX_FINDINGS);
            assertThat(r.actions()).hasSizeLessThanOrEqualTo(Narrative.MAX_ACTIONS);
            // 300 tail codes carry 900 events; the 39 listed beside 404104 are the 4-event ones: 900 - 39 × 4 = 744.
            assertThat(r.findings()).contains("261 more codes (744 events) are not listed; the logs link shows them all.");
            assertThat(r.headline()).contains("58,000 of 100,000 active devices");
        }

        @Test
        void healthEventsAreBounded() {
            HubHealthEvidence.ServiceHealthEvent[] many = IntStream.range(0, 25)
                    .mapToObj(i -> new HubHealthEvidence.ServiceHealthEvent("PM-" + i, "PlannedMaintenance", "Active",
                            "Maintenance " + i, "", "", Optional.of(WINDOW.start()), Optional.empty(), Optional.empty(),
                            List.of("IoT Hub"), List.of("West Europe"), true))
                    .toArray(HubHealthEvidence.ServiceHealthEvent[]::new);
            TriageReport r = diagnose(evidence(siteNetworkOutage().build(), healthyWith(many), typicalDrop()));
            assertThat(r.platformHealth().orElseThrow().events()).hasSize(HealthView.MAX_EVENTS);
        }

        @Test
        void gapsAreCopiedFromTheEvidence() {
            Evidence e = withGaps(evidence(siteNetworkOutage().build(), healthy(), null),
                    new Gap(Gap.METRICS, "Metrics answered 429 twice; gave up after 10 s"));
            TriageReport r = diagnose(e);
            assertThat(r.gaps()).containsExactly(new Gap(Gap.METRICS, "Metrics answered 429 twice; gave up after 10 s"));
            assertThat(r.deviceCount()).isEmpty();
            assertThat(r.findings()).contains("Not available: connected-devices metric (Metrics answered 429 twice; "
                    + "gave up after 10 s).");
        }

        @Test
        void timelineIsCarriedForRenderers() {
            TriageReport r = siteOutage();
            assertThat(r.timeline()).hasSize(35);
            assertThat(r.timeline().get(30).minute()).isEqualTo(DROP);
        }
    }

    @Nested
    class Metric {
        @Test
        void beforeIsTheHighestAverageBeforeTheLowestPoint() {
            TriageReport.DeviceCount d = siteOutage().deviceCount().orElseThrow();
            assertThat(d.before()).hasValue(1_198);
            assertThat(d.min()).hasValue(611);
            assertThat(d.minAt()).contains(Instant.parse("2026-01-15T10:42:00Z"));
            assertThat(d.now()).hasValue(640); // the trailing empty minute is skipped, not read as zero
            assertThat(d.registered()).hasValue(1_250);
        }

        @Test
        void emptyMinutesAreNeverZeroAndMissingAggregationsFallBack() {
            Instant t0 = WINDOW.start();
            DeviceCountEvidence e = new DeviceCountEvidence(List.of(
                    new MetricPoint(t0, OptionalDouble.empty(), OptionalDouble.of(900), OptionalDouble.empty()),
                    new MetricPoint(t0.plusSeconds(60), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty()),
                    new MetricPoint(t0.plusSeconds(120), OptionalDouble.of(450), OptionalDouble.of(470), OptionalDouble.of(480)),
                    new MetricPoint(t0.plusSeconds(180), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.of(700))),
                    List.of());
            TriageReport.DeviceCount d = DeviceCounts.of(e);
            assertThat(d.min()).hasValue(450);
            assertThat(d.minAt()).contains(t0.plusSeconds(120));
            assertThat(d.before()).hasValue(900);
            assertThat(d.now()).hasValue(700);
            assertThat(d.registered()).isEmpty();
        }
    }

    @Nested
    class Health {
        @Test
        void statusesWithoutTimesAndRegionsAreHandled() {
            AvailabilityStatus bare = new AvailabilityStatus("Degraded", "", "", "", "Degraded", "", Optional.empty(),
                    Optional.empty(), "", "");
            HubHealthEvidence h = new HubHealthEvidence(Optional.of(bare), List.of(), List.of(
                    serviceIssue("ANY-1", "Active", List.of(), Instant.parse("2026-01-15T10:00:00Z"), Optional.empty())));
            HealthView v = HealthView.of(Optional.of(h), WINDOW);
            assertThat(v.platformOutage()).isPresent();
            assertThat(v.region()).isEmpty();
            assertThat(v.incidents()).hasSize(1);
            assertThat(v.healthy()).isFalse();
        }

        @Test
        void anActiveIncidentThatStartedAfterTheWindowDoesNotExplainIt() {
            HubHealthEvidence h = healthyWith(serviceIssue("LATER-1", "Active", List.of("West Europe"),
                    WINDOW.end().plusSeconds(600), Optional.empty()));
            assertThat(HealthView.of(Optional.of(h), WINDOW).incidents()).isEmpty();
        }

        @Test
        void regionsMatchIgnoringCaseAndSpaces() {
            HubHealthEvidence.ServiceHealthEvent e = serviceIssue("X", "Active", List.of("WEST EUROPE"),
                    WINDOW.start(), Optional.empty());
            assertThat(HealthView.inRegion(e, Optional.of("westeurope"))).isTrue();
            assertThat(HealthView.inRegion(e, Optional.of("West-Europe"))).isTrue();
            assertThat(HealthView.inRegion(e, Optional.of("northeurope"))).isFalse();
            assertThat(HealthView.inRegion(serviceIssue("G", "Active", List.of("Global"), WINDOW.start(),
                    Optional.empty()), Optional.of("westeurope"))).isTrue();
        }

        @Test
        void anOutageThatEndedBeforeTheWindowDoesNotCount() {
            AvailabilityStatus before = status("Unavailable", "Unplanned", "Platform Initiated", "down",
                    Instant.parse("2026-01-15T08:00:00Z"), "PlatformInitiated");
            AvailabilityStatus back = status("Available", "", "", "", Instant.parse("2026-01-15T08:20:00Z"), "");
            HealthView v = HealthView.of(Optional.of(new HubHealthEvidence(Optional.of(back), List.of(before, back),
                    List.of())), WINDOW);
            assertThat(v.unhealthy()).isEmpty();
            assertThat(v.healthy()).isTrue();
        }

        @Test
        void anOutageThatBeganBeforeTheWindowAndLastedIntoItCounts() {
            AvailabilityStatus down = status("Degraded", "Unplanned", "Platform Initiated", "degraded",
                    Instant.parse("2026-01-15T09:50:00Z"), "PlatformInitiated");
            AvailabilityStatus back = status("Available", "", "", "", Instant.parse("2026-01-15T10:20:00Z"), "");
            HealthView v = HealthView.of(Optional.of(new HubHealthEvidence(Optional.of(back), List.of(down, back),
                    List.of())), WINDOW);
            assertThat(v.platformOutage()).isPresent();
        }
    }
}
