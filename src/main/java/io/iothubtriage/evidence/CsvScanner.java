package io.iothubtriage.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A small RFC 4180 scanner over UTF-8 bytes: comma-separated cells, cells quoted with {@code "} that may hold
 * commas, doubled quotes and line breaks, records ended by LF or CRLF, blank lines ignored. It works on bytes (the
 * separators are ASCII and never occur inside a multi-byte UTF-8 character), copies only the cells the caller asks
 * for into a per-record area and hands them over as bytes (the reader decides which become Strings; properties_s
 * never does), so a wide export costs little more than the columns that are used.
 */
final class CsvScanner {

    /** The file ended inside a quoted cell. */
    static final class UnterminatedQuoteException extends IOException {
        UnterminatedQuoteException(long line) {
            super("the file ends inside a quoted cell that starts at line " + line);
        }
    }

    /** A row whose kept cells hold more than {@link #MAX_RECORD_BYTES}. */
    static final class CellTooLongException extends IOException {
        CellTooLongException(long line) {
            super(String.format(java.util.Locale.ROOT, "the row at line %,d holds a cell of more than %,d bytes,"
                    + " more than any log row holds (a damaged file, or a quote that is never closed)", line,
                    MAX_RECORD_BYTES));
        }
    }

    /** The most bytes a record's kept cells may take: the bound a JSON export's one value has too (JsonLimits). */
    static final int MAX_RECORD_BYTES = 20_000_000;

    private final InputStream in;
    private final byte[] buf = new byte[InputFiles.BUFFER];
    private int pos;
    private int lim;
    private long line = 1;
    private long recordLine;
    private int cellCount;

    /** Captured cells of the current record, back to back; cell i is at starts[i], lengths[i] (-1: not captured). */
    private byte[] area = new byte[4096];
    private int areaLength;
    private int[] starts = new int[64];
    private int[] lengths = new int[64];

    /** Each column's unquoted cell of the previous record (up to this length), to recognise a repeat. */
    private static final int REMEMBERED_CELL = 256;
    private byte[][] lastCells = new byte[64][];
    /** Length of each column's remembered cell; -1 when there is none (quoted, too long, or across a fill). */
    private int[] lastLengths = new int[64];

    /**
     * Bytes a record may take before it runs past the buffer: the buffer is topped up when fewer are left at the
     * start of a record, so that a record (portal rows are about 800 bytes) almost never straddles two reads. The
     * code for a cell or a quote at the end of the buffer is then never run in the hot loop, and the JIT compiler
     * leaves it out instead of compiling the loop again each time a rare straddle first happens (it did, five to
     * ten times per export, each time a C2 compilation of the whole inlined scanner).
     */
    static final int RECORD_AHEAD = 1 << 14;
    private final int ahead;
    private boolean ended;

    /** The column whose quoted cell is handed over as written (see {@link #keepAsWritten}), or -1. */
    private int asWrittenColumn = -1;
    /** Whether kept cell i of the current record is in {@link #buf} (at starts[i], lengths[i]), not in the area. */
    private boolean[] inBuffer = new boolean[64];
    /** Whether the current record's cell of {@link #asWrittenColumn} is as written (in the buffer or the area). */
    private boolean asWritten;
    /** Cells of the current record read so far (those a refill must copy out of the buffer, see #spill). */
    private int cellsRead;
    /** Where in the area the bytes of the cell being read begin; -1 between cells. */
    private int cellFrom = -1;
    private CellReader cellReader;

    /** Reads a quoted cell's text where it lies in the buffer, as written (see {@link #keepAsWritten}). */
    interface CellReader {
        /**
         * Reads what it can of the text from {@code b[from]} (just past the opening quote), never past the cell's
         * closing quote (a lone {@code "}), a line break (the scanner counts lines) nor {@code b[to - 1]}.
         *
         * @return the index just past what it read (the scanner finds the closing quote from there), or -1 when it
         *         could not read the text (the scanner then reads the cell on its own)
         */
        int read(byte[] b, int from, int to);
    }

    /** With {@code ahead} 0 the buffer is read only when it is empty (tests: every straddle happens). */
    CsvScanner(InputStream in, int ahead) {
        this.in = in;
        this.ahead = ahead;
        Arrays.fill(lastLengths, -1);
    }

    /** Line (1-based) on which the last record read starts. */
    long recordLine() {
        return recordLine;
    }

    /**
     * Hands column {@code col}'s quoted cell over as written, its doubled quotes still doubled, where it lies in the
     * file's buffer, instead of copying it out with each pair made one quote (see {@link #asWritten(int)}). For
     * properties_s: its scanner reads {@code ""} as one quote itself, so the ~450-byte cell is neither unescaped
     * nor copied here (unescaping it was a fifth of the reading thread's time). A cell that straddles two reads of
     * the file, or has text after its closing quote, is copied out as any other.
     *
     * <p>{@code reader} reads the cell first, in the buffer: the scanner then looks for the closing quote only from
     * where it stopped (properties_s's scanner reads the JSON object, so the cell's bytes are searched once, not
     * once for its end and again for its fields). Null: the scanner finds the end itself.
     */
    void keepAsWritten(int col, CellReader reader) {
        asWrittenColumn = col;
        cellReader = reader;
    }

    /**
     * Whether kept cell {@code i} of the current record is its quoted text as written (between the quotes, every
     * quote doubled, in {@link #array(int)} at {@link #start(int)}); otherwise it is the cell's value as usual.
     */
    boolean asWritten(int i) {
        return i == asWrittenColumn && asWritten;
    }

    /**
     * The array kept cell {@code i} is in, at {@link #start(int)} (valid until the next record): the file's buffer
     * for a quoted cell that lies whole in it and holds no quote (its text is its value: the time column, quoted
     * for the comma in it, is not copied) and for a cell {@link #asWritten(int)}; the area of kept cells for the others.
     */
    byte[] array(int i) {
        return inBuffer[i] ? buf : area;
    }

    /** Number of cells in the last record read. */
    int cellCount() {
        return cellCount;
    }

    /** Reads the next record, every cell decoded into {@code out}. False at the end of the input. */
    boolean next(List<String> out) throws IOException {
        out.clear();
        if (!next((boolean[]) null)) {
            return false;
        }
        for (int i = 0; i < cellCount; i++) {
            out.add(text(i));
        }
        return true;
    }

    /**
     * Reads the next record, keeping cell {@code i} when {@code capture[i]} (all cells when capture is null).
     * False at the end of the input.
     */
    boolean next(boolean[] capture) throws IOException {
        cellsRead = 0;
        asWritten = false;
        if (lim - pos < ahead && !ended) {
            topUp();
        }
        while (true) { // blank lines hold no record
            if (pos >= lim && !fill()) {
                return false;
            }
            byte c = buf[pos];
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
        areaLength = 0;
        int col = 0;
        while (true) {
            if (col == starts.length) {
                starts = Arrays.copyOf(starts, col * 2);
                lengths = Arrays.copyOf(lengths, col * 2);
                inBuffer = Arrays.copyOf(inBuffer, col * 2);
            }
            if (col == lastCells.length) {
                lastCells = Arrays.copyOf(lastCells, col * 2);
                lastLengths = Arrays.copyOf(lastLengths, col * 2);
                Arrays.fill(lastLengths, col, col * 2, -1);
            }
            if (lastCells[col] == null) {
                lastCells[col] = new byte[REMEMBERED_CELL];
            }
            boolean keep = capture == null || (col < capture.length && capture[col]);
            starts[col] = areaLength;
            inBuffer[col] = false;
            cellFrom = areaLength;
            if (keep && pos < lim && buf[pos] == '"') {
                if (col == asWrittenColumn) {
                    readAsWritten(col);
                } else {
                    readQuotedInBuffer(col);
                }
            } else {
                readCell(col, keep);
            }
            if (!inBuffer[col]) {
                lengths[col] = keep ? areaLength - starts[col] : -1;
            }
            cellFrom = -1;
            col++;
            cellsRead = col;
            if (pos >= lim && !fill()) {
                break;
            }
            byte c = buf[pos++];
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

    /** Whether cell {@code i} of the current record was kept. */
    boolean kept(int i) {
        return i < cellCount && lengths[i] >= 0;
    }

    /** Length in bytes of kept cell {@code i}. */
    int byteLength(int i) {
        return lengths[i];
    }

    /** Kept cell {@code i} as a String. */
    String text(int i) {
        return new String(array(i), starts[i], lengths[i], StandardCharsets.UTF_8);
    }

    /** Where kept cell {@code i} starts in {@link #array(int)}. */
    int start(int i) {
        return starts[i];
    }

    /**
     * Reads cell {@code col} of a record and leaves the position on the delimiter that ends it (or at the end of
     * input). An unquoted cell that repeats the same column of the previous record (tenant, resource ids, category,
     * location: about 400 of a portal row's 450 unquoted bytes) is recognised by comparing it with that cell
     * (a vectorised compare) and checking that a delimiter follows, instead of searching it for a delimiter:
     * equal bytes hold no delimiter, since the previous cell had none.
     */
    private void readCell(int col, boolean keep) throws IOException {
        if (pos >= lim && !fill()) {
            return;
        }
        if (buf[pos] == '"') {
            lastLengths[col] = -1;
            pos++;
            readQuoted(keep);
            return;
        }
        int n = lastLengths[col];
        int end = pos + n;
        if (n >= 0 && end < lim && isDelimiter(buf[end])
                && Arrays.equals(buf, pos, end, lastCells[col], 0, n)) {
            if (keep) {
                keep(pos, n);
            }
            pos = end;
            return;
        }
        int start = pos;
        int p = endOfUnquoted(buf, start, lim);
        if (p == lim) {
            lastLengths[col] = -1; // the cell goes on in the next fill
            readCell(keep);
            return;
        }
        int length = p - start;
        if (length <= REMEMBERED_CELL) {
            System.arraycopy(buf, start, lastCells[col], 0, length);
        }
        lastLengths[col] = length <= REMEMBERED_CELL ? length : -1;
        if (keep) {
            keep(start, length);
        }
        pos = p;
    }

    /** Reads the rest of a cell (see {@link #readCell(int, boolean)}), without comparing it with the last record. */
    private void readCell(boolean keep) throws IOException {
        if (pos >= lim && !fill()) {
            return;
        }
        if (buf[pos] == '"') {
            pos++;
            readQuoted(keep);
            return;
        }
        while (true) {
            int start = pos;
            int p = endOfUnquoted(buf, pos, lim);
            pos = p;
            if (keep) {
                keep(start, p - start);
                checkRecordSize();
            }
            if (p < lim || !fill()) {
                return;
            }
        }
    }

    /**
     * A record's kept cells may take at most {@link #MAX_RECORD_BYTES}: a Connections row is a few hundred bytes,
     * and without a bound one damaged or hostile cell (a quote never closed in a gigabyte file) would be read whole
     * into memory. Checked once per buffer fill, so a cell grows at most one buffer past the bound.
     */
    private void checkRecordSize() throws CellTooLongException {
        if (areaLength > MAX_RECORD_BYTES) {
            throw new CellTooLongException(recordLine);
        }
    }

    /**
     * Reads a quoted cell (the position on its opening quote) without copying it when it lies whole in the buffer
     * and a delimiter follows its closing quote there: its bytes between the quotes are then
     * {@code buf[starts[col], starts[col] + lengths[col])}, as written. Otherwise the text so far is copied to the
     * area with each doubled quote made one, and the cell is read on as any other quoted cell.
     */
    private void readAsWritten(int col) throws IOException {
        long startLine = line;
        lastLengths[col] = -1;
        int start = ++pos;
        byte[] b = buf;
        int p = start;
        int read = cellReader == null ? -1 : cellReader.read(b, start, lim);
        if (read > start) {
            p = read; // no line break in what it read (see CellReader)
        }
        while (true) {
            p = nextQuoteOrNewline(b, p, lim);
            if (p + 1 >= lim) {
                break; // the cell (or its closing quote's delimiter) is in the next read: copied out as usual
            }
            if (b[p] == '\n') {
                line++;
                p++;
            } else if (b[p + 1] == '"') {
                p += 2; // a doubled quote
            } else if (isDelimiter(b[p + 1])) {
                starts[col] = start;
                lengths[col] = p - start;
                inBuffer[col] = true;
                asWritten = true;
                pos = p + 1; // on the delimiter
                return;
            } else {
                break; // text after the closing quote: copied out as usual, kept as written after it
            }
        }
        // Copy what was read with each pair made one quote (LFs were counted), and go on from p.
        for (int i = start; i < p; i++) {
            keepByte(b[i]);
            if (b[i] == '"') {
                i++;
            }
        }
        pos = p;
        readQuoted(true, startLine);
    }

    /**
     * Reads a kept quoted cell (the position on its opening quote): when its first quote after the opening one
     * closes it (a delimiter follows) within the buffer, the cell is left there, not copied; otherwise it is read
     * as usual. The portal quotes its times for the comma in them: 26 bytes a row no longer copied.
     */
    private void readQuotedInBuffer(int col) throws IOException {
        int start = pos + 1;
        int p = nextQuoteOrNewline(buf, start, lim);
        if (p + 1 < lim && buf[p] == '"' && isDelimiter(buf[p + 1])) {
            lastLengths[col] = -1;
            starts[col] = start;
            lengths[col] = p - start;
            inBuffer[col] = true;
            pos = p + 1;
            return;
        }
        readCell(col, true);
    }

    private void readQuoted(boolean keep) throws IOException {
        readQuoted(keep, line);
    }

    private void readQuoted(boolean keep, long startLine) throws IOException {
        while (true) {
            int p = keep ? copyQuoted() : skipQuoted();
            if (p >= lim) {
                if (keep) {
                    checkRecordSize();
                }
                if (!fill()) {
                    throw new UnterminatedQuoteException(startLine);
                }
                continue;
            }
            if (buf[p] == '\n') {
                line++;
                if (keep) {
                    keepByte((byte) '\n');
                }
                pos = p + 1;
                continue;
            }
            pos = p + 1; // the quote
            if (pos < lim && buf[pos] == '"') {
                if (keep) {
                    keepByte((byte) '"'); // a doubled quote is one quote
                }
                pos++;
                continue;
            }
            if (pos >= lim && fill() && buf[pos] == '"') {
                if (keep) {
                    keepByte((byte) '"'); // the pair straddles two buffer fills
                }
                pos++;
                continue;
            }
            break;
        }
        // Anything between the closing quote and the delimiter is kept as written (lenient, not RFC 4180).
        readCell(keep);
    }

    /**
     * Copies the quoted text from {@code pos} to the area up to its closing quote, an LF or the buffer's end, eight
     * bytes at a time: each word is stored whole before it is tested, and only the bytes before the hit count; a
     * doubled quote is taken in the same loop (its first quote is already stored). properties_s has about 40
     * doubled quotes a row, so its runs of text are short: a search and a System.arraycopy per run cost more than
     * the bytes did.
     *
     * @return the index of the quote that may close the cell, the LF, or {@link #lim}; {@link #pos} is left there
     */
    private int copyQuoted() {
        byte[] b = buf;
        int p = pos;
        int end = lim;
        byte[] a = area;
        int n = areaLength;
        while (true) {
            if (p + 8 <= end) {
                if (n + 8 > a.length) {
                    a = area = Arrays.copyOf(a, a.length * 2);
                }
                long x = (long) LONGS.get(b, p);
                LONGS.set(a, n, x);
                long hit = zeroBytes(x ^ QUOTES) | zeroBytes(x ^ NEWLINES);
                if (hit == 0) {
                    p += 8;
                    n += 8;
                    continue;
                }
                int k = Swar.firstByte(hit);
                p += k;
                n += k;
            } else {
                while (p < end && b[p] != '"' && b[p] != '\n') {
                    if (n == a.length) {
                        a = area = Arrays.copyOf(a, a.length * 2);
                    }
                    a[n++] = b[p++];
                }
                if (p < end && b[p] == '"' && n == a.length) {
                    a = area = Arrays.copyOf(a, a.length * 2);
                }
                if (p < end && b[p] == '"') {
                    a[n] = '"';
                }
            }
            if (p + 1 < end && b[p] == '"' && b[p + 1] == '"') {
                n++; // a doubled quote is one quote: the first one is stored already
                p += 2;
                continue;
            }
            areaLength = n;
            return pos = p;
        }
    }

    /** As {@link #copyQuoted()}, for a cell that is not kept. */
    private int skipQuoted() {
        return pos = nextQuoteOrNewline(buf, pos, lim);
    }

    /** One byte to the area: a call to System.arraycopy per doubled quote cost more than the quote. */
    private void keepByte(byte c) {
        if (areaLength == area.length) {
            area = Arrays.copyOf(area, area.length * 2);
        }
        area[areaLength++] = c;
    }

    private void keep(int from, int length) {
        if (areaLength + length > area.length) {
            area = Arrays.copyOf(area, Math.max(areaLength + length, area.length * 2));
        }
        System.arraycopy(buf, from, area, areaLength, length);
        areaLength += length;
    }

    private static final VarHandle LONGS = Swar.LONGS;
    private static final long COMMAS = Swar.repeat(',');
    private static final long NEWLINES = Swar.repeat('\n');
    private static final long RETURNS = Swar.repeat('\r');
    private static final long QUOTES = Swar.QUOTES;

    private static boolean isDelimiter(byte c) {
        return c == ',' || c == '\n' || c == '\r';
    }

    private static long zeroBytes(long y) {
        return Swar.zeroBytes(y);
    }

    /** Index of the first ',', LF or CR in {@code b[p, end)}, or end. */
    private static int endOfUnquoted(byte[] b, int p, int end) {
        while (p + 8 <= end) {
            long x = (long) LONGS.get(b, p);
            long hit = zeroBytes(x ^ COMMAS) | zeroBytes(x ^ NEWLINES) | zeroBytes(x ^ RETURNS);
            if (hit != 0) {
                return p + Swar.firstByte(hit);
            }
            p += 8;
        }
        while (p < end) {
            byte c = b[p];
            if (c == ',' || c == '\n' || c == '\r') {
                return p;
            }
            p++;
        }
        return end;
    }

    /** Index of the first '"' or LF in {@code b[p, end)}, or end. */
    private static int nextQuoteOrNewline(byte[] b, int p, int end) {
        while (p + 8 <= end) {
            long x = (long) LONGS.get(b, p);
            long hit = zeroBytes(x ^ QUOTES) | zeroBytes(x ^ NEWLINES);
            if (hit != 0) {
                return p + Swar.firstByte(hit);
            }
            p += 8;
        }
        while (p < end) {
            byte c = b[p];
            if (c == '"' || c == '\n') {
                return p;
            }
            p++;
        }
        return end;
    }

    /** Moves the unread bytes to the buffer's start and reads until it is full or the input ends. */
    private void topUp() throws IOException {
        int rest = lim - pos;
        System.arraycopy(buf, pos, buf, 0, rest);
        pos = 0;
        lim = rest;
        while (lim < buf.length) {
            int n = in.read(buf, lim, buf.length - lim);
            if (n < 0) {
                ended = true;
                return;
            }
            lim += n;
        }
    }

    /**
     * Copies the current record's cells left in the buffer ({@link #array(int)}) to the area, before a read
     * overwrites the buffer in the middle of the record: they stay as they were, only elsewhere.
     */
    private void spill() {
        boolean any = false;
        for (int c = 0; c < cellsRead; c++) {
            any |= inBuffer[c];
        }
        if (!any) {
            return;
        }
        // The cell being read has its first bytes at the area's end: they move behind the copied cells.
        byte[] begun = cellFrom >= 0 ? Arrays.copyOfRange(area, cellFrom, areaLength) : null;
        if (begun != null) {
            areaLength = cellFrom;
        }
        for (int c = 0; c < cellsRead; c++) {
            if (inBuffer[c]) {
                int start = areaLength;
                keep(starts[c], lengths[c]);
                starts[c] = start;
                inBuffer[c] = false;
            }
        }
        if (begun != null) {
            starts[cellsRead] = cellFrom = areaLength;
            for (byte c : begun) {
                keepByte(c);
            }
        }
    }

    private boolean fill() throws IOException {
        spill();
        if (ended) {
            pos = lim = 0;
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            ended = true;
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
