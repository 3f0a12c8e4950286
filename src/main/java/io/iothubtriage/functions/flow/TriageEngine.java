package io.iothubtriage.functions.flow;

import io.iothubtriage.alert.TriageRequest;

/** Runs one triage: the same engine behind the queue worker, the rerun endpoint and the CLI. */
@FunctionalInterface
public interface TriageEngine {
    TriageRun run(TriageRequest request);
}
