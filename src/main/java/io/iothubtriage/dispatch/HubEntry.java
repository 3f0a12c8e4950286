package io.iothubtriage.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The flapping state of one hub: the last full card that was actually posted (its verdict, rule, severity and
 * fired time), and how many times the hub fired since with the same verdict. Recent decisions are kept by alert
 * so that a redelivered message finds the decision it made before instead of counting itself twice.
 *
 * @param hubId          the hub's resource id, as first seen
 * @param lastVerdict    the verdict of the last posted full card
 * @param lastFullCardAt firedDateTime of the alert whose full card was last posted
 * @param lastRule       the alert rule of that card
 * @param lastSeverity   its severity (Sev0..Sev4, or empty)
 * @param firedCount     firings since (and including) that full card
 * @param recent         the latest decisions, newest last (bounded by {@link #MAX_RECENT})
 * @param etag           the table's ETag as read; empty for a hub never stored
 */
public record HubEntry(String hubId, Optional<String> lastVerdict, Optional<Instant> lastFullCardAt,
                       String lastRule, String lastSeverity, int firedCount, List<Decision> recent, String etag) {
    public static final int MAX_RECENT = 20;

    public HubEntry {
        Objects.requireNonNull(hubId, "hubId");
        lastVerdict = lastVerdict == null ? Optional.empty() : lastVerdict;
        lastFullCardAt = lastFullCardAt == null ? Optional.empty() : lastFullCardAt;
        lastRule = lastRule == null ? "" : lastRule;
        lastSeverity = lastSeverity == null ? "" : lastSeverity;
        recent = List.copyOf(recent);
        etag = etag == null ? "" : etag;
    }

    /** One alert's decision: which plan and, for an update, the count it announced. */
    public record Decision(String alert, Plan plan, int count) {
        public Decision {
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(plan, "plan");
        }
    }

    static HubEntry fresh(String hubId) {
        return new HubEntry(hubId, Optional.empty(), Optional.empty(), "", "", 0, List.of(), "");
    }

    /** The decision this hub recorded for an alert notification, if any. */
    public Optional<Decision> decisionFor(AlertKey key) {
        return recent.stream().filter(d -> d.alert().equals(key.shortId())).findFirst();
    }

    /** Remembers a decision; the last posted card and the count change only as given. */
    HubEntry record(Decision d, int count) {
        List<Decision> list = new ArrayList<>(recent);
        list.add(d);
        while (list.size() > MAX_RECENT) {
            list.remove(0);
        }
        return new HubEntry(hubId, lastVerdict, lastFullCardAt, lastRule, lastSeverity, count, list, etag);
    }

    /** A full card of this firing was posted: suppression starts from it. */
    HubEntry cardPosted(Flapping.Firing f) {
        return new HubEntry(hubId, Optional.of(f.verdict()), Optional.of(f.firedAt()), f.rule(), f.severity(), 1,
                recent, etag);
    }

    HubEntry withEtag(String newEtag) {
        return new HubEntry(hubId, lastVerdict, lastFullCardAt, lastRule, lastSeverity, firedCount, recent, newEtag);
    }
}
