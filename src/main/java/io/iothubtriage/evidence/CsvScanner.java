package io.iothubtriage.evidence;

import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * A small RFC 4180 scanner over a Reader: comma-separated cells, cells quoted with {@code "} that may hold commas,
 * doubled quotes and line breaks, records ended by LF or CRLF. It builds strings only for the cells the caller
 * asks for and skips the others in place, so a wide export costs little more than the columns that are used.
 */
final class CsvScanner {

    /** The file ended inside a quoted cell. */
    static final class UnterminatedQuoteException extends IOException {
        final long line;

        UnterminatedQuoteException(long line) {
            super("the file ends inside a quoted cell that starts at line " + line);
            this.line = line;
        }
    }

    private final Reader in;
    private final char[] buf = new char[InputFiles.BUFFER];
    private final StringBuilder cell = new StringBuilder(256);
    private int pos;
    private int lim;
    private long line = 1;
    private long recordLine;
    private int cellCount;

    CsvScanner(Reader in) {
        this.in = in;
    }

    /** Line (1-based) on which the last record read starts. */
    long recordLine() {
        return recordLine;
    }

    /** Number of cells in the last record read. */
    int cellCount() {
        return cellCount;
    }

    /** Reads the next record, every cell into {@code out}. False at the end of the input. */
    boolean next(List<String> out) throws IOException {
        out.clear();
        return next(null, null, out);
    }

    /**
     * Reads the next record: cell {@code i} goes to {@code cells[i]} when {@code capture[i]}; other cells are skipped.
     * False at the end of the input.
     */
    boolean next(boolean[] capture, String[] cells) throws IOException {
        return next(capture, cells, null);
    }

    private boolean next(boolean[] capture, String[] cells, List<String> all) throws IOException {
        while (true) { // blank lines hold no record
            if (pos >= lim && !fill()) {
                return false;
            }
            char c = buf[pos];
            if (c == '\n') {
                pos++;
                line++;
            } else if (c == '\r') {
                pos++;
                if ((pos < lim || fill()) && buf[pos] == '\n') {
                    pos++;
                }
                line++;
            } else {
                break;
            }
        }
        recordLine = line;
        int col = 0;
        while (true) {
            boolean keep = all != null || (col < capture.length && capture[col]);
            String value = readCell(keep);
            if (keep) {
                if (all != null) {
                    all.add(value);
                } else {
                    cells[col] = value;
                }
            }
            col++;
            if (pos >= lim && !fill()) {
                break;
            }
            char c = buf[pos++];
            if (c == ',') {
                continue;
            }
            if (c == '\r' && (pos < lim || fill()) && buf[pos] == '\n') {
                pos++;
            }
            line++;
            break;
        }
        cellCount = col;
        return true;
    }

    /** Reads one cell and leaves the position on the delimiter that ends it (or at the end of input). */
    private String readCell(boolean keep) throws IOException {
        if (pos >= lim && !fill()) {
            return keep ? "" : null;
        }
        if (buf[pos] == '"') {
            pos++;
            return readQuoted(keep);
        }
        int start = pos;
        boolean spilled = false;
        if (keep) {
            cell.setLength(0);
        }
        while (true) {
            while (pos < lim) {
                char c = buf[pos];
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                pos++;
            }
            if (pos < lim) {
                break;
            }
            if (keep) {
                cell.append(buf, start, pos - start);
                spilled = true;
            }
            if (!fill()) {
                return keep ? cell.toString() : null;
            }
            start = pos;
        }
        if (!keep) {
            return null;
        }
        if (!spilled) {
            return new String(buf, start, pos - start);
        }
        cell.append(buf, start, pos - start);
        return cell.toString();
    }

    private String readQuoted(boolean keep) throws IOException {
        long startLine = line;
        if (keep) {
            cell.setLength(0);
        }
        int start = pos;
        while (true) {
            while (pos < lim) {
                char c = buf[pos];
                if (c == '"') {
                    break;
                }
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
            if (keep) {
                cell.append(buf, start, pos - start);
            }
            if (pos >= lim) {
                if (!fill()) {
                    throw new UnterminatedQuoteException(startLine);
                }
                start = pos;
                continue;
            }
            pos++; // the quote
            if ((pos < lim || fill()) && buf[pos] == '"') {
                if (keep) {
                    cell.append('"');
                }
                pos++;
                start = pos;
                continue;
            }
            break;
        }
        // Anything between the closing quote and the delimiter is kept as written (lenient, not RFC 4180).
        start = pos;
        while (true) {
            while (pos < lim) {
                char c = buf[pos];
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                pos++;
            }
            if (keep) {
                cell.append(buf, start, pos - start);
            }
            if (pos < lim || !fill()) {
                break;
            }
            start = pos;
        }
        return keep ? cell.toString() : null;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
