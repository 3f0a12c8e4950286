package io.iothubtriage.dispatch;

/** Where the post of one notification to one destination stands. */
public enum PostState {
    /** Not posted yet, or a post failed in a way that may succeed later. */
    PENDING,
    /**
     * A post started and its outcome was not recorded: still in flight, or the process died between posting and
     * recording. A later attempt past the claim's lease posts again, marked as a possible repeat.
     */
    POSTING,
    /** The destination accepted it (2xx). Never posted again. */
    POSTED,
    /** Refused for good (e.g. 400, 404, a revoked webhook); the reason is recorded. Never posted again. */
    FAILED;

    public boolean isFinal() {
        return this == POSTED || this == FAILED;
    }
}
