package io.iothubtriage.evidence;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of a URL's parts, one way for the whole project: the Azure REST calls' query values and the
 * report's portal links.
 */
public final class PercentEncoding {
    private PercentEncoding() {
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * {@code URLEncoder.encode(s, UTF_8)} with a space as {@code %20}: letters, digits and {@code - _ . *} as they
     * are, every other character as the {@code %XX} of its UTF-8 bytes (upper-case hex; an unpaired surrogate as
     * {@code ?}, as the encoder writes it). By hand because a report's logs link encodes about 1,500 characters
     * (the compressed query twice) once per run, in a cold JVM where the encoder's per-character calls, its writer
     * and its per-run String run interpreted; {@code PercentEncodingTest} checks it against {@code URLEncoder}.
     */
    public static String encode(String s) {
        char[] chars = s.toCharArray();
        int n = chars.length;
        StringBuilder out = new StringBuilder(n + n / 2);
        int i = 0;
        while (i < n) {
            char c = chars[i];
            if (unreserved(c)) {
                out.append(c);
                i++;
            } else if (c < 0x80) {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
                i++;
            } else {
                // a run of non-ASCII characters is encoded as a whole, so that a surrogate pair is one code point
                int from = i;
                while (i < n && chars[i] >= 0x80) {
                    i++;
                }
                for (byte b : new String(chars, from, i - from).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
        }
        return out.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '*';
    }
}
