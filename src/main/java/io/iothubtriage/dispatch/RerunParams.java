package io.iothubtriage.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.alert.Durations;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rerun endpoint's parameters, validated: {@code hub}, {@code from}/{@code to} or {@code lookback}, {@code post},
 * {@code format}. Query parameters, or for POST the same names in a JSON object body (the query wins when both name
 * one). Every problem is a {@link BadInputException} naming the parameter; a hub outside {@code TRIAGE_HUBS} is
 * {@link Forbidden}.
 *
 * @param hub    the hub to triage
 * @param window the analysis window, at most {@link #MAX_SPAN}
 * @param post   post the card to the configured destinations (default false: only return the report)
 * @param format {@code json} (default), {@code markdown} or {@code html}
 */
public record RerunParams(HubId hub, TimeWindow window, boolean post, String format) {
    public static final Duration MAX_SPAN = Duration.ofDays(7);
    /** Log Analytics keeps interactive data for at most two years; older windows cannot hold evidence. */
    public static final Duration MAX_AGE = Duration.ofDays(730);
    /** Clock skew allowed for {@code to} in the future. */
    public static final Duration FUTURE_SLACK = TriageSchedule.MAX_SKEW;
    private static final int MAX_VALUE_LENGTH = 512;
    private static final Set<String> NAMES = Set.of("hub", "from", "to", "lookback", "post", "format");

    /** The hub is well-formed but not one this app may triage ({@code TRIAGE_HUBS}). */
    public static final class Forbidden extends Exception {
        public Forbidden(String message) {
            super(message);
        }
    }

    /**
     * @param query          the query parameters (any others, like the function key {@code code}, are ignored)
     * @param body           for POST: a JSON object with the same names, or empty
     * @param allowedHubs    empty = any hub
     * @param defaultLookback the lookback when neither from/to nor lookback is given
     */
    public static RerunParams parse(Map<String, String> query, Optional<JsonNode> body, Set<HubId> allowedHubs,
                                    Duration defaultLookback, Instant now) throws BadInputException, Forbidden {
        Map<String, String> p = merge(query, body);
        String hubText = p.get("hub");
        if (hubText == null || hubText.isBlank()) {
            throw new BadInputException("hub", "required: the IoT hub's ARM resource id");
        }
        HubId hub;
        try {
            hub = HubId.parse(hubText);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("hub", e.getMessage());
        }
        if (!allowedHubs.isEmpty() && !allowedHubs.contains(hub)) {
            throw new Forbidden("hub: " + hub.resourceId() + " is not one of the hubs this app triages (TRIAGE_HUBS)");
        }
        TimeWindow window = window(p, defaultLookback, now);
        boolean post = bool(p, "post");
        String format = Optional.ofNullable(p.get("format")).map(f -> f.trim().toLowerCase(Locale.ROOT)).orElse("json");
        if (!format.equals("json") && !format.equals("markdown") && !format.equals("html")) {
            throw new BadInputException("format", "must be json, markdown or html, not " + quoted(p.get("format")));
        }
        return new RerunParams(hub, window, post, format);
    }

    private static TimeWindow window(Map<String, String> p, Duration defaultLookback, Instant now)
            throws BadInputException {
        Optional<Instant> from = instant(p, "from");
        Optional<Instant> to = instant(p, "to");
        Optional<Duration> lookback = duration(p, "lookback");
        if (lookback.isPresent() && from.isPresent()) {
            throw new BadInputException("lookback", "give either lookback or from/to, not both");
        }
        if (to.isPresent() && from.isEmpty() && lookback.isEmpty()) {
            throw new BadInputException("from", "required when to is given (or use lookback)");
        }
        Instant end = to.orElse(now);
        Instant start = from.orElseGet(() -> end.minus(lookback.orElse(defaultLookback)));
        if (end.isAfter(now.plus(FUTURE_SLACK))) {
            throw new BadInputException("to", "is in the future: " + end);
        }
        if (!start.isBefore(end)) {
            throw new BadInputException("from", "must be before to (from " + start + ", to " + end + ")");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw new BadInputException(lookback.isPresent() ? "lookback" : "from",
                    "the window may span at most " + Durations.words(MAX_SPAN) + ", not "
                            + Durations.words(Duration.between(start, end)));
        }
        if (start.isBefore(now.minus(MAX_AGE))) {
            throw new BadInputException("from", "is more than 730 days ago, older than any log retention: " + start);
        }
        return new TimeWindow(start, end);
    }

    private static Optional<Instant> instant(Map<String, String> p, String name) throws BadInputException {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(v.trim()).toInstant());
        } catch (DateTimeParseException e) {
            throw new BadInputException(name, "is not an ISO-8601 time such as 2026-11-26T10:00:00Z: " + quoted(v));
        }
    }

    private static Optional<Duration> duration(Map<String, String> p, String name) throws BadInputException {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        // The same forms as the CLI's --lookback: one parser for both.
        return Optional.of(Durations.parse(name, v, MAX_SPAN));
    }

    private static boolean bool(Map<String, String> p, String name) throws BadInputException {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new BadInputException(name, "must be true or false, not " + quoted(v));
        };
    }

    private static Map<String, String> merge(Map<String, String> query, Optional<JsonNode> body)
            throws BadInputException {
        Map<String, String> out = new HashMap<>();
        if (body.isPresent()) {
            JsonNode b = body.get();
            if (!b.isObject()) {
                throw new BadInputException("body", "must be a JSON object of parameters");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!NAMES.contains(f.getKey())) {
                    continue;
                }
                JsonNode v = f.getValue();
                if (!(v.isTextual() || v.isBoolean() || v.isNumber())) {
                    throw new BadInputException(f.getKey(), "must be a string");
                }
                out.put(f.getKey(), v.asText());
            }
        }
        for (Map.Entry<String, String> e : query.entrySet()) {
            String name = e.getKey() == null ? "" : e.getKey().toLowerCase(Locale.ROOT);
            if (NAMES.contains(name) && e.getValue() != null) {
                out.put(name, e.getValue());
            }
        }
        for (Map.Entry<String, String> e : out.entrySet()) {
            if (e.getValue().length() > MAX_VALUE_LENGTH) {
                throw new BadInputException(e.getKey(), "is longer than " + MAX_VALUE_LENGTH + " characters");
            }
        }
        return out;
    }

    private static String quoted(String v) {
        String s = v == null ? "" : v.replaceAll("\\p{Cntrl}", "?");
        return "'" + (s.length() > 100 ? s.substring(0, 100) + "…" : s) + "'";
    }
}
