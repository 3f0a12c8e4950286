package io.iothubtriage.evidence;

/**
 * The contract's identity of a row as a 64-bit fingerprint (for {@link RowFingerprints}): TimeGenerated,
 * OperationName, ResultType and properties_s, the latter as the fields read from it (so the same row exported as
 * CSV, as JSON text or as a records object, or read live, matches). Times compare to the millisecond, the precision
 * every export format keeps. One per intake, fed from one thread.
 *
 * <p>Each field is hashed on its own ({@link #mix} from a zero state, the device id from its bytes
 * when it came as bytes, to the same value) and the hashes are added, each times an odd constant of its own. Why
 * not one chain through every character, as before: a row's values are about 300 characters, and a chain of 75
 * multiplications, each waiting for the one before, was most of what a row's fingerprint cost. Separate hashes let
 * the processor work on all fields at once, and a field's hash depends on its value alone, so the long values that
 * repeat from row to row (authType, sdkVersion, errorMessage, about 200 of the 300 characters: the readers hand
 * them over as one String per distinct value) are hashed once and remembered by identity ({@link #valueHash}).
 *
 * <p>Still every field counts: two rows that differ in one field differ in that field's hash (a bijective chain,
 * its length folded in), and times an odd constant the difference stays a difference; two rows that differ in
 * several fields meet with probability about 2⁻⁶⁴.
 */
final class RowHasher {

    /** The multiplier of {@link #mix}: odd (so a step is a bijection), bits spread (the golden ratio's). */
    private static final long STEP = 0x9E3779B97F4A7C15L;
    /** Values shorter than this are hashed each time: as cheap as looking them up. */
    static final int REMEMBERED_LENGTH = 16;
    /** Slots of the remembered values, two entries each (the two threads of a big read have a String each). */
    private static final int SLOTS = 64;
    private static final int SLOT_SHIFT = 32 - Integer.numberOfTrailingZeros(SLOTS);

    /** One odd multiplier per field, bits spread (from splitmix64, murmur3, wyhash and the golden ratio). */
    private static final long TIME = 0xff51afd7ed558ccdL;
    private static final long OPERATION = 0xc4ceb9fe1a85ec53L;
    private static final long RESULT_TYPE = 0x9E3779B97F4A7C15L;
    private static final long DEVICE = 0xD6E8FEB86659FD93L;
    private static final long PROTOCOL = 0xA0761D6478BD642FL;
    private static final long AUTH_TYPE = 0xE7037ED1A0B428DBL;
    private static final long ADDRESS = 0x8EBC6AF09C88C6E3L;
    private static final long SDK_VERSION = 0x589965CC75374CC3L;
    private static final long STATUS_CODE = 0x1D8E4E27C47D124FL;
    private static final long ERROR_MESSAGE = 0xBF58476D1CE4E5B9L;

    private final String[] values = new String[2 * SLOTS];
    private final long[] hashes = new long[2 * SLOTS];

    long fingerprint(RowFields r) {
        long h = r.time.toEpochMilli() * TIME
                + valueHash(r.operationName) * OPERATION
                + valueHash(r.resultType) * RESULT_TYPE
                + r.mixId(0) * DEVICE
                + valueHash(r.protocol) * PROTOCOL
                + valueHash(r.authType) * AUTH_TYPE
                + valueHash(r.maskedIpAddress) * ADDRESS
                + valueHash(r.sdkVersion) * SDK_VERSION
                + valueHash(r.statusCode) * STATUS_CODE
                + valueHash(r.errorMessage) * ERROR_MESSAGE;
        return finish(h);
    }

    /**
     * {@link #mix}{@code (0, s)}: a long value is looked up by identity among the values hashed
     * before. The slot comes from the length and a middle character, not {@code hashCode()}, which a value made
     * afresh for each row (a records export's) would compute over every character first; such a value just misses.
     */
    long valueHash(String s) {
        int n = s.length();
        if (n < REMEMBERED_LENGTH) {
            return mix(0, s);
        }
        int i = ((n * 0x9E3779B9 + s.charAt(n >>> 1) * 0x85EBCA6B) >>> SLOT_SHIFT) << 1;
        if (values[i] == s) {
            return hashes[i];
        }
        if (values[i + 1] == s) {
            return hashes[i + 1];
        }
        return remember(s, i);
    }

    private long remember(String s, int i) {
        long h = mix(0, s);
        values[i + 1] = values[i];
        hashes[i + 1] = hashes[i];
        values[i] = s;
        hashes[i] = h;
        return h;
    }

    /**
     * Folds one more value into a fingerprint being built (raw rows: see RowAssembler); from a zero state, the hash
     * of a value on its own (see {@link #fingerprint}).
     */
    static long mix(long h, String s) {
        if (s == null) {
            return h * 31 + 7;
        }
        // Four characters per step, each step a bijection of the state ((x ^ w) * odd, rotated): two values of the
        // same length that differ in one step never meet, and a row costs a quarter of the multiplications of a
        // character at a time (a chain of multiplications is what this costs). Fields are separated by the length.
        int n = s.length();
        long x = h * STEP + n;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long w = s.charAt(i) | (long) s.charAt(i + 1) << 16 | (long) s.charAt(i + 2) << 32
                    | (long) s.charAt(i + 3) << 48;
            x = Long.rotateLeft((x ^ w) * STEP, 31);
        }
        for (; i < n; i++) {
            x = Long.rotateLeft((x ^ s.charAt(i)) * STEP, 31);
        }
        return x;
    }

    /**
     * {@link #mix(long, String)} of the String whose ASCII characters are {@code b[start, start + length)}, without
     * the String: each byte is a character, four to a step as there.
     */
    static long mixAscii(long h, byte[] b, int start, int length) {
        long x = h * STEP + length;
        int i = start;
        int end = start + length;
        for (; i + 4 <= end; i += 4) {
            long w = b[i] | (long) b[i + 1] << 16 | (long) b[i + 2] << 32 | (long) b[i + 3] << 48;
            x = Long.rotateLeft((x ^ w) * STEP, 31);
        }
        for (; i < end; i++) {
            x = Long.rotateLeft((x ^ b[i]) * STEP, 31);
        }
        return x;
    }

    /** Folds raw bytes into a fingerprint being built, eight at a time (the properties_s text of a raw row). */
    static long mix(long h, byte[] b, int length) {
        long x = h * STEP + length;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            x = Long.rotateLeft((x ^ (long) Swar.LONGS.get(b, i)) * STEP, 31);
        }
        for (; i < length; i++) {
            x = Long.rotateLeft((x ^ (b[i] & 0xff)) * STEP, 31);
        }
        return x;
    }

    static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}
