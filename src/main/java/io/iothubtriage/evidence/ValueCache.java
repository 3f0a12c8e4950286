package io.iothubtriage.evidence;

import java.util.Arrays;

/**
 * Recent (raw text, value) pairs of one long, low-cardinality properties_s field. Connections rows repeat a
 * handful of auth types, SDK versions and messages: a lookup compares lengths, then the raw UTF-8 bytes with the
 * vectorised {@link Arrays#equals(byte[], int, int, byte[], int, int)}, and rows share one String per distinct value
 * instead of unescaping (and, for authType, reducing) the same text on every row. A miss
 * replaces the oldest entry, so a field with many distinct values only loses a few comparisons. No hashing: a hash
 * over long values such as the authType JSON costs more than the comparisons it would save.
 */
final class ValueCache {
    private static final int SLOTS = 8;
    private static final int MAX_KEY = 512;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private int next;
    /** The slot {@link #startingAt} found last. */
    private int last;

    /** The value stored for the raw text {@code s[start, end)}, or null. */
    String get(byte[] s, int start, int end) {
        int len = end - start;
        for (int k = 0; k < SLOTS; k++) {
            byte[] key = keys[k];
            if (key == null) {
                return null;
            }
            if (key.length == len && Arrays.equals(key, 0, len, s, start, end)) {
                return values[k];
            }
        }
        return null;
    }

    /**
     * The value stored for a raw text that starts at {@code s[start]} and ends where the JSON string does: a key
     * equal to the bytes there and followed by a quote ({@code q} bytes wide). That quote closes the string: a key is
     * a whole string's raw text, so it never ends inside an escape. The last key found is tried first (rows repeat
     * their neighbours' values); {@link #lastLength()} is its length. Null when none is there.
     */
    String startingAt(byte[] s, int start, int n, int q) {
        for (int t = 0; t < SLOTS; t++) {
            int k = (last + t) % SLOTS;
            byte[] key = keys[k];
            if (key == null) {
                continue;
            }
            int end = start + key.length;
            if (end + q <= n && s[end] == '"' && (q == 1 || s[end + 1] == '"')
                    && Arrays.equals(key, 0, key.length, s, start, end)) {
                last = k;
                return values[k];
            }
        }
        return null;
    }

    /** The length of the raw text {@link #startingAt} last recognised. */
    int lastLength() {
        return keys[last].length;
    }

    void put(byte[] s, int start, int end, String value) {
        if (end - start > MAX_KEY) {
            return;
        }
        keys[next] = Arrays.copyOfRange(s, start, end);
        values[next] = value;
        next = (next + 1) % SLOTS;
    }
}
