package io.iothubtriage.config;

import io.iothubtriage.alert.Durations;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.evidence.SecretMask;
import io.iothubtriage.evidence.azure.AzureEndpoints;
import io.iothubtriage.evidence.azure.CredentialKind;
import io.iothubtriage.evidence.azure.LiveOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the settings of one {@link Profile}, collecting all problems so that one failure names every bad setting
 * at once. Each problem names the setting and what is wrong; a secret's value (webhook URLs, connection strings)
 * is never repeated.
 *
 * <p>Every duration setting takes the forms of {@link Durations} ({@code 90s}, {@code 2d}, {@code PT90S}), in both
 * profiles. The CLI profile keeps the limits and wording its users know from its options: a Log Analytics timeout
 * up to the service's 10 minutes, the endpoints' own wording; the app keeps the ranges docs/settings.md gives.
 */
final class SettingsReader {
    private static final Pattern GUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    /** Storage account names: 3 to 24 lower-case letters and digits. */
    private static final Pattern ACCOUNT_NAME = Pattern.compile("^[a-z0-9]{3,24}$");
    private static final Duration DEFAULT_BEFORE = Duration.ofMinutes(30);
    private static final Duration DEFAULT_AFTER = Duration.ofMinutes(5);
    private static final Duration DEFAULT_BASELINE = Duration.ofHours(24);
    private static final int DEFAULT_SUPPRESS_MINUTES = 30;

    private final Map<String, String> env;
    private final Profile profile;
    private final List<SettingsException.Problem> problems = new ArrayList<>();
    private final List<SettingsException.Problem> skipped = new ArrayList<>();

    SettingsReader(Map<String, String> env, Profile profile) {
        this.env = Map.copyOf(withoutNulls(env));
        this.profile = profile;
    }

    Settings read() {
        boolean delivery = profile.readsDelivery();
        boolean worker = profile.readsWorker();
        boolean window = profile.readsWindow();
        boolean live = profile.readsLiveSources();
        List<String> teams = delivery ? webhooks(Settings.TEAMS_WEBHOOK_URL) : List.of();
        List<String> slack = delivery ? webhooks(Settings.SLACK_WEBHOOK_URL) : List.of();
        List<String> generic = delivery ? webhooks(Settings.GENERIC_WEBHOOK_URL) : List.of();
        Optional<String> workspace = live ? workspace() : Optional.empty();
        Set<HubId> hubs = window ? lenientIf(profile.lenientWindow(), this::hubs, Set.of()) : Set.of();
        boolean notifyOnResolved = !worker || bool(Settings.NOTIFY_ON_RESOLVED, true);
        Duration suppress = worker ? minutes(Settings.SUPPRESS_REPEAT_MINUTES, DEFAULT_SUPPRESS_MINUTES, 0, 24 * 60)
                : Duration.ofMinutes(DEFAULT_SUPPRESS_MINUTES);
        Duration before = window ? lenientIf(profile.lenientWindow(), () -> duration(Settings.TRIAGE_WINDOW_BEFORE,
                DEFAULT_BEFORE, Duration.ofMinutes(1), Duration.ofHours(24)), DEFAULT_BEFORE)
                : DEFAULT_BEFORE;
        Duration after = window ? lenientIf(profile.lenientWindow(), () -> duration(Settings.TRIAGE_WINDOW_AFTER,
                DEFAULT_AFTER, Duration.ZERO, Duration.ofHours(1)), DEFAULT_AFTER)
                : DEFAULT_AFTER;
        Duration baseline = window ? lenientIf(profile.lenientWindow(), () -> duration(Settings.TRIAGE_BASELINE,
                DEFAULT_BASELINE, Duration.ofMinutes(1), Duration.ofDays(30)), DEFAULT_BASELINE)
                : DEFAULT_BASELINE;
        Duration logs = live ? timeout(Settings.LOGS_TIMEOUT, LiveOptions.DEFAULT_LOGS_TIMEOUT)
                : LiveOptions.DEFAULT_LOGS_TIMEOUT;
        Duration health = live ? timeout(Settings.HEALTH_TIMEOUT, LiveOptions.DEFAULT_HEALTH_TIMEOUT)
                : LiveOptions.DEFAULT_HEALTH_TIMEOUT;
        Duration metrics = live ? timeout(Settings.METRICS_TIMEOUT, LiveOptions.DEFAULT_METRICS_TIMEOUT)
                : LiveOptions.DEFAULT_METRICS_TIMEOUT;
        AzureCloud cloud = cloud();
        AzureEndpoints endpoints = live ? endpoints(cloud) : cloud.endpoints();
        Optional<String> clientId = profile == Profile.CLI ? value(Settings.AZURE_CLIENT_ID)
                : guid(Settings.AZURE_CLIENT_ID);
        CredentialKind credential = CredentialKind.detect(env::get);
        Optional<StorageSettings> storage = profile.readsStorage() ? Optional.of(storage(cloud)) : Optional.empty();
        Duration allowance = window ? lenientIf(profile.lenientWindow(), () -> duration(
                Settings.TRIAGE_INGESTION_ALLOWANCE, WindowPolicy.DEFAULT_INGESTION_ALLOWANCE, Duration.ZERO, Duration.ofMinutes(30)),
                WindowPolicy.DEFAULT_INGESTION_ALLOWANCE) : WindowPolicy.DEFAULT_INGESTION_ALLOWANCE;
        ReportLinkSettings links = worker ? reportLinks(storage.orElseThrow()) : ReportLinkSettings.disabled();
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
        return new Settings(profile, teams, slack, generic, workspace, hubs, notifyOnResolved, suppress, before,
                after, baseline, logs, health, metrics, cloud, endpoints, clientId, credential, storage, allowance,
                links, skipped);
    }

