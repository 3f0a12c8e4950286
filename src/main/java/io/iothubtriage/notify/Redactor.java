package io.iothubtriage.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes webhook secrets from free text (exception messages of the HTTP stack, answers of a service): any URL
 * keeps only its scheme and host, and the destination's path, query, long path segments and query values (the
 * workflow id, the Slack token, the signature) and any {@code sig=…} parameter are cut out wherever they appear on
 * their own.
 */
final class Redactor {
    /** Scheme and host of any http(s) URL in the text; user info, path, query and fragment go. */
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(https?://)(?:[^/\\s\"'<>?#@]*@)?([^/\\s\"'<>?#]+)[^\\s\"'<>]*");
    private static final Pattern SIG = Pattern.compile("(?i)sig=[^&\\s\"'<>]*");
    /** Path segments and query values at least this long are treated as secrets on their own. */
    private static final int SECRET_PART = 12;
    static final String HIDDEN = "[redacted]";

    private Redactor() {
    }

    static String scrub(String text, URI secret) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = URL.matcher(text).replaceAll("$1$2");
        for (String part : secretParts(secret)) {
            s = s.replace(part, HIDDEN);
        }
        return SIG.matcher(s).replaceAll(HIDDEN);
    }

    /** Longest first, so a whole path is replaced before one of its segments. */
    private static List<String> secretParts(URI uri) {
        List<String> parts = new ArrayList<>();
        for (String whole : new String[]{uri.getRawQuery(), uri.getQuery(), uri.getRawPath(), uri.getPath()}) {
            if (whole != null && whole.length() > 1) {
                parts.add(whole);
                for (String piece : whole.split("[/&=]")) {
                    if (piece.length() >= SECRET_PART) {
                        parts.add(piece);
                    }
                }
            }
        }
        parts.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return parts;
    }
}
