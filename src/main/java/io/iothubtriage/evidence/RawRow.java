package io.iothubtriage.evidence;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The values a format reader collected for one row, before they become a {@link ConnectionLogRow}: column values,
 * {@code properties_s} fields that arrived as a JSON object, the {@code properties_s} text itself (still JSON), and
 * what a message about the row needs (its number, where it ends in the file, the time column's name and zone). A
 * reader fills one through {@link RowCollector}; {@link RowAssembler} turns it into a row. Reused: one object
 * serves many rows.
 */
final class RawRow {

    final String[] cols = new String[LogField.COUNT];
    final String[] props = new String[LogField.COUNT];
    /**
     * properties_s text as UTF-8 bytes, copied out of the reader's buffer (which is reused for the next value): the
     * CSV reader hands over the file's bytes as they are, the JSON readers' characters are encoded (ASCII in
     * practice, one byte per character).
     */
    byte[] properties = new byte[512];
    /** Bytes of {@link #properties} in use; -1 when the row has no properties_s. */
    int propertiesLength = -1;
    /**
     * {@link #properties} is a CSV cell's quoted text as written: every quote in it doubled (and only there: a lone
     * quote would have ended the cell). The scanner reads it so; {@link #unquote()} makes it the text itself.
     */
    boolean quoted;
    /** properties_s was scanned into {@link #props} by the reader, where it met the cell (see CsvLogReader). */
    boolean scanned;
    /** When {@link #scanned}: whether the text was a well-formed JSON object. */
    boolean wellFormed;
    /**
     * Where the scan found properties_s's deviceId as plain ASCII (see {@link IdHash#isPlainAscii}): its bytes are
     * {@code properties[idStart, idStart + idLength)}, its {@link IdHash} {@link #idHash}, and {@link #props} has no
     * String of it. -1 when it was not found so (then {@link #props} has it, if the text has one).
     */
    int idStart = -1;
    int idLength;
    int idHash;
    /** A state looked up by that hash ahead of the row ({@link RowAssembler#findDevices}), or null. */
    DeviceState device;

    /**
     * Values the reading thread's scan left as bytes (see {@link PropertiesScanner#scanInCell}): for the fields of
     * {@link #LEFT_AS_BYTES}, where the raw value lies in {@link #properties} ({@code start << 32 | end}), or -1;
     * {@link #props} has no String of them. {@link #prop} makes the String on the assembling thread.
     */
    final long[] leftAsBytes;
    /**
     * The fields a scan may leave as bytes: short values with no cache (a new String on nearly every row). Their
     * slots in {@link #leftAsBytes} are their places here ({@link #bytesSlot} says the same).
     */
    static final LogField[] LEFT_AS_BYTES = {LogField.PROTOCOL, LogField.MASKED_IP, LogField.STATUS_CODE};

    RawRow() {
        leftAsBytes = new long[LEFT_AS_BYTES.length];
        Arrays.fill(leftAsBytes, -1);
    }

    /** 1-based row number in the file, rows of other categories included. */
    long number;
    /** Where the row ends, as the reader's {@link RowCollector.Locator} marks it. */
    long mark;
    RowCollector.Locator locator;
    /** The time column as the file names it, and how zone-less times in it are read (see RowCollector). */
    String timeName;
    int defaultOffsetSeconds;
    String timeZoneLabel;

    void reset() {
        Arrays.fill(cols, null);
        Arrays.fill(props, null);
        propertiesLength = -1;
        quoted = false;
        scanned = false;
        idStart = -1;
        device = null;
        forgetBytes();
    }

    /** Drops the values left as bytes (see {@link #leftAsBytes}). */
    void forgetBytes() {
        Arrays.fill(leftAsBytes, -1);
    }

    /** Drops what a scan of properties_s put in the row (its values, kept or left as bytes, and the id's place). */
    void forgetScan() {
        Arrays.fill(props, null);
        forgetBytes();
        idStart = -1;
        scanned = false;
    }

    /** The slot of {@code field} in {@link #leftAsBytes}, or -1 when the field is never left as bytes. */
    static int bytesSlot(LogField field) {
        return switch (field) {
            case PROTOCOL -> 0;
            case MASKED_IP -> 1;
            case STATUS_CODE -> 2;
            default -> -1;
        };
    }

    /** The properties_s value of {@code field} as a String (made now if the scan left it as bytes), or null. */
    String prop(LogField field) {
        int slot = bytesSlot(field);
        if (slot >= 0 && leftAsBytes[slot] >= 0) {
            long at = leftAsBytes[slot];
            return PropertiesScanner.valueOf(properties, (int) (at >>> 32), (int) at, quoted);
        }
        return props[field.ordinal()];
    }

    /** properties_s's deviceId is {@code properties[start, start + length)}, plain ASCII, of hash {@code hash}. */
    void deviceIdAt(int start, int length, int hash) {
        idStart = start;
        idLength = length;
        idHash = hash;
        device = null;
        props[LogField.DEVICE_ID.ordinal()] = null;
    }

    /**
     * Makes {@link #properties} the text itself when it is {@link #quoted}: each doubled quote one, in place. Where
     * the scan marked the deviceId's bytes is then no longer known (the caller wants the text, not the id).
     */
    void unquote() {
        if (!quoted) {
            return;
        }
        for (LogField f : LEFT_AS_BYTES) { // their places are in the text as written: made Strings first
            props[f.ordinal()] = prop(f);
        }
        forgetBytes();
        byte[] p = properties;
        int n = 0;
        for (int i = 0; i < propertiesLength; i++) {
            p[n++] = p[i];
            if (p[i] == '"') {
                i++;
            }
        }
        propertiesLength = n;
        quoted = false;
        idStart = -1;
        device = null;
    }

    void properties(byte[] utf8, int offset, int length) {
        room(length);
        System.arraycopy(utf8, offset, properties, 0, length);
        propertiesLength = length;
    }

    void properties(char[] text, int offset, int length) {
        room(length);
        byte[] out = properties;
        for (int i = 0; i < length; i++) {
            char c = text[offset + i];
            if (c >= 0x80) {
                properties(new String(text, offset, length));
                return;
            }
            out[i] = (byte) c;
        }
        propertiesLength = length;
    }

    void properties(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        properties(utf8, 0, utf8.length);
    }

    private void room(int length) {
        if (length > properties.length) {
            properties = new byte[Math.max(length, properties.length * 2)];
        }
    }

    /** Where the row ends, in words: "line 12" or "line 1, column 4803". */
    String position() {
        return locator == null ? "unknown position" : locator.describe(mark);
    }
}
