package io.iothubtriage.config;

import io.iothubtriage.evidence.azure.AzureCloud;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads every setting, collecting all problems so one start-up failure names every bad setting at once. */
final class SettingsReader {
    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    /** Storage account names: 3 to 24 lower-case letters and digits. */
    private static final Pattern ACCOUNT_NAME = Pattern.compile("^[a-z0-9]{3,24}$");

    private final Map<String, String> env;
    private final List<SettingsException.Problem> problems = new ArrayList<>();

    SettingsReader(Map<String, String> env) {
        this.env = env;
    }

    Settings read() {
        List<String> teams = webhooks(Settings.TEAMS_WEBHOOK_URL);
        List<String> slack = webhooks(Settings.SLACK_WEBHOOK_URL);
        List<String> generic = webhooks(Settings.GENERIC_WEBHOOK_URL);
        Optional<String> workspace = guid(Settings.LOG_ANALYTICS_WORKSPACE_ID);
        List<String> hubs = list(Settings.TRIAGE_HUBS);
        boolean notifyOnResolved = bool(Settings.NOTIFY_ON_RESOLVED, true);
        Duration suppress = minutes(Settings.SUPPRESS_REPEAT_MINUTES, 30, 0, 24 * 60);
        Duration before = duration(Settings.TRIAGE_WINDOW_BEFORE, "PT30M", Duration.ofMinutes(1), Duration.ofHours(24));
        Duration after = duration(Settings.TRIAGE_WINDOW_AFTER, "PT5M", Duration.ZERO, Duration.ofHours(1));
        Duration baseline = duration(Settings.TRIAGE_BASELINE, "PT24H", Duration.ofMinutes(1), Duration.ofDays(30));
        Duration logs = duration(Settings.LOGS_TIMEOUT, "PT60S", Duration.ofSeconds(1), Duration.ofMinutes(3));
        Duration health = duration(Settings.HEALTH_TIMEOUT, "PT15S", Duration.ofSeconds(1), Duration.ofMinutes(3));
        Duration metrics = duration(Settings.METRICS_TIMEOUT, "PT15S", Duration.ofSeconds(1), Duration.ofMinutes(3));
        AzureCloud cloud = cloud();
        URI arm = endpoint(Settings.ARM_ENDPOINT, cloud.endpoints().resourceManager());
        URI logAnalytics = endpoint(Settings.LOG_ANALYTICS_ENDPOINT, cloud.endpoints().logAnalytics());
        if (value(Settings.LOG_ANALYTICS_ENDPOINT).isPresent() && !logAnalytics.getPath().endsWith("/v1")) {
            problem(Settings.LOG_ANALYTICS_ENDPOINT, "must end with /v1, e.g. https://api.loganalytics.io/v1");
        }
        URI authority = endpoint(Settings.AZURE_AUTHORITY_HOST, cloud.endpoints().authorityHost());
        Optional<String> clientId = guid(Settings.AZURE_CLIENT_ID);
        StorageSettings storage = storage(cloud);
        Duration allowance = duration(Settings.TRIAGE_INGESTION_ALLOWANCE, "PT2M", Duration.ZERO,
                Duration.ofMinutes(30));
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new Settings(teams, slack, generic, workspace, hubs, notifyOnResolved, suppress, before, after,
                baseline, logs, health, metrics, cloud, arm, logAnalytics, authority, clientId, storage,
                allowance);
    }

    private Optional<String> value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private void problem(String name, String what) {
        problems.add(new SettingsException.Problem(name, what));
    }

    private List<String> list(String name) {
        return value(name).map(v -> {
            List<String> out = new ArrayList<>();
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }).orElse(List.of());
    }

    /** Webhook URLs are secrets: a problem names the entry by position, never by value. */
    private List<String> webhooks(String name) {
        List<String> urls = list(name);
        for (int i = 0; i < urls.size(); i++) {
            Optional<String> why = urlProblem(urls.get(i));
            if (why.isPresent()) {
                problem(name, "entry " + (i + 1) + " of " + urls.size() + " " + why.get()
                        + " (value not shown: webhook URLs are secrets)");
            }
        }
        return urls;
    }

