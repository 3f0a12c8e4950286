package io.iothubtriage.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an exported Azure Monitor metrics REST response (api-version 2024-02-01, or {@code az monitor metrics list}
 * output, or a REST API example file wrapping one) into {@link DeviceCountEvidence}: the per-minute points of
 * {@code connectedDeviceCount} and {@code totalDeviceCount}. An aggregation the response leaves out or sets to null
 * stays empty, never 0; numbers may come as strings. One metric missing gives an empty list for it; a response
 * holding neither is refused with the names of the metrics it does hold (it was probably exported for something
 * else). Points are oldest first; should several time series repeat a minute, the first one read is kept.
 */
public final class MetricsReader {

    static final String CONNECTED = "connectedDeviceCount";
    static final String TOTAL = "totalDeviceCount";

    private MetricsReader() {
    }

    public static DeviceCountEvidence read(Path file) throws BadInputException {
        return read(file, HubMatcher.any());
    }

    /** Reads the file as {@link #read(Path)} does, and refuses metrics of another resource than {@code hub}. */
    public static DeviceCountEvidence read(Path file, HubMatcher hub) throws BadInputException {
        String where = InputFiles.where(file);
        JsonNode doc = JsonDocuments.read(file);
        if (doc.isObject() && doc.path("error").isObject() && !doc.has("value")) {
            throw new BadInputException(where, "is an error response, not metrics: "
                    + JsonShape.errorText(doc.get("error")));
        }
        JsonNode value = doc.isArray() ? doc : doc.path("value");
        if (!value.isArray() || !isMetricList(value)) {
            throw new BadInputException(where, "is not an Azure Monitor metrics response: it is "
                    + JsonShape.describe(doc));
        }
        List<MetricPoint> connected = null;
        List<MetricPoint> registered = null;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode metric = value.get(i);
            String resource = HubMatcher.resourceOf(JsonDocuments.text(metric, "id"));
            if (!resource.isEmpty() && !hub.isHub(resource)) {
                throw new BadInputException(where, "holds metrics of " + resource + ", not of the hub "
                        + hub.hub().map(h -> h.resourceId()).orElse(""));
            }
            JsonNode nameNode = metric.path("name");
            String name = nameNode.isTextual() ? nameNode.asText() : JsonDocuments.text(nameNode, "value");
            names.add(name);
            if (name.equalsIgnoreCase(CONNECTED) && connected == null) {
                connected = points(metric, (doc.isArray() ? "" : "value") + "[" + i + "]", where);
            } else if (name.equalsIgnoreCase(TOTAL) && registered == null) {
                registered = points(metric, (doc.isArray() ? "" : "value") + "[" + i + "]", where);
            }
        }
        if (connected == null && registered == null) {
            throw new BadInputException(where, "is a metrics response without " + CONNECTED + " or " + TOTAL
                    + " (it holds " + (names.isEmpty() ? "no metric" : String.join(", ", names))
                    + "): export metricnames=" + CONNECTED + "," + TOTAL + " of the IoT hub");
        }
        return new DeviceCountEvidence(connected == null ? List.of() : connected,
                registered == null ? List.of() : registered);
    }

    private static boolean isMetricList(JsonNode value) {
        for (JsonNode m : value) {
            if (!m.isObject() || !(m.has("timeseries") || m.path("type").asText("").equalsIgnoreCase(
                    "Microsoft.Insights/metrics"))) {
                return false;
            }
        }
        return true;
    }

    private static List<MetricPoint> points(JsonNode metric, String path, String where) throws BadInputException {
        List<MetricPoint> points = new ArrayList<>();
        Set<Instant> seen = new HashSet<>();
        JsonNode series = metric.path("timeseries");
        for (int s = 0; s < series.size(); s++) {
            JsonNode data = series.get(s).path("data");
            for (int d = 0; d < data.size(); d++) {
                JsonNode point = data.get(d);
                String pp = path + ".timeseries[" + s + "].data[" + d + "]";
                Instant time = JsonDocuments.time(point, "timeStamp", where, pp)
                        .orElseThrow(() -> new BadInputException(where, pp + " has no timeStamp"));
                if (seen.add(time)) {
                    points.add(new MetricPoint(time,
                            JsonDocuments.number(point, "minimum", where, pp),
                            JsonDocuments.number(point, "average", where, pp),
                            JsonDocuments.number(point, "maximum", where, pp)));
                }
            }
        }
        points.sort(Comparator.comparing(MetricPoint::time));
        return points;
    }
}
