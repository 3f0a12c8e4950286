package io.iothubtriage.evidence.azure;

import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.Durations;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How the live sources reach Azure: endpoints, the optional Log Analytics workspace, one timeout per source and
 * the credential. Built by the CLI or the Functions layer, e.g. from app settings with {@link #fromSettings}.
 *
 * @param endpoints       the cloud's endpoints (with overrides applied)
 * @param workspaceId     the workspace GUID; empty = resource-centric queries on the hub
 * @param logsTimeout     Log Analytics source timeout (LOGS_TIMEOUT, default 60 s); also the server timeout
 * @param healthTimeout   Resource Health source timeout (HEALTH_TIMEOUT, default 15 s)
 * @param metricsTimeout  metrics source timeout (METRICS_TIMEOUT, default 15 s)
 * @param credentialKind  managed identity in Azure, DefaultAzureCredential elsewhere
 * @param clientId        client id of a user-assigned managed identity; empty = system-assigned
 */
public record LiveOptions(AzureEndpoints endpoints, Optional<String> workspaceId, Duration logsTimeout,
                          Duration healthTimeout, Duration metricsTimeout, CredentialKind credentialKind,
                          Optional<String> clientId) {

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
        workspaceId.ifPresent(id -> {
            if (!GUID.matcher(id).matches()) {
                throw new IllegalArgumentException("workspace id must be the workspace GUID (its customer id), not "
                        + (id.length() > 80 ? id.substring(0, 80) + "…" : id));
            }
        });
        logsTimeout = positive(logsTimeout, "logsTimeout");
        if (logsTimeout.compareTo(MAX_LOGS_TIMEOUT) > 0) {
            throw new IllegalArgumentException("logsTimeout must be at most 10 minutes (the Log Analytics limit): "
                    + logsTimeout);
        }
        healthTimeout = positive(healthTimeout, "healthTimeout");
        metricsTimeout = positive(metricsTimeout, "metricsTimeout");
        Objects.requireNonNull(credentialKind, "credentialKind");
        clientId = clientId == null ? Optional.empty() : clientId.map(String::trim).filter(s -> !s.isEmpty());
    }

    /** Defaults for a cloud: resource-centric queries, default timeouts, the developer credential. */
    public static LiveOptions defaults(AzureCloud cloud) {
        return new LiveOptions(cloud.endpoints(), Optional.empty(), DEFAULT_LOGS_TIMEOUT, DEFAULT_HEALTH_TIMEOUT,
                DEFAULT_METRICS_TIMEOUT, CredentialKind.DEFAULT_AZURE_CREDENTIAL, Optional.empty());
    }

    public LiveOptions withWorkspaceId(Optional<String> workspaceId) {
        return new LiveOptions(endpoints, workspaceId, logsTimeout, healthTimeout, metricsTimeout, credentialKind,
                clientId);
    }

    public LiveOptions withEndpoints(AzureEndpoints endpoints) {
        return new LiveOptions(endpoints, workspaceId, logsTimeout, healthTimeout, metricsTimeout, credentialKind,
                clientId);
    }

    public LiveOptions withTimeouts(Duration logs, Duration health, Duration metrics) {
        return new LiveOptions(endpoints, workspaceId, logs, health, metrics, credentialKind, clientId);
    }

    public LiveOptions withCredential(CredentialKind kind, Optional<String> clientId) {
        return new LiveOptions(endpoints, workspaceId, logsTimeout, healthTimeout, metricsTimeout, kind, clientId);
    }

    /**
     * Reads the settings of SETTINGS.md: AZURE_CLOUD, ARM_ENDPOINT, LOG_ANALYTICS_ENDPOINT, AZURE_AUTHORITY_HOST,
     * LOG_ANALYTICS_WORKSPACE_ID, LOGS_TIMEOUT, HEALTH_TIMEOUT, METRICS_TIMEOUT, AZURE_CLIENT_ID, and picks the
     * credential with {@link CredentialKind#detect}. Unset or blank settings take their defaults.
     *
     * @param settings app settings or environment variables by name; returns null for unset ones
     * @throws BadInputException naming the setting and what is wrong with it
     */
    public static LiveOptions fromSettings(Function<String, String> settings) throws BadInputException {
        AzureCloud cloud = AzureCloud.AZURE_CLOUD;
        Optional<String> cloudName = setting(settings, "AZURE_CLOUD");
        if (cloudName.isPresent()) {
            try {
                cloud = AzureCloud.fromName(cloudName.get());
            } catch (IllegalArgumentException e) {
                throw new BadInputException("AZURE_CLOUD", e.getMessage());
            }
        }
        AzureEndpoints endpoints = cloud.endpoints();
        endpoints = override(endpoints, "ARM_ENDPOINT", settings, e -> e.withOverrides(setting(settings, "ARM_ENDPOINT"),
                Optional.empty(), Optional.empty()));
        endpoints = override(endpoints, "LOG_ANALYTICS_ENDPOINT", settings, e -> e.withOverrides(Optional.empty(),
                setting(settings, "LOG_ANALYTICS_ENDPOINT"), Optional.empty()));
        endpoints = override(endpoints, "AZURE_AUTHORITY_HOST", settings, e -> e.withOverrides(Optional.empty(),
                Optional.empty(), setting(settings, "AZURE_AUTHORITY_HOST")));
        Duration logs = duration(settings, "LOGS_TIMEOUT", DEFAULT_LOGS_TIMEOUT);
        Duration health = duration(settings, "HEALTH_TIMEOUT", DEFAULT_HEALTH_TIMEOUT);
        Duration metrics = duration(settings, "METRICS_TIMEOUT", DEFAULT_METRICS_TIMEOUT);
        Optional<String> workspace = setting(settings, "LOG_ANALYTICS_WORKSPACE_ID");
        try {
            return new LiveOptions(endpoints, workspace, logs, health, metrics, CredentialKind.detect(settings),
                    setting(settings, "AZURE_CLIENT_ID"));
        } catch (IllegalArgumentException e) {
            String where = e.getMessage().startsWith("workspace") ? "LOG_ANALYTICS_WORKSPACE_ID" : "LOGS_TIMEOUT";
            throw new BadInputException(where, e.getMessage());
        }
    }

    private static AzureEndpoints override(AzureEndpoints endpoints, String name, Function<String, String> settings,
                                           Function<AzureEndpoints, AzureEndpoints> change) throws BadInputException {
        if (setting(settings, name).isEmpty()) {
            return endpoints;
        }
        try {
            return change.apply(endpoints);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name, e.getMessage());
        }
    }

    private static Duration duration(Function<String, String> settings, String name, Duration fallback)
            throws BadInputException {
        Optional<String> text = setting(settings, name);
        if (text.isEmpty()) {
            return fallback;
        }
        return Durations.parse(name, text.get()); // the same forms as --lookback: PT60S, 60s, 2m…
    }

    private static Optional<String> setting(Function<String, String> settings, String name) {
        return Optional.ofNullable(settings.apply(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
