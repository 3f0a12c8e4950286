package io.iothubtriage.evidence;

import java.util.Objects;

/**
 * A piece of evidence that could not be had, and why. A gap is never treated as "zero".
 *
 * @param source    one of {@link #CONNECTION_LOGS}, {@link #RESOURCE_HEALTH}, {@link #METRICS}, {@link #CHANGES}
 * @param reason    plain words, free of secrets, e.g. "timed out after 10 s". Words for people: code that needs to
 *                  know what kind of gap this is reads {@link #kind()}, never the words
 * @param retryable true when the source may answer if asked again later (no network, a time-out, throttling), so
 *                  the advice is to retry rather than to grant a role
 * @param kind      what the gap is, for the sentences that must tell a source read from one that was not, or not
 *                  asked at all
 */
public record Gap(String source, String reason, boolean retryable, Kind kind) {
    public static final String CONNECTION_LOGS = "connectionLogs";
    public static final String RESOURCE_HEALTH = "resourceHealth";
    public static final String METRICS = "metrics";
    /** The hub's change history: Activity Log and Resource Graph {@code resourcechanges}. */
    public static final String CHANGES = "changes";

    /** What kind of gap it is. */
    public enum Kind {
        /** The source failed or gave part of its evidence: anything not named below. */
        OTHER,
        /**
         * Nothing was asked of the source: an offline run given no file of it. The report says it was not given,
         * never that it "could not be read".
         */
        NOT_GIVEN,
        /**
         * The source was read, and what it holds speaks about another time than the window (a Resource Health file
         * whose statuses all lie outside it, a metrics series without a point in it). Sentences must not say such a
         * source "could not be read".
         */
        ANOTHER_TIME,
        /** Connection-log rows that were read but could not be attributed ({@link Coverage#unreadableGap}). */
        UNREADABLE_ROWS
    }

    public Gap {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(kind, "kind");
    }

    /** A gap of a source that was asked and did not give its evidence. */
    public Gap(String source, String reason, boolean retryable) {
        this(source, reason, retryable, Kind.OTHER);
    }

    /** A gap that asking again will not close by itself: missing data, access, configuration. */
    public Gap(String source, String reason) {
        this(source, reason, false);
    }

    /** A gap of a source that was read but whose evidence is about another time than the window. */
    public static Gap ofAnotherTime(String source, String reason) {
        return new Gap(source, reason, false, Kind.ANOTHER_TIME);
    }

    /** True when nothing was asked of the source ({@link Kind#NOT_GIVEN}). */
    public boolean notGiven() {
        return kind == Kind.NOT_GIVEN;
    }
}
