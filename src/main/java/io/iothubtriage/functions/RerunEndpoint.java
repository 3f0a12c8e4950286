package io.iothubtriage.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.dispatch.Rerun;
import io.iothubtriage.dispatch.StageLog;
import io.iothubtriage.notify.HtmlReport;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET/POST /api/triage?hub=…&lookback=…|from=…&to=…[&post=true][&format=markdown|html]}: triage a hub on demand
 * with the same engine and report as the queue path. Returns the report; posts the card only when
 * {@code post=true}.
 */
public class RerunEndpoint {
    private final Supplier<App> app;

    public RerunEndpoint() {
        this(App::get);
    }

    RerunEndpoint(App app) {
        this(() -> app);
    }

    /** For a host other than the Functions runtime (tests, benchmarks): the app to use. */
    public RerunEndpoint(Supplier<App> app) {
        this.app = app;
    }

    @FunctionName(Names.TRIAGE)
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.GET, HttpMethod.POST}, route = Names.TRIAGE,
                    authLevel = AuthorizationLevel.FUNCTION, dataType = "string")
            HttpRequestMessage<Optional<String>> request,
            ExecutionContext context) {
        StageLog log = new StageLog(context.getLogger(), Names.TRIAGE, context.getInvocationId());
        Rerun.Result result;
        try {
            Map<String, String> query = request.getQueryParameters() == null ? Map.of()
                    : request.getQueryParameters();
            result = app.get().rerun().handle(request.getHttpMethod() == HttpMethod.POST, query,
                    Http.header(request, "Content-Type"), request.getBody() == null ? Optional.empty()
                            : request.getBody(), log);
        } catch (SettingsException e) {
            log.stage("misconfigured").with("settings", String.join(",", e.settingNames()))
                    .with("reason", e.getMessage()).error();
            return Http.error(request, 503, "settings", "the app's settings are invalid; see the logs");
        } catch (RuntimeException e) {
            log.stage("failed").with("reason", e.toString()).error();
            return Http.error(request, 500, "triage", "the triage failed unexpectedly (invocation "
                    + context.getInvocationId() + ")");
        }
        if (result instanceof Rerun.Refused r) {
            log.stage("rejected").with("status", r.status()).with("where", r.where()).with("reason", r.problem())
                    .warn();
            return Http.error(request, r.status(), r.where(), r.where() + ": " + r.problem());
        }
        Rerun.Answered ok = (Rerun.Answered) result;
        HttpResponseMessage.Builder b = request.createResponseBuilder(HttpStatusType.custom(200))
                .header("Content-Type", ok.contentType())
                .body(ok.body());
        if (ok.contentType().startsWith("text/html")) {
            // The page needs nothing but its own inline styles; nothing it holds may load or run anything.
            b.header("Content-Security-Policy", HtmlReport.CONTENT_SECURITY_POLICY)
                    .header("X-Content-Type-Options", "nosniff");
        }
        if (!ok.deliveries().isEmpty()) {
            b.header("X-Triage-Delivery", String.join(",", ok.deliveries()));
        }
        return b.build();
    }
}
