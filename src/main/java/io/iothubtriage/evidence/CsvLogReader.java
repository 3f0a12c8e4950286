package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the portal's CSV export of connection logs: a header row of column names (the portal writes
 * {@code TimeGenerated [UTC]}), then one record per row; {@code properties_s} holds JSON with doubled quotes.
 */
final class CsvLogReader implements RowCollector.Locator {

    private final CsvScanner scanner;
    private final String where;
    private final RowCollector rows;

    private CsvLogReader(InputStream in, String where, RowCollector rows, int ahead) {
        this.scanner = new CsvScanner(in, ahead);
        this.where = where;
        this.rows = rows;
        rows.locator(this);
    }

    /** Reads UTF-8 bytes (see {@link InputFiles.Opened#utf8Stream()}). */
    static RowCollector.Result read(InputStream in, String where, RowCollector rows)
            throws BadInputException, IOException {
        return read(in, where, rows, CsvScanner.RECORD_AHEAD);
    }

    /** As {@link #read(InputStream, String, RowCollector)}, topping the buffer up as {@link CsvScanner} says (tests). */
    static RowCollector.Result read(InputStream in, String where, RowCollector rows, int ahead)
            throws BadInputException, IOException {
        CsvLogReader reader = new CsvLogReader(in, where, rows, ahead);
        try {
            return reader.readAll();
        } catch (CsvScanner.UnterminatedQuoteException e) {
            throw new BadInputException(where, "truncated CSV: " + e.getMessage(), e);
        } catch (CsvScanner.CellTooLongException e) {
            throw new BadInputException(where, e.getMessage(), e);
        }
    }

    /** The line the current record starts on. */
    @Override
    public long mark() {
        return scanner.recordLine();
    }

    @Override
    public String describe(long mark) {
        return "line " + mark;
    }

    private RowCollector.Result readAll() throws IOException, BadInputException {
        List<String> header = new ArrayList<>();
        if (!scanner.next(header)) {
            throw new BadInputException(where, "is empty (no header row)");
        }
        LogField[] fields = LogColumns.fieldsOf(header);
        List<String> missing = LogColumns.missingColumns(fields);
        if (!missing.isEmpty()) {
            throw new BadInputException(where, "is not a connection-log export: its first line has no "
                    + String.join(", ", missing) + " column (header: " + LogColumns.listed(trimmed(header)) + ")");
        }
        boolean[] capture = new boolean[header.size()];
        for (int i = 0; i < fields.length; i++) {
            capture[i] = fields[i] != null;
            if (fields[i] == LogField.TIME) {
                rows.timeName(header.get(i).strip());
                zoneOf(header.get(i));
            }
            if (fields[i] == LogField.PROPERTIES) {
                scanner.keepAsWritten(i, rows::scanQuotedProperties);
            }
        }
        int width = header.size();
        rows.reset(); // before the record is read: properties_s is scanned into the row as the scanner meets it
        while (scanner.next(capture)) {
            if (scanner.cellCount() != width) {
                throw new BadInputException(where, "row " + (rows.rowNumber() + 1) + " (line " + scanner.recordLine()
                        + "): " + scanner.cellCount() + " cell(s) where the header has " + width
                        + " (a truncated or hand-edited export?)");
            }
            for (int i = 0; i < width; i++) {
                LogField f = fields[i];
                if (f == null) {
                    continue;
                }
                if (f == LogField.TIME || f == LogField.DEVICE_ID) {
                    rows.set(f, scanner.text(i));
                } else if (scanner.asWritten(i)) {
                    rows.setQuotedProperties(scanner.array(i), scanner.start(i), scanner.byteLength(i));
                } else if (f == LogField.PROPERTIES) {
                    rows.forgetScan(); // read in the buffer, but the cell went on past it: scanned again from the copy
                    rows.set(f, scanner.array(i), scanner.start(i), scanner.byteLength(i));
                } else {
                    rows.set(f, scanner.array(i), scanner.start(i), scanner.byteLength(i));
                }
            }
            // no reset here: the row finish() hands back is new or was reset by whoever assembled it
            rows.finish();
        }
        return new RowCollector.Result(LogFormat.PORTAL_CSV, List.of());
    }

    /**
     * The portal names the zone its times are shown in: {@code [UTC]} (or nothing) is UTC, {@code [UTC+01:00]} an
     * offset; any other zone (e.g. local time) cannot be known here, so zone-less times are refused, not guessed.
     */
    private void zoneOf(String timeHeader) {
        String zone = LogField.suffix(timeHeader);
        String z = zone.replace(" ", "").toUpperCase(Locale.ROOT);
        if (z.isEmpty() || z.equals("UTC") || z.equals("GMT") || z.equals("Z")) {
            rows.defaultOffset(0, "UTC");
            return;
        }
        if ((z.startsWith("UTC") || z.startsWith("GMT")) && z.length() > 3) {
            Integer offset = offsetSeconds(z.substring(3));
            if (offset != null) {
                rows.defaultOffset(offset, zone);
                return;
            }
        }
        rows.defaultOffset(RowCollector.UNKNOWN_OFFSET, zone);
    }

    private static Integer offsetSeconds(String s) {
        if (s.length() < 2 || (s.charAt(0) != '+' && s.charAt(0) != '-')) {
            return null;
        }
        String[] parts = s.substring(1).split(":");
        try {
            int h = Integer.parseInt(parts[0]);
            int m = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (h > 18 || m > 59) {
                return null;
            }
            return (h * 3600 + m * 60) * (s.charAt(0) == '-' ? -1 : 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> trimmed(List<String> header) {
        List<String> out = new ArrayList<>(header.size());
        for (String h : header) {
            String t = InputFiles.oneLine(h);
            out.add(t.length() > 40 ? t.substring(0, 40) + "..." : t);
        }
        return out;
    }
}
