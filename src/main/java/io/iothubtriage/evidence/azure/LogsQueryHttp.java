package io.iothubtriage.evidence.azure;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * POSTs one query to the Log Analytics query API and hands the response body to a reader as it streams in, so that
 * a response of 100,000 rows is never held whole (azure-monitor-query would build every cell as an object first).
 * The pipeline brings retries and the bearer token; the response is asked for gzip-compressed (a tenth of the
 * bytes for these rows). A status other than 2xx becomes an {@link ArmResponseException}, which
 * {@link AzureFailures} turns into a sentence, as for every other Azure call.
 */
final class LogsQueryHttp {

    /** Reads a response body; the stream is UTF-8 JSON in the query API's wire format. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPipeline pipeline;
    private final String endpoint;

    /** @param endpoint the query API endpoint including /v1, e.g. https://api.loganalytics.io/v1 */
    LogsQueryHttp(HttpPipeline pipeline, String endpoint) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        String e = Objects.requireNonNull(endpoint, "endpoint");
        this.endpoint = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
    }

    /** The query URL: the workspace's, or the hub's (resource-centric) when there is no workspace. */
    String url(HubId hub, Optional<String> workspaceId) {
        return workspaceId.map(ws -> endpoint + "/workspaces/" + ws + "/query")
                .orElseGet(() -> endpoint + hub.resourceId() + "/query");
    }

    /**
     * Runs the query and reads its body with {@code reader}; a 204 (the workspace holds no data at all) gives
     * {@code noContent}.
     *
     * @throws ArmResponseException for a status other than 2xx
     */
    <T> T query(String url, String query, TimeWindow range, Duration serverTimeout, Duration timeout,
                BodyReader<T> reader, java.util.function.Supplier<T> noContent) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        body.put("timespan", DateTimeFormatter.ISO_INSTANT.format(range.start()) + "/"
                + DateTimeFormatter.ISO_INSTANT.format(range.end()));
        HttpRequest request = new HttpRequest(HttpMethod.POST, url)
                .setHeader("Content-Type", "application/json")
                .setHeader("Accept", "application/json")
                .setHeader("Accept-Encoding", "gzip")
                .setHeader("Prefer", "wait=" + Math.max(1, serverTimeout.getSeconds()))
                .setBody(JSON.writeValueAsBytes(body));
        HttpResponse response = pipeline.send(request).block(timeout);
        if (response == null) {
            throw new MalformedResponseException("no response");
        }
        try (response) {
            int status = response.getStatusCode();
            if (status < 200 || status > 299) {
                String text = response.getBodyAsString(StandardCharsets.UTF_8).defaultIfEmpty("").block(timeout);
                AzureFailures.ErrorBody error = AzureFailures.ErrorBody.parse(text);
                throw new ArmResponseException(status, error.code(), error.message(),
                        AzureFailures.retryAfter(response.getHeaderValue("Retry-After")));
            }
            if (status == 204) {
                return noContent.get();
            }
            InputStream in = response.getBodyAsBinaryData().toStream();
            if ("gzip".equalsIgnoreCase(String.valueOf(response.getHeaderValue("Content-Encoding")).trim())) {
                in = gunzip(in);
            }
            try (InputStream stream = in) {
                return reader.read(stream);
            }
        }
    }

    private static InputStream gunzip(InputStream in) {
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
