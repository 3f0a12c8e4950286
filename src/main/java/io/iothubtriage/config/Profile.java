package io.iothubtriage.config;

/**
 * Who reads the settings, and so which settings are read and required. A setting a profile does not read keeps
 * its documented default and can never fail that profile: a mistake in a worker-only setting must not turn an
 * alert away at the door (docs/reliability.md).
 */
public enum Profile {
    /**
     * The command line's live runs: the cloud, the endpoints, the workspace, the source timeouts and the identity.
     * No storage, webhooks or window settings (the CLI's destinations and window come from its options). Its
     * timeouts take the short forms the CLI's options take ({@code 90s}, {@code 2m}) as well as ISO-8601.
     */
    CLI,
    /**
     * The alerts endpoint: its storage queue (with the cloud and identity that reach it) is all it depends on.
     * The analysis window, the ingestion allowance and {@code TRIAGE_HUBS} are read leniently: a malformed one is
     * {@linkplain Settings#skipped() skipped} (the window keeps its default, the hub list checks nothing) and the
     * worker, which reads them strictly, holds the alert until it is fixed.
     */
    INTAKE,
    /**
     * The failure path: storage (its queue, the ledger it asks) is required; each webhook entry is read on its own
     * and a malformed one is {@linkplain Settings#skipped() skipped}, so the valid destinations still get the
     * notice; the window (for the logs link) is read leniently. No live source, no worker-only setting.
     */
    FAILURE,
    /** The worker and the rerun endpoint: every setting; storage is required. */
    APP;

    boolean readsStorage() {
        return this != CLI;
    }

    boolean readsWindow() {
        return this != CLI;
    }

    /** A malformed window or hub setting is skipped with its default instead of failing the read. */
    boolean lenientWindow() {
        return this == INTAKE || this == FAILURE;
    }

    boolean readsLiveSources() {
        return this == CLI || this == APP;
    }

    boolean readsDelivery() {
        return this == APP || this == FAILURE;
    }

    /** Each webhook entry stands alone: a malformed one is skipped, not a failure of the read. */
    boolean lenientDelivery() {
        return this == FAILURE;
    }

    /** Reads the worker's own settings (suppression, resolved messages, report links). */
    boolean readsWorker() {
        return this == APP;
    }
}
