package io.iothubtriage.evidence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time ("SIMD within a register"), for the scanners of the hot reading path: a byte
 * equal to {@code b} makes {@code x ^ repeat(b)} have a zero byte, found by {@link #zeroBytes}; the lowest byte it
 * flags is exact (a false flag can only sit above a true one), which is the one a search wants.
 */
final class Swar {

    /** Eight bytes of an array as one little-endian long (the first byte lowest): get(array, index), set(...). */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    /** The high bit of each byte: a word has a byte above 127 (not ASCII) when {@code (x & HIGHS) != 0}. */
    static final long HIGHS = 0x8080808080808080L;
    /** {@link #repeat} of the bytes the scanners look for in JSON and CSV text. */
    static final long QUOTES = repeat('"');
    static final long BACKSLASHES = repeat('\\');

    private Swar() {
    }

    /** The ASCII character {@code c} in each of the eight bytes. */
    static long repeat(char c) {
        return c * ONES;
    }

    /** The high bit of each zero byte of {@code y} set (and perhaps of bytes above the lowest zero byte). */
    static long zeroBytes(long y) {
        return (y - ONES) & ~y & HIGHS;
    }

    /** The index within the word (0 to 7) of the lowest flagged byte of a non-zero {@link #zeroBytes} result. */
    static int firstByte(long flags) {
        return Long.numberOfTrailingZeros(flags) >>> 3;
    }
}
