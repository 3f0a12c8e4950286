package io.iothubtriage.evidence.azure;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the live sources send their requests and get their tokens.
 *
 * @param resourceManager Azure Resource Manager, e.g. https://management.azure.com (Resource Health, metrics)
 * @param logAnalytics    the Log Analytics query API including its version path, e.g. https://api.loganalytics.io/v1
 * @param authorityHost   Microsoft Entra ID, e.g. https://login.microsoftonline.com (developer sign-in only)
 */
public record AzureEndpoints(URI resourceManager, URI logAnalytics, URI authorityHost) {

    public AzureEndpoints {
        resourceManager = normalise(resourceManager, "resourceManager");
        logAnalytics = normalise(logAnalytics, "logAnalytics");
        authorityHost = normalise(authorityHost, "authorityHost");
        if (!logAnalytics.getPath().endsWith("/v1")) {
            // azure-monitor-query 1.5.2 appends "/workspaces/{id}/query" to the endpoint as given.
            throw new IllegalArgumentException("logAnalytics endpoint must end with /v1, e.g. https://api.loganalytics.io/v1: "
                    + logAnalytics);
        }
    }

    /** The token scope for Azure Resource Manager, e.g. https://management.azure.com/.default. */
    public String resourceManagerScope() {
        return scopeOf(resourceManager);
    }

    /** The token scope for Log Analytics, e.g. https://api.loganalytics.io/.default. */
    public String logAnalyticsScope() {
        return scopeOf(logAnalytics);
    }

    /** These endpoints with the given ones replaced; each override is an absolute https URL. */
    public AzureEndpoints withOverrides(Optional<String> resourceManager, Optional<String> logAnalytics,
                                        Optional<String> authorityHost) {
        return new AzureEndpoints(resourceManager.map(URI::create).orElse(this.resourceManager),
                logAnalytics.map(URI::create).orElse(this.logAnalytics),
                authorityHost.map(URI::create).orElse(this.authorityHost));
    }

    /** The token scope of an endpoint: its origin and {@code /.default}. */
    static String scopeOf(String endpoint) {
        return scopeOf(URI.create(endpoint));
    }

    private static String scopeOf(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getRawAuthority() + "/.default";
    }

    /** An endpoint refused, with the reason alone (the caller names the setting it came from). */
    public static final class InvalidEndpointException extends IllegalArgumentException {
        private final String reason;

        InvalidEndpointException(String name, String reason) {
            super(name + " endpoint " + reason);
            this.reason = reason;
        }

        /** "must be an absolute https URL: http://…", without the endpoint's internal name. */
        public String reason() {
            return reason;
        }
    }

    private static URI normalise(URI endpoint, String name) {
        Objects.requireNonNull(endpoint, name);
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") || endpoint.getHost() == null) {
            // Bearer tokens are only ever sent over HTTPS.
            throw new InvalidEndpointException(name, "must be an absolute https URL: " + endpoint);
        }
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw new InvalidEndpointException(name, "must not have a query or fragment: " + endpoint);
        }
        String text = endpoint.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }
}
