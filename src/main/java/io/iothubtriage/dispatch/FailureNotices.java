package io.iothubtriage.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.diagnosis.PortalLinks;
import io.iothubtriage.notify.AlertFacts;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The failure path: the "automatic triage failed" notice, so that no alert is ever silently lost. It runs from the
 * poison queue, for a request the worker handed over (unreadable, refused everywhere, still failing after hours)
 * or one the host moved there after five failed deliveries.
 * <p>
 * It depends on nothing that can have caused the failure: no Log Analytics or ARM source, no parser; only the
 * destinations and its own queue. The notice carries what can be read of the message (id, rule, severity, hub,
 * fired time) and links to the hub's logs. Destinations that already have the alert's card get none: those of the
 * message's {@code done} list (a hand-over from the worker), and those the ledger records as posted (a message the
 * host moved here after five crashes carries no list). The ledger is asked once, within {@link #LEDGER_BUDGET},
 * and whatever goes wrong there only means every destination is told ({@code stage=ledger-unavailable}).
 * A destination that may accept it later is tried again by queueing the message once more with a growing delay,
 * for {@link #SPAN}; after that, or when every destination refuses it for good, one loud {@code stage=abandoned}
 * error line carries the raw message so it can be replayed by hand.
 * Without the ledger a notice can arrive twice; a repeat of a message the host redelivered is marked as one.
 */
public final class FailureNotices {
    /** How long the notice is retried. */
    public static final Duration SPAN = Duration.ofHours(24);
    static final String DEFAULT_REASON = "automatic triage did not complete after every retry";
    /** How long the ledger may take to say which destinations have the card; after that, all are told. */
    static final Duration LEDGER_BUDGET = Duration.ofSeconds(5);
    private static final ExecutorService LOOKUPS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "failure-path-ledger");
        t.setDaemon(true);
        return t;
    });

    private final Supplier<Outbox> outbox;
    private final LedgerLookup ledger;
    private final RequestQueue failures;
    private final WindowPolicy windows;
    private final Clock clock;
    private final Supplier<List<SettingsException.Problem>> skipped;

    /**
     * @param outbox   the destinations, built on first use (a broken destination setting surfaces here)
     * @param ledger   which destinations have an alert's card; asked within a budget, never relied on
     * @param failures this path's own queue, for re-drives
     * @param windows  cuts the window of the logs link around the alert's fired time, as the triage would have
     */
    public FailureNotices(Supplier<Outbox> outbox, LedgerLookup ledger, RequestQueue failures, WindowPolicy windows,
                          Clock clock) {
        this(outbox, ledger, failures, windows, clock, List::of);
    }

    /**
     * @param skipped malformed settings left out of this path (a destination that could not be built): named in
     *                a {@code stage=misconfigured} line on every notice, the valid destinations still get it
     */
    public FailureNotices(Supplier<Outbox> outbox, LedgerLookup ledger, RequestQueue failures, WindowPolicy windows,
                          Clock clock, Supplier<List<SettingsException.Problem>> skipped) {
        this.skipped = Objects.requireNonNull(skipped, "skipped");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.windows = Objects.requireNonNull(windows, "windows");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Posts the notice for a failure-path message. Never throws for a failure it can name; it throws only when
     * even its own queue cannot take the re-drive (the host then redelivers the message).
     *
     * @param dequeueCount above 1, an earlier run of this very message may have posted before it died: the notice
     *                     is marked as a possible repeat
     */
    public Outcome post(String text, long dequeueCount, StageLog log) {
        Instant now = clock.instant();
        QueueMessage m = QueueMessage.lenientDecode(text, now);
        String reason = m.reason().isEmpty() ? DEFAULT_REASON : m.reason();
        AlertFacts alert;
        try {
            alert = describe(m);
        } catch (RuntimeException e) {
            alert = new AlertFacts(Optional.empty(), m.rule(), m.severity(), m.condition(), Optional.empty(),
                    Optional.empty(), m.requestId(), "", "");
        }
        log.stage("triage-failed").with("alertId", alert.alertId().orElse("")).with("hub",
                        alert.hub().map(HubId::resourceId).orElse("")).with("condition", alert.condition())
                .with("rule", alert.rule()).with("severity", alert.severity()).with("requestId", alert.requestId())
                .with("attempt", m.attempt()).with("dequeueCount", dequeueCount).with("reason", reason).error();
        Set<String> done = new LinkedHashSet<>(m.done());
        List<String> lines = new ArrayList<>();
        List<String> retry = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try {
            List<Destination> configured = outbox.get().destinations();
            List<SettingsException.Problem> left = skipped.get();
            if (!left.isEmpty()) {
                log.stage("misconfigured").with("alertId", alert.alertId().orElse(""))
                        .with("settings", String.join(",", left.stream().map(SettingsException.Problem::setting)
                                .distinct().toList()))
                        .with("reason", left.stream().map(SettingsException.Problem::toString)
                                .collect(Collectors.joining("; "))
                                + "; left out of the failure notice, which goes to the valid destinations").error();
            }
            if (configured.isEmpty()) {
                return abandon(alert, text, "no destination is configured", log);
            }
            done.addAll(cardsPosted(alert, configured, log));
            List<Destination> targets = configured.stream().filter(d -> !done.contains(d.ledgerKey())).toList();
            if (targets.isEmpty()) {
                log.stage("notice-not-needed").with("alertId", alert.alertId().orElse(""))
                        .with("reason", "every destination already has the alert's card").warn();
                return new Outcome("already-delivered", Optional.empty(), Optional.empty(), List.of());
            }
            boolean possibleRepeat = dequeueCount > 1;
            Notification notice = new Notification.TriageFailed(alert, reason, possibleRepeat);
            for (Destination d : targets) {
                DeliveryResult o = post(d, notice);
                lines.add(d.ledgerKey() + ":" + o.word());
                log.stage("posted").with("destination", d.display()).with("kind", d.kind().label())
                        .with("ledgerKey", d.ledgerKey()).with("outcome", o.word())
                        .with("possibleRepeat", possibleRepeat).with("reason", o.brief()).info();
                switch (o.outcome()) {
                    case DELIVERED -> done.add(d.ledgerKey());
                    case RETRYABLE -> retry.add(d.display() + ": " + o.brief());
                    case PERMANENT -> refused.add(d.display() + " " + o.brief());
                }
            }
        } catch (RuntimeException e) {
            retry.add("the failure path itself failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + firstLine(e.getMessage()) + ")"));
        }
        log.stage("notice").with("alertId", alert.alertId().orElse("")).with("outcome", String.join(",", lines))
                .info();
        if (!retry.isEmpty()) {
            // counted from the hand-over, not the arrival: a request held for days still gets its 24 h here
            Instant since = m.failingSince().orElse(now);
            if (Duration.between(since, now).compareTo(SPAN) > 0) {
                return abandon(alert, text, "the notice could not be delivered for " + SPAN.toHours() + " h: "
                        + String.join("; ", retry), log);
            }
            Duration d = Redrive.delay(m.attempt());
            failures.send(m.failed(reason, List.copyOf(done), now).encode(), d);
            log.stage("will-retry").with("alertId", alert.alertId().orElse("")).with("attempt", m.attempt() + 1)
                    .millis("delay", d).with("reason", String.join("; ", retry)).warn();
            return new Outcome("will-retry", Optional.empty(), Optional.empty(), lines);
        }
        if (done.isEmpty()) {
            return abandon(alert, text, "every destination refused the notice: " + String.join("; ", refused), log);
        }
        return new Outcome("notice-posted", Optional.empty(), Optional.empty(), lines);
    }

    private DeliveryResult post(Destination d, Notification n) {
        try {
            return outbox.get().post(d, n);
        } catch (RuntimeException e) {
            // no answer was read: the notice may have arrived, and the re-drive marks it as a possible repeat
            return DeliveryResult.retryable(d, "delivery failed unexpectedly: " + e.getClass().getSimpleName(), 1,
                    java.util.OptionalInt.empty());
        }
    }

    /**
     * The destinations whose card the ledger records as posted, named in a {@code notice-skipped} line; none when
     * the alert has no key, the ledger has no row, or it fails or takes longer than {@link #LEDGER_BUDGET}.
     */
    private Set<String> cardsPosted(AlertFacts alert, List<Destination> configured, StageLog log) {
        Optional<AlertKey> key = alert.alertId().flatMap(id -> condition(alert.condition())
                .map(c -> new AlertKey(id, c)));
        if (key.isEmpty()) {
            return Set.of();
        }
        Optional<AlertEntry> row;
        CompletableFuture<Optional<AlertEntry>> lookup = CompletableFuture.supplyAsync(() -> ledger.find(key.get()),
                LOOKUPS);
        try {
            row = lookup.get(LEDGER_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return ledgerUnavailable(alert, "no answer within " + LEDGER_BUDGET.toSeconds() + " s", log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ledgerUnavailable(alert, "interrupted", log);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ledgerUnavailable(alert, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + firstLine(cause.getMessage()) + ")"), log);
        }
        if (row.isEmpty()) {
            return Set.of();
        }
        List<Destination> had = configured.stream()
                .filter(d -> row.get().delivery(d.ledgerKey()).state() == PostState.POSTED).toList();
        if (!had.isEmpty()) {
            log.stage("notice-skipped").with("alertId", alert.alertId().orElse(""))
                    .with("destinations", String.join(", ", had.stream().map(Destination::display).toList()))
                    .with("reason", "the ledger records the alert's card as posted there").info();
        }
        return had.stream().map(Destination::ledgerKey).collect(Collectors.toSet());
    }

    private static Set<String> ledgerUnavailable(AlertFacts alert, String why, StageLog log) {
        log.stage("ledger-unavailable").with("alertId", alert.alertId().orElse(""))
                .with("reason", "the ledger could not say which destinations have the card: " + why
                        + "; notifying every destination").warn();
        return Set.of();
    }

    private static Optional<MonitorCondition> condition(String wire) {
        for (MonitorCondition c : MonitorCondition.values()) {
            if (c.wire().equalsIgnoreCase(wire.trim())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The last, loud line: nothing more will be tried; the raw message is in it for a replay by hand. */
    private Outcome abandon(AlertFacts alert, String text, String why, StageLog log) {
        log.stage("abandoned").with("alertId", alert.alertId().orElse(""))
                .with("hub", alert.hub().map(HubId::resourceId).orElse("")).with("rule", alert.rule())
                .with("reason", why).with("payload", text).error();
        return Outcome.of("failed");
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    /** What can be read of a message: the envelope's fields first, then the payload's essentials. */
    public AlertFacts describe(QueueMessage m) {
        JsonNode r = m.tree();
        JsonNode essentials = r.path("alert").path("data").path("essentials");
        String alertId = first(r.path("alertId"), essentials.path("alertId"));
        String condition = first(r.path("condition"), essentials.path("monitorCondition"));
        String rule = first(r.path("rule"), essentials.path("alertRule"));
        String severity = first(r.path("severity"), essentials.path("severity"));
        Optional<HubId> hub = hub(r.path("hub"), essentials.path("alertTargetIDs"));
        Optional<Instant> firedAt = instant(first(r.path("firedAt"), essentials.path("firedDateTime")));
        TimeWindow window = windows.analysisWindow(firedAt.orElse(clock.instant().minus(windows.after())));
        return new AlertFacts(alertId.isEmpty() ? Optional.empty() : Optional.of(alertId), rule, severity,
                condition, hub, firedAt, r.path("requestId").asText(""),
                hub.map(h -> PortalLinks.logs(h, window, PortalLinks.connectionErrorsQuery(h, window,
                        Optional.empty(), Optional.empty()))).orElse(""),
                hub.map(PortalLinks::hubOverview).orElse(""));
    }

    private static String first(JsonNode a, JsonNode b) {
        String s = a.isTextual() ? a.asText() : "";
        return !s.isBlank() ? s : (b.isTextual() ? b.asText() : "");
    }

    private static Optional<HubId> hub(JsonNode hub, JsonNode targets) {
        if (hub.isTextual() && HubId.isHubId(hub.asText())) {
            return Optional.of(HubId.parse(hub.asText()));
        }
        for (JsonNode t : targets) {
            if (t.isTextual() && HubId.isHubId(t.asText())) {
                return Optional.of(HubId.parse(t.asText()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> instant(String s) {
        try {
            return s.isBlank() ? Optional.empty() : Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