    private URI endpoint(String name, URI fallback) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return fallback;
        }
        Optional<String> why = urlProblem(v.get());
        if (why.isEmpty() && !v.get().toLowerCase(Locale.ROOT).startsWith("https://")) {
            why = Optional.of("must use https (bearer tokens are only sent over https)");
        }
        if (why.isPresent()) {
            problem(name, why.get() + ": " + shorten(v.get()));
            return fallback;
        }
        String s = v.get();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** https is required; plain http is accepted only for loopback hosts (local emulators and test fakes). */
    static Optional<String> urlProblem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return Optional.of("is not an absolute URL with a host");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of("must use https (http is accepted only for localhost)");
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
    }

    private Optional<String> guid(String name) {
        Optional<String> v = value(name);
        if (v.isPresent() && !GUID.matcher(v.get()).matches()) {
            problem(name, "is not a GUID: " + shorten(v.get()));
            return Optional.empty();
        }
        return v;
    }

    private boolean bool(String name, boolean fallback) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(name, "must be true or false, not " + shorten(v.get()));
                yield fallback;
            }
        };
    }

    private Duration minutes(String name, int fallback, int min, int max) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return Duration.ofMinutes(fallback);
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                problem(name, "must be between " + min + " and " + max + " minutes, not " + n);
                return Duration.ofMinutes(fallback);
            }
            return Duration.ofMinutes(n);
        } catch (NumberFormatException e) {
            problem(name, "must be a whole number of minutes, not " + shorten(v.get()));
            return Duration.ofMinutes(fallback);
        }
    }

    private Duration duration(String name, String fallback, Duration min, Duration max) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return Duration.parse(fallback);
        }
        try {
            Duration d = Duration.parse(v.get().toUpperCase(Locale.ROOT));
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
                problem(name, "must be between " + min + " and " + max + ", not " + d);
                return Duration.parse(fallback);
            }
            return d;
        } catch (DateTimeParseException e) {
            problem(name, "is not an ISO-8601 duration such as " + fallback + ": " + shorten(v.get()));
            return Duration.parse(fallback);
        }
    }

    private AzureCloud cloud() {
        Optional<String> v = value(Settings.AZURE_CLOUD);
        if (v.isEmpty()) {
            return AzureCloud.AZURE_CLOUD;
        }
        Optional<AzureCloud> cloud = AzureCloud.fromSetting(v.get());
        if (cloud.isEmpty()) {
            problem(Settings.AZURE_CLOUD, "must be AzureCloud, AzureChinaCloud or AzureUSGovernment, not "
                    + shorten(v.get()));
            return AzureCloud.AZURE_CLOUD;
        }
        return cloud.get();
    }

    private StorageSettings storage(AzureCloud cloud) {
        Optional<String> connection = value(Settings.STORAGE);
        if (connection.isPresent()) {
            String c = connection.get();
            if (c.replace(" ", "").equalsIgnoreCase("UseDevelopmentStorage=true")) {
                return new StorageSettings.ConnectionString(StorageSettings.DEVELOPMENT_STORAGE);
            }
            if (!c.contains("=") || !(c.contains("AccountName=") || c.contains("TableEndpoint="))) {
                // The value may hold an account key: never echo it.
                problem(Settings.STORAGE, "is not a storage connection string (expected AccountName=...;AccountKey=..."
                        + " or UseDevelopmentStorage=true; value not shown)");
            }
            return new StorageSettings.ConnectionString(c);
        }
        Optional<String> clientId = guid(Settings.STORAGE_CLIENT_ID);
        Optional<String> tableUri = value(Settings.STORAGE_TABLE_SERVICE_URI);
        if (tableUri.isPresent()) {
            URI uri = endpoint(Settings.STORAGE_TABLE_SERVICE_URI, URI.create("https://invalid.invalid"));
            return new StorageSettings.Identity(uri, clientId);
        }
        Optional<String> account = value(Settings.STORAGE_ACCOUNT_NAME);
        if (account.isPresent()) {
            if (!ACCOUNT_NAME.matcher(account.get()).matches()) {
                problem(Settings.STORAGE_ACCOUNT_NAME, "is not a storage account name (3-24 lower-case letters and "
                        + "digits): " + shorten(account.get()));
            }
            return new StorageSettings.Identity(
                    URI.create("https://" + account.get() + ".table." + cloud.storageSuffix()), clientId);
        }
        problem(Settings.STORAGE, "is not set (set " + Settings.STORAGE + " to a connection string, or "
                + Settings.STORAGE_ACCOUNT_NAME + " for identity-based access)");
        return new StorageSettings.ConnectionString("");
    }

    /** Echoes at most 80 characters of a bad value, so a pasted blob does not flood the log. */
    private static String shorten(String v) {
        return v.length() > 80 ? "'" + v.substring(0, 80) + "…'" : "'" + v + "'";
    }
}
