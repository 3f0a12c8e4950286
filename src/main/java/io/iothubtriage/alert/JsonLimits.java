package io.iothubtriage.alert;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON parser's safety limits (a value's length, nesting depth, a number's digits), told in words. Jackson's
 * own message names its configuration API ("exceeds the maximum allowed (20000000, from
 * `StreamReadConstraints.getMaxStringLength()`)"), which means nothing to someone holding an export.
 */
public final class JsonLimits {

    private static final Pattern NUMBERS = Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    private JsonLimits() {
    }

    /** What went over which limit, e.g. "a text value of 20,051,112 characters is longer than the 20,000,000 …". */
    public static String inWords(StreamConstraintsException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher n = NUMBERS.matcher(m);
        boolean found = n.find();
        String actual = found ? count(n.group(1)) : "more";
        String limit = found ? count(n.group(2)) : "allowed number of";
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("string value length") || lower.contains("name length")) {
            return "a text value of " + actual + " characters is longer than the " + limit + " characters"
                    + (found ? " (about " + megabytes(n.group(2)) + ")" : "")
                    + " one value may hold; the file is damaged or not an export";
        }
        if (lower.contains("nesting depth")) {
            return "it nests arrays or objects " + actual + " levels deep, more than the " + limit
                    + " levels allowed; no export nests that deep, so the file is damaged or not an export";
        }
        if (lower.contains("number value length")) {
            return "a number of " + actual + " digits is longer than the " + limit + " digits allowed";
        }
        if (lower.contains("document length")) {
            return "the document is longer than the " + limit + " characters allowed";
        }
        return "it is larger than the JSON reader allows";
    }

    private static String count(String digits) {
        return String.format(Locale.ROOT, "%,d", Long.parseLong(digits));
    }

    private static String megabytes(String chars) {
        return Math.round(Long.parseLong(chars) / 1_000_000.0) + " MB";
    }
}
