package io.iothubtriage.evidence.azure;

import io.iothubtriage.evidence.PercentEncoding;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** GETs (and POSTs) JSON to Azure Resource Manager through a pipeline that adds retries and the bearer token. */
final class ArmClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpPipeline pipeline;
    private final URI endpoint;

    ArmClient(HttpPipeline pipeline, URI endpoint) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    URI endpoint() {
        return endpoint;
    }

    /** The URL of {@code path} (starting with "/") under the endpoint, with the query parameters encoded. */
    String url(String path, Map<String, String> query) {
        String q = query.entrySet().stream()
                .map(e -> PercentEncoding.encode(e.getKey()) + "=" + PercentEncoding.encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return endpoint + path + (q.isEmpty() ? "" : "?" + q);
    }

    Mono<JsonNode> get(String path, Map<String, String> query) {
        return getUrl(url(path, query));
    }

    Mono<JsonNode> getUrl(String url) {
        return Mono.defer(() -> pipeline.send(new HttpRequest(HttpMethod.GET, url).setHeader("Accept", "application/json")))
                .flatMap(response -> response.getBodyAsString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(body -> read(response, body))
                        .doFinally(s -> response.close()));
    }

    /** POSTs a JSON body (Resource Graph queries are POSTs that read, not write). */
    Mono<JsonNode> post(String path, Map<String, String> query, JsonNode body) {
        String url = url(path, query);
        return Mono.defer(() -> pipeline.send(new HttpRequest(HttpMethod.POST, url)
                        .setHeader("Accept", "application/json").setHeader("Content-Type", "application/json")
                        .setBody(body.toString())))
                .flatMap(response -> response.getBodyAsString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> read(response, text))
                        .doFinally(s -> response.close()));
    }

    /**
     * The {@code value} items of a list operation, following {@code nextLink} for at most {@code maxPages} pages.
     * A nextLink that leaves the endpoint's host is not followed: the pipeline would send it the token.
     */
    Mono<Paged> getPaged(String path, Map<String, String> query, int maxPages) {
        return collect(url(path, query), maxPages, new ArrayList<>(), 0);
    }

    private Mono<Paged> collect(String url, int maxPages, List<JsonNode> items, int pagesRead) {
        return getUrl(url).flatMap(page -> {
            JsonNode value = page.path("value");
            if (!value.isArray()) {
                return Mono.error(new MalformedResponseException("list response without a 'value' array"));
            }
            value.forEach(items::add);
            int read = pagesRead + 1;
            String next = page.path("nextLink").asText("");
            if (next.isEmpty()) {
                return Mono.just(new Paged(items, read, Paged.End.COMPLETE));
            }
            if (!sameOrigin(next)) {
                return Mono.just(new Paged(items, read, Paged.End.FOREIGN_NEXT_LINK));
            }
            if (read >= maxPages) {
                return Mono.just(new Paged(items, read, Paged.End.PAGE_LIMIT));
            }
            return collect(next, maxPages, items, read);
        });
    }

    private boolean sameOrigin(String link) {
        try {
            URI next = URI.create(link);
            return "https".equalsIgnoreCase(next.getScheme())
                    && endpoint.getRawAuthority().equalsIgnoreCase(next.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode read(HttpResponse response, String body) {
        int status = response.getStatusCode();
        if (status < 200 || status > 299) {
            AzureFailures.ErrorBody error = AzureFailures.ErrorBody.parse(body);
            throw new ArmResponseException(status, error.code(), error.message(),
                    AzureFailures.retryAfter(response.getHeaderValue("Retry-After")));
        }
        if (body.isBlank()) {
            throw new MalformedResponseException("empty body with status " + status);
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MalformedResponseException("expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("not JSON: " + AzureFailures.shorten(e.getOriginalMessage()), e);
        }
    }

    /** The items of a list operation and how the listing ended. */
    record Paged(List<JsonNode> items, int pages, End end) {
        Paged {
            items = List.copyOf(items);
        }

        enum End { COMPLETE, PAGE_LIMIT, FOREIGN_NEXT_LINK }
    }
}
