package io.iothubtriage.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.dispatch.AlertIntake;
import io.iothubtriage.dispatch.StageLog;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/alerts}: the action group's webhook (common alert schema). Queues the alert and answers 202
 * once the queue has stored it; 4xx (never retried by action groups) only for a payload that is provably not an
 * alert of ours; 503 (retried) whenever it could not be queued, logging the raw payload so it can be replayed.
 */
public class AlertWebhook {
    private final Supplier<App> app;

    public AlertWebhook() {
        this(App::get);
    }

    AlertWebhook(App app) {
        this(() -> app);
    }

    /** For a host other than the Functions runtime (tests, benchmarks): the app to use. */
    public AlertWebhook(Supplier<App> app) {
        this.app = app;
    }

    /** Settings the intake skipped (it queued the alert anyway): one line, so the operator fixes them. */
    private static void skipped(java.util.List<SettingsException.Problem> skipped, StageLog log) {
        if (!skipped.isEmpty()) {
            log.stage("misconfigured").with("settings", String.join(",", skipped.stream()
                            .map(SettingsException.Problem::setting).distinct().toList()))
                    .with("reason", skipped.stream().map(SettingsException.Problem::toString)
                            .collect(java.util.stream.Collectors.joining("; "))
                            + "; skipped at the intake, which queued the alert; the worker holds alerts until fixed")
                    .warn();
        }
    }

    @FunctionName(Names.ALERTS)
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, route = Names.ALERTS,
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "string")
            HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        StageLog log = new StageLog(context.getLogger(), Names.ALERTS, context.getInvocationId());
        Instant started = Instant.now();
        Optional<String> body = request.getBody() == null ? Optional.empty() : request.getBody();
        AlertIntake.Result result;
        try {
            result = app.get().intake().accept(Http.header(request, "Content-Type"), body);
            skipped(app.get().intakeSkipped(), log);
        } catch (SettingsException e) {
            // only the intake's own storage settings can fail it; the names say which, the values stay out
            result = new AlertIntake.Failed("storage-settings", "settings " + String.join(",", e.settingNames())
                    + " are invalid: " + e.getMessage(), body.orElse(""));
        } catch (RuntimeException e) {
            result = new AlertIntake.Failed("internal", e.getClass().getName(), body.orElse(""));
        }
        Duration took = Duration.between(started, Instant.now());
        if (result instanceof AlertIntake.Accepted ok) {
            log.stage("accepted").with("requestId", ok.requestId())
                    .with("alertId", ok.message().alertId()).with("condition", ok.message().condition())
                    .with("hub", ok.message().hub()).with("rule", ok.message().rule())
                    .with("severity", ok.message().severity()).with("kind", ok.message().kind())
                    .millis("delay", ok.delay()).millis("accept", took).info();
            ObjectNode b = Http.object();
            b.put("status", 202);
            b.put("requestId", ok.requestId());
            b.put("alertId", ok.message().alertId());
            b.put("monitorCondition", ok.message().condition());
            b.put("hub", ok.message().hub());
            b.put("triageAfter", ok.message().receivedAt().plus(ok.delay()).toString());
            return Http.json(request, 202, b);
        }
        if (result instanceof AlertIntake.Rejected r) {
            log.stage("rejected").with("status", r.status()).with("where", r.where()).with("reason", r.problem())
                    .millis("accept", took).warn();
            return Http.error(request, r.status(), r.where(), r.where() + ": " + r.problem());
        }
        AlertIntake.Failed f = (AlertIntake.Failed) result;
        // the 503 body names the problem class; the settings' names and problems are in the log line only
        // Retried by the action group; and the payload is in the log, so nothing depends on that retry.
        log.stage(f.problemClass().equals("storage-settings") ? "misconfigured" : "not-queued")
                .with("problem", f.problemClass()).with("reason", f.detail()).millis("accept", took)
                .with("payload", f.payload()).error();
        return Http.error(request, 503, f.problemClass(), switch (f.problemClass()) {
            case "queue" -> "the alert could not be queued right now; retry";
            case "storage-settings" -> "the alert queue's storage settings are invalid; retry after they are fixed";
            default -> "the alert could not be accepted because of an internal error; retry";
        });
    }
}
