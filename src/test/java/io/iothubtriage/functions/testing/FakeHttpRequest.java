package io.iothubtriage.functions.testing;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An HTTP request as the Java worker hands it to a function, with a response builder that records what is built. */
public final class FakeHttpRequest implements HttpRequestMessage<Optional<String>> {
    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Optional<String> body;

    private FakeHttpRequest(HttpMethod method, String path, Optional<String> body) {
        this.method = method;
        this.uri = URI.create("https://func.example.net" + path);
        this.body = body;
    }

    public static FakeHttpRequest post(String path, String contentType, String body) {
        FakeHttpRequest r = new FakeHttpRequest(HttpMethod.POST, path, Optional.ofNullable(body));
        if (contentType != null) {
            // The worker hands header names over in lower case.
            r.headers.put("content-type", contentType);
        }
        return r;
    }

    public static FakeHttpRequest get(String path) {
        return new FakeHttpRequest(HttpMethod.GET, path, Optional.empty());
    }

    public FakeHttpRequest query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public FakeHttpRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public Optional<String> getBody() {
        return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new Builder(status);
    }

    /** The response as built by the function. */
    public record Response(HttpStatusType getStatus, Map<String, String> headers, Object getBody)
            implements HttpResponseMessage {
        @Override
        public String getHeader(String key) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(key)) {
                    return e.getValue();
                }
            }
            return null;
        }

        public String bodyText() {
            return getBody == null ? "" : getBody.toString();
        }
    }

    private static final class Builder implements HttpResponseMessage.Builder {
        private HttpStatusType status;
        private final Map<String, String> headers = new HashMap<>();
        private Object body;

        Builder(HttpStatusType status) {
            this.status = status;
        }

        @Override
        public HttpResponseMessage.Builder status(HttpStatusType s) {
            this.status = s;
            return this;
        }

        @Override
        public HttpResponseMessage.Builder header(String key, String value) {
            headers.put(key, value);
            return this;
        }

        @Override
        public HttpResponseMessage.Builder body(Object b) {
            this.body = b;
            return this;
        }

        @Override
        public HttpResponseMessage build() {
            return new Response(status, Map.copyOf(headers), body);
        }
    }
}
