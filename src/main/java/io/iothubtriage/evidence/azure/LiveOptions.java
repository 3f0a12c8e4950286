package io.iothubtriage.evidence.azure;

import io.iothubtriage.alert.WindowPolicy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the live sources reach Azure: endpoints, the optional Log Analytics workspace, one timeout per source, the
 * credential and how late logs may land. Built from the settings ({@code config.Settings#liveOptions}): the live
 * sources receive these values and never read the environment themselves.
 *
 * @param endpoints       the cloud's endpoints (with overrides applied)
 * @param workspaceId     the workspace GUID; empty = resource-centric queries on the hub
 * @param logsTimeout     Log Analytics source timeout (LOGS_TIMEOUT, default 60 s); also the server timeout
 * @param healthTimeout   Resource Health source timeout (HEALTH_TIMEOUT, default 15 s)
 * @param metricsTimeout  metrics source timeout (METRICS_TIMEOUT, default 15 s)
 * @param credentialKind  managed identity in Azure, DefaultAzureCredential elsewhere
 * @param clientId        client id of a user-assigned managed identity; empty = system-assigned
 * @param ingestionAllowance how late resource logs may land in Log Analytics and still be expected
 *                        (TRIAGE_INGESTION_ALLOWANCE in the app, default 2 min): a window end silent for longer,
 *                        soon after the window, is a "not landed yet" gap
 */
public record LiveOptions(AzureEndpoints endpoints, Optional<String> workspaceId, Duration logsTimeout,
                          Duration healthTimeout, Duration metricsTimeout, CredentialKind credentialKind,
                          Optional<String> clientId, Duration ingestionAllowance) {

    public static final Duration DEFAULT_LOGS_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_METRICS_TIMEOUT = Duration.ofSeconds(15);
    /** The Log Analytics server timeout cannot exceed 10 minutes. */
    public static final Duration MAX_LOGS_TIMEOUT = Duration.ofMinutes(10);

    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public LiveOptions {
        Objects.requireNonNull(endpoints, "endpoints");
        workspaceId = workspaceId == null ? Optional.empty() : workspaceId.map(String::trim).filter(s -> !s.isEmpty());
        workspaceId.flatMap(LiveOptions::workspaceProblem).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        logsTimeout = positive(logsTimeout, "logsTimeout");
        logsTimeoutProblem(logsTimeout).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        healthTimeout = positive(healthTimeout, "healthTimeout");
        metricsTimeout = positive(metricsTimeout, "metricsTimeout");
        Objects.requireNonNull(credentialKind, "credentialKind");
        clientId = clientId == null ? Optional.empty() : clientId.map(String::trim).filter(s -> !s.isEmpty());
        Objects.requireNonNull(ingestionAllowance, "ingestionAllowance");
        if (ingestionAllowance.isNegative()) {
            throw new IllegalArgumentException("ingestionAllowance must not be negative: " + ingestionAllowance);
        }
    }

    /** What is wrong with a workspace id (it must be the workspace GUID); empty when nothing is. */
    public static Optional<String> workspaceProblem(String id) {
        String t = id.trim();
        return GUID.matcher(t).matches() ? Optional.empty() : Optional.of(
                "workspace id must be the workspace GUID (its customer id), not "
                        + (t.length() > 80 ? t.substring(0, 80) + "…" : t));
    }

    /** What is wrong with a Log Analytics timeout (at most the service's 10 minutes); empty when nothing is. */
    public static Optional<String> logsTimeoutProblem(Duration timeout) {
        return timeout.compareTo(MAX_LOGS_TIMEOUT) > 0 ? Optional.of(
                "logsTimeout must be at most 10 minutes (the Log Analytics limit), was "
                + io.iothubtriage.alert.Durations.words(timeout)) : Optional.empty();
    }

    /**
     * Defaults for these endpoints: resource-centric queries, default timeouts, the developer credential, the
     * default ingestion allowance.
     */
    public static LiveOptions defaults(AzureEndpoints endpoints) {
        return new LiveOptions(endpoints, Optional.empty(), DEFAULT_LOGS_TIMEOUT, DEFAULT_HEALTH_TIMEOUT,
                DEFAULT_METRICS_TIMEOUT, CredentialKind.DEFAULT_AZURE_CREDENTIAL, Optional.empty(),
                WindowPolicy.DEFAULT_INGESTION_ALLOWANCE);
    }

    public LiveOptions withWorkspaceId(Optional<String> workspaceId) {
        return new LiveOptions(endpoints, workspaceId, logsTimeout, healthTimeout, metricsTimeout, credentialKind,
                clientId, ingestionAllowance);
    }

    public LiveOptions withEndpoints(AzureEndpoints endpoints) {
        return new LiveOptions(endpoints, workspaceId, logsTimeout, healthTimeout, metricsTimeout, credentialKind,
                clientId, ingestionAllowance);
    }

    public LiveOptions withTimeouts(Duration logs, Duration health, Duration metrics) {
        return new LiveOptions(endpoints, workspaceId, logs, health, metrics, credentialKind, clientId,
                ingestionAllowance);
    }

    public LiveOptions withCredential(CredentialKind kind, Optional<String> clientId) {
        return new LiveOptions(endpoints, workspaceId, logsTimeout, healthTimeout, metricsTimeout, kind, clientId,
                ingestionAllowance);
    }

    public LiveOptions withIngestionAllowance(Duration allowance) {
        return new LiveOptions(endpoints, workspaceId, logsTimeout, healthTimeout, metricsTimeout, credentialKind,
                clientId, allowance);
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
