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

    /** A JSON web token (three base64url parts, the first a JSON header). */
    private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    /** A credential-named value: {@code password=…}, {@code "access_token": "…"}, {@code Authorization: Bearer …}. */
    private static final Pattern NAMED_SECRET = Pattern.compile("(?i)\\b((?:access_|refresh_|id_|auth_)?token"
            + "|password|passwd|pwd|secret|client_secret|api[_-]?key|authorization|signature)(\"?\\s*[:=]\\s*\"?)"
            + "(?:bearer\\s+|basic\\s+)?[^\\s\"'&,;<>}]+");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/-]{8,}=*");
    /** Terminal escape sequences (colours, cursor moves) and any other control character. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\t\n\r]]");

    /**
     * A service's answer made fit to show on a console or in a log: {@link #scrub} of the destination's secrets, then
     * any token or credential-named value hidden (an answer may quote the request's headers or a sign-in), and
     * terminal escape sequences and control characters removed (a body could recolour or rewrite the console).
     */
    static String answer(String text, URI secret) {
        String s = scrub(text, secret);
        s = JWT.matcher(s).replaceAll(HIDDEN);
        s = NAMED_SECRET.matcher(s).replaceAll("$1$2" + java.util.regex.Matcher.quoteReplacement(HIDDEN));
        s = BEARER.matcher(s).replaceAll("$1 " + java.util.regex.Matcher.quoteReplacement(HIDDEN));
        s = ANSI.matcher(s).replaceAll("");
        return CONTROL.matcher(s).replaceAll("");
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
