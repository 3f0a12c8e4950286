package io.iothubtriage.evidence.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.DeviceCountSource;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The hub's {@code connectedDeviceCount} and {@code totalDeviceCount} over the window, one point per minute
 * (minimum, average, maximum), from the Azure Monitor metrics REST API (api-version 2024-02-01) in one request:
 * {@code GET {hub}/providers/Microsoft.Insights/metrics?metricnames=connectedDeviceCount,totalDeviceCount&…}.
 * Plain REST through the same pipeline as Resource Health: one token, one retry policy, and a request whose
 * query string the tests can assert exactly.
 */
public final class MetricsDeviceCountSource implements DeviceCountSource {

    static final String API_VERSION = "2024-02-01";
    static final String CONNECTED = "connectedDeviceCount";
    static final String TOTAL = "totalDeviceCount";

    private final ArmClient arm;
    private final Duration timeout;

    private MetricsDeviceCountSource(ArmClient arm, Duration timeout) {
        this.arm = arm;
        this.timeout = timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Fetched<DeviceCountEvidence> fetch(TriageRequest request) throws EvidenceException {
        Attempt<JsonNode> attempt = Attempt.of(arm.get(path(request.hub()), query(request.window(), TOTAL)), timeout).block();
        if (attempt.failure().isPresent()) {
            throw AzureFailures.classify(attempt.failure().get(), access(request.hub()), timeout);
        }
        try {
            List<Gap> gaps = new ArrayList<>();
            Map<String, JsonNode> metrics = byName(attempt.value().get());
            List<MetricPoint> connected = points(metrics, CONNECTED, gaps);
            List<MetricPoint> registered = points(metrics, TOTAL, gaps);
            return new Fetched<>(new DeviceCountEvidence(connected, registered), gaps);
        } catch (MalformedResponseException e) {
            throw AzureFailures.classify(e, access(request.hub()), timeout);
        }
    }

    /** Can this identity read the hub's metrics? Reads connectedDeviceCount for the last 5 minutes. */
    SourceCheck check(HubId hub) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Attempt<JsonNode> attempt = Attempt.of(arm.get(path(hub),
                query(new TimeWindow(now.minus(Duration.ofMinutes(5)), now), null)), timeout).block();
        if (attempt.failure().isPresent()) {
            return SourceCheck.of(Gap.METRICS, AzureFailures.classify(attempt.failure().get(), access(hub), timeout));
        }
        try {
            List<Gap> gaps = new ArrayList<>();
            List<MetricPoint> points = points(byName(attempt.value().get()), CONNECTED, gaps);
            OptionalDouble latest = points.stream().map(MetricPoint::average).filter(OptionalDouble::isPresent)
                    .reduce((a, b) -> b).orElse(OptionalDouble.empty());
            return gaps.isEmpty()
                    ? SourceCheck.ok(Gap.METRICS, "connectedDeviceCount readable" + (latest.isPresent()
                            ? " (" + Math.round(latest.getAsDouble()) + " connected)" : ""))
                    : new SourceCheck(Gap.METRICS, SourceCheck.Status.UNAVAILABLE, gaps.get(0).reason());
        } catch (MalformedResponseException e) {
            return SourceCheck.of(Gap.METRICS, AzureFailures.classify(e, access(hub), timeout));
        }
    }

    private static String path(HubId hub) {
        return hub.resourceId() + "/providers/Microsoft.Insights/metrics";
    }

