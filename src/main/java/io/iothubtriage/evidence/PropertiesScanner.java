package io.iothubtriage.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Pulls the fields of a Connections {@code properties_s} out of its JSON text without building a tree: a flat scan
 * over the text's UTF-8 bytes (JSON's structure is ASCII, and no byte of a multi-byte character is ASCII) that
 * matches keys in place and only allocates the values it keeps; the text is never decoded to characters as a
 * whole, only the values kept are. The text comes from the
 * service, but it is read defensively: an unknown key or a nested value is skipped, a malformed text yields what
 * was read before the fault (a row without a device id is then counted, not accepted).
 *
 * <p>{@code authType} is either JSON encoded inside the string ({@code "{\"scope\":\"device\",\"type\":\"sas\"}"}),
 * a nested object, or null; it is reduced to {@code "scope/type"} by {@link #reduceAuthType(String)}.
 *
 * <p>One instance per file: the long fields with few distinct values (authType, SDK, message) go through small
 * caches keyed by their raw text, so a million rows do not unescape and reduce the same authType
 * JSON a million times, and rows share their value strings.
 */
final class PropertiesScanner {

    /** Caches keyed by the raw text of a plain scan, and by the text as written in a CSV cell (quotes doubled). */
    private final ValueCache[] caches = newCaches();
    private final ValueCache[] quotedCaches = newCaches();
    /** The keys of the objects scanned before, in their order: the next key is expected where it was. */
    private final KeyOrder keyOrder = new KeyOrder();

    PropertiesScanner() {
    }

    private static ValueCache[] newCaches() {
        // Long values that repeat: caching them saves unescaping, reducing and copying. Short ones (protocol,
        // address, status) are cheaper to copy than to look up.
        ValueCache[] caches = new ValueCache[LogField.COUNT];
        for (LogField f : new LogField[]{LogField.AUTH_TYPE, LogField.SDK_VERSION, LogField.ERROR_MESSAGE}) {
            caches[f.ordinal()] = new ValueCache();
        }
        return caches;
    }

    /** Convenience for tests and rare paths: scans a String. */
    static boolean scan(String s, String[] out) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return new PropertiesScanner().scan(utf8, 0, utf8.length, out, null, false);
    }

    /** Convenience for tests: scans a String as a CSV cell holds it between its quotes (every quote doubled). */
    static boolean scanQuoted(String s, String[] out) {
        byte[] utf8 = s.replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8);
        return new PropertiesScanner().scan(utf8, 0, utf8.length, out, null, true);
    }

    /**
     * Scans a row's properties_s text into {@code row.props} (and its deviceId's place, see {@link #scan}), as
     * written in a CSV cell when {@link RawRow#quoted}. A quoted text that is not a well-formed object is made the
     * text itself and scanned again, so a broken text yields exactly what the plain scan yields from it.
     *
     * @return whether the text is a well-formed JSON object
     */
    boolean scan(RawRow row) {
        if (!row.quoted) {
            return scan(row.properties, 0, row.propertiesLength, row.props, row, false);
        }
        if (scan(row.properties, 0, row.propertiesLength, row.props, row, true)) {
            return true;
        }
        Arrays.fill(row.props, null);
        row.unquote();
        return scan(row.properties, 0, row.propertiesLength, row.props, row, false);
    }

    /**
     * Scans the JSON object text whose UTF-8 bytes are {@code s[from, to)} and stores the values of known keys into {@code out},
     * indexed by {@link LogField#ordinal()}. Values absent or null are left untouched.
     *
     * @param row when not null, the row whose {@code properties} {@code s} is: a deviceId that is plain ASCII is
     *            not made a String but marked there, with its hash ({@link RawRow#deviceIdAt}); the device table
     *            looks it up by these bytes and makes a String only for a device it has not seen
     * @param quoted the text is as a CSV cell holds it between its quotes: every {@code "} of the JSON text
     *               written {@code ""} (the CSV scanner then need not unescape and copy the cell first). The scan
     *               is the same with each quote taken two bytes wide; a value with a quote in it (only after a
     *               backslash in a string, or in a malformed bare value) has its pairs made one before it is
     *               unescaped, and such values have caches of their own
     * @return false when the text is not a well-formed JSON object (what was found before the fault is kept)
     */
    boolean scan(byte[] s, int from, int to, String[] out, RawRow row, boolean quoted) {
        return scanObject(s, from, to, out, row, quoted, false) >= 0;
    }

    /** As {@link #scan(byte[], int, int, String[], RawRow, boolean)}; the index just past the object, or -1. */
    private int scanObject(byte[] s, int from, int to, String[] out, RawRow row, boolean quoted,
                           boolean leaveBytes) {
        int n = to;
        int q = quoted ? 2 : 1; // bytes per quote of the JSON text
        ValueCache[] cache = quoted ? quotedCaches : caches;
        int i = skipWs(s, from, n, q);
        if (i >= n || s[i] != '{') {
            return -1;
        }
        i = skipWs(s, i + 1, n, q);
        if (i < n && s[i] == '}') {
            return i + 1;
        }
        KeyOrder.Key before = keyOrder.start(quoted);
        while (i < n) {
            // the key expected here (one of those that followed the previous key before), else a full scan
            KeyOrder.Key key = before.next;
            if (key != null && !key.at(s, i, n)) {
                key = before.second;
                if (key != null && !key.at(s, i, n)) {
                    key = before.third;
                    if (key != null && !key.at(s, i, n)) {
                        key = null;
                    }
                }
            }
            LogField field;
            if (key != null) {
                field = key.field;
                i += key.written.length; // just past the colon
            } else {
                if (!isQuote(s, i, n, q)) {
                    return -1;
                }
                int keyStart = i + q;
                int keyEnd = endOfString(s, keyStart, n, q);
                if (keyEnd < 0) {
                    return -1;
                }
                field = keyField(s, keyStart, keyEnd - keyStart);
                int colon = skipWs(s, keyEnd + q, n, q);
                if (colon >= n || s[colon] != ':') {
                    return -1;
                }
                key = keyOrder.learn(before, s, i, colon, field, colon != keyEnd + q);
                i = colon + 1;
            }
            before = key;
            i = skipWs(s, i, n, q);
            if (i >= n) {
                return -1;
            }
            byte c = s[i];
            int valueEnd;
            if (c == '"') {
                if (!isQuote(s, i, n, q)) {
                    return -1;
                }
                int strStart = i + q;
                ValueCache known = field == null ? null : cache[field.ordinal()];
                String value = known == null ? null : known.startingAt(s, strStart, n, q);
                int strEnd;
                if (value != null) {
                    // a value met before, recognised with its closing quote: its escapes (the authType JSON has
                    // eight escaped quotes) are not searched again
                    out[field.ordinal()] = value;
                    strEnd = strStart + known.lastLength();
                } else {
                    strEnd = endOfString(s, strStart, n, q);
                    if (strEnd < 0) {
                        return -1;
                    }
                    // Plain ASCII has no backslash, so (as written in CSV too) no quote: its bytes are the id's.
                    if (field == LogField.DEVICE_ID && row != null
                            && IdHash.isPlainAscii(s, strStart, strEnd - strStart)) {
                        row.deviceIdAt(strStart, strEnd - strStart, IdHash.of(s, strStart, strEnd - strStart));
                    } else if (field != null) {
                        value(field, s, strStart, strEnd, cache, quoted, out, row, leaveBytes ? from : -1);
                    }
                }
                valueEnd = strEnd + q;
            } else if (c == '{' || c == '[') {
                valueEnd = endOfComposite(s, i, n, q);
                if (valueEnd < 0) {
                    return -1;
                }
                if (field == LogField.AUTH_TYPE && c == '{') {
                    out[field.ordinal()] = reduceAuthType(text(s, i, valueEnd, quoted));
                } else if (field != null) {
                    keep(field, text(s, i, valueEnd, quoted), out, row);
                }
            } else {
                valueEnd = i;
                while (valueEnd < n) {
                    byte d = s[valueEnd];
                    if (d == ',' || d == '}' || (d >= 0 && d <= ' ') || (d == '"' && quoted)) {
                        break; // in a CSV cell, a quote in a bare value is a fault (the plain scan takes it)
                    }
                    valueEnd++;
                }
                if (valueEnd == i) {
                    return -1;
                }
                boolean isNull = valueEnd - i == 4 && s[i] == 'n' && s[i + 1] == 'u' && s[i + 2] == 'l' && s[i + 3] == 'l';
                if (field != null && !isNull) {
                    value(field, s, i, valueEnd, cache, quoted, out, row, leaveBytes ? from : -1);
                }
            }
            i = skipWs(s, valueEnd, n, q);
            if (i >= n) {
                return -1;
            }
            if (s[i] == '}') {
                return i + 1;
            }
            if (s[i] != ',') {
                return -1;
            }
            i = skipWs(s, i + 1, n, q);
        }
        return -1;
    }

    /**
     * Scans properties_s where it lies in a CSV file's buffer, as written between the cell's quotes (from
     * {@code b[from]} up to at most {@code b[to - 1]}): the object's fields go to {@code row} as
     * {@link #scan(RawRow)} puts them, its deviceId's place counted from {@code from} (the cell's copy in the row
     * starts there), and the row is marked
     * scanned. The scan never reads past the cell's closing quote (a lone quote is a fault).
     *
     * @return the index just past the object, or -1 (nothing kept: the row is left for {@link #scan(RawRow)})
     *         when the text is not a well-formed object or does not end before {@code to}
     */
    int scanInCell(byte[] b, int from, int to, RawRow row) {
        int end = scanObject(b, from, to, row.props, row, true, true);
        if (end < 0) {
            row.forgetScan();
            return -1;
        }
        if (row.idStart >= 0) {
            row.idStart -= from; // from the cell's start: where its copy in the row will have it
        }
        row.scanned = true;
        row.wellFormed = true;
        return end;
    }

    /**
     * Stores the value whose raw bytes are {@code s[start, end)}: as a String, or, when scanning a CSV cell on the
     * reading thread ({@code cellStart} >= 0, where the cell starts in {@code s}) and the field is one of
     * {@link RawRow#LEFT_AS_BYTES}, as its place in the cell, for the assembling thread to make the String
     * ({@link RawRow#prop}). Why: the reading thread is the one the assembling thread waits for, and these Strings
     * (protocol, address, status: new on nearly every row) were a twentieth of its time.
     */
    private static void value(LogField field, byte[] s, int start, int end, ValueCache[] cache, boolean quoted,
                              String[] out, RawRow row, int cellStart) {
        int slot = cellStart >= 0 ? RawRow.bytesSlot(field) : -1;
        if (slot < 0) {
            keep(field, stringValue(field, s, start, end, cache, quoted), out, row);
            return;
        }
        out[field.ordinal()] = null;
        row.leftAsBytes[slot] = (long) (start - cellStart) << 32 | (end - cellStart);
    }

    /** The value of a field with no cache whose raw bytes are {@code s[start, end)} (see {@link RawRow#prop}). */
    static String valueOf(byte[] s, int start, int end, boolean quoted) {
        return unescape(s, start, end, quoted);
    }

    /**
     * Stores a value as a String; a deviceId stored so replaces one marked as bytes before, and any value one left
     * as bytes (the last key wins).
     */
    private static void keep(LogField field, String value, String[] out, RawRow row) {
        out[field.ordinal()] = value;
        if (row != null) {
            if (field == LogField.DEVICE_ID) {
                row.idStart = -1;
            }
            int slot = RawRow.bytesSlot(field);
            if (slot >= 0) {
                row.leftAsBytes[slot] = -1;
            }
        }
    }

    /**
     * The value of a string (raw, still escaped, in {@code s[start, end)}; quotes doubled when {@code quoted}),
     * through the field's cache if any.
     */
    private static String stringValue(LogField field, byte[] s, int start, int end, ValueCache[] caches,
                                      boolean quoted) {
        ValueCache cache = caches[field.ordinal()];
        if (cache == null) {
            return unescape(s, start, end, quoted);
        }
        String cached = cache.get(s, start, end);
        if (cached != null) {
            return cached;
        }
        String value = unescape(s, start, end, quoted);
        if (field == LogField.AUTH_TYPE) {
            value = reduceAuthType(value);
        }
        cache.put(s, start, end, value);
        return value;
    }


    /**
     * Reduces an authType value to {@code "scope/type"}: {@code {"scope":"device","type":"sas",...}} gives
     * {@code "device/sas"}; only one of them gives that one; null or empty gives ""; text that is not a JSON
     * object is kept as it is.
     */
    static String reduceAuthType(String value) {
        if (value == null) {
            return "";
        }
        String v = value.strip();
        if (v.isEmpty() || v.equals("null")) {
            return "";
        }
        if (v.charAt(0) != '{') {
            return v;
        }
        byte[] s = v.getBytes(StandardCharsets.UTF_8);
        String scope = null;
        String type = null;
        int n = s.length;
        int i = skipWs(s, 1, n);
        while (i < n && s[i] == '"') {
            int keyEnd = endOfString(s, i + 1, n, 1);
            if (keyEnd < 0) {
                break;
            }
            boolean isScope = keyEnd - i - 1 == 5 && isIgnoreCase(s, i + 1, SCOPE);
            boolean isType = keyEnd - i - 1 == 4 && isIgnoreCase(s, i + 1, TYPE);
            i = skipWs(s, keyEnd + 1, n);
            if (i >= n || s[i] != ':') {
                break;
            }
            i = skipWs(s, i + 1, n);
            if (i >= n) {
                break;
            }
            int valueEnd;
            if (s[i] == '"') {
                int strEnd = endOfString(s, i + 1, n, 1);
                if (strEnd < 0) {
                    break;
                }
                if (isScope) {
                    scope = unescape(s, i + 1, strEnd, false);
                } else if (isType) {
                    type = unescape(s, i + 1, strEnd, false);
                }
                valueEnd = strEnd + 1;
            } else if (s[i] == '{' || s[i] == '[') {
                valueEnd = endOfComposite(s, i, n, 1);
                if (valueEnd < 0) {
                    break;
                }
            } else {
                valueEnd = i;
                while (valueEnd < n && s[valueEnd] != ',' && s[valueEnd] != '}') {
                    valueEnd++;
                }
            }
            i = skipWs(s, valueEnd, n);
            if (i < n && s[i] == ',') {
                i = skipWs(s, i + 1, n);
            } else {
                break;
            }
        }
        boolean hasScope = scope != null && !scope.isEmpty();
        boolean hasType = type != null && !type.isEmpty();
        if (hasScope && hasType) {
            return scope + "/" + type;
        }
        return hasScope ? scope : hasType ? type : "";
    }

    private static final long NEWLINES = Swar.repeat('\n');
    private static final byte[] DEVICE_ID = ascii("deviceId");
    private static final byte[] PROTOCOL = ascii("protocol");
    private static final byte[] AUTH_TYPE = ascii("authType");
    private static final byte[] SDK_VERSION = ascii("sdkVersion");
    private static final byte[] STATUS_CODE = ascii("statusCode");
    private static final byte[] ERROR_MESSAGE = ascii("errorMessage");
    private static final byte[] MASKED_IP = ascii("maskedIpAddress");
    private static final byte[] SCOPE = ascii("scope");
    private static final byte[] TYPE = ascii("type");

    private static byte[] ascii(String key) {
        return key.getBytes(StandardCharsets.US_ASCII);
    }

    /** The field of a key; exact spelling first (what the service writes), then ignoring case. */
    private static LogField keyField(byte[] s, int start, int len) {
        return switch (len) {
            case 8 -> is(s, start, DEVICE_ID) ? LogField.DEVICE_ID
                    : is(s, start, PROTOCOL) ? LogField.PROTOCOL
                    : is(s, start, AUTH_TYPE) ? LogField.AUTH_TYPE
                    : isIgnoreCase(s, start, DEVICE_ID) ? LogField.DEVICE_ID
                    : isIgnoreCase(s, start, PROTOCOL) ? LogField.PROTOCOL
                    : isIgnoreCase(s, start, AUTH_TYPE) ? LogField.AUTH_TYPE : null;
            case 10 -> is(s, start, SDK_VERSION) ? LogField.SDK_VERSION
                    : is(s, start, STATUS_CODE) ? LogField.STATUS_CODE
                    : isIgnoreCase(s, start, SDK_VERSION) ? LogField.SDK_VERSION
                    : isIgnoreCase(s, start, STATUS_CODE) ? LogField.STATUS_CODE : null;
            case 12 -> is(s, start, ERROR_MESSAGE) || isIgnoreCase(s, start, ERROR_MESSAGE) ? LogField.ERROR_MESSAGE
                    : null;
            case 15 -> is(s, start, MASKED_IP) || isIgnoreCase(s, start, MASKED_IP) ? LogField.MASKED_IP : null;
            default -> null;
        };
    }

    private static boolean is(byte[] s, int start, byte[] key) {
        for (int k = 0; k < key.length; k++) {
            if (s[start + k] != key[k]) {
                return false;
            }
        }
        return true;
    }

    /** ASCII letters compared without case (the keys are ASCII; a byte of a multi-byte character never matches). */
    private static boolean isIgnoreCase(byte[] s, int start, byte[] key) {
        for (int k = 0; k < key.length; k++) {
            if ((s[start + k] | 0x20) != (key[k] | 0x20)) {
                return false;
            }
        }
        return true;
    }

    /**
     * As {@link #skipWs(byte[], int, int)}; with quotes {@code q} = 2 bytes wide (a CSV cell as written) it stops at
     * a line break, which the scan then takes as a fault: the CSV scanner counts the file's lines, and it does not
     * count them in text the scan has read (the plain scan of the cell's copy takes such a text).
     */
    private static int skipWs(byte[] s, int i, int n, int q) {
        while (i < n && s[i] >= 0 && s[i] <= ' ' && (q == 1 || s[i] != '\n')) {
            i++;
        }
        return i;
    }

    private static int skipWs(byte[] s, int i, int n) {
        return skipWs(s, i, n, 1);
    }

    /**
     * Whether a quote of the JSON text starts at {@code i}: {@code "}, or {@code ""} when quotes are {@code q} = 2
     * bytes wide (a lone one cannot occur in a CSV cell's text as written; taken as a fault).
     */
    private static boolean isQuote(byte[] s, int i, int n, int q) {
        return s[i] == '"' && (q == 1 || (i + 1 < n && s[i + 1] == '"'));
    }

    /**
     * Index of the closing quote of a string whose content starts at {@code i} (its first byte when quotes are
     * {@code q} bytes wide), or -1. Eight bytes at a time up to the first quote or backslash (SDK versions and
     * messages run 50 to 100 bytes without either); an escape skips the character after it, a whole quote.
     */
    private static int endOfString(byte[] s, int i, int n, int q) {
        long stop = q == 2 ? NEWLINES : Swar.QUOTES; // plain text: the quote again, no extra stop
        while (true) {
            while (i + 8 <= n) {
                long x = (long) Swar.LONGS.get(s, i);
                long hit = Swar.zeroBytes(x ^ Swar.QUOTES) | Swar.zeroBytes(x ^ Swar.BACKSLASHES)
                        | Swar.zeroBytes(x ^ stop);
                if (hit != 0) {
                    i += Swar.firstByte(hit);
                    break;
                }
                i += 8;
            }
            while (i < n) {
                byte c = s[i];
                if (c == '"') {
                    return isQuote(s, i, n, q) ? i : -1;
                }
                if (c == '\n' && q == 2) {
                    return -1; // a line break in a CSV cell: see skipWs
                }
                if (c == '\\') {
                    break;
                }
                i++;
            }
            if (i >= n) {
                return -1;
            }
            if (i + 1 < n && s[i + 1] == '"') {
                if (q == 2 && (i + 2 >= n || s[i + 2] != '"')) {
                    return -1; // the cell's closing quote: the text ends inside an escape
                }
                i += 1 + q; // the backslash and a whole quote
            } else {
                i += 2; // the backslash and the byte it escapes
            }
        }
    }

    /** Index just past the object or array that opens at {@code i} (quotes {@code q} bytes wide), or -1. */
    private static int endOfComposite(byte[] s, int i, int n, int q) {
        int depth = 0;
        while (i < n) {
            byte c = s[i];
            if (c == '\n' && q == 2) {
                return -1; // see skipWs
            }
            if (c == '"') {
                int e = isQuote(s, i, n, q) ? endOfString(s, i + q, n, q) : -1;
                if (e < 0) {
                    return -1;
                }
                i = e + q;
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return -1;
    }

    /** The text {@code s[from, to)}, its doubled quotes made one when {@code quoted}. */
    private static String text(byte[] s, int from, int to, boolean quoted) {
        String raw = new String(s, from, to - from, StandardCharsets.UTF_8);
        return quoted && raw.indexOf('"') >= 0 ? raw.replace("\"\"", "\"") : raw;
    }

    /**
     * The value of the JSON string whose raw (escaped) UTF-8 bytes are {@code s[start, end)}, written with its
     * quotes doubled when {@code quoted}.
     */
    private static String unescape(byte[] s, int start, int end, boolean quoted) {
        String raw = new String(s, start, end - start, StandardCharsets.UTF_8);
        int backslash = raw.indexOf('\\');
        if (backslash < 0) {
            return raw; // as written in CSV too: a quote in a string follows a backslash
        }
        if (quoted) {
            raw = raw.replace("\"\"", "\"");
            backslash = raw.indexOf('\\');
        }
        int n = raw.length();
        StringBuilder b = new StringBuilder(n);
        b.append(raw, 0, backslash);
        int i = backslash;
        while (i < n) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                b.append(c);
                i++;
                continue;
            }
            char e = raw.charAt(i + 1);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 6 <= n) {
                        int code = 0;
                        for (int k = i + 2; k < i + 6 && code >= 0; k++) {
                            int d = Character.digit(raw.charAt(k), 16);
                            code = d < 0 ? -1 : code * 16 + d;
                        }
                        if (code >= 0) {
                            b.append((char) code);
                        } else {
                            b.append(raw, i, i + 6);
                        }
                        i += 4;
                    } else {
                        b.append(raw, i, n);
                        i = n - 2;
                    }
                }
                default -> b.append(e); // \" \\ \/ and anything unknown
            }
            i += 2;
        }
        return b.toString();
    }
}
