package io.iothubtriage.evidence.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Log Analytics answers 204 No Content when the workspace holds no data at all. azure-monitor-query 1.5.2
 * treats that as an error and fails with a NullPointerException while reading the missing error body; this
 * policy turns it into what it means: a successful result without tables.
 */
final class NoDataAsEmptyResultPolicy implements HttpPipelinePolicy {

    static final String EMPTY_RESULT = "{\"tables\":[]}";

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().map(response -> {
            if (response.getStatusCode() != 204) {
                return response;
            }
            response.close();
            return new EmptyResult(response);
        });
    }

    private static final class EmptyResult extends HttpResponse {
        private static final byte[] BODY = EMPTY_RESULT.getBytes(StandardCharsets.UTF_8);
        private final HttpHeaders headers;

        EmptyResult(HttpResponse original) {
            super(original.getRequest());
            this.headers = new HttpHeaders(original.getHeaders())
                    .set(HttpHeaderName.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderName.CONTENT_LENGTH, String.valueOf(BODY.length));
        }

        @Override
        public int getStatusCode() {
            return 200;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return headers.getValue(HttpHeaderName.fromString(name));
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.just(ByteBuffer.wrap(BODY));
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(BODY.clone());
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just(EMPTY_RESULT);
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just(new String(BODY, charset));
        }
    }
}
