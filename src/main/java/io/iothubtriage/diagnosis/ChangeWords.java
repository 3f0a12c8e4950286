package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.ChangeLine;
import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static io.iothubtriage.diagnosis.ReportFormat.time;
import static io.iothubtriage.diagnosis.Wording.familyWords;
import static io.iothubtriage.diagnosis.Wording.shorten;

/**
 * The words for changes: a few-word summary of each, and the finding and next step that name a likely or possible
 * cause. Values are already masked ({@link io.iothubtriage.evidence.SecretMask}); here they are only shortened.
 */
final class ChangeWords {
    /** Longest value shown in a sentence; whole values are in the report JSON. */
    static final int MAX_VALUE = 60;
    /** Longest caller shown in a sentence. */
    static final int MAX_CALLER = 80;
    private static final int SUMMARY_PROPERTIES = 2;
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern SIMPLE_VALUE = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final Pattern TOP_PROPERTY = Pattern.compile("properties\\.[A-Za-z]+");
    private static final Pattern PROVIDER = Pattern.compile("(?i)^Microsoft\\.Devices/");

    private ChangeWords() {
    }

    /** "properties.disableLocalAuth false → true", "manual failover", "certificate contoso-ca removed". */
    static String summary(ChangeEvent e) {
        List<PropertyChange> props = e.properties();
        if (!props.isEmpty()) {
            StringBuilder s = new StringBuilder();
            for (PropertyChange p : props.subList(0, Math.min(SUMMARY_PROPERTIES, props.size()))) {
                if (!s.isEmpty()) {
                    s.append("; ");
                }
                s.append(property(p));
            }
            if (props.size() > SUMMARY_PROPERTIES) {
                s.append("; and ").append(props.size() - SUMMARY_PROPERTIES).append(" more");
            }
            return s.toString();
        }
        String op = e.operation().toLowerCase(Locale.ROOT);
        String name = lastSegment(e.resourceId());
        String resource = e.resourceId().toLowerCase(Locale.ROOT);
        if (resource.contains("/providers/microsoft.network/privateendpoints/")) {
            name = "private endpoint " + name;
        } else if (resource.contains("/providers/microsoft.devices/provisioningservices/")) {
            name = "provisioning service " + name;
        }
        if (op.contains("/failover")) {
            return "manual failover of " + name;
        }
        if (op.contains("/certificates/")) {
            return "certificate " + name + (op.endsWith("/delete") ? " removed" : op.endsWith("/write")
                    ? " added or replaced" : " " + shortOperation(e.operation()));
        }
        if (op.equals("microsoft.devices/iothubs/write")) {
            return "settings of " + name + " written (the record does not say which)";
        }
        if (op.endsWith("/delete") || e.changeType().equalsIgnoreCase("Delete")) {
            return name + " deleted";
        }
        if (op.isEmpty()) {
            return (e.changeType().isEmpty() ? "change" : e.changeType().toLowerCase(Locale.ROOT)) + " of " + name;
        }
        return shortOperation(e.operation()) + " on " + name;
    }

    /** "properties.disableLocalAuth false → true", "tags.owner (none) → ops". */
    static String property(PropertyChange p) {
        return p.path() + " " + value(p.before(), "(none)") + " → " + value(p.after(), "(removed)");
    }

    private static String value(Optional<String> v, String absent) {
        return v.map(x -> x.isEmpty() ? "\"\"" : shorten(BLANKS.matcher(x).replaceAll(" "), MAX_VALUE)).orElse(absent);
    }

    /** "alice@contoso.com", "application 8d3f…" , or "an unrecorded caller". */
    static String caller(ChangeLine c) {
        if (c.caller().isBlank()) {
            return "an unrecorded caller";
        }
        String who = shorten(c.caller(), MAX_CALLER);
        return c.callerKind() == CallerKind.APPLICATION ? "application " + who : who;
    }

    /** "1 minute before 401003 started", "less than a minute before 401003 started", "as 401003 started". */
    static String lead(Duration lead, String code) {
        String what = code.isEmpty() ? "the errors started" : code + " started";
        long s = lead.getSeconds();
        if (s < 0) {
            return "as " + what;
        }
        if (s < 60) {
            return "less than a minute before " + what;
        }
        long minutes = Math.round(s / 60.0);
        if (minutes < 120) {
            return minutes + (minutes == 1 ? " minute" : " minutes") + " before " + what;
        }
        return ReportFormat.span(Duration.ofMinutes(minutes)) + " before " + what;
    }

