package io.iothubtriage.notify;

/** How a post to one destination ended. */
public enum DeliveryOutcome {
    /** The service confirmed receipt the way it really answers (Teams 202, Slack 200 "ok", generic 2xx). */
    DELIVERED,
    /** Not delivered, but trying again later may work (429, 5xx, 408, timeouts, connection errors). */
    RETRYABLE,
    /** Not delivered, and the same request will never work (other 4xx, redirects, Slack error strings). */
    PERMANENT
}
