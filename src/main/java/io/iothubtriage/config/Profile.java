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
     * The alerts endpoint: its storage queue (with the cloud and identity that reach it), the analysis window,
     * the ingestion allowance and {@code TRIAGE_HUBS}. Nothing the worker alone needs.
     */
    INTAKE,
    /** The worker, the failure path and the rerun endpoint: every setting; storage is required. */
    APP;

    boolean readsStorage() {
        return this != CLI;
    }

    boolean readsWindow() {
        return this != CLI;
    }

    boolean readsLiveSources() {
        return this != INTAKE;
    }

    boolean readsDelivery() {
        return this == APP;
    }
}
