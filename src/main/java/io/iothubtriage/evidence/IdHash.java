package io.iothubtriage.evidence;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit hash of a device id, computed over the id's UTF-8 bytes: the same whether it comes from the bytes the
 * {@code properties_s} scanner found (the CSV path, no String made) or from a String (the other paths). It is the
 * device table's key and the id's part of a row's fingerprint, so a row's id is read once for both.
 *
 * <p>Eight bytes per step, each step a bijection of the state ({@code (x ^ w) * odd}, rotated, as in
 * {@link RowFingerprints#mix(long, String)}), the length folded in first, the result finished by a 64-bit mixer:
 * ids of a fleet often differ only in their last characters, and every bit of the hash depends on them.
 */
final class IdHash {

    private static final long STEP = 0x9E3779B97F4A7C15L;
    private static final long SEED = 0x2545F4914F6CDD1DL;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long BACKSLASHES = Swar.repeat('\\');

    private IdHash() {
    }

    /** The hash of the id whose UTF-8 bytes are {@code b[start, start + length)}. */
    static long of(byte[] b, int start, int length) {
        long x = SEED + length * STEP;
        int i = start;
        int end = start + length;
        for (; i + 8 <= end; i += 8) {
            x = step(x, (long) Swar.LONGS.get(b, i));
        }
        int rest = end - i;
        if (rest > 0) {
            // the last 1 to 7 bytes as the low bytes of a word, the rest zero; read as one word ending at the id's
            // end when the array has the room before it (it always has inside properties_s)
            long w;
            if (end >= 8) {
                w = (long) Swar.LONGS.get(b, end - 8) >>> (8 * (8 - rest));
            } else {
                w = 0;
                for (int k = end - 1; k >= i; k--) {
                    w = w << 8 | (b[k] & 0xff);
                }
            }
            x = step(x, w);
        }
        return RowFingerprints.finish(x);
    }

    /** The hash of {@code id}: equal to {@link #of(byte[], int, int)} over its UTF-8 bytes. */
    static long of(String id) {
        int n = id.length();
        long x = SEED + n * STEP;
        long w = 0;
        int inWord = 0;
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = id.getBytes(StandardCharsets.UTF_8); // not an ASCII id: rare, and never per row of a fleet
                return of(utf8, 0, utf8.length);
            }
            w |= (long) c << (8 * inWord);
            if (++inWord == 8) {
                x = step(x, w);
                w = 0;
                inWord = 0;
            }
        }
        if (inWord > 0) {
            x = step(x, w);
        }
        return RowFingerprints.finish(x);
    }

    /**
     * Whether {@code b[start, start + length)}, the raw text of a JSON string, is the id itself: ASCII (so its bytes
     * are its Latin-1 bytes as well, as a device's state keeps them) and without a backslash (nothing to unescape).
     */
    static boolean isPlainAscii(byte[] b, int start, int length) {
        int end = start + length;
        int i = start;
        long bad = 0;
        for (; i + 8 <= end; i += 8) {
            long w = (long) Swar.LONGS.get(b, i);
            bad |= (w & HIGHS) | Swar.zeroBytes(w ^ BACKSLASHES);
        }
        for (; i < end; i++) {
            bad |= b[i] < 0 || b[i] == '\\' ? 1 : 0;
        }
        return bad == 0;
    }

    private static long step(long x, long w) {
        return Long.rotateLeft((x ^ w) * STEP, 31);
    }
}
