package io.iothubtriage.evidence;

/**
 * A device id's hash as {@link String#hashCode()} gives it, computed from the id's bytes as the {@code properties_s}
 * scanner found them (the CSV path makes no String of the id): the device table's key for both hand-overs, so an id
 * that comes as a String (the other paths, the simulation) keeps the hash its String caches, and one that comes as
 * bytes gets the same value without a String.
 */
final class IdHash {

    private IdHash() {
    }

    /**
     * {@code new String(b, start, length, US_ASCII).hashCode()} for ASCII bytes, four bytes per step (31⁴h + 31³b₀ +
     * 31²b₁ + 31b₂ + b₃: the multiplications of a step are independent, so the chain is one per four bytes).
     */
    static int of(byte[] b, int start, int length) {
        int h = 0;
        int i = start;
        int end = start + length;
        for (; i + 4 <= end; i += 4) {
            h = 923521 * h + 29791 * b[i] + 961 * b[i + 1] + 31 * b[i + 2] + b[i + 3];
        }
        for (; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    /**
     * Whether {@code b[start, start + length)}, the raw text of a JSON string, is the id itself: ASCII (so its bytes
     * are its characters, and its Latin-1 bytes as a device's state keeps them) and without a backslash (nothing
     * to unescape).
     */
    static boolean isPlainAscii(byte[] b, int start, int length) {
        int end = start + length;
        int i = start;
        long bad = 0;
        for (; i + 8 <= end; i += 8) {
            long w = (long) Swar.LONGS.get(b, i);
            bad |= (w & Swar.HIGHS) | Swar.zeroBytes(w ^ Swar.BACKSLASHES);
        }
        for (; i < end; i++) {
            bad |= b[i] < 0 || b[i] == '\\' ? 1 : 0;
        }
        return bad == 0;
    }
}
