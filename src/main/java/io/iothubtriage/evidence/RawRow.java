package io.iothubtriage.evidence;

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
    /** properties_s text, copied out of the reader's buffer (which is reused for the next value). */
    char[] properties = new char[512];
    /** Characters of {@link #properties} in use; -1 when the row has no properties_s. */
    int propertiesLength = -1;

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
    }

    void properties(char[] text, int offset, int length) {
        if (length > properties.length) {
            properties = new char[Math.max(length, properties.length * 2)];
        }
        System.arraycopy(text, offset, properties, 0, length);
        propertiesLength = length;
    }

    void properties(String text) {
        int length = text.length();
        if (length > properties.length) {
            properties = new char[Math.max(length, properties.length * 2)];
        }
        text.getChars(0, length, properties, 0);
        propertiesLength = length;
    }

    /** Where the row ends, in words: "line 12" or "line 1, column 4803". */
    String position() {
        return locator == null ? "unknown position" : locator.describe(mark);
    }
}
