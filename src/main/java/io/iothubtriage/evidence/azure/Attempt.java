package io.iothubtriage.evidence.azure;

import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The outcome of one request that may fail without failing the whole source: a value, or the failure that a
 * part of the evidence will be recorded as a gap for.
 */
record Attempt<T>(Optional<T> value, Optional<Throwable> failure) {

    static <T> Attempt<T> success(T value) {
        return new Attempt<>(Optional.of(value), Optional.empty());
    }

    static <T> Attempt<T> failed(Throwable failure) {
        return new Attempt<>(Optional.empty(), Optional.of(failure));
    }

    boolean succeeded() {
        return value.isPresent();
    }

    /**
     * Runs {@code call} with a deadline: never errors, always ends by {@code timeout} (a late answer becomes a
     * failed attempt holding a {@link TimeoutException}, and the request is cancelled).
     */
    static <T> Mono<Attempt<T>> of(Mono<T> call, Duration timeout) {
        return call.map(Attempt::success)
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(Attempt.failed(e)))
                .defaultIfEmpty(Attempt.failed(new IllegalStateException("no response")));
    }
}
