package io.iothubtriage.dispatch;

/**
 * What one alert notification posts. Decided once and recorded, so a redelivered message posts the same kind of
 * message even when the flapping state of the hub has moved on meanwhile.
 */
public enum Plan {
    /** The full triage card. */
    FULL_CARD,
    /** A one-line "still ongoing, fired N times" update: same hub, same verdict, within the suppression window. */
    REPEAT_UPDATE,
    /** The short resolved message. */
    RESOLVED,
    /** The short "a test or stale notification arrived" message: the alert is not triaged. */
    TEST_OR_STALE,
    /** Nothing to post (resolved notifications are off, or no destination is configured). */
    NOTHING
}
