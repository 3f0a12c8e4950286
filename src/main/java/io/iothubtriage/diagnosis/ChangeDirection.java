package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which way a change moved device access: a change can explain refusals only when it <b>closes</b> access. One that
 * <b>opens</b> it (local authentication or a SAS switch turned back on, public network access enabled, a network
 * rule set's default action Allow, an IP filter rule made Accept or a Reject rule removed, an IP rule added, the
 * minimum TLS version lowered, a certificate or shared access policy added, a private endpoint connection approved)
 * refuses nobody: it is listed, never promoted, and no step suggests reverting it (that would worsen the outage).
 * A change whose direction cannot be read from its values (unknown old or new value, an IP filter rule's mask, a
 * policy's rights, a key rotated behind masking) is {@link #UNKNOWN}: it keeps its attribution, but no sentence
 * claims what it refuses. Scale, failover and provisioning changes disrupt connections either way: {@link #CLOSES}.
 */
enum ChangeDirection {
    CLOSES, OPENS, UNKNOWN;

    private static final Pattern SWITCH = Pattern.compile(
            "(?i)^properties\\.(disablelocalauth|disabledevicesas|disablemodulesas)$");
    private static final Pattern PUBLIC_ACCESS = Pattern.compile("(?i)^properties\\.publicnetworkaccess$");
    private static final Pattern DEFAULT_ACTION = Pattern.compile("(?i)^properties\\.networkrulesets\\.defaultaction$");
    private static final Pattern MIN_TLS = Pattern.compile("(?i)^properties\\.mintlsversion$");
    private static final Pattern IP_FILTER_RULE = Pattern.compile("(?i)^properties\\.ipfilterrules\\[\\d+]$");
    private static final Pattern IP_FILTER_ACTION = Pattern.compile(
            "(?i)^properties\\.ipfilterrules\\[\\d+]\\.action$");
    private static final Pattern IP_RULE = Pattern.compile("(?i)^properties\\.networkrulesets\\.iprules\\[\\d+]$");
    private static final Pattern POLICY = Pattern.compile("(?i)^properties\\.authorizationpolicies\\[\\d+]$");
    private static final Pattern ENDPOINT_STATUS = Pattern.compile(
            "(?i)^properties\\.privateendpointconnections\\[\\d+]\\..*status$");
    private static final Pattern CERTIFICATE = Pattern.compile("(?i).*certificate.*");

    /**
     * The change's direction from the properties that can explain errors ({@link ChangeKind#ofPath} not NONE):
     * OPENS only when every one of them opens access; CLOSES when any closes it; else UNKNOWN. Without property
     * details, from its operation: a certificate or private endpoint created opens, deleted closes.
     */
    static ChangeDirection of(ChangeEvent e) {
        boolean any = false;
        boolean allOpen = true;
        boolean unknown = false;
        for (PropertyChange p : e.properties()) {
            if (ChangeKind.ofPath(p) == ChangeKind.NONE) {
                continue;
            }
            any = true;
            ChangeDirection d = of(p);
            if (d == CLOSES) {
                return CLOSES;
            }
            allOpen &= d == OPENS;
            unknown |= d == UNKNOWN;
        }
        if (any) {
            return allOpen ? OPENS : unknown ? UNKNOWN : CLOSES;
        }
        String op = e.operation().toLowerCase(Locale.ROOT);
        String resource = e.resourceId().toLowerCase(Locale.ROOT);
        boolean child = op.contains("/certificates/") || resource.contains("/certificates/")
                || op.contains("/privateendpointconnections/") || resource.contains("/privateendpointconnections/");
        if (child && (op.endsWith("/delete") || e.changeType().equalsIgnoreCase("Delete"))) {
            return CLOSES;
        }
        if (child && e.changeType().equalsIgnoreCase("Create")) {
            return OPENS;
        }
        if (op.contains("/failover") || resource.contains("/providers/microsoft.devices/provisioningservices/")
                && e.changeType().equalsIgnoreCase("Delete")) {
            return CLOSES;
        }
        return UNKNOWN;
    }

    /** One property's direction, from its path and its old and new values. */
    static ChangeDirection of(PropertyChange p) {
        String path = p.path();
        Optional<String> before = p.before().map(ChangeDirection::bare);
        Optional<String> after = p.after().map(ChangeDirection::bare);
        if (SWITCH.matcher(path).matches()) {
            // "disable…": true refuses, false (or absent: the default) admits.
            return fromLevels(before.flatMap(ChangeDirection::disabled), after.flatMap(ChangeDirection::disabled));
        }
        if (PUBLIC_ACCESS.matcher(path).matches()) {
            return fromLevels(before.flatMap(v -> closedWhen(v, "disabled", "enabled")),
                    after.flatMap(v -> closedWhen(v, "disabled", "enabled")));
        }
        if (DEFAULT_ACTION.matcher(path).matches()) {
            return fromLevels(before.flatMap(v -> closedWhen(v, "deny", "allow")),
                    after.flatMap(v -> closedWhen(v, "deny", "allow")));
        }
        if (MIN_TLS.matcher(path).matches()) {
            // Absent means the hub's default, which accepts TLS 1.0 and later.
            return tls(before, after);
        }
        if (IP_FILTER_ACTION.matcher(path).matches()) {
            // Rules apply in order and the first that matches decides: Accept can only admit, Reject only refuse.
            return after.map(v -> v.equalsIgnoreCase("accept") ? OPENS : v.equalsIgnoreCase("reject") ? CLOSES
                    : UNKNOWN).orElse(UNKNOWN);
        }
        if (IP_FILTER_RULE.matcher(path).matches()) {
            String rule = after.or(() -> before).orElse("").toLowerCase(Locale.ROOT);
            boolean reject = rule.contains("reject");
            boolean accept = rule.contains("accept");
            if (after.isEmpty() && before.isPresent()) {
                return reject && !accept ? OPENS : UNKNOWN; // removing an Accept rule may let a later Reject match
            }
            if (before.isEmpty() && after.isPresent()) {
                return reject && !accept ? CLOSES : accept && !reject ? OPENS : UNKNOWN;
            }
            return UNKNOWN;
        }
        if (IP_RULE.matcher(path).matches() || POLICY.matcher(path).matches()
                || CERTIFICATE.matcher(path).matches()) {
            // An allowed address range, a shared access policy or a certificate: added admits, removed refuses.
            return before.isEmpty() && after.isPresent() ? OPENS
                    : after.isEmpty() && before.isPresent() ? CLOSES : UNKNOWN;
        }
        if (ENDPOINT_STATUS.matcher(path).matches()) {
            return fromLevels(before.flatMap(v -> closedWhen(v, "rejected|disconnected", "approved")),
                    after.flatMap(v -> closedWhen(v, "rejected|disconnected", "approved")));
        }
        ChangeKind kind = ChangeKind.ofPath(p);
        return kind == ChangeKind.SCALE || kind == ChangeKind.FAILOVER ? CLOSES : UNKNOWN;
    }

    /** Closedness before and after (true = closed); a level that cannot be read leaves the direction unknown. */
    private static ChangeDirection fromLevels(Optional<Boolean> before, Optional<Boolean> after) {
        if (after.isEmpty() || before.isPresent() && before.equals(after)) {
            return UNKNOWN;
        }
        return after.get() ? CLOSES : OPENS;
    }

    private static Optional<Boolean> disabled(String v) {
        return closedWhen(v, "true", "false");
    }

    private static Optional<Boolean> closedWhen(String v, String closed, String open) {
        if (v.matches("(?i)" + closed)) {
            return Optional.of(true);
        }
        return v.matches("(?i)" + open) ? Optional.of(false) : Optional.empty();
    }

    /** Raised closes (old devices fail the handshake), lowered opens; absent is the default, TLS 1.0. */
    private static ChangeDirection tls(Optional<String> before, Optional<String> after) {
        Optional<Double> b = before.isEmpty() ? Optional.of(1.0) : tlsLevel(before.get());
        Optional<Double> a = after.isEmpty() ? Optional.of(1.0) : tlsLevel(after.get());
        if (b.isEmpty() || a.isEmpty() || b.get().equals(a.get())) {
            return UNKNOWN;
        }
        return a.get() > b.get() ? CLOSES : OPENS;
    }

    private static Optional<Double> tlsLevel(String v) {
        try {
            return Optional.of(Double.parseDouble(v.replaceFirst("(?i)^tls", "").replace('_', '.')));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A value without JSON quotes and surrounding blanks: {@code "\"true\""} reads as {@code true}. */
    private static String bare(String v) {
        String s = v.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }
}
