package io.iothubtriage.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.diagnosis.PortalLinks;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The "automatic triage failed" notice, so that no alert is ever silently lost: posted by the poison handler for a
 * message the worker gave up on, and by the worker itself for a message it cannot read. It carries what can be
 * read of the alert (id, rule, severity, hub, fired time) and links to the hub's logs (Log Analytics with the
 * connection-errors query over the window the triage would have used) and overview.
 * <p>
 * Destinations that already received the alert's card get no notice. With an alert id the notice goes through
 * the ledger (slot {@code notice:<destination>}), so a redelivered poison message posts it once.
 */
public final class FailureNotices {
    static final String SLOT = "notice:";

    private final TriageLedger ledger;
    private final Outbox outbox;
    private final LedgeredPosting posting;
    private final WindowPolicy windows;
    private final Clock clock;

    /** @param windows cuts the window of the logs link around the alert's fired time, as the triage would have */
    public FailureNotices(TriageLedger ledger, Outbox outbox, LedgeredPosting posting, WindowPolicy windows,
                          Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.posting = Objects.requireNonNull(posting, "posting");
        this.windows = Objects.requireNonNull(windows, "windows");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Posts the notice for a queue message.
     *
     * @param reason why triage failed, in plain words (shown in the notice)
     * @throws RetryLaterException when a destination may accept the notice later
     */
    public Outcome post(String messageText, String reason, StageLog log) {
        FailedAlert alert = describe(messageText);
        log.stage("triage-failed").with("alertId", alert.alertId().orElse("")).with("hub",
                        alert.hub().map(HubId::resourceId).orElse("")).with("condition", alert.condition())
                .with("rule", alert.rule()).with("severity", alert.severity()).with("requestId", alert.requestId())
                .with("reason", reason).error();
        List<Target> targets = outbox.targets();
        if (targets.isEmpty()) {
            log.stage("notice-not-posted").with("alertId", alert.alertId().orElse(""))
                    .with("reason", "no destination configured").error();
            return new Outcome("nothing-to-post", Optional.empty(), Optional.empty(), List.of());
        }
        Optional<AlertKey> key = alert.alertId().map(id -> new AlertKey(id, condition(alert.condition())));
        List<String> lines = new ArrayList<>();
        List<String> retry = new ArrayList<>();
        if (key.isPresent()) {
            try {
                AlertEntry entry = ledger.open(key.get(), alert.hub().map(HubId::resourceId).orElse(""),
                        alert.requestId());
                String detail = reason + lastError(entry, targets);
                List<Target> remaining = targets.stream()
                        .filter(t -> entry.delivery(t.key()).state() != PostState.POSTED).toList();
                targets.stream().filter(t -> !remaining.contains(t))
                        .forEach(t -> lines.add(t.key() + ":card-already-posted"));
                LedgeredPosting.Report report = posting.post(key.get(), SLOT, remaining,
                        pr -> new Notice.TriageFailed(alert, detail, pr), log);
                lines.addAll(report.lines());
                retry.addAll(report.retryReasons());
            } catch (LedgerException e) {
                // Without the ledger a repeat is possible, silence is not acceptable: post directly.
                log.stage("notice-without-ledger").with("reason", e.getMessage()).warn();
                postDirectly(alert, reason, targets, lines, retry);
            }
        } else {
            postDirectly(alert, reason, targets, lines, retry);
        }
        log.stage("notice").with("alertId", alert.alertId().orElse("")).with("outcome", String.join(",", lines))
                .info();
        if (!retry.isEmpty()) {
            throw new RetryLaterException("failure notice not delivered yet: " + String.join("; ", retry));
        }
        return new Outcome("notice-posted", Optional.empty(), Optional.empty(), lines);
    }

    private void postDirectly(FailedAlert alert, String reason, List<Target> targets, List<String> lines,
                              List<String> retry) {
        for (Target t : targets) {
            PostOutcome o = outbox.post(t, new Notice.TriageFailed(alert, reason, false));
            lines.add(t.key() + ":" + o.result());
            if (o instanceof PostOutcome.Retryable r) {
                retry.add(t.redacted() + ": " + r.reason());
            }
        }
    }

    /** The worker's last delivery error, when the card failed to go out: tells the reader why. */
    private static String lastError(AlertEntry entry, List<Target> targets) {
        for (Target t : targets) {
            Delivery d = entry.delivery(t.key());
            if (!d.reason().isEmpty() && d.state() != PostState.POSTED) {
                return " (last error: " + t.kind() + " " + d.reason() + ")";
            }
        }
        return "";
    }

    /**
     * Reads what it can from a message: our queue envelope, or a bare common-alert-schema payload, or nothing.
     */
    public FailedAlert describe(String text) {
        Optional<JsonNode> root = QueueMessage.lenient(text).filter(JsonNode::isObject);
        if (root.isEmpty()) {
            return new FailedAlert(Optional.empty(), "", "", "", Optional.empty(), Optional.empty(), "", "", "");
        }
        JsonNode r = root.get();
        JsonNode essentials = r.path("alert").path("data").path("essentials");
        if (essentials.isMissingNode()) {
            essentials = r.path("data").path("essentials");
        }
        String alertId = first(r.path("alertId"), essentials.path("alertId"));
        String condition = first(r.path("condition"), essentials.path("monitorCondition"));
        String rule = first(r.path("rule"), essentials.path("alertRule"));
        String severity = first(r.path("severity"), essentials.path("severity"));
        Optional<HubId> hub = hub(r.path("hub"), essentials.path("alertTargetIDs"));
        Optional<Instant> firedAt = instant(first(r.path("firedAt"), essentials.path("firedDateTime")));
        TimeWindow window = windows.analysisWindow(firedAt.orElse(clock.instant().minus(windows.after())));
        return new FailedAlert(alertId.isEmpty() ? Optional.empty() : Optional.of(alertId), rule, severity,
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

    private static MonitorCondition condition(String wire) {
        return "Resolved".equalsIgnoreCase(wire) ? MonitorCondition.RESOLVED : MonitorCondition.FIRED;
    }
}
