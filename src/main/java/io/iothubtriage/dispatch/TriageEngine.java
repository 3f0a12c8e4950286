package io.iothubtriage.dispatch;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.TriageRun;

/**
 * Runs one triage: the same engine behind the queue worker, the rerun endpoint and the CLI
 * ({@code Triage::runTimed}).
 */
@FunctionalInterface
public interface TriageEngine {
    TriageRun run(TriageRequest request);
}
