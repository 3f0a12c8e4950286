package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.PercentEncoding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Azure portal deep links for a report: the hub's overview and Resource Health blades, and Log Analytics opened on
 * the hub with the triage's own query and window.
 *
 * <p>The logs link has the shape of the portal's "Share → Copy link to query":
 * {@code https://portal.azure.com/#blade/Microsoft_OperationsManagementSuite_Workspace/Logs.ReactView/resourceId/
 * <url-encoded resource id>/source/LogsBlade.AnalyticsShareLinkToQuery/q/<query>/timespan/<start>%2F<end>} where
 * {@code <query>} is the KQL gzip-compressed, Base64-encoded, then URL-encoded twice (the portal decodes the hash
 * route once and the parameter once, which is why shared links show {@code %252F} and {@code %253D}). The resource id
 * is the hub's, so the query runs resource-centric against whichever workspace holds its logs.
 */
public final class PortalLinks {
    private static final String PORTAL = "https://portal.azure.com/";

    private PortalLinks() {
    }

    /** All the links of a report; {@code dimension}/{@code value} narrow the logs query with a commented-out filter. */
    public static TriageReport.Links of(HubId hub, TimeWindow window, Optional<Dimension> dimension,
                                        Optional<String> value, String docs) {
        String query = connectionErrorsQuery(hub, window, dimension, value);
        return new TriageReport.Links(logs(hub, window, query), hubOverview(hub), resourceHealth(hub), docs);
    }

    /** The hub's overview blade. */
    public static String hubOverview(HubId hub) {
        return PORTAL + "#@/resource" + hub.resourceId() + "/overview";
    }

    /** The hub's Resource Health blade. */
    public static String resourceHealth(HubId hub) {
        return PORTAL + "#@/resource" + hub.resourceId() + "/resourceHealth";
    }

    /** Log Analytics on the hub with {@code query} filled in and the time range set to {@code window}. */
    public static String logs(HubId hub, TimeWindow window, String query) {
        String encodedQuery = PercentEncoding.encode(PercentEncoding.encode(Base64.getEncoder().encodeToString(gzip(query))));
        String timespan = PercentEncoding.encode(ReportFormat.iso(window.start()) + "/" + ReportFormat.iso(window.end()));
        return PORTAL + "#blade/Microsoft_OperationsManagementSuite_Workspace/Logs.ReactView/resourceId/"
                + PercentEncoding.encode(hub.resourceId()) + "/source/LogsBlade.AnalyticsShareLinkToQuery/q/" + encodedQuery
                + "/timespan/" + timespan;
    }

    /**
     * The hub's connection errors in the window, one row per device and code with the device's address, protocol
     * and SDK, most events first. When the report's scope is a SUBSET, a commented-out line filters on its value.
     */
    public static String connectionErrorsQuery(HubId hub, TimeWindow window, Optional<Dimension> dimension,
                                               Optional<String> value) {
        StringBuilder q = new StringBuilder();
        q.append("// Connection errors of IoT hub ").append(hub.name()).append(", ")
                .append(ReportFormat.range(window.start(), window.end())).append(" (iothub-triage)\n");
        boolean subset = dimension.isPresent() && value.isPresent();
        if (subset) {
            // the subset is of devices, as the report counts them (each by its latest value on any row): their error
            // rows may not carry the value (a disconnect logs no sdkVersion; a site's drop logs its old address)
            q.append("let subsetDevices = AzureDiagnostics\n");
            timeAndHub(q, hub, window);
            q.append("| where Category == \"Connections\"\n");
            q.append("| extend p = parse_json(properties_s)\n");
            q.append("| extend a = parse_json(tostring(p.authType))\n");
            q.append("| where ").append(expression(dimension.get())).append(" == \"")
                    .append(value.get().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            q.append("| distinct DeviceId = tostring(p.deviceId);\n");
        }
        q.append("AzureDiagnostics\n");
        timeAndHub(q, hub, window);
        q.append("| where Category == \"Connections\" and (Level == \"Error\" or isnotempty(ResultType))\n");
        q.append("| extend p = parse_json(properties_s)\n");
        q.append("| extend a = parse_json(tostring(p.authType))\n");
        q.append("| extend DeviceId = tostring(p.deviceId), MaskedIpAddress = tostring(p.maskedIpAddress),\n");
        q.append("         Protocol = tostring(p.protocol), SdkVersion = tostring(p.sdkVersion),\n");
        q.append("         AuthType = iff(isempty(tostring(a.scope)), \"\", strcat(tostring(a.scope), \"/\", tostring(a.type)))\n");
        if (subset) {
            q.append("// | where DeviceId in (subsetDevices) // the devices whose ").append(column(dimension.get()))
                    .append(" is the subset's\n");
        }
        q.append("| summarize Events = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated),\n");
        q.append("            MaskedIpAddress = take_any(MaskedIpAddress), Protocol = take_any(Protocol),\n");
        q.append("            AuthType = take_any(AuthType), SdkVersion = take_any(SdkVersion)\n");
        q.append("    by DeviceId, ResultType, ResultDescription, OperationName\n");
        q.append("| order by Events desc");
        return q.toString();
    }

    private static void timeAndHub(StringBuilder q, HubId hub, TimeWindow window) {
        q.append("| where TimeGenerated >= datetime(").append(ReportFormat.iso(window.start()))
                .append(") and TimeGenerated < datetime(").append(ReportFormat.iso(window.end())).append(")\n");
        q.append("| where ResourceProvider == \"MICROSOFT.DEVICES\" and ResourceType == \"IOTHUBS\"\n");
        q.append("| where _ResourceId =~ \"").append(hub.resourceId()).append("\"\n");
    }

    /** The dimension's value of a row, from its parsed properties_s {@code p} and authType {@code a}. */
    private static String expression(Dimension d) {
        return switch (d) {
            case MASKED_IP_ADDRESS -> "tostring(p.maskedIpAddress)";
            case PROTOCOL -> "tostring(p.protocol)";
            case AUTH_TYPE -> "iff(isempty(tostring(a.scope)), \"\", strcat(tostring(a.scope), \"/\", tostring(a.type)))";
            case SDK_VERSION -> "tostring(p.sdkVersion)";
        };
    }

    private static String column(Dimension d) {
        return switch (d) {
            case MASKED_IP_ADDRESS -> "MaskedIpAddress";
            case PROTOCOL -> "Protocol";
            case AUTH_TYPE -> "AuthType";
            case SDK_VERSION -> "SdkVersion";
        };
    }

    private static byte[] gzip(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return out.toByteArray();
    }
}
