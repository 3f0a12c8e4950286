package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.Dimension;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static io.iothubtriage.testing.EvidenceFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class PortalLinksTest {

    private static final Pattern LOGS = Pattern.compile("^https://portal\\.azure\\.com/#blade/"
            + "Microsoft_OperationsManagementSuite_Workspace/Logs\\.ReactView/resourceId/([^/]+)"
            + "/source/LogsBlade\\.AnalyticsShareLinkToQuery/q/([^/]+)/timespan/([^/]+)$");

    @Test
    void hubAndResourceHealthBlades() {
        assertThat(PortalLinks.hubOverview(HUB)).isEqualTo("https://portal.azure.com/#@/resource/subscriptions/"
                + "0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/iot-prod/providers/Microsoft.Devices/IotHubs/"
                + "contoso-hub/overview");
        assertThat(PortalLinks.resourceHealth(HUB)).isEqualTo("https://portal.azure.com/#@/resource/subscriptions/"
                + "0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/iot-prod/providers/Microsoft.Devices/IotHubs/"
                + "contoso-hub/resourceHealth");
    }

    @Test
    void logsLinkCarriesTheQueryAndTheWindowTheWayThePortalSharesThem() throws IOException {
        String query = PortalLinks.connectionErrorsQuery(HUB, WINDOW, Optional.empty(), Optional.empty());
        String link = PortalLinks.logs(HUB, WINDOW, query);

        Matcher m = LOGS.matcher(link);
        assertThat(m.matches()).as(link).isTrue();
        assertThat(decode(m.group(1))).isEqualTo(HUB.resourceId());
        // The query is gzip + Base64, URL-encoded twice, as in links the portal's "Copy link to query" makes.
        assertThat(m.group(2)).startsWith("H4sI").contains("%25").doesNotContain("+").doesNotContain("/");
        assertThat(gunzip(Base64.getDecoder().decode(decode(decode(m.group(2)))))).isEqualTo(query);
        assertThat(decode(m.group(3))).isEqualTo("2026-01-15T10:11:00Z/2026-01-15T10:46:00Z");
    }

    @Test
    void theQueryListsTheHubsConnectionErrorsInTheWindowPerDeviceAndCode() {
        String q = PortalLinks.connectionErrorsQuery(HUB, WINDOW, Optional.empty(), Optional.empty());
        assertThat(q).startsWith("// Connection errors of IoT hub contoso-hub, 10:11–10:46 UTC")
                .contains("AzureDiagnostics\n")
                .contains("TimeGenerated >= datetime(2026-01-15T10:11:00Z) and TimeGenerated < datetime(2026-01-15T10:46:00Z)")
                .contains("_ResourceId =~ \"" + HUB.resourceId() + "\"")
                .contains("Category == \"Connections\"")
                .contains("by DeviceId, ResultType, ResultDescription, OperationName")
                .endsWith("| order by Events desc")
                .doesNotContain("// | where");
    }

    @Test
    void aSubsetAddsACommentedFilterOnItsDevicesWithTheValueEscaped() {
        // by device: a disconnect row logs no sdkVersion, and a site's drop may log its old address, so a filter on
        // the error rows' own value would hide the very rows the report counts
        String q = PortalLinks.connectionErrorsQuery(HUB, WINDOW, Optional.of(Dimension.SDK_VERSION),
                Optional.of("odd \"sdk\" \\ 1.0"));
        assertThat(q).startsWith("// Connection errors of IoT hub contoso-hub").contains("let subsetDevices = AzureDiagnostics\n")
                .contains("| where tostring(p.sdkVersion) == \"odd \\\"sdk\\\" \\\\ 1.0\"\n")
                .contains("| distinct DeviceId = tostring(p.deviceId);\nAzureDiagnostics\n")
                .contains("// | where DeviceId in (subsetDevices) // the devices whose SdkVersion is the subset's\n");
        assertThat(PortalLinks.connectionErrorsQuery(HUB, WINDOW, Optional.of(Dimension.MASKED_IP_ADDRESS),
                Optional.of(SITE_IP))).contains("| where tostring(p.maskedIpAddress) == \"203.0.113.XXX\"\n");
    }

    @Test
    void reportLinksUseTheScopeAndTheVerdictsDocs() throws IOException {
        TriageReport r = Diagnosis.diagnose(request(), evidence(siteNetworkOutage().build(), healthy(), typicalDrop()),
                DiagnosisOptions.defaults(), NOW);
        Matcher m = LOGS.matcher(r.links().logs());
        assertThat(m.matches()).isTrue();
        assertThat(gunzip(Base64.getDecoder().decode(decode(decode(m.group(2))))))
                .contains("| where tostring(p.maskedIpAddress) == \"203.0.113.XXX\"")
                .contains("// | where DeviceId in (subsetDevices)");
        assertThat(r.links().hub()).isEqualTo(PortalLinks.hubOverview(HUB));
        assertThat(r.links().resourceHealth()).isEqualTo(PortalLinks.resourceHealth(HUB));
        assertThat(r.links().docs()).isEqualTo("https://aka.ms/iothub404104");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
