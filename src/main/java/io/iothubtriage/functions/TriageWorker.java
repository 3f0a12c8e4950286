package io.iothubtriage.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.iothubtriage.dispatch.Outcome;
import io.iothubtriage.dispatch.StageLog;

import java.util.function.Supplier;

/**
 * Queue trigger on {@code triage-requests}: triage the alert and post it, exactly once per alert and condition.
 * The worker re-drives what it cannot finish yet itself; an exception escapes only when even that failed, and the
 * host then redelivers the message (host.json's visibilityTimeout, up to maxDequeueCount times, then
 * {@code triage-requests-poison}).
 */
public class TriageWorker {
    /** host.json's queues.maxDequeueCount: after this many failed deliveries the message goes to the poison queue. */
    static final int MAX_DEQUEUE_COUNT = 5;

    private final Supplier<App> app;

    public TriageWorker() {
        this(App::get);
    }

    TriageWorker(App app) {
        this(() -> app);
    }

    /** For a host other than the Functions runtime (tests, benchmarks): the app to use. */
    public TriageWorker(Supplier<App> app) {
        this.app = app;
    }

    @FunctionName(Names.TRIAGE_WORKER)
    public void run(
            @QueueTrigger(name = "message", queueName = Names.QUEUE, connection = Names.STORAGE) String message,
            @BindingName("DequeueCount") long dequeueCount,
            ExecutionContext context) {
        StageLog log = new StageLog(context.getLogger(), Names.TRIAGE_WORKER, context.getInvocationId());
        try {
            Outcome outcome = app.get().worker().handle(message, dequeueCount, log);
            log.stage("finished").with("status", outcome.status()).with("plan", outcome.plan().orElse(""))
                    .with("verdict", outcome.verdict().orElse("")).with("outcome",
                            String.join(",", outcome.deliveries())).info();
        } catch (RuntimeException | Error e) {
            boolean last = dequeueCount >= MAX_DEQUEUE_COUNT;
            log.stage(last ? "giving-up" : "will-retry").with("dequeueCount", dequeueCount)
                    .with("next", last ? Names.POISON_QUEUE : "redelivery after visibilityTimeout")
                    .with("reason", e.toString()).error();
            throw e;
        }
    }
}
