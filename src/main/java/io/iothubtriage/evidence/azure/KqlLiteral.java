package io.iothubtriage.evidence.azure;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A KQL literal built from a typed, validated value: the only way a request value enters query text
 * ({@link KqlTemplate#render} accepts nothing else). A string becomes a double-quoted literal with its
 * backslashes and quotes escaped; an instant becomes a {@code datetime(...)} literal printed by java.time, which
 * holds nothing but digits and separators.
 */
final class KqlLiteral {

    private final String text;

    private KqlLiteral(String text) {
        this.text = text;
    }

    /**
     * A double-quoted KQL string literal holding exactly {@code value}.
     *
     * @throws IllegalArgumentException for control characters, which no value we pass (hub ids) contains
     */
    static KqlLiteral string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException("control character U+" + String.format("%04X", (int) c)
                        + " cannot appear in a query value");
            }
            if (c == '\\' || c == '"') {
                out.append('\\');
            }
            out.append(c);
        }
        return new KqlLiteral(out.append('"').toString());
    }

    /** {@code datetime(2026-01-15T10:41:00Z)}; Kusto keeps 100 ns ticks, so sub-microsecond digits are dropped. */
    static KqlLiteral datetime(Instant instant) {
        return new KqlLiteral("datetime(" + DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MICROS))
                + ")");
    }

    /** A {@code long} literal: digits only (a count or a limit). */
    static KqlLiteral count(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + value);
        }
        return new KqlLiteral(Long.toString(value));
    }

    /** The literal as it appears in the query. */
    String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
