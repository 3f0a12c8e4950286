package io.iothubtriage.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code data.essentials}: who fired, when, about what. Identity fields the ledger keys on ({@code alertId},
 * {@code monitorCondition}) and {@code firedDateTime} are required; everything else is optional and normalised
 * ({@code severity 3} → {@code Sev3}, {@code ActivityLog} → {@code Activity Log}, {@code Resource Health} →
 * {@code ResourceHealth}).
 */
record Essentials(String alertId, String rule, String severity, String signalType, MonitorCondition condition,
                  String monitoringService, String targetsPath, List<ResourceRef> targets, Instant firedAt,
                  Optional<Instant> resolvedAt, String description) {

    static final int MAX_ALERT_ID = 1024;
    static final int MAX_RULE = 260;
    static final int MAX_DESCRIPTION = 4096;

    private static final Pattern SEVERITY = Pattern.compile("(?i)(?:sev\\s*)?([0-4])");

    static Essentials read(Field e) throws BadInputException {
        Field alertIdField = e.get("alertId");
        String alertId = alertIdField.requiredText();
        if (alertId.length() > MAX_ALERT_ID) {
            throw new BadInputException(alertIdField.where(), "longer than " + MAX_ALERT_ID + " characters");
        }
        MonitorCondition condition = condition(e.get("monitorCondition"));

        Field fired = e.get("firedDateTime");
        Instant firedAt = Timestamps.parse(fired.where(), fired.requiredText());
        Optional<Instant> resolvedAt = Optional.empty();
        Field resolved = e.get("resolvedDateTime");
        // only a Resolved alert has a meaningful resolution time; a stray one on Fired is ignored
        if (condition == MonitorCondition.RESOLVED && resolved.text().isPresent()) {
            Instant at = Timestamps.parse(resolved.where(), resolved.requiredText());
            if (at.isBefore(firedAt)) {
                throw new BadInputException(resolved.where(), at + " is before firedDateTime " + firedAt);
            }
            resolvedAt = Optional.of(at);
        }

        Field targetsField = e.get("alertTargetIDs");
        List<ResourceRef> targets = new ArrayList<>();
        for (Field t : targetsField.elements()) {
            t.text().ifPresent(id -> targets.add(new ResourceRef(t.path(), id)));
        }

        return new Essentials(alertId, rule(e), severity(e.get("severity")), signalType(e.get("signalType")),
                condition, monitoringService(e.get("monitoringService")), targetsField.where(), List.copyOf(targets),
                firedAt, resolvedAt, cut(e.get("description").textOrEmpty(), MAX_DESCRIPTION));
    }

    AlertIdentity identity(Optional<MetricCondition> metric) {
        return new AlertIdentity(alertId, rule, severity, condition, firedAt, resolvedAt, signalType,
                monitoringService, metric, description);
    }

    private static MonitorCondition condition(Field f) throws BadInputException {
        String text = f.requiredText();
        for (MonitorCondition c : MonitorCondition.values()) {
            if (c.wire().equalsIgnoreCase(text)) {
                return c;
            }
        }
        throw new BadInputException(f.where(), "expected Fired or Resolved, found " + Snippet.quote(text));
    }

    /** The rule name; when absent, the last segment of {@code alertRuleId} / {@code alertRuleID}. */
    private static String rule(Field e) throws BadInputException {
        Optional<String> name = e.get("alertRule").text();
        if (name.isEmpty()) {
            name = e.get("alertRuleId").text().map(id -> id.replaceAll("/+$", ""))
                    .map(id -> id.substring(id.lastIndexOf('/') + 1));
        }
        return cut(name.orElse(""), MAX_RULE);
    }

    /** Sev0..Sev4 from {@code "Sev3"}, {@code "sev3"}, {@code 3} or {@code "3"}; other text kept; budget alerts' null is "". */
    private static String severity(Field f) throws BadInputException {
        String text = f.textOrEmpty();
        Matcher m = SEVERITY.matcher(text);
        return m.matches() ? "Sev" + m.group(1) : cut(text, 40);
    }

    private static String signalType(Field f) throws BadInputException {
        String text = f.textOrEmpty();
        return switch (text.toLowerCase(Locale.ROOT).replace(" ", "")) {
            case "metric" -> "Metric";
            case "log" -> "Log";
            case "activitylog" -> "Activity Log";
            default -> cut(text, 40);
        };
    }

    private static String monitoringService(Field f) throws BadInputException {
        String text = f.textOrEmpty();
        return switch (text.toLowerCase(Locale.ROOT).replace(" ", "")) {
            case "resourcehealth" -> "ResourceHealth";
            case "servicehealth" -> "ServiceHealth";
            default -> cut(text, 80);
        };
    }

    /** Long descriptive text is cut rather than refused: it only decorates the report. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }
}
