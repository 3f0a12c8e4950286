package io.iothubtriage.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueOutput;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.dispatch.AlertIntake;
import io.iothubtriage.dispatch.StageLog;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/alerts}: the action group's webhook (common alert schema). Validates and queues; answers 202
 * with a request id in milliseconds, 4xx (never retried by action groups) for a payload that can never be
 * triaged, and 503 (retried) when the app itself is not ready.
 */
public class AlertWebhook {
    private final Supplier<App> app;

    public AlertWebhook() {
        this(App::get);
    }

    AlertWebhook(App app) {
        this(() -> app);
    }

    AlertWebhook(Supplier<App> app) {
        this.app = app;
    }

    @FunctionName(Names.ALERTS)
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = Names.ALERTS,
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "string")
            HttpRequestMessage<Optional<String>> request,
            @QueueOutput(name = "message", queueName = Names.QUEUE, connection = Names.STORAGE)
            OutputBinding<String> queue,
            ExecutionContext context) {
        StageLog log = new StageLog(context.getLogger(), Names.ALERTS, context.getInvocationId());
        Instant started = Instant.now();
        App a;
        try {
            a = app.get();
        } catch (SettingsException e) {
            log.stage("misconfigured").with("reason", e.getMessage()).error();
            return Http.error(request, 503, "settings", e.getMessage());
        }
        AlertIntake.Result result;
        try {
            result = a.intake().accept(Http.header(request, "Content-Type"), request.getBody());
        } catch (RuntimeException e) {
            // Not the caller's fault and maybe transient: 503 makes the action group retry instead of losing it.
            log.stage("failed").with("reason", e.toString()).error();
            return Http.error(request, 503, "service", "the alert could not be accepted right now; retry");
        }
        if (result instanceof AlertIntake.Rejected r) {
            log.stage("rejected").with("status", r.status()).with("where", r.where()).with("reason", r.problem())
                    .millis("accept", Duration.between(started, Instant.now())).warn();
            return Http.error(request, r.status(), r.where(), r.where() + ": " + r.problem());
        }
        AlertIntake.Accepted ok = (AlertIntake.Accepted) result;
        queue.setValue(ok.message().encode());
        log.stage("accepted").with("requestId", ok.requestId()).with("alertId", ok.alert().alertId())
                .with("condition", ok.alert().condition().wire()).with("hub", ok.request().hub().resourceId())
                .with("rule", ok.alert().rule()).with("severity", ok.alert().severity())
                .millis("accept", Duration.between(started, Instant.now())).info();
        ObjectNode body = Http.object();
        body.put("status", 202);
        body.put("requestId", ok.requestId());
        body.put("alertId", ok.alert().alertId());
        body.put("monitorCondition", ok.alert().condition().wire());
        body.put("hub", ok.request().hub().resourceId());
        return Http.json(request, 202, body);
    }
}
