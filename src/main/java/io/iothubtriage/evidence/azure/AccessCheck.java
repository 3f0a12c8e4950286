package io.iothubtriage.evidence.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.iothubtriage.alert.HubId;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The doctor: checks configuration and access to each live source and says, per source, OK or exactly what is
 * missing (a role on a scope, a diagnostic setting). Read-only: one tiny query and a few GETs.
 */
public final class AccessCheck {

    public static final String CREDENTIAL = "credential";

    private final TokenCredential credential;
    private final AzureEndpoints endpoints;
    private final CredentialKind credentialKind;
    private final LogAnalyticsConnectionSource logs;
    private final ResourceHealthSource health;
    private final MetricsDeviceCountSource metrics;
    private final ChangeHistorySource changes;
    private final Duration tokenTimeout;

    private final Function<String, String> environment;

    AccessCheck(TokenCredential credential, AzureEndpoints endpoints, CredentialKind credentialKind,
                LogAnalyticsConnectionSource logs, ResourceHealthSource health, MetricsDeviceCountSource metrics,
                ChangeHistorySource changes, Duration tokenTimeout, Function<String, String> environment) {
        this.environment = environment;
        this.credential = credential;
        this.endpoints = endpoints;
        this.credentialKind = credentialKind;
        this.logs = logs;
        this.health = health;
        this.metrics = metrics;
        this.changes = changes;
        this.tokenTimeout = tokenTimeout;
    }

    /**
     * The checks for {@code options}, on the process's shared clients.
     *
     * @param environment the process environment as the caller read it, to tell a refused service principal
     *                    from no credential at all in the sign-in advice
     */
    public static List<SourceCheck> check(HubId hub, LiveOptions options, Function<String, String> environment) {
        return AzureConnections.forProcess(options).accessCheck(options, environment).check(hub);
    }

    /**
     * Checks, in this order: credential, connectionLogs, resourceHealth, serviceHealthEvents, metrics,
     * activityLog, resourceChanges. When no
     * token can be had, the source checks are skipped (they would all say the same).
     */
    public List<SourceCheck> check(HubId hub) {
        SourceCheck signIn = credential();
        if (!signIn.ok()) {
            return List.of(signIn);
        }
        var results = Mono.zip(
                blocking(() -> List.of(logs.check(hub))),
                blocking(() -> health.check(hub)),
                blocking(() -> List.of(metrics.check(hub))),
                blocking(() -> changes.check(hub))).block();
        List<SourceCheck> checks = new ArrayList<>();
        checks.add(signIn);
        checks.addAll(results.getT1());
        checks.addAll(results.getT2());
        checks.addAll(results.getT3());
        checks.addAll(results.getT4());
        return checks;
    }

    private SourceCheck credential() {
        String scope = endpoints.resourceManagerScope();
        try {
            credential.getToken(new TokenRequestContext().addScopes(scope)).timeout(tokenTimeout).block();
            return SourceCheck.ok(CREDENTIAL, "signed in with " + describe() + " (token for " + scope + ")");
        } catch (RuntimeException e) {
            // Worded as the triage words it: no credential → how to sign in; no network → which host, in words.
            var failure = SourceFailure.describe(e, "Azure Resource Manager", tokenTimeout);
            if (failure.isPresent() && failure.get().kind() == SourceFailure.Kind.TIMED_OUT) {
                // no token and no failure in time: a credential hangs; Resource Manager was never asked
                return new SourceCheck(CREDENTIAL, SourceCheck.Status.UNAVAILABLE,
                        SourceFailure.signInHung(tokenTimeout, environment) + "; nothing else was checked");
            }
            if (failure.isPresent() && failure.get().retryable()) {
                return new SourceCheck(CREDENTIAL, SourceCheck.Status.UNAVAILABLE, failure.get().words()
                        + "; nothing else was checked");
            }
            return SourceCheck.missing(CREDENTIAL, SourceFailure.signInAdvice(credentialKind, environment, e));
        }
    }

    private String describe() {
        return credentialKind == CredentialKind.MANAGED_IDENTITY ? "the managed identity" : "DefaultAzureCredential";
    }

    private static <T> Mono<T> blocking(Callable<T> check) {
        return Mono.fromCallable(check).subscribeOn(Schedulers.boundedElastic());
    }
}