    /**
     * Reads a setting this profile does not depend on: when {@code lenient}, its problems are moved to
     * {@link Settings#skipped()} and {@code fallback} is used, so the setting cannot fail this profile.
     */
    private <T> T lenientIf(boolean lenient, java.util.function.Supplier<T> read, T fallback) {
        int before = problems.size();
        T value = read.get();
        if (!lenient || problems.size() == before) {
            return value;
        }
        List<SettingsException.Problem> mine = problems.subList(before, problems.size());
        skipped.addAll(mine);
        mine.clear();
        return fallback;
    }

    private static Map<String, String> withoutNulls(Map<String, String> env) {
        Map<String, String> out = new java.util.HashMap<>();
        env.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private Optional<String> value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** Every problem text passes the one redaction place, whoever wrote it (ours or a parser's message). */
    private void problem(String name, String what) {
        problems.add(new SettingsException.Problem(name, SecretMask.shown(what)));
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

    /**
     * Webhook URLs are secrets: a problem names the entry by position, never by value. Where each destination
     * stands alone ({@link Profile#lenientDelivery()}) a malformed entry is skipped and the others are kept.
     */
    private List<String> webhooks(String name) {
        List<String> urls = list(name);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            Optional<String> why = urlProblem(urls.get(i));
            if (why.isEmpty()) {
                kept.add(urls.get(i));
                continue;
            }
            SettingsException.Problem p = new SettingsException.Problem(name, "entry " + (i + 1) + " of "
                    + urls.size() + " " + why.get() + " (value not shown: webhook URLs are secrets)");
            (profile.lenientDelivery() ? skipped : problems).add(p);
        }
        return profile.lenientDelivery() ? kept : urls;
    }

    /** TRIAGE_HUBS as hub ids; an entry that is not one is named by position. */
    private Set<HubId> hubs() {
        Set<HubId> hubs = new LinkedHashSet<>();
        List<String> ids = list(Settings.TRIAGE_HUBS);
        for (int i = 0; i < ids.size(); i++) {
            try {
                hubs.add(HubId.parse(ids.get(i)));
            } catch (IllegalArgumentException e) {
                problem(Settings.TRIAGE_HUBS, "entry " + (i + 1) + " is not an IoT hub resource id");
            }
        }
        return hubs;
    }

    private Optional<String> workspace() {
        if (profile == Profile.CLI) {
            Optional<String> v = value(Settings.LOG_ANALYTICS_WORKSPACE_ID);
            Optional<String> why = v.flatMap(LiveOptions::workspaceProblem);
            why.ifPresent(w -> problem(Settings.LOG_ANALYTICS_WORKSPACE_ID, w));
            return why.isPresent() ? Optional.empty() : v;
        }
        return guid(Settings.LOG_ANALYTICS_WORKSPACE_ID);
    }

    /** The cloud's endpoints with each override applied and checked on its own, so a problem names its setting. */
    private AzureEndpoints endpoints(AzureCloud cloud) {
        AzureEndpoints endpoints = cloud.endpoints();
        endpoints = override(endpoints, Settings.ARM_ENDPOINT, u -> endpointsWith(u, null, null));
        endpoints = override(endpoints, Settings.LOG_ANALYTICS_ENDPOINT, u -> endpointsWith(null, u, null));
        endpoints = override(endpoints, Settings.AZURE_AUTHORITY_HOST, u -> endpointsWith(null, null, u));
        return endpoints;
    }

    private static Function<AzureEndpoints, AzureEndpoints> endpointsWith(String arm, String logs, String authority) {
        return e -> e.withOverrides(Optional.ofNullable(arm), Optional.ofNullable(logs), Optional.ofNullable(authority));
    }

    private AzureEndpoints override(AzureEndpoints endpoints, String name,
                                    Function<String, Function<AzureEndpoints, AzureEndpoints>> change) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return endpoints;
        }
        if (profile != Profile.CLI) {
            Optional<String> why = httpsProblem(v.get());
            if (why.isEmpty() && name.equals(Settings.LOG_ANALYTICS_ENDPOINT)
                    && !stripSlash(URI.create(v.get()).getPath()).endsWith("/v1")) {
                why = Optional.of("must end with /v1, e.g. https://api.loganalytics.io/v1");
            }
            if (why.isPresent()) {
                problem(name, why.get() + ": " + shorten(v.get()));
                return endpoints;
            }
        }
        try {
            return change.apply(v.get()).apply(endpoints);
        } catch (AzureEndpoints.InvalidEndpointException e) {
            problem(name, e.reason()); // named by the setting, not by the endpoint's name in the code
            return endpoints;
        } catch (IllegalArgumentException e) {
            problem(name, e.getMessage());
            return endpoints;
        }
    }

