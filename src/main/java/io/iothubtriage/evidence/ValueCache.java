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

    void put(byte[] s, int start, int end, String value) {
        if (end - start > MAX_KEY) {
            return;
        }
        keys[next] = Arrays.copyOfRange(s, start, end);
        values[next] = value;
        next = (next + 1) % SLOTS;
    }
}
