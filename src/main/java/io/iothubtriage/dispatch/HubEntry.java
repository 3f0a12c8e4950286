package io.iothubtriage.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The flapping state of one hub: the verdict of its last full card, when that alert fired, and how many times the
 * hub fired since with the same verdict. Recent decisions are kept by alert so that a redelivered message finds the
 * decision it made before instead of counting itself twice.
 *
 * @param hubId          the hub's resource id, as first seen
 * @param lastVerdict    the verdict of the last full card
 * @param lastFullCardAt firedDateTime of the alert that got the last full card
 * @param firedCount     firings since (and including) that full card
 * @param recent         the latest decisions, newest last (bounded by {@link #MAX_RECENT})
 * @param etag           the table's ETag as read; empty for a hub never stored
 */
public record HubEntry(String hubId, Optional<String> lastVerdict, Optional<Instant> lastFullCardAt, int firedCount,
                       List<Decision> recent, String etag) {
    public static final int MAX_RECENT = 20;

    public HubEntry {
        Objects.requireNonNull(hubId, "hubId");
        lastVerdict = lastVerdict == null ? Optional.empty() : lastVerdict;
        lastFullCardAt = lastFullCardAt == null ? Optional.empty() : lastFullCardAt;
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
        return new HubEntry(hubId, Optional.empty(), Optional.empty(), 0, List.of(), "");
    }

    /** The decision this hub recorded for an alert notification, if any. */
    public Optional<Decision> decisionFor(AlertKey key) {
        return recent.stream().filter(d -> d.alert().equals(key.shortId())).findFirst();
    }

    HubEntry record(Decision d, Optional<String> verdict, Optional<Instant> fullCardAt, int count) {
        List<Decision> list = new ArrayList<>(recent);
        list.add(d);
        while (list.size() > MAX_RECENT) {
            list.remove(0);
        }
        return new HubEntry(hubId, verdict, fullCardAt, count, list, etag);
    }

    HubEntry withEtag(String newEtag) {
        return new HubEntry(hubId, lastVerdict, lastFullCardAt, firedCount, recent, newEtag);
    }
}
