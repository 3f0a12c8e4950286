package io.iothubtriage.notify;

import io.iothubtriage.alert.BadInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where a notification goes: a Teams Workflows webhook, a Slack incoming webhook, or a generic JSON webhook.
 *
 * <p>A webhook URL is a secret (a Workflows URL carries {@code sig=}, a Slack URL's path is its token). What is
 * shown is {@link #display()} (kind, host and a short fingerprint of the path, e.g. {@code teams
 * prod-12.westeurope.logic.azure.com #3f9a1c}, also {@link #toString()}) or {@link #redacted()} (scheme and host);
 * parse errors name the setting and the problem, never the value. Two destinations are the same destination when
 * their URLs are equal; the fingerprint tells apart, for a reader, two webhooks on the same host.
 */
public sealed interface Destination permits Destination.Teams, Destination.Slack, Destination.Generic {

    /** The kind of destination, which decides the payload and what counts as success. */
    enum Kind {
        TEAMS, SLACK, GENERIC;

        /** "teams", "slack", "generic". */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Hosts of Teams Workflows triggers: the old Logic Apps host and the Power Platform host that replaced it. */
    List<String> TEAMS_HOST_SUFFIXES = List.of(".logic.azure.com", ".environment.api.powerplatform.com");
    /** Hosts of the Office 365 connectors that Teams retired in May 2026. */
    List<String> RETIRED_TEAMS_HOST_SUFFIXES = List.of("webhook.office.com", "outlook.office.com",
            "outlook.office365.com");
    String SLACK_HOST = "hooks.slack.com";
    /** Plain http is accepted only for these hosts (tests, a local relay). */
    Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    URI uri();

    Kind kind();

    /** Scheme and host only, e.g. "https://prod-12.westeurope.logic.azure.com". */
    default String redacted() {
        return redact(uri());
    }

    /**
     * Six hex digits of the SHA-256 of the URL's path and query: tells apart two webhooks on one host (two Teams
     * workflows, three local endpoints) without revealing either; 24 bits cannot be turned back into a signature.
     */
    default String fingerprint() {
        return fingerprint(uri());
    }

    /**
     * How a person sees this destination: kind, host (with a non-default port) and fingerprint, e.g.
     * {@code teams prod-12.westeurope.logic.azure.com #3f9a1c} or {@code generic localhost:8080 #0c1d2e}.
     */
    default String display() {
        return kind().label() + " " + hostAndPort(uri()) + " #" + fingerprint();
    }

    /**
     * The destination's name in the ledger, e.g. {@code teams-a6e4b659}: kind and 8 hex digits of the SHA-256 of the
     * whole URL. Ledger rows name their posts by it, so it must not change between releases (in-flight alerts would
     * be posted again); it is a storage key, shown to people only beside {@link #display()}.
     */
    default String ledgerKey() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(uri().toString().getBytes(StandardCharsets.UTF_8));
            return kind().label() + "-" + HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    record Teams(URI uri) implements Destination {
        public Teams {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public Kind kind() {
            return Kind.TEAMS;
        }

        @Override
        public String toString() {
            return display();
        }
    }

    record Slack(URI uri) implements Destination {
        public Slack {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public Kind kind() {
            return Kind.SLACK;
        }

        @Override
        public String toString() {
            return display();
        }
    }

    record Generic(URI uri) implements Destination {
        public Generic {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public Kind kind() {
            return Kind.GENERIC;
        }

        @Override
        public String toString() {
            return display();
        }
    }

    /** Scheme and host of a URI, lower-cased: the only part of a webhook URL that may be shown. */
    static String redact(URI uri) {
        String scheme = uri.getScheme() == null ? "?" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "?" : uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host;
    }

    /** The short fingerprint of a URL's path and query (see {@link #fingerprint()}). */
    static String fingerprint(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String secretPart = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secretPart.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 3);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The host, lower-cased, with the port when it is not the scheme's default: "localhost:8080". */
    static String hostAndPort(URI uri) {
        String host = uri.getHost() == null ? "?" : uri.getHost().toLowerCase(Locale.ROOT);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = uri.getPort() < 0 || (scheme.equals("https") && uri.getPort() == 443)
                || (scheme.equals("http") && uri.getPort() == 80);
        return defaultPort ? host : host + ":" + uri.getPort();
    }

    /**
     * One destination of a known kind.
     *
     * @param where the setting or option it came from, named in errors (e.g. "TEAMS_WEBHOOK_URLS[2]", "--post")
     * @throws BadInputException naming {@code where} and the problem; the message never holds the URL
     */
    static Destination parse(Kind kind, String where, String url) throws BadInputException {
        URI uri = checkedUri(where, url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (kind == Kind.TEAMS && !isLoopback(host) && !isTeamsHost(host)) {
            if (isRetiredTeamsHost(host)) {
                throw new BadInputException(where, "Office 365 connector URLs (" + redact(uri) + ") were retired in "
                        + "May 2026; create a Workflows webhook (\"When a Teams webhook request is received\") and use "
                        + "its URL");
            }
            throw new BadInputException(where, "a Teams webhook must be a Workflows trigger URL on *.logic.azure.com or "
                    + "*.environment.api.powerplatform.com, got host " + host);
        }
        return switch (kind) {
            case TEAMS -> new Teams(uri);
            case SLACK -> new Slack(uri);
            case GENERIC -> new Generic(uri);
        };
    }

    /**
     * A destination whose kind follows from its host: Workflows hosts are Teams, hooks.slack.com is Slack, any
     * other host is a generic JSON webhook. For the CLI's {@code --post URL}.
     */
    static Destination infer(String where, String url) throws BadInputException {
        URI uri = checkedUri(where, url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (isTeamsHost(host) || isRetiredTeamsHost(host)) {
            return parse(Kind.TEAMS, where, url);
        }
        if (host.equals(SLACK_HOST)) {
            return parse(Kind.SLACK, where, url);
        }
        return parse(Kind.GENERIC, where, url);
    }

    /**
     * The destinations of one setting: comma-separated URLs, blanks between commas ignored; a blank setting
     * means none.
     *
     * @param settingName named in errors with the 1-based position, e.g. "SLACK_WEBHOOK_URLS[2]"
     */
    static List<Destination> parseList(Kind kind, String settingName, String value) throws BadInputException {
        List<Destination> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        String[] parts = value.split(",");
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                out.add(parse(kind, settingName + "[" + (i + 1) + "]", parts[i]));
            }
        }
        return List.copyOf(out);
    }

    private static URI checkedUri(String where, String url) throws BadInputException {
        if (url == null || url.isBlank()) {
            throw new BadInputException(where, "webhook URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            // e.getMessage() would repeat the URL; the reason and index alone say what is wrong.
            throw new BadInputException(where, "not a valid URL (" + e.getReason() + " at character " + e.getIndex()
                    + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new BadInputException(where, "not an absolute http(s) URL with a host");
        }
        if (uri.getPort() > 65_535) {
            // java.net.URI takes any number; the HTTP client refuses it only when posting, after the whole triage
            throw new BadInputException(where, "port " + uri.getPort() + " is out of range (1 to 65535)");
        }
        if (uri.getRawUserInfo() != null) {
            throw new BadInputException(where, "credentials inside the URL (user@host) are not supported ("
                    + redact(uri) + ")");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost().toLowerCase(Locale.ROOT))) {
            throw new BadInputException(where, "webhook URLs must use https (plain http only for localhost), got "
                    + redact(uri));
        }
        if (uri.getRawFragment() != null) {
            // a fragment is never sent: the URL with one is the same destination, posted to once
            String text = url.trim();
            try {
                uri = new URI(text.substring(0, text.indexOf('#')));
            } catch (URISyntaxException e) {
                throw new BadInputException(where, "not a valid URL (" + e.getReason() + ")");
            }
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        return LOOPBACK_HOSTS.contains(host);
    }

    private static boolean isTeamsHost(String host) {
        return TEAMS_HOST_SUFFIXES.stream().anyMatch(host::endsWith);
    }

    private static boolean isRetiredTeamsHost(String host) {
        return RETIRED_TEAMS_HOST_SUFFIXES.stream().anyMatch(s -> host.equals(s) || host.endsWith("." + s));
    }
}
