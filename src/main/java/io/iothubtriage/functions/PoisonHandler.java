package io.iothubtriage.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.iothubtriage.dispatch.Outcome;
import io.iothubtriage.dispatch.StageLog;

import java.util.function.Supplier;

/**
 * Queue trigger on {@code triage-requests-poison}: the failure path. Posts a short "automatic triage failed" notice
 * with the alert's essentials and links to the hub's logs, so no alert is silently lost. It catches everything;
 * when even its own re-drive fails the host redelivers it, and on the last delivery a loud
 * {@code stage=abandoned} line carries the raw message for a replay by hand.
 */
public class PoisonHandler {
    private final Supplier<App> app;

    public PoisonHandler() {
        this(App::get);
    }

    PoisonHandler(App app) {
        this(() -> app);
    }

    /** For a host other than the Functions runtime (tests, benchmarks): the app to use. */
    public PoisonHandler(Supplier<App> app) {
        this.app = app;
    }

    @FunctionName(Names.TRIAGE_POISON)
    public void run(
            @QueueTrigger(name = "message", queueName = Names.POISON_QUEUE, connection = Names.STORAGE)
            String message,
            @BindingName("DequeueCount") long dequeueCount,
            ExecutionContext context) {
        StageLog log = new StageLog(context.getLogger(), Names.TRIAGE_POISON, context.getInvocationId());
        try {
            Outcome outcome = app.get().failures().post(message, dequeueCount, log);
            log.stage("finished").with("status", outcome.status()).with("dequeueCount", dequeueCount)
                    .with("outcome", String.join(",", outcome.deliveries())).info();
        } catch (RuntimeException | Error e) {
            boolean last = dequeueCount >= TriageWorker.MAX_DEQUEUE_COUNT;
            if (last) {
                log.stage("abandoned").with("dequeueCount", dequeueCount).with("reason", e.toString())
                        .with("payload", message).error();
            } else {
                log.stage("will-retry").with("dequeueCount", dequeueCount).with("reason", e.toString()).error();
            }
            throw e;
        }
    }
}