    /**
     * Which of the errors a change can explain when the devices' credentials narrow it: nothing to add when it
     * reaches them all (see {@link #fitTail}); "if …" when the logs do not say how the devices authenticate;
     * "for the N of M …" when it reaches only some of them.
     */
    static String reach(AffectedAuth.Fit fit) {
        String method = credentials(fit.reach());
        return switch (fit.kind()) {
            case ALL, NONE -> "";
            case UNKNOWN -> " if the failing devices authenticate with " + method
                    + " (the logs do not say how most of them authenticate)";
            case PART -> ", for the " + ReportFormat.count(fit.matching()) + " of " + ReportFormat.count(fit.devices())
                    + " failing devices that authenticate with " + method;
        };
    }

    /**
     * After the change, for one that reaches only some credentials and the ones the devices use: "; all 792
     * failing devices authenticate with SAS tokens signed with the hub's shared access policies, which it
     * refuses". Last in the sentence, so a card that cuts a long finding cuts this and not the change.
     */
    static String fitTail(AffectedAuth.Fit fit) {
        if (fit.kind() != AffectedAuth.Fit.Kind.ALL || fit.reach().isEmpty()) {
            return "";
        }
        return "; " + (fit.matching() == fit.devices() ? "all " + ReportFormat.count(fit.devices())
                : ReportFormat.count(fit.matching()) + " of the " + ReportFormat.count(fit.devices()))
                + " failing devices authenticate with " + credentials(fit.reach()) + ", which it refuses";
    }

    /**
     * What devices refused by a change "authenticate with": "SAS tokens signed with the hub's shared access
     * policies", "X.509 certificates", "SAS tokens" when every SAS scope is reached, joined with "or".
     */
    static String credentials(Set<AuthMethod> reach) {
        List<String> parts = new ArrayList<>();
        boolean allSas = reach.containsAll(AuthMethod.SCOPED_SAS);
        if (allSas) {
            parts.add(AuthMethod.SAS.words());
        }
        for (AuthMethod m : AuthMethod.DEFINITE) {
            if (reach.contains(m) && !(allSas && AuthMethod.SCOPED_SAS.contains(m))) {
                parts.add(m.words());
            }
        }
        return String.join(" or ", parts);
    }

    /**
     * What a change refuses, in the words of the switch: "SAS tokens signed with the hub's shared access policies",
     * "SAS tokens signed with the devices' own keys"; a certificate change "devices that authenticate with X.509
     * certificates".
     */
    static String refuses(Set<AuthMethod> reach) {
        if (!reach.isEmpty() && AuthMethod.SCOPED_SAS.containsAll(reach)) {
            if (reach.containsAll(AuthMethod.SCOPED_SAS)) {
                return "SAS tokens";
            }
            List<String> signers = new ArrayList<>();
            for (AuthMethod m : AuthMethod.SCOPED_SAS) {
                if (reach.contains(m)) {
                    signers.add(switch (m) {
                        case HUB_SAS -> "the hub's shared access policies";
                        case DEVICE_SAS -> "the devices' own keys";
                        default -> "the modules' own keys";
                    });
                }
            }
            return "SAS tokens signed with " + String.join(" or with ", signers);
        }
        return "devices that authenticate with " + credentials(reach);
    }

    /** The first finding for a likely cause. */
    static String likelyFinding(ChangeLine c, AffectedAuth.Fit fit, String onsetCode, String hubName) {
        return "A change by " + caller(c) + " at " + time(c.time()) + when(c, onsetCode)
                + (c.beforeOnset().isPresent() ? "," : "") + " can explain these "
                + c.explains().map(f -> familyWords(f) + " ").orElse("") + "errors" + reach(fit) + ": " + c.summary()
                + on(c, hubName) + " (" + shortOperation(c.operation()) + c.attributionConfidence()
                .map(x -> ", attribution " + x).orElse("") + ")" + fitTail(fit) + ".";
    }

    /** The first next step for a likely cause. */
    static String likelyAction(ChangeLine c, AffectedAuth.Fit fit, String onsetCode, String hubName) {
        String what = c.properties().isEmpty() ? c.summary() : "the change of " + c.summary();
        String check = fit.kind() == AffectedAuth.Fit.Kind.UNKNOWN
                ? " and whether the failing devices authenticate with " + credentials(fit.reach()) : "";
        return "Review or revert " + what + " by " + caller(c) + ", " + time(c.time()) + when(c, onsetCode)
                + revertHint(c, hubName) + "; confirm with its author whether it was intended" + check + ".";
    }

