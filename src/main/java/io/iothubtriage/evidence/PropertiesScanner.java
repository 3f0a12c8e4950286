package io.iothubtriage.evidence;

/**
 * Pulls the fields of a Connections {@code properties_s} out of its JSON text without building a tree: a flat scan
 * that matches keys in place and only allocates the values it keeps. The text comes from the service, but it is
 * read defensively: an unknown key or a nested value is skipped, a malformed text yields what was read before the
 * fault (a row without a device id is then counted, not accepted).
 *
 * <p>{@code authType} is either JSON encoded inside the string ({@code "{\"scope\":\"device\",\"type\":\"sas\"}"}),
 * a nested object, or null; it is reduced to {@code "scope/type"} by {@link #reduceAuthType(String)}.
 */
final class PropertiesScanner {

    private PropertiesScanner() {
    }

    /**
     * Scans a JSON object text and stores the values of known keys into {@code out}, indexed by
     * {@link LogField#ordinal()}. Values absent or null are left untouched.
     *
     * @return false when the text is not a well-formed JSON object (what was found before the fault is kept)
     */
    static boolean scan(String s, String[] out) {
        int n = s.length();
        int i = skipWs(s, 0, n);
        if (i >= n || s.charAt(i) != '{') {
            return false;
        }
        i = skipWs(s, i + 1, n);
        if (i < n && s.charAt(i) == '}') {
            return true;
        }
        while (i < n) {
            if (s.charAt(i) != '"') {
                return false;
            }
            int keyStart = i + 1;
            int keyEnd = endOfString(s, keyStart, n);
            if (keyEnd < 0) {
                return false;
            }
            LogField field = keyField(s, keyStart, keyEnd - keyStart);
            i = skipWs(s, keyEnd + 1, n);
            if (i >= n || s.charAt(i) != ':') {
                return false;
            }
            i = skipWs(s, i + 1, n);
            if (i >= n) {
                return false;
            }
            char c = s.charAt(i);
            int valueEnd;
            if (c == '"') {
                int strEnd = endOfString(s, i + 1, n);
                if (strEnd < 0) {
                    return false;
                }
                if (field != null) {
                    String value = unescape(s, i + 1, strEnd);
                    out[field.ordinal()] = field == LogField.AUTH_TYPE ? reduceAuthType(value) : value;
                }
                valueEnd = strEnd + 1;
            } else if (c == '{' || c == '[') {
                valueEnd = endOfComposite(s, i, n);
                if (valueEnd < 0) {
                    return false;
                }
                if (field == LogField.AUTH_TYPE && c == '{') {
                    out[field.ordinal()] = reduceAuthType(s.substring(i, valueEnd));
                } else if (field != null) {
                    out[field.ordinal()] = s.substring(i, valueEnd);
                }
            } else {
                valueEnd = i;
                while (valueEnd < n) {
                    char d = s.charAt(valueEnd);
                    if (d == ',' || d == '}' || d <= ' ') {
                        break;
                    }
                    valueEnd++;
                }
                if (valueEnd == i) {
                    return false;
                }
                if (field != null && !s.startsWith("null", i)) {
                    out[field.ordinal()] = s.substring(i, valueEnd);
                }
            }
            i = skipWs(s, valueEnd, n);
            if (i >= n) {
                return false;
            }
            if (s.charAt(i) == '}') {
                return true;
            }
            if (s.charAt(i) != ',') {
                return false;
            }
            i = skipWs(s, i + 1, n);
        }
        return false;
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
        String scope = null;
        String type = null;
        int n = v.length();
        int i = skipWs(v, 1, n);
        while (i < n && v.charAt(i) == '"') {
            int keyEnd = endOfString(v, i + 1, n);
            if (keyEnd < 0) {
                break;
            }
            boolean isScope = keyEnd - i - 1 == 5 && v.regionMatches(true, i + 1, "scope", 0, 5);
            boolean isType = keyEnd - i - 1 == 4 && v.regionMatches(true, i + 1, "type", 0, 4);
            i = skipWs(v, keyEnd + 1, n);
            if (i >= n || v.charAt(i) != ':') {
                break;
            }
            i = skipWs(v, i + 1, n);
            if (i >= n) {
                break;
            }
            int valueEnd;
            if (v.charAt(i) == '"') {
                int strEnd = endOfString(v, i + 1, n);
                if (strEnd < 0) {
                    break;
                }
                if (isScope) {
                    scope = unescape(v, i + 1, strEnd);
                } else if (isType) {
                    type = unescape(v, i + 1, strEnd);
                }
                valueEnd = strEnd + 1;
            } else if (v.charAt(i) == '{' || v.charAt(i) == '[') {
                valueEnd = endOfComposite(v, i, n);
                if (valueEnd < 0) {
                    break;
                }
            } else {
                valueEnd = i;
                while (valueEnd < n && v.charAt(valueEnd) != ',' && v.charAt(valueEnd) != '}') {
                    valueEnd++;
                }
            }
            i = skipWs(v, valueEnd, n);
            if (i < n && v.charAt(i) == ',') {
                i = skipWs(v, i + 1, n);
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

    private static LogField keyField(String s, int start, int len) {
        return switch (len) {
            case 8 -> match(s, start, "deviceId", LogField.DEVICE_ID, "protocol", LogField.PROTOCOL, "authType",
                    LogField.AUTH_TYPE);
            case 10 -> match(s, start, "sdkVersion", LogField.SDK_VERSION, "statusCode", LogField.STATUS_CODE,
                    null, null);
            case 12 -> match(s, start, "errorMessage", LogField.ERROR_MESSAGE, null, null, null, null);
            case 15 -> match(s, start, "maskedIpAddress", LogField.MASKED_IP, null, null, null, null);
            default -> null;
        };
    }

    private static LogField match(String s, int start, String a, LogField fa, String b, LogField fb, String c,
                                  LogField fc) {
        if (s.regionMatches(true, start, a, 0, a.length())) {
            return fa;
        }
        if (b != null && s.regionMatches(true, start, b, 0, b.length())) {
            return fb;
        }
        if (c != null && s.regionMatches(true, start, c, 0, c.length())) {
            return fc;
        }
        return null;
    }

    private static int skipWs(String s, int i, int n) {
        while (i < n && s.charAt(i) <= ' ') {
            i++;
        }
        return i;
    }

    /** Index of the closing quote of a string whose content starts at {@code i}, or -1. */
    private static int endOfString(String s, int i, int n) {
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                return i;
            }
            i += c == '\\' ? 2 : 1;
        }
        return -1;
    }

    /** Index just past the object or array that opens at {@code i}, or -1. */
    private static int endOfComposite(String s, int i, int n) {
        int depth = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"') {
                int e = endOfString(s, i + 1, n);
                if (e < 0) {
                    return -1;
                }
                i = e + 1;
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

    private static String unescape(String s, int start, int end) {
        int backslash = s.indexOf('\\', start);
        if (backslash < 0 || backslash >= end) {
            return s.substring(start, end);
        }
        StringBuilder b = new StringBuilder(end - start);
        b.append(s, start, backslash);
        int i = backslash;
        while (i < end) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= end) {
                b.append(c);
                i++;
                continue;
            }
            char e = s.charAt(i + 1);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 6 <= end) {
                        try {
                            b.append((char) Integer.parseInt(s, i + 2, i + 6, 16));
                        } catch (NumberFormatException ex) {
                            b.append(s, i, i + 6);
                        }
                        i += 4;
                    } else {
                        b.append(s, i, end);
                        i = end - 2;
                    }
                }
                default -> b.append(e); // \" \\ \/ and anything unknown
            }
            i += 2;
        }
        return b.toString();
    }
}
