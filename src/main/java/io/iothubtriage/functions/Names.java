package io.iothubtriage.functions;

/** The fixed names shared by code and infrastructure: functions, routes, queues, the storage connection. */
public final class Names {
    public static final String ALERTS = "alerts";
    public static final String TRIAGE_WORKER = "triage-worker";
    public static final String TRIAGE_POISON = "triage-poison";
    public static final String TRIAGE = "triage";
    public static final String QUEUE = "triage-requests";
    /** The Functions host moves a message here after maxDequeueCount failed deliveries (host.json). */
    public static final String POISON_QUEUE = QUEUE + "-poison";
    /** The app's own storage account: host, queues and the ledger table. */
    public static final String STORAGE = "AzureWebJobsStorage";

    private Names() {
    }
}