    private static Map<String, String> query(TimeWindow window, String alsoMetric) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("api-version", API_VERSION);
        query.put("metricnames", alsoMetric == null ? CONNECTED : CONNECTED + "," + alsoMetric);
        query.put("metricnamespace", "Microsoft.Devices/IotHubs");
        query.put("timespan", DateTimeFormatter.ISO_INSTANT.format(window.start().truncatedTo(ChronoUnit.SECONDS))
                + "/" + DateTimeFormatter.ISO_INSTANT.format(window.end().truncatedTo(ChronoUnit.SECONDS)));
        query.put("interval", "PT1M");
        query.put("aggregation", "minimum,average,maximum");
        return query;
    }

    private static Map<String, JsonNode> byName(JsonNode response) {
        JsonNode value = response.path("value");
        if (!value.isArray()) {
            throw new MalformedResponseException("metrics response without a 'value' array");
        }
        Map<String, JsonNode> metrics = new LinkedHashMap<>();
        for (JsonNode metric : value) {
            String name = metric.path("name").path("value").asText("");
            if (!name.isEmpty()) {
                metrics.put(name.toLowerCase(java.util.Locale.ROOT), metric);
            }
        }
        return metrics;
    }

    private static List<MetricPoint> points(Map<String, JsonNode> metrics, String name, List<Gap> gaps) {
        JsonNode metric = metrics.get(name.toLowerCase(java.util.Locale.ROOT));
        if (metric == null) {
            gaps.add(new Gap(Gap.METRICS, name + " missing from the metrics response"));
            return List.of();
        }
        String errorCode = metric.path("errorCode").asText("Success");
        if (!errorCode.isEmpty() && !errorCode.equalsIgnoreCase("Success")) {
            gaps.add(new Gap(Gap.METRICS, name + " unavailable: " + errorCode
                    + Optional.of(metric.path("errorMessage").asText("")).filter(s -> !s.isEmpty())
                            .map(s -> " (" + AzureFailures.shorten(s) + ")").orElse("")));
            return List.of();
        }
        List<MetricPoint> points = new ArrayList<>();
        for (JsonNode series : metric.path("timeseries")) {
            for (JsonNode point : series.path("data")) {
                points.add(new MetricPoint(time(point.path("timeStamp")), number(point, "minimum"),
                        number(point, "average"), number(point, "maximum")));
            }
        }
        if (points.isEmpty()) {
            gaps.add(new Gap(Gap.METRICS, name + " has no data points in the window"));
        }
        points.sort(Comparator.comparing(MetricPoint::time));
        return points;
    }

    private static Instant time(JsonNode v) {
        try {
            return OffsetDateTime.parse(v.asText("")).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedResponseException("metric point without a valid timeStamp: "
                    + AzureFailures.shorten(v.toString()));
        }
    }

    /** A missing aggregation is "no value", never zero. */
    private static OptionalDouble number(JsonNode point, String field) {
        JsonNode v = point.path(field);
        if (v.isNumber()) {
            return OptionalDouble.of(v.asDouble());
        }
        if (v.isMissingNode() || v.isNull()) {
            return OptionalDouble.empty();
        }
        throw new MalformedResponseException(field + " is not a number: " + AzureFailures.shorten(v.toString()));
    }

    private static AzureFailures.Access access(HubId hub) {
        return new AzureFailures.Access("Azure Monitor metrics", "Reader", "the hub " + hub.resourceId(),
                "the hub " + hub.resourceId() + " was not found in this cloud");
    }

    /** Builds a source from a ready ARM pipeline, or from an endpoint, a credential and an HTTP client. */
    public static final class Builder {
        private HttpPipeline pipeline;
        private URI endpoint;
        private TokenCredential credential;
        private HttpClient httpClient;
        private Duration timeout = LiveOptions.DEFAULT_METRICS_TIMEOUT;

        private Builder() {
        }

        /** Azure Resource Manager, e.g. https://management.azure.com. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** A ready pipeline (shared with Resource Health); credential and httpClient are then not used. */
        public Builder pipeline(HttpPipeline pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        public Builder credential(TokenCredential credential) {
            this.credential = credential;
            return this;
        }

        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public MetricsDeviceCountSource build() {
            return new MetricsDeviceCountSource(ResourceHealthSource.armClient(pipeline, endpoint, credential, httpClient),
                    timeout);
        }
    }
}
