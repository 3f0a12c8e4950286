package io.iothubtriage.evidence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What changed on the hub (and the IoT resources its events point to) around the window: administrative Activity
 * Log events and Resource Graph {@code resourcechanges} rows, merged into one list of changes, oldest first.
 * Secrets are masked before a change is built ({@link SecretMask}); nothing downstream ever sees key material.
 *
 * @param changes the changes, oldest first, bounded by {@link #MAX_CHANGES}
 * @param omitted how many further changes were read but not kept (the oldest are dropped first)
 */
public record ChangeEvidence(List<ChangeEvent> changes, int omitted) {
    /** At most this many changes are kept: a busy subscription's deployment can write hundreds. */
    public static final int MAX_CHANGES = 100;

    public ChangeEvidence {
        changes = oldestFirst(changes);
        if (omitted < 0) {
            throw new IllegalArgumentException("omitted must not be negative: " + omitted);
        }
    }

    public static ChangeEvidence none() {
        return new ChangeEvidence(List.of(), 0);
    }

    /** Keeps the newest {@link #MAX_CHANGES}: those nearest the window are the ones that can explain it. */
    public static ChangeEvidence bounded(List<ChangeEvent> all) {
        List<ChangeEvent> sorted = oldestFirst(all);
        int drop = Math.max(0, sorted.size() - MAX_CHANGES);
        return new ChangeEvidence(sorted.subList(drop, sorted.size()), drop);
    }

    /** By time, stable; a named comparator, not Comparator.comparing(ChangeEvent::time): a cold CLI run sorts once. */
    private static final Comparator<ChangeEvent> OLDEST_FIRST = new Comparator<>() {
        @Override
        public int compare(ChangeEvent a, ChangeEvent b) {
            return a.time().compareTo(b.time());
        }
    };

    private static List<ChangeEvent> oldestFirst(List<ChangeEvent> changes) {
        List<ChangeEvent> sorted = new ArrayList<>(changes);
        sorted.sort(OLDEST_FIRST);
        return Collections.unmodifiableList(sorted);
    }
}
