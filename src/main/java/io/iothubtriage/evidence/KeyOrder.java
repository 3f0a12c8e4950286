package io.iothubtriage.evidence;

import java.util.Arrays;

/**
 * The order in which the keys of earlier {@code properties_s} objects came, for the scanner to expect the next key
 * where it was before ({@link PropertiesScanner}). Nearly every row of an export writes the same keys in the same
 * order (a connect's {@code deviceId, sdkVersion, protocol, ...}, an error's {@code deviceId, protocol, ...}), so
 * the key after {@code deviceId} is almost always one of the few met there before. Checking that the bytes at the
 * scan's position are that key as written, its quotes and the colon after it included, is two or three 8-byte
 * compares; finding a key's end and telling which key it is was, per key, a search and a switch.
 *
 * <p>A key is recognised only by the same bytes a full scan read before (the opening quote up to the colon), so
 * the scan goes on exactly as the full scan would from there: any other text (another key, a key renamed, one key
 * more or less, a space before the colon, a cut text) falls back to the full scan of that key, which then teaches
 * the order. One per scanner (not thread-safe); at most {@link #MAX_KEYS} distinct keys are learnt.
 */
final class KeyOrder {

    /** Distinct keys learnt; later ones are scanned in full each time (an export has about a dozen). */
    static final int MAX_KEYS = 64;

    /** A key as written, from its opening quote to the colon after it, and what follows it in the rows before. */
    static final class Key {
        /** The bytes, e.g. {@code "deviceId":} (or with every quote doubled, as a CSV cell holds it). */
        final byte[] written;
        /** The field the key names; null for a key the scanner does not keep. */
        final LogField field;
        /**
         * The last three different keys that followed this one, the latest first; or null. Three: after
         * {@code deviceId} a portal export writes {@code sdkVersion} (connects), {@code protocol} (other
         * Connections rows) or {@code endpointName} (Routes rows).
         */
        Key next;
        Key second;
        Key third;

        Key(byte[] written, LogField field) {
            this.written = written;
            this.field = field;
        }

        /** Whether {@code s[i, n)} starts with this key as written. */
        boolean at(byte[] s, int i, int n) {
            byte[] w = written;
            int len = w.length;
            if (len > n - i) {
                return false;
            }
            if (len < 8) {
                return Arrays.equals(w, 0, len, s, i, i + len);
            }
            int k = 0;
            for (; k + 8 < len; k += 8) {
                if ((long) Swar.LONGS.get(s, i + k) != (long) Swar.LONGS.get(w, k)) {
                    return false;
                }
            }
            return (long) Swar.LONGS.get(s, i + len - 8) == (long) Swar.LONGS.get(w, len - 8);
        }
    }

    /** Before an object's first key: what came first last time. */
    private final Key plainStart = new Key(new byte[0], null);
    private final Key quotedStart = new Key(new byte[0], null);
    /** After a key that was not learnt: nothing is expected (never taught). */
    static final Key UNKNOWN = new Key(new byte[0], null);
    private final Key[] keys = new Key[MAX_KEYS];
    private int size;

    /** Where an object's keys start: the plain text's or a CSV cell's (quotes doubled), which differ in bytes. */
    Key start(boolean quoted) {
        return quoted ? quotedStart : plainStart;
    }

    /**
     * The key that a full scan found after {@code before}, written {@code s[from, colon]} with the colon last (no
     * space before it) and naming {@code field}: it is now the one expected after {@code before}.
     *
     * @return the key, to be the {@code before} of the next one; {@link #UNKNOWN} when it cannot be learnt (a space
     *         before the colon, too many distinct keys)
     */
    Key learn(Key before, byte[] s, int from, int colon, LogField field, boolean spaced) {
        Key key = spaced ? UNKNOWN : find(s, from, colon + 1, field);
        if (before != UNKNOWN && key != UNKNOWN && before.next != key) {
            if (before.second != key) {
                before.third = before.second;
            }
            before.second = before.next;
            before.next = key;
        }
        return key;
    }

    private Key find(byte[] s, int from, int to, LogField field) {
        int len = to - from;
        for (int k = 0; k < size; k++) {
            byte[] w = keys[k].written;
            if (w.length == len && Arrays.equals(w, 0, len, s, from, to)) {
                return keys[k];
            }
        }
        if (size == MAX_KEYS) {
            return UNKNOWN;
        }
        Key key = new Key(Arrays.copyOfRange(s, from, to), field);
        keys[size++] = key;
        return key;
    }
}
