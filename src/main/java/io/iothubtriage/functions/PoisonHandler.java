package io.iothubtriage.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.iothubtriage.dispatch.Outcome;
import io.iothubtriage.dispatch.StageLog;

import java.util.function.Supplier;

/**
 * Queue trigger on {@code triage-requests-poison}: the worker gave up on a message. Posts a short "automatic
 * triage failed" notice with the alert's essentials and links to the hub's logs, so no alert is silently lost.
 */
public class PoisonHandler {
    private final Supplier<App> app;

    public PoisonHandler() {
        this(App::get);
    }

    PoisonHandler(App app) {
        this(() -> app);
    }

    PoisonHandler(Supplier<App> app) {
        this.app = app;
    }

    @FunctionName(Names.TRIAGE_POISON)
    public void run(
            @QueueTrigger(name = "message", queueName = Names.POISON_QUEUE, connection = Names.STORAGE)
            String message,
            @BindingName("DequeueCount") long dequeueCount,
            ExecutionContext context) {
        StageLog log = new StageLog(context.getLogger(), Names.TRIAGE_POISON, context.getInvocationId());
        Outcome outcome = app.get().notices().post(message,
                "automatic triage did not complete after every retry", log);
        log.stage("finished").with("status", outcome.status()).with("dequeueCount", dequeueCount)
                .with("outcome", String.join(",", outcome.deliveries())).info();
    }
}
