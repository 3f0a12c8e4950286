package io.iothubtriage.notify;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first {@code cap} bytes of an answer as text and discards the rest: webhook answers that matter are a
 * few bytes ("ok", "invalid_blocks"), and a misbehaving server must not fill memory.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {
    private final byte[] kept;
    private int size;
    private final CompletableFuture<String> result = new CompletableFuture<>();

    CappedBody(int cap) {
        this.kept = new byte[cap];
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer b : items) {
            int n = Math.min(b.remaining(), kept.length - size);
            b.get(kept, size, n);
            size += n;
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(new String(kept, 0, size, StandardCharsets.UTF_8));
    }
}
