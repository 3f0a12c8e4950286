package io.iothubtriage.notify;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Posts one JSON body to one webhook, with timeouts and retries, and says how it ended. Immutable and
 * thread-safe: build one per process and share it.
 *
 * <p>Retry policy (defaults): at most {@value #DEFAULT_MAX_ATTEMPTS} attempts; what {@link DeliveryClassifier}
 * calls retryable is retried after an exponential backoff with "equal jitter": the n-th wait is drawn uniformly
 * from [d/2, d] with d = min(maxBackoff, baseBackoff × 2^(n−1)), i.e. 0.5–1 s, 1–2 s, 2–4 s with a 1 s base. A
 * {@code Retry-After} (seconds or HTTP date; or Slack's JSON {@code retry_after}) raises the wait to at least that
 * long; one longer than the cap ends the delivery as retryable at once, carrying the requested delay, so the
 * caller's queue can wait instead of this thread. Permanent failures are never retried.
 *
 * <p>Timeouts: connecting (on the client this builds), and the whole request, answer body included. An injected
 * {@link HttpClient} keeps its own connect timeout. Redirects are never followed.
 *
 * <p>Nothing here throws: every failure is a {@link DeliveryResult}. Log lines (java.util.logging, logger
 * {@code io.iothubtriage.notify}) and reasons show the destination as scheme and host only.
 */
public final class WebhookDelivery {
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final Duration DEFAULT_RETRY_AFTER_CAP = Duration.ofSeconds(60);
    /** Only the start of an answer is read: enough for any error token, bounded against huge bodies. */
    static final int ANSWER_BYTES = 4096;
    static final String LOGGER_NAME = "io.iothubtriage.notify";
    private static final String USER_AGENT = "iothub-triage";

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration baseBackoff;
    private final Duration maxBackoff;
    private final Duration retryAfterCap;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final Logger log;

    private WebhookDelivery(Builder b) {
        this.client = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.baseBackoff = b.baseBackoff;
        this.maxBackoff = b.maxBackoff;
        this.retryAfterCap = b.retryAfterCap;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.jitter = b.jitter;
        this.log = b.logger;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Posts {@code json} to the destination until it is delivered, fails for good, or attempts run out. */
    public DeliveryResult post(Destination destination, String json) {
        return post(destination, json, Optional.empty());
    }

    /**
     * As {@link #post(Destination, String)}, sending {@code Idempotency-Key} on every attempt so a receiver that
     * supports it can drop a repeat (Teams and Slack ignore it).
     */
    public DeliveryResult post(Destination destination, String json, Optional<String> idempotencyKey) {
        return post(destination, json, idempotencyKey, DeliveryProgress.NONE);
    }

    /**
     * As {@link #post(Destination, String, Optional)}, telling {@code progress} before each retry. A request that
     * timed out is retried at most once: it may have arrived, and every retry could add a copy (and, against a
     * hanging endpoint, another full timeout).
     */
    public DeliveryResult post(Destination destination, String json, Optional<String> idempotencyKey,
                               DeliveryProgress progress) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(progress, "progress");
        long started = System.nanoTime();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String who = destination.toString();
        int timeouts = 0;
        for (int attempt = 1; ; attempt++) {
            Answer answer = attempt(destination, body, idempotencyKey);
            DeliveryClassifier.Decision d = answer.decision;
            timeouts += d.timedOut() ? 1 : 0;
            Ending end = new Ending(destination, attempt, answer, timeouts, started);
            String reason = Redactor.scrub(d.reason(), destination.uri());
            if (d.outcome() != DeliveryOutcome.RETRYABLE) {
                Level level = d.outcome() == DeliveryOutcome.DELIVERED ? Level.INFO : Level.WARNING;
                log.log(level, who + ": " + (d.outcome() == DeliveryOutcome.DELIVERED ? "delivered" : "failed for good")
                        + " (" + reason + ") on attempt " + attempt + ", " + body.length + " bytes");
                return end.result(d.outcome(), reason, Optional.empty());
            }
            if (d.timedOut() && timeouts > 1) {
                log.warning(who + ": no answer twice; not retried again (" + reason + ")");
                return end.result(DeliveryOutcome.RETRYABLE, reason + ", twice; not retried again", Optional.empty());
            }
            if (attempt >= maxAttempts) {
                log.warning(who + ": giving up after " + attempt + " attempts (" + reason + ")");
                return end.result(DeliveryOutcome.RETRYABLE, reason, Optional.empty());
            }
            Duration wait = backoff(attempt);
            if (answer.retryAfter.isPresent()) {
                Duration asked = answer.retryAfter.get();
                if (asked.compareTo(retryAfterCap) > 0) {
                    log.warning(who + ": asked to retry after " + asked.getSeconds() + " s, more than the "
                            + retryAfterCap.getSeconds() + " s cap; leaving the retry to the caller (" + reason + ")");
                    return end.result(DeliveryOutcome.RETRYABLE, reason, Optional.of(asked));
                }
                wait = asked.compareTo(wait) > 0 ? asked : wait;
            }
            log.fine(who + ": attempt " + attempt + "/" + maxAttempts + " not delivered (" + reason
                    + "); retrying in " + wait.toMillis() + " ms");
            progress.retrying(destination, attempt, reason, wait);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warning(who + ": interrupted while waiting to retry (" + reason + ")");
                return end.result(DeliveryOutcome.RETRYABLE, "interrupted while waiting to retry after " + reason,
                        Optional.empty());
            }
        }
    }

    /** The request timeout: how long one attempt may wait for its answer. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The n-th wait (n ≥ 1): uniform in [d/2, d], d = min(maxBackoff, base × 2^(n−1)). */
    Duration backoff(int attempt) {
        long base = baseBackoff.toMillis();
        long nominal = attempt >= 31 ? maxBackoff.toMillis()
                : Math.min(maxBackoff.toMillis(), base * (1L << Math.min(attempt - 1, 30)));
        double j = Math.max(0, Math.min(1, jitter.getAsDouble()));
        return Duration.ofMillis(nominal / 2 + Math.round(j * (nominal - nominal / 2)));
    }

    private record Answer(DeliveryClassifier.Decision decision, OptionalInt status, Optional<Duration> retryAfter) {
    }

    private Answer attempt(Destination destination, byte[] body, Optional<String> idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(destination.uri())
                .timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        idempotencyKey.ifPresent(k -> builder.header("Idempotency-Key", k));
        HttpRequest request = builder.build();
        CompletableFuture<HttpResponse<String>> pending = null;
        try {
            pending = client.sendAsync(request, info -> new CappedBody(ANSWER_BYTES));
            // The request timeout above stops waiting for the headers; this bounds the whole exchange.
            HttpResponse<String> response = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            return new Answer(DeliveryClassifier.classify(destination, status, response.body()),
                    OptionalInt.of(status), retryAfter(response));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (pending != null) {
                pending.cancel(true);
            }
            return new Answer(DeliveryClassifier.classify(e, requestTimeout, destination.uri()), OptionalInt.empty(),
                    Optional.empty());
        } catch (Exception e) {
            if (pending != null) {
                pending.cancel(true);
            }
            return new Answer(DeliveryClassifier.classify(e, requestTimeout, destination.uri()), OptionalInt.empty(),
                    Optional.empty());
        }
    }

    /** Retry-After in seconds or as an HTTP date; else Slack's JSON {@code retry_after}; empty when neither. */
    Optional<Duration> retryAfter(HttpResponse<String> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isPresent()) {
            String v = header.get();
            if (v.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            }
            try {
                Instant when = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), when);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException ignored) {
                // unreadable header: fall back to the backoff
            }
        }
        String body = response.body() == null ? "" : response.body().trim();
        if (body.startsWith("{")) {
            try {
                JsonNode n = Json.read(body).path("retry_after");
                if (n.isNumber() && n.asDouble() >= 0) {
                    return Optional.of(Duration.ofMillis(Math.round(n.asDouble() * 1000)));
                }
            } catch (Exception ignored) {
                // not JSON: no hint
            }
        }
        return Optional.empty();
    }

    /** What every ending of one delivery shares. */
    private record Ending(Destination destination, int attempts, Answer last, int timedOut, long startedNanos) {
        DeliveryResult result(DeliveryOutcome outcome, String reason, Optional<Duration> retryAfter) {
            return new DeliveryResult(destination, outcome, attempts, last.status, reason, retryAfter,
                    Duration.ofNanos(System.nanoTime() - startedNanos), timedOut);
        }
    }

    /** Options with the defaults above; every setter validates its value. */
    public static final class Builder {
        private HttpClient httpClient;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration baseBackoff = DEFAULT_BASE_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration retryAfterCap = DEFAULT_RETRY_AFTER_CAP;
        private Sleeper sleeper = Sleeper.system();
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private Logger logger = Logger.getLogger(LOGGER_NAME);

        private Builder() {
        }

        /** Use this client (it should not follow redirects); default: a JDK client with the connect timeout. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** Bounds each attempt, from sending to the end of the answer. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive(d, "requestTimeout");
            return this;
        }

        /** Attempts in all, the first included (1 = never retry). */
        public Builder maxAttempts(int n) {
            if (n < 1 || n > 20) {
                throw new IllegalArgumentException("maxAttempts must be 1..20, got " + n);
            }
            this.maxAttempts = n;
            return this;
        }

        public Builder baseBackoff(Duration d) {
            this.baseBackoff = positive(d, "baseBackoff");
            return this;
        }

        public Builder maxBackoff(Duration d) {
            this.maxBackoff = positive(d, "maxBackoff");
            return this;
        }

        /** The longest Retry-After waited for in-process; a longer one returns a retryable result at once. */
        public Builder retryAfterCap(Duration d) {
            this.retryAfterCap = positive(d, "retryAfterCap");
            return this;
        }

        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s, "sleeper");
            return this;
        }

        /** The clock that HTTP-date Retry-After values are measured against. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Source of jitter in [0, 1); default random. */
        public Builder jitter(DoubleSupplier j) {
            this.jitter = Objects.requireNonNull(j, "jitter");
            return this;
        }

        public Builder logger(Logger l) {
            this.logger = Objects.requireNonNull(l, "logger");
            return this;
        }

        public WebhookDelivery build() {
            if (maxBackoff.compareTo(baseBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must be at least baseBackoff");
            }
            return new WebhookDelivery(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
