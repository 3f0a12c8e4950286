package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.Diagnosis;
import io.iothubtriage.diagnosis.DiagnosisOptions;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Evidence;
import io.iothubtriage.evidence.Gap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class TextRendererTest {

    static TriageReport report(Evidence e) {
        return Diagnosis.diagnose(request(), e, DiagnosisOptions.defaults(), NOW);
    }

    static List<Evidence> everyVerdict() {
        return List.of(
                evidence(siteNetworkOutage().build(), healthy(), typicalDrop()),
                evidence(certificateExpiry().build(), platformOutage(), typicalDrop()),
                evidence(singleDeviceAuth().build(), healthy(), null),
                evidence(duplicateIdentities().build(), healthyWithServiceIssue(List.of("West Europe")), typicalDrop()),
                withGaps(evidence(transientFaults().build(), null, typicalDrop()),
                        new Gap(Gap.RESOURCE_HEALTH, "timed out after 10 s")),
                evidence(throttled().build(), healthy(), typicalDrop()),
                evidence(platformUpgrade().build(), healthy(), null),
                evidence(cleanShutdown().build(), healthy(), typicalDrop()),
                evidence(mixedCauses().build(), healthy(), typicalDrop()),
                evidence(noDiagnosticLogs().build(), healthy(), typicalDrop()),
                withGaps(evidence(null, healthy(), typicalDrop()), new Gap(Gap.CONNECTION_LOGS,
                        "Log Analytics answered 403: the identity lacks Log Analytics Reader on workspace ws-iot")),
                evidence(siteNetworkOutage().build(), userFailover(), typicalDrop()));
    }

    @Test
    void verdictFirstThenHeadlineScopeAndTheErrorTable() {
        String text = new TextRenderer().render(report(evidence(siteNetworkOutage().build(), healthy(), typicalDrop())));
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("DEVICE_NETWORK_OR_KEEPALIVE  ·  confidence HIGH  ·  contoso-hub");
        assertThat(lines.get(1)).matches("=+");
        assertThat(lines.get(2) + " " + lines.get(3)).isEqualTo("312 devices, 298 of them behind 203.0.113.XXX, lost their "
                + "connections at 10:41 UTC (404104) and 298 are still offline, the other 14 have reconnected; the hub is healthy.");
        assertThat(lines).contains(
                "Scope     SUBSET: 312 of 1,204 active devices, maskedIpAddress = 203.0.113.XXX",
                "Window    2026-01-15 10:11–10:46 UTC",
                "Devices   connected 1,198 before, 611 at the lowest (10:42 UTC), 640 now, 1,250 registered",
                "  CODE    NAME                                FAMILY                DEVICES    EVENTS    BASELINE",
                "  404104  DeviceConnectionClosedRemotely      network/keep-alive        312     1,877     2,406 !",
                "  401003  IoTHubUnauthorized                  authentication             22       210     8,525",
                "  28 more codes in the JSON report; ! = well above this hub's usual rate.",
                "  plant7-line3-press-014                           17 events  404104, 409002");
        assertThat(lines).anyMatch(l -> l.startsWith("          The device's connection ended without a clean"));
        assertThat(lines).anyMatch(l -> l.startsWith("  1. Check the network at the site behind 203.0.113.XXX"));
        assertThat(lines).anyMatch(l -> l.startsWith("  - 404104 is 32× its usual rate"));
        assertThat(text).contains("\nLinks\n  Logs (the triage's query, window set):\n    https://portal.azure.com/#blade/");
        // Sections come in the documented order.
        assertThat(text.indexOf("\nErrors\n")).isLessThan(text.indexOf("\nFindings\n"));
        assertThat(text.indexOf("\nFindings\n")).isLessThan(text.indexOf("\nNext steps\n"));
        assertThat(text.indexOf("\nNext steps\n")).isLessThan(text.indexOf("\nNoisiest devices\n"));
        assertThat(text.indexOf("\nNoisiest devices\n")).isLessThan(text.indexOf("\nLinks\n"));
    }

    @Test
    void noLineIsWiderThanAHundredColumnsExceptAUrlOnItsOwn() {
        for (Evidence e : everyVerdict()) {
            TriageReport r = report(e);
            for (String line : new TextRenderer().render(r).lines().toList()) {
                if (line.strip().startsWith("https://") && !line.strip().contains(" ")) {
                    continue;
                }
                assertThat(line.codePointCount(0, line.length())).as(r.verdict() + ": " + line).isLessThanOrEqualTo(100);
                assertThat(line).as("no trailing blanks").isEqualTo(line.stripTrailing());
            }
        }
    }

    @Test
    void longValuesFromLogsAreWrappedOrCutNotOverflowing() {
        String longId = "factory-" + "x".repeat(150);
        String longSdk = "com.microsoft.azure.sdk.iot.iot-device-client/2.5.0 (Java 17.0.9; Linux 5.15.0-1051-azure; "
                + "amd64; a very long build string that some devices report)";
        ConnectionEvidence c = connections().disconnected(2)
                .code(code("401099", "IoTHubUnauthorizedWithAnExtremelyLongDescriptionThatNoTableCanHold", 64, 1, 0))
                .family(CauseFamily.AUTHENTICATION, 1, 1, Map.of(Dimension.SDK_VERSION, spread(1, 1, v(longSdk, 1))))
                .top(device(longId, 64, CauseFamily.AUTHENTICATION, "401099")).build();
        String text = new TextRenderer().render(report(evidence(c, healthy(), typicalDrop())));
        assertThat(text.lines()).allSatisfy(l -> {
            if (!l.strip().startsWith("https://")) {
                assertThat(l.length()).isLessThanOrEqualTo(100);
            }
        });
        // The device id survives the wrapping: joined back, the headline holds it whole.
        assertThat(text.replace("\n", "")).contains(longId);
        assertThat(text).contains("  401099  " + PlainText.cut("IoTHubUnauthorizedWithAnExtremelyLongDescriptionThatNoTableCanHold", 35))
                .contains("IoTHubUnauthorizedWithAnExtremelyL… authentication");
    }

    @Test
    void colourIsOffByDefaultAndOnlyAddsEscapes() {
        TriageReport r = report(evidence(siteNetworkOutage().build(), healthy(), typicalDrop()));
        String plain = new TextRenderer().render(r);
        String coloured = new TextRenderer(true).render(r);
        assertThat(plain).doesNotContain("\u001b[");
        assertThat(coloured).contains("\u001b[33m\u001b[1mDEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
        String platform = new TextRenderer(true).render(report(evidence(platformUpgrade().build(), healthy(), null)));
        assertThat(platform).startsWith("\u001b[31m\u001b[1mPLATFORM_INCIDENT");
    }

    @Test
    void everyVerdictRendersItsParts() {
        for (Evidence e : everyVerdict()) {
            TriageReport r = report(e);
            String text = new TextRenderer().render(r);
            assertThat(text).as(r.verdict().name()).startsWith(r.verdict().name())
                    .contains("Scope     " + r.scope().kind())
                    .contains("\nNext steps\n  1. ")
                    .contains(r.links().hub())
                    .doesNotContain("Optional").doesNotContain("null");
            String unwrapped = text.replaceAll("\\s+", " ");
            for (Gap g : r.gaps()) {
                assertThat(unwrapped).contains(g.reason());
            }
        }
    }

    @Test
    void gapsAndMissingPartsAreSaidPlainly() {
        TriageReport r = report(withGaps(evidence(transientFaults().build(), null, null),
                new Gap(Gap.RESOURCE_HEALTH, "timed out after 10 s"), new Gap(Gap.METRICS, "not configured")));
        String text = new TextRenderer().render(r);
        assertThat(text).contains("Devices   metric not read", "Health    Resource Health not read",
                "\nGaps\n  - Resource Health: timed out after 10 s\n  - Connected-devices metric: not configured\n");
    }
}
