package io.iothubtriage.evidence;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Masks key material in change evidence before anything else sees it. Azure already masks the secrets it knows
 * (shared access keys come back as masked values), but an export can be edited, an API can change, and a tag or a
 * property can hold a pasted connection string: so values are masked here too, by where they sit and by what
 * they look like.
 *
 * <ul>
 *   <li>By path: a property whose name says it holds a secret (a key other than a key's name or source, a
 *       connection string, a password, a secret, a token, a signature) is masked whatever its value.</li>
 *   <li>By content: a connection string or SAS token ({@code SharedAccessKey=}, {@code AccountKey=},
 *       {@code SharedAccessSignature}, {@code sig=}), a JWT, or a long base64 run (an HMAC key is 44 characters)
 *       is masked wherever it appears in a value.</li>
 * </ul>
 */
public final class SecretMask {
    /** What a masked value reads as. */
    public static final String MASKED = "(masked)";

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(key|connectionstring|password|passwd|secret|token|signature|credential)s?$");
    private static final Pattern NOT_SECRET_NAME = Pattern.compile(
            "(?i).*(keyname|keysource|keytype|keyvaulturi|keyvaultproperties|keyidentifier|keyversion|rights)");
    private static final Pattern CONNECTION_STRING = Pattern.compile(
            "(?i)(SharedAccessKey|AccountKey|SharedAccessSignature|sig|password|pwd|secret)\\s*=\\s*[^;&\\s\"',}]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    /** Base64 of 24 bytes or more (IoT Hub keys are 32 bytes = 44 characters); hex ids and GUIDs do not match. */
    private static final Pattern BASE64_RUN = Pattern.compile("(?<![A-Za-z0-9+/=])(?=[A-Za-z0-9+/]*[+/0-9])"
            + "(?=[A-Za-z0-9+/]*[A-Z])(?=[A-Za-z0-9+/]*[a-z])[A-Za-z0-9+/]{32,}={0,2}(?![A-Za-z0-9+/=])");

    private static final Pattern ARM_SEGMENT = Pattern.compile("(?i)(^|/)(subscriptions|resourceGroups|providers)(/|$)");

    private SecretMask() {
    }

    /** The value of property {@code path}, masked when the path names a secret or the value holds one. */
    public static Optional<String> value(String path, Optional<String> value) {
        if (value.isEmpty()) {
            return value;
        }
        return Optional.of(secretPath(path) ? MASKED : text(value.get()));
    }

    /** User info (before the host) and query string or fragment (after the path) of any URL in a text. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s\"'<>?#@]*@");
    private static final Pattern URL_QUERY = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>?#]*)[?#][^\\s\"'<>]*");

    /**
     * A value that is safe to echo in an error line (a malformed setting, say): {@link #text(String)}, and any URL
     * keeps only its scheme, host and path: user info, query string (a SAS signature, a function key) and
     * fragment are cut.
     */
    public static String shown(String s) {
        if (s == null || s.isEmpty()) {
            return s == null ? "" : s;
        }
        String out = URL_USER_INFO.matcher(s).replaceAll("$1" + MASKED + "@");
        out = URL_QUERY.matcher(out).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1)) + "?"
                + MASKED);
        return text(out);
    }

    /** Free text with any connection-string secret, JWT or key-like base64 run replaced by {@link #MASKED}. */
    public static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s == null ? "" : s;
        }
        String out = CONNECTION_STRING.matcher(s).replaceAll(m -> m.group(1) + "=" + MASKED);
        out = JWT.matcher(out).replaceAll(MASKED);
        String text = out;
        return BASE64_RUN.matcher(out).replaceAll(m -> keyLike(m.group()) && !inResourceId(text, m.start(), m.group()) ? MASKED
                : java.util.regex.Matcher.quoteReplacement(m.group()));
    }

    /**
     * A run right after a provider namespace ({@code Microsoft.Network/privateEndpoints/contoso…}) is the type and
     * name part of an ARM resource id, which stays readable; so does a run holding one of an id's fixed segments
     * ({@code …cb9272f09590/resourceGroups/network}).
     */
    private static boolean inResourceId(String s, int start, String run) {
        return start >= 10 && s.regionMatches(true, start - 10, "Microsoft.", 0, 10)
                || ARM_SEGMENT.matcher(run).find();
    }

    /** A path (several slashes) is not a key; base64 of random bytes has about one slash in 64 characters. */
    private static boolean keyLike(String run) {
        return run.chars().filter(c -> c == '/').count() <= 3;
    }

    /** True when the last named segment of a property path says it holds a secret. */
    public static boolean secretPath(String path) {
        if (path == null) {
            return false;
        }
        String last = path.replaceAll("\\[[^]]*]", "");
        int dot = last.lastIndexOf('.');
        last = last.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (NOT_SECRET_NAME.matcher(last).matches()) {
            return false;
        }
        return SECRET_NAME.matcher(last).matches();
    }
}
