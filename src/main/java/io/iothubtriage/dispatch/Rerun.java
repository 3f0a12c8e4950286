package io.iothubtriage.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageRun;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rerun endpoint's work, free of Functions types: validate the parameters, run the same triage engine as the
 * queue path, return the report, and post the full card when asked. Reruns bypass the ledger: a person asking
 * for a post gets one.
 */
public final class Rerun {
    /** The rerun answers within this, well under the 230 s an HTTP function has (posts past it are "pending"). */
    public static final Duration ANSWER_WITHIN = Duration.ofSeconds(200);
    private static final java.util.concurrent.ExecutorService POSTS = java.util.concurrent.Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "rerun-post");
                t.setDaemon(true);
                return t;
            });

    /** Parameters fit in a few hundred bytes; anything much larger is not a parameter object. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TriageEngine engine;
    private final Outbox outbox;
    private final ReportFormats formats;
    private final Set<HubId> allowedHubs;
    private final WindowPolicy policy;
    private final Duration defaultLookback;
    private final RerunLimiter limiter;
    private final Clock clock;

    public Rerun(TriageEngine engine, Outbox outbox, ReportFormats formats, Set<HubId> allowedHubs, WindowPolicy policy,
                 Duration defaultLookback, RerunLimiter limiter, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.allowedHubs = Set.copyOf(allowedHubs);
        this.policy = Objects.requireNonNull(policy, "policy");
        this.defaultLookback = Objects.requireNonNull(defaultLookback, "defaultLookback");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public sealed interface Result {
    }

    /**
     * @param deliveries per destination, when posted, named as the CLI names it: e.g.
     *                   {@code teams prod-12.westeurope.logic.azure.com #3f9a1c:posted}
     */
    public record Answered(String contentType, String body, List<String> deliveries) implements Result {
    }

    public record Refused(int status, String where, String problem) implements Result {
    }

    public Result handle(boolean isPost, Map<String, String> query, Optional<String> contentType,
                         Optional<String> body, StageLog log) {
        Optional<JsonNode> params = Optional.empty();
        String text = body.orElse("");
        if (isPost && !text.isBlank()) {
            if (text.length() > MAX_BODY_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
                return new Refused(413, "body", "is larger than " + MAX_BODY_BYTES + " bytes; parameters only");
            }
            if (contentType.isEmpty() || !AlertIntake.isJson(contentType.get())) {
                return new Refused(415, "Content-Type", "a POST body must be application/json");
            }
            try {
                params = Optional.of(JSON.readTree(text));
            } catch (JsonProcessingException e) {
                return new Refused(400, "body", "is not valid JSON");
            }
        }
        RerunParams p;
        try {
            p = RerunParams.parse(query, params, allowedHubs, defaultLookback, clock.instant());
        } catch (BadInputException e) {
            return new Refused(400, e.where(), e.problem());
        } catch (RerunParams.Forbidden e) {
            return new Refused(403, "hub", e.getMessage().replaceFirst("^hub: ", ""));
        }
        if (p.post() && !isPost) {
            // A GET can come from a link preview of a pasted URL: posting to a channel takes a deliberate POST.
            return new Refused(405, "post", "post=true needs a POST request");
        }
        if (p.post() && outbox.destinations().isEmpty()) {
            return new Refused(400, "post", "no destination is configured (TEAMS_WEBHOOK_URL, SLACK_WEBHOOK_URL, "
                    + "GENERIC_WEBHOOK_URL)");
        }
        if (p.post()) {
            Optional<Duration> wait = limiter.acquire(p.hub());
            if (wait.isPresent()) {
                return new Refused(429, "post", "a card for this hub was posted on request less than "
                        + limiter.interval().toSeconds() + " s ago; retry in "
                        + Math.max(1, wait.get().toSeconds()) + " s or leave post out");
            }
        }
        TriageRequest request = TriageRequest.forWindow(p.hub(), p.window(), policy);
        log.stage("rerun").with("hub", p.hub().resourceId()).with("from", p.window().start())
                .with("to", p.window().end()).with("post", p.post()).with("format", p.format()).info();
        Instant started = clock.instant();
        TriageRun run = engine.run(request);
        TriageReport report = run.report();
        log.stage("triaged").with("hub", p.hub().resourceId()).with("verdict", report.verdict().name())
                .with("confidence", report.confidence().name()).with("gaps", report.gaps().size())
                .durations(StageLog.durations(run)).outcomes(run).millis("triage", run.total()).info();
        List<String> deliveries = p.post() ? post(report, started, log) : List.of();
        return switch (p.format()) {
            case "markdown" -> new Answered("text/markdown; charset=utf-8", formats.markdown(report), deliveries);
            case "html" -> new Answered("text/html; charset=utf-8", formats.html(report), deliveries);
            default -> new Answered("application/json", formats.json(report), deliveries);
        };
    }

    /**
     * Posts the card to every destination at once and waits at most until {@link #ANSWER_WITHIN} after the rerun
     * started: an HTTP function must answer within 230 s. A post still running then goes on in the background and
     * is reported as {@code pending}.
     */
    private List<String> post(TriageReport report, Instant started, StageLog log) {
        Notification card = new Notification.FullCard(report, true, false);
        Map<Destination, CompletableFuture<DeliveryResult>> running = new LinkedHashMap<>();
        for (Destination t : outbox.destinations()) {
            running.put(t, CompletableFuture.supplyAsync(() -> outbox.post(t, card), POSTS));
        }
        List<String> deliveries = new ArrayList<>();
        running.forEach((t, f) -> {
            long left = Math.max(0, Duration.between(clock.instant(), started.plus(ANSWER_WITHIN)).toMillis());
            String result;
            String reason;
            try {
                DeliveryResult o = f.get(left, TimeUnit.MILLISECONDS);
                result = o.word();
                reason = o.brief();
            } catch (TimeoutException e) {
                result = "pending";
                reason = "still posting when the answer was due";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result = "pending";
                reason = "interrupted";
            } catch (ExecutionException e) {
                result = "failed";
                reason = "delivery failed unexpectedly: " + e.getCause().getClass().getSimpleName();
            }
            deliveries.add(t.display() + ":" + result);
            log.stage("posted").with("destination", t.display()).with("kind", t.kind().label())
                    .with("outcome", result).with("manualRerun", true)
                    .with("reason", reason).info();
        });
        return deliveries;
    }
}
