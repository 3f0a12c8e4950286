package io.iothubtriage.alert;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type and read them. One parser for every place a duration comes in (the CLI's
 * {@code --lookback}, the rerun endpoint's {@code lookback}, settings), so the same text means the same everywhere:
 * ISO-8601 ({@code PT1H}, {@code PT30M}, {@code P2D}, {@code P1DT6H}, any case) or a number with a unit:
 * {@code 45s}, {@code 90m}, {@code 6h}, {@code 2d}, and combinations like {@code 1h30m}.
 * {@link #words(Duration)} prints one back for a message: "30 days", "1 hour 30 minutes".
 */
public final class Durations {

    /** What {@link #parse} accepts, for help texts and error messages. */
    public static final String FORMS = "PT1H, 90m, 6h, 2d or 1h30m";

    /** A short form whose numbers have more digits than any duration here can use ("999999999999h"). */
    private static final Pattern MANY_DIGITS = Pattern.compile("(?:\\d+[dhms])+");
    private static final Pattern SHORT = Pattern.compile("(?:(\\d{1,6})d)?(?:(\\d{1,7})h)?(?:(\\d{1,9})m)?"
            + "(?:(\\d{1,9})s)?");

    private Durations() {
    }

    /**
     * @param where the option or parameter the text came from, named in the error
     * @throws BadInputException naming {@code where} when the text is not a duration, or is zero or negative
     */
    public static Duration parse(String where, String text) throws BadInputException {
        return parse(where, text, Optional.empty());
    }

    private static Duration parse(String where, String text, Optional<Duration> max) throws BadInputException {
        String shown = Snippet.clip(text == null ? "" : text, 40);
        Optional<Duration> read = read(text);
        if (read.isEmpty()) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
            // said as what it is, not "not a duration": a minus sign before a valid form, or more digits than fit
            if (t.startsWith("-") && read(t.substring(1)).isPresent()) {
                throw new BadInputException(where, "must be longer than zero, was '" + shown + "'");
            }
            if (MANY_DIGITS.matcher(t).matches()) {
                throw new BadInputException(where, max.isPresent() ? "may be at most " + words(max.get()) + ", was '"
                        + shown + "'" : "is longer than any window can be: '" + shown + "'");
            }
            throw new BadInputException(where, "is not a duration such as " + FORMS + ": '" + shown + "'");
        }
        Duration d = read.get();
        if (d.isZero() || d.isNegative()) {
            throw new BadInputException(where, "must be longer than zero, was '" + shown + "'");
        }
        return d;
    }

    /**
     * As {@link #parse}, and at most {@code max}: "--lookback: may be at most 7 days, was 10 days".
     */
    public static Duration parse(String where, String text, Duration max) throws BadInputException {
        Duration d = parse(where, text, Optional.of(max));
        if (d.compareTo(max) > 0) {
            throw new BadInputException(where, "may be at most " + words(max) + ", was " + wordsOver(d, max));
        }
        return d;
    }

    /**
     * The duration a text spells in one of the {@link #FORMS}, zero included ({@code 0m}, {@code PT0S}); empty when
     * it spells none. For callers with their own range and wording (settings, where zero can be valid).
     */
    public static Optional<Duration> read(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        return shortForm(t).or(() -> iso(t));
    }

    private static Optional<Duration> shortForm(String t) {
        Matcher m = SHORT.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            return Optional.empty();
        }
        Duration d = Duration.ZERO;
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            String n = m.group(i + 1);
            if (n != null) {
                long v = Long.parseLong(n);
                d = d.plus(switch (units[i]) {
                    case "d" -> Duration.ofDays(v);
                    case "h" -> Duration.ofHours(v);
                    case "m" -> Duration.ofMinutes(v);
                    default -> Duration.ofSeconds(v);
                });
            }
        }
        return Optional.of(d);
    }

    private static Optional<Duration> iso(String t) {
        try {
            return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A duration in words, to the two largest units: "30 days", "7 days 6 hours", "1 hour 30 minutes",
     * "45 seconds"; a year or more adds "(about 10 years)" so a typo in a year stands out.
     */
    public static String words(Duration d) {
        Duration a = d.abs();
        long days = a.toDays();
        long hours = a.toHoursPart();
        long minutes = a.toMinutesPart();
        long seconds = a.toSecondsPart();
        String text;
        if (days > 0) {
            text = unit(days, "day") + (hours > 0 && days < 100 ? " " + unit(hours, "hour") : "");
            if (days >= 365) {
                long years = Math.round(days / 365.25);
                text += " (about " + unit(years, "year") + ")";
            }
        } else if (hours > 0) {
            text = unit(hours, "hour") + (minutes > 0 ? " " + unit(minutes, "minute") : "");
        } else if (minutes > 0) {
            text = unit(minutes, "minute") + (seconds > 0 ? " " + unit(seconds, "second") : "");
        } else if (seconds > 0 || a.isZero()) {
            text = unit(seconds, "second");
        } else {
            text = a.toMillis() + " ms";
        }
        return d.isNegative() ? "minus " + text : text;
    }

    /**
     * {@link #words} of a duration longer than {@code limit}, for "at most 7 days, was …": "just over 7 days" when
     * the two largest units cannot tell them apart (7 days and 1 second), so the message never reads "at most
     * 7 days, was 7 days".
     */
    public static String wordsOver(Duration d, Duration limit) {
        String text = words(d);
        return text.equals(words(limit)) ? "just over " + text : text;
    }

    private static String unit(long n, String name) {
        return String.format(Locale.ROOT, "%,d", n) + " " + name + (n == 1 ? "" : "s");
    }
}
