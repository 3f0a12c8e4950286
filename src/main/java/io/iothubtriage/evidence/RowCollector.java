package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * What a format reader fills, one row at a time: {@link #reset()}, values, {@link #finish()}. Finished rows go
 * downstream, either straight to a {@link RowAssembler} on the same thread or, for big files, in batches to the
 * thread that assembles them ({@link RowPipeline}); the reader does not know which.
 */
final class RowCollector {

    /** Says where the reader is, cheaply enough to ask for every row, and puts it in words for messages. */
    interface Locator {
        /** The reader's current position, packed in a long. */
        long mark();

        /** A mark in words: "line 12" or "line 1, column 4803". */
        String describe(long mark);
    }

    /** Where finished rows go. */
    interface Downstream {
        /**
         * Takes a finished row and returns the (reset) row to fill next: the same object when the row was used at
         * once, another one when it was queued.
         */
        RawRow finished(RawRow row) throws BadInputException;
    }

    /** What a format reader found besides the rows. */
    record Result(LogFormat format, List<String> warnings) {
    }

    /** Default offset meaning "the export does not say which zone its zone-less times are in". */
    static final int UNKNOWN_OFFSET = Integer.MIN_VALUE;
    /** Column values up to this length are remembered, so that a row repeating the previous row's value shares it. */
    private static final int REMEMBERED_LENGTH = 256; // resource ids are ~120 characters

    /**
     * The usual values of some columns, as the constants the rest of the code compares with: a row then holds the
     * constant itself, and {@code "Error".equalsIgnoreCase(level)} and the like succeed on the first check (same
     * object) instead of comparing characters.
     */
    private static final String[][] CANONICAL = new String[LogField.COUNT][];

    static {
        CANONICAL[LogField.OPERATION.ordinal()] = new String[]{ConnectionLogRow.CONNECT, ConnectionLogRow.DISCONNECT};
        CANONICAL[LogField.LEVEL.ordinal()] = new String[]{"Error", "Information", "Warning"};
        CANONICAL[LogField.CATEGORY.ordinal()] = new String[]{"Connections"};
    }

    private final Downstream downstream;
    private Locator locator;
    private RawRow row;
    private long rowNumber;
    private String timeName = LogField.TIME.display;
    private int defaultOffsetSeconds;
    private String timeZoneLabel = "";
    private final char[][] lastText = new char[LogField.COUNT][];
    private final byte[][] lastBytes = new byte[LogField.COUNT][];
    private final String[] lastValue = new String[LogField.COUNT];
    /** Scans CSV properties_s cells in the reader's buffer (see {@link #scanQuotedProperties}); made on first use. */
    private PropertiesScanner propertiesScanner;

    RowCollector(Downstream downstream, RawRow first) {
        this.downstream = downstream;
        this.row = first;
    }

    /** Directly to the assembler, on this thread. */
    static RowCollector direct(RowAssembler assembler) {
        return new RowCollector(row -> {
            assembler.accept(row);
            row.reset();
            return row;
        }, new RawRow());
    }

    void locator(Locator locator) {
        this.locator = locator;
    }

    /** The name of the time column as the file spells it, for messages. */
    void timeName(String name) {
        this.timeName = name;
    }

    /**
     * Offset of zone-less times, or {@link #UNKNOWN_OFFSET} with the label the file gave its zone (then a
     * zone-less time is refused rather than guessed).
     */
    void defaultOffset(int offsetSeconds, String zoneLabel) {
        this.defaultOffsetSeconds = offsetSeconds;
        this.timeZoneLabel = zoneLabel;
    }

    void reset() {
        row.reset();
    }

    void set(LogField field, String value) {
        if (field == LogField.PROPERTIES) {
            if (value != null) {
                row.properties(value);
            }
            return;
        }
        row.cols[field.ordinal()] = canonical(field.ordinal(), value);
    }

    /**
     * A value from a reader's character buffer. A column whose value is the same as on the previous row (category,
     * level, operation, often the code) reuses that row's String; others get a new one.
     */
    void set(LogField field, char[] text, int offset, int length) {
        if (field == LogField.PROPERTIES) {
            row.properties(text, offset, length);
            return;
        }
        int f = field.ordinal();
        char[] last = lastText[f];
        if (last != null && last.length == length && Arrays.equals(last, 0, length, text, offset, offset + length)) {
            row.cols[f] = lastValue[f];
            return;
        }
        String value = canonical(f, text, offset, length);
        row.cols[f] = value;
        if (length <= REMEMBERED_LENGTH) {
            lastText[f] = Arrays.copyOfRange(text, offset, offset + length);
            lastValue[f] = value;
        }
    }

    /**
     * A value as UTF-8 bytes from a reader's buffer (the CSV scanner): as {@link #set(LogField, char[], int, int)},
     * compared and remembered as bytes, so a repeated value is never decoded; properties_s is kept as bytes.
     */
    void set(LogField field, byte[] utf8, int offset, int length) {
        if (field == LogField.PROPERTIES) {
            row.properties(utf8, offset, length);
            return;
        }
        int f = field.ordinal();
        byte[] last = lastBytes[f];
        if (last != null && last.length == length && Arrays.equals(last, 0, length, utf8, offset, offset + length)) {
            row.cols[f] = lastValue[f];
            return;
        }
        String value = canonical(f, utf8, offset, length);
        row.cols[f] = value;
        if (length <= REMEMBERED_LENGTH) {
            lastBytes[f] = Arrays.copyOfRange(utf8, offset, offset + length);
            lastValue[f] = value;
        }
    }

    /**
     * properties_s as a CSV cell's quoted text as written, every quote in it doubled (see
     * {@link CsvScanner#keepAsWritten(int)}): copied as it is, and read so by the properties_s scanner.
     */
    void setQuotedProperties(byte[] written, int offset, int length) {
        row.properties(written, offset, length);
        row.quoted = true;
    }

    /**
     * Scans properties_s as written in a CSV cell, where it lies in the reader's buffer (see
     * {@link CsvScanner.CellReader}), into the row being filled; the cell is then handed over with
     * {@link #setQuotedProperties}, or {@link #forgetScan()} when it is not.
     */
    int scanQuotedProperties(byte[] b, int from, int to) {
        if (propertiesScanner == null) {
            propertiesScanner = new PropertiesScanner();
        }
        return propertiesScanner.scanInCell(b, from, to, row);
    }

    /** Undoes {@link #scanQuotedProperties}: the row's properties_s is scanned later from its copy. */
    void forgetScan() {
        if (row.scanned) {
            row.forgetScan();
        }
    }

    private static String canonical(int field, char[] text, int offset, int length) {
        String[] known = CANONICAL[field];
        if (known != null) {
            for (String k : known) {
                if (k.length() == length && sameChars(k, text, offset)) {
                    return k;
                }
            }
        }
        return new String(text, offset, length);
    }

    private static String canonical(int field, byte[] utf8, int offset, int length) {
        String[] known = CANONICAL[field];
        if (known != null) {
            for (String k : known) {
                if (k.length() == length && sameAscii(k, utf8, offset)) {
                    return k;
                }
            }
        }
        return new String(utf8, offset, length, StandardCharsets.UTF_8);
    }

    private static String canonical(int field, String value) {
        String[] known = CANONICAL[field];
        if (known != null && value != null) {
            for (String k : known) {
                if (k.equals(value)) {
                    return k;
                }
            }
        }
        return value;
    }

    private static boolean sameChars(String k, char[] text, int offset) {
        for (int i = 0; i < k.length(); i++) {
            if (k.charAt(i) != text[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the bytes at {@code offset} are the ASCII string {@code k}. */
    private static boolean sameAscii(String k, byte[] utf8, int offset) {
        for (int i = 0; i < k.length(); i++) {
            if (k.charAt(i) != utf8[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** A {@code properties_s} field that arrived as part of a JSON object rather than as text. */
    void setProperty(LogField field, String value) {
        row.props[field.ordinal()] = value;
    }

    boolean has(LogField field) {
        return field == LogField.PROPERTIES ? row.propertiesLength >= 0 : row.cols[field.ordinal()] != null;
    }

    /** Rows finished so far. */
    long rowNumber() {
        return rowNumber;
    }

    /** Hands the row filled since {@link #reset()} downstream. */
    void finish() throws BadInputException {
        RawRow r = row;
        r.number = ++rowNumber;
        r.locator = locator;
        r.mark = locator == null ? 0 : locator.mark();
        r.timeName = timeName;
        r.defaultOffsetSeconds = defaultOffsetSeconds;
        r.timeZoneLabel = timeZoneLabel;
        row = downstream.finished(r);
    }
}