    /** One finding naming up to two possible causes. */
    static String possibleFinding(List<ChangeLine> possible, AffectedAuth.Fit firstFit, String onsetCode,
                                  String hubName) {
        ChangeLine first = possible.get(0);
        String rest = possible.size() > 1 ? "; " + (possible.size() - 1) + " more change"
                + (possible.size() > 2 ? "s" : "") + " in the 2 h before could too" : "";
        String why = first.callerKind() == CallerKind.USER ? "" : " (made by software, so probably intended)";
        return "A change that could explain these errors" + reach(firstFit) + ": " + first.summary() + on(first, hubName) + " by "
                + caller(first) + why + " at " + time(first.time()) + when(first, onsetCode) + rest
                + fitTail(firstFit) + ".";
    }

    /**
     * "The change of properties.disableLocalAuth false → true by … at 10:39 UTC cannot explain these errors: it
     * refuses only SAS tokens signed with the hub's shared access policies, and 850 of the 880 failing devices
     * authenticate with SAS tokens signed with their own device keys."
     */
    static String ruledOutFinding(ChangeLine c, AffectedAuth.Fit fit) {
        String what = c.properties().isEmpty() ? capitalized(c.summary()) : "The change of " + c.summary();
        return what + " by " + caller(c) + " at " + time(c.time()) + " cannot explain these errors: it refuses only "
                + refuses(fit.reach()) + ", and " + notReached(fit) + ".";
    }

    /**
     * "850 of the 880 failing devices authenticate with SAS tokens signed with their own device keys, 20 with
     * X.509 certificates": the devices the change does not reach, largest method first.
     */
    private static String notReached(AffectedAuth.Fit fit) {
        List<Map.Entry<AuthMethod, Integer>> byMethod = fit.notReached().entrySet().stream()
                .sorted(Map.Entry.<AuthMethod, Integer>comparingByValue().reversed()).toList();
        if (byMethod.isEmpty()) {
            return ReportFormat.count(fit.other()) + " of the " + ReportFormat.count(fit.devices())
                    + " failing devices authenticate otherwise";
        }
        StringBuilder s = new StringBuilder();
        for (Map.Entry<AuthMethod, Integer> e : byMethod) {
            int n = e.getValue();
            if (s.isEmpty()) {
                s.append(n == fit.devices() ? "all " + ReportFormat.count(n)
                                : ReportFormat.count(n) + " of the " + ReportFormat.count(fit.devices()))
                        .append(" failing devices authenticate with ");
            } else {
                s.append(", ").append(ReportFormat.count(n)).append(" with ");
            }
            s.append(e.getKey().words());
        }
        return s.toString();
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String when(ChangeLine c, String code) {
        return c.beforeOnset().map(l -> ", " + lead(l, code)).orElse("");
    }

    private static String on(ChangeLine c, String hubName) {
        String name = lastSegment(c.resourceId());
        return name.isEmpty() || name.equalsIgnoreCase(hubName) || c.properties().isEmpty() ? "" : " on " + name;
    }

    /** " (e.g. az iot hub update --name hub --set properties.disableLocalAuth=false)" for a simple scalar. */
    private static String revertHint(ChangeLine c, String hubName) {
        if (c.properties().size() != 1
                || !ChangeKind.HUB_RESOURCE.matcher(c.resourceId().toLowerCase(Locale.ROOT)).matches()) {
            return "";
        }
        TriageReport.PropertyLine p = c.properties().get(0);
        Optional<String> before = p.before().filter(v -> SIMPLE_VALUE.matcher(v).matches()
                && !v.equals(io.iothubtriage.evidence.SecretMask.MASKED));
        if (before.isEmpty() || !TOP_PROPERTY.matcher(p.path()).matches()) {
            return "";
        }
        return " (to undo it: az iot hub update --name " + hubName + " --set " + p.path() + "=" + before.get() + ")";
    }

    private static String shortOperation(String operation) {
        return operation.isEmpty() ? "change" : PROVIDER.matcher(operation).replaceFirst("");
    }

    private static String lastSegment(String resourceId) {
        int slash = resourceId.lastIndexOf('/');
        return slash < 0 ? resourceId : resourceId.substring(slash + 1);
    }
}