    private static String stripSlash(String path) {
        String p = path == null ? "" : path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
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

    /** An endpoint the app sends bearer tokens to: an absolute https URL. */
    private static Optional<String> httpsProblem(String text) {
        Optional<String> why = urlProblem(text);
        if (why.isEmpty() && !text.toLowerCase(Locale.ROOT).startsWith("https://")) {
            return Optional.of("must use https (bearer tokens are only sent over https)");
        }
        return why;
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

    /**
     * A source's timeout, in the forms of every duration ({@link #duration}), at least 1 second: up to 3 minutes in the app (an alert's triage must finish inside the host's limits); in the
     * CLI up to 10 minutes, Log Analytics' own server limit, for every source: a person at a terminal waiting longer
     * on one source is never what was meant (a mistyped {@code 10h}).
     */
    private Duration timeout(String name, Duration fallback) {
        Duration max = profile != Profile.CLI ? Duration.ofMinutes(3) : LiveOptions.MAX_LOGS_TIMEOUT;
        return duration(name, fallback, Duration.ofSeconds(1), max);
    }

    /**
     * A duration within [min, max], in any form {@link Durations#read} takes (the same as {@code --lookback} and the
     * rerun endpoint's {@code lookback}): {@code PT30M}, {@code 30m}, {@code 2d}, {@code 1h30m}, {@code 60s}.
     */
    private Duration duration(String name, Duration fallback, Duration min, Duration max) {
        Optional<String> v = value(name);
        if (v.isEmpty()) {
            return fallback;
        }
        Optional<Duration> d = Durations.read(v.get());
        if (d.isEmpty()) {
            problem(name, "is not a duration such as " + Durations.FORMS + ": " + shorten(v.get()));
            return fallback;
        }
        if (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
            problem(name, "must be between " + Durations.words(min) + " and " + Durations.words(max) + ", not "
                    + Durations.words(d.get()));
            return fallback;
        }
        return d.get();
    }

    private AzureCloud cloud() {
        Optional<String> v = value(Settings.AZURE_CLOUD);
        if (v.isEmpty()) {
            return AzureCloud.AZURE_CLOUD;
        }
        Optional<AzureCloud> cloud = AzureCloud.fromSetting(v.get());
        if (cloud.isEmpty()) {
            if (profile == Profile.CLI) {
                try {
                    AzureCloud.fromName(v.get());
                } catch (IllegalArgumentException e) {
                    problem(Settings.AZURE_CLOUD, e.getMessage());
                }
            } else {
                problem(Settings.AZURE_CLOUD, "must be AzureCloud, AzureChinaCloud or AzureUSGovernment, not "
                        + shorten(v.get()));
            }
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
            return new StorageSettings.Identity(httpsUrl(Settings.STORAGE_TABLE_SERVICE_URI, tableUri.get()), clientId);
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

    /** An https (or loopback http) URL without its trailing slash; a bad one is a problem of {@code name}. */
    private URI httpsUrl(String name, String v) {
        Optional<String> why = httpsProblem(v);
        if (why.isPresent()) {
            problem(name, why.get() + ": " + shorten(v));
            return URI.create("https://invalid.invalid");
        }
        return URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
    }

    /** REPORT_LINKS, REPORT_LINK_DAYS and the blob endpoint the stored reports go to. */
    private ReportLinkSettings reportLinks(StorageSettings storage) {
        boolean enabled = false;
        Optional<String> flag = value(Settings.REPORT_LINKS);
        if (flag.isPresent()) {
            switch (flag.get().toLowerCase(Locale.ROOT)) {
                case "true" -> enabled = true;
                case "false" -> enabled = false;
                default -> problem(Settings.REPORT_LINKS, "must be true or false");
            }
        }
        int days = ReportLinkSettings.MAX_DAYS;
        Optional<String> daysText = value(Settings.REPORT_LINK_DAYS);
        if (daysText.isPresent()) {
            try {
                days = Integer.parseInt(daysText.get());
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > ReportLinkSettings.MAX_DAYS) {
                problem(Settings.REPORT_LINK_DAYS, "must be a whole number of days from 1 to "
                        + ReportLinkSettings.MAX_DAYS + " (a user-delegation link cannot live longer), was "
                        + shorten(daysText.get()));
                days = ReportLinkSettings.MAX_DAYS;
            }
        }
        Optional<URI> blob = Optional.empty();
        if (storage instanceof StorageSettings.Identity id) {
            Optional<String> explicit = value(Settings.STORAGE_BLOB_SERVICE_URI);
            if (explicit.isPresent()) {
                blob = blobEndpoint(explicit.get());
                if (blob.isEmpty()) {
                    problem(Settings.STORAGE_BLOB_SERVICE_URI,
                            "must be the account's https blob endpoint, e.g. https://ACCOUNT.blob.core.windows.net");
                }
            } else {
                blob = ReportLinkSettings.blobOf(id.tableEndpoint());
                if (blob.isEmpty() && enabled) {
                    problem(Settings.STORAGE_BLOB_SERVICE_URI, "needed with REPORT_LINKS=true: the blob endpoint "
                            + "cannot be derived from " + id.tableEndpoint());
                }
            }
        }
        return new ReportLinkSettings(enabled, Duration.ofDays(days), blob);
    }

    private static Optional<URI> blobEndpoint(String text) {
        try {
            URI u = new URI(text);
            return "https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null ? Optional.of(u) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Echoes at most 80 characters of a bad value, so a pasted blob does not flood the log, and never a secret in
     * it: user info, query strings and key-like values are cut by {@link SecretMask#shown(String)} first.
     */
    private static String shorten(String v) {
        String safe = SecretMask.shown(v);
        return safe.length() > 80 ? "'" + safe.substring(0, 80) + "…'" : "'" + safe + "'";
    }
}
