package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scanner finds delimiters eight bytes at a time: whatever the position of a comma, quote, CR or LF within an
 * 8-byte word, within a read, or next to a multi-byte UTF-8 character, the cells it keeps are the cells written,
 * and the cells it skips do not shift the others.
 */
class CsvScannerEdgeTest {

    /** Plain cell content: ASCII and 2-, 3- and 4-byte UTF-8 characters (none is a delimiter byte). */
    private static final String[] PLAIN = {"a", "Z", "é", "設", "\uD83D\uDCDF", "7", "-"};
    /** Quoted cell content adds the delimiters and doubled quotes. */
    private static final String[] QUOTED = {"a", "é", "設", "\uD83D\uDCDF", ",", "\"", "\n", "\r\n", "x"};

    @Test
    void cellsOfEveryLengthPutEachDelimiterAtEveryOffsetModuloEight() throws IOException {
        // cell i of record r is (r + i) % 20 characters long: across the records each comma, quote and line end
        // falls at every offset of an 8-byte word, in plain and quoted cells, with LF and CRLF record ends
        List<List<String>> records = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int length = (r + i) % 20;
                StringBuilder cell = new StringBuilder();
                for (int k = 0; k < length; k++) {
                    cell.append(i % 2 == 0 ? PLAIN[(r + k) % PLAIN.length] : QUOTED[(r * 3 + k) % QUOTED.length]);
                }
                cells.add(cell.toString());
            }
            cells.set(0, "r" + cells.get(0)); // a record is never one empty cell (that is a blank line)
            records.add(cells);
        }
        assertReadBack(records, 0);
    }

    @Test
    void randomRecordsReadBackWhereverTheReadsSplitThem() throws IOException {
        Random random = new Random(20261205);
        for (int round = 0; round < 30; round++) {
            List<List<String>> records = new ArrayList<>();
            int width = 2 + random.nextInt(6);
            for (int r = 0; r < 25; r++) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                    String[] alphabet = random.nextInt(3) == 0 ? QUOTED : PLAIN;
                    StringBuilder cell = new StringBuilder();
                    int length = random.nextInt(random.nextInt(4) == 0 ? 40 : 10);
                    for (int k = 0; k < length; k++) {
                        cell.append(alphabet[random.nextInt(alphabet.length)]);
                    }
                    cells.add(cell.toString());
                }
                cells.set(0, "r" + cells.get(0));
                records.add(cells);
            }
            assertReadBack(records, round);
        }
    }

    @Test
    void cellsThatRepeatTheRecordBeforeOrDifferFromItAtTheEndReadBackAsWritten() throws IOException {
        // The scanner recognises an unquoted cell equal to the same column of the record before without searching
        // it: a cell that repeats it, extends it, shortens it, differs in its last byte or swaps its delimiter
        // must still read back as written (and a column that repeats must not shift the ones after it).
        String[] variants = {"/subscriptions/x/iothubs/contoso-hub", "/subscriptions/x/iothubs/contoso-hub2",
                "/subscriptions/x/iothubs/contoso-hu", "/subscriptions/x/iothubs/contoso-huc", "", "a,b",
                "/subscriptions/x/iothubs/contoso-hub\nnext", "é設"};
        Random random = new Random(7);
        List<List<String>> records = new ArrayList<>();
        String[] previous = {"r", variants[0], variants[0], "Connections"};
        for (int r = 0; r < 120; r++) {
            List<String> cells = new ArrayList<>();
            cells.add("r" + r);
            for (int i = 1; i < previous.length; i++) {
                // mostly the value before (as a portal export repeats its resource ids), else another variant
                String cell = random.nextInt(3) > 0 ? previous[i] : variants[random.nextInt(variants.length)];
                cells.add(cell);
                previous[i] = cell;
            }
            records.add(cells);
        }
        assertReadBack(records, 3);
    }

    /** Writes the records (LF or CRLF ends, cells quoted when they must be, or by choice) and reads them back. */
    private static void assertReadBack(List<List<String>> records, int seed) throws IOException {
        StringBuilder csv = new StringBuilder();
        Random random = new Random(seed);
        for (List<String> cells : records) {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                String cell = cells.get(i);
                boolean mustQuote = cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                        || cell.contains("\r");
                if (mustQuote || random.nextInt(4) == 0) {
                    csv.append('"').append(cell.replace("\"", "\"\"")).append('"');
                } else {
                    csv.append(cell);
                }
            }
            csv.append(random.nextBoolean() ? "\r\n" : "\n");
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        int width = records.get(0).size();
        for (int lead = 0; lead < 8; lead++) {
            // `lead` blank lines first (no record) move every byte of the records to another offset of a word
            byte[] shifted = new byte[bytes.length + lead];
            for (int k = 0; k < lead; k++) {
                shifted[k] = '\n';
            }
            System.arraycopy(bytes, 0, shifted, lead, bytes.length);
            for (int chunk : new int[]{1, 3, 8, 13, 1 << 16}) {
                for (int mask = 0; mask < 6; mask++) {
                    boolean[] capture = new boolean[width];
                    for (int i = 0; i < width; i++) {
                        capture[i] = mask % 3 == 0 || (i + mask) % 2 == 0;
                    }
                    // as a file is read (topped up at record starts), and with every read taken as it comes, so
                    // that the reads split records, cells and doubled quotes wherever they fall
                    int ahead = mask < 3 ? CsvScanner.RECORD_AHEAD : 0;
                    CsvScanner scanner = new CsvScanner(trickle(shifted, chunk), ahead);
                    String as = "lead " + lead + ", reads of " + chunk + ", capture " + mask + ", ahead " + ahead;
                    for (List<String> cells : records) {
                        assertThat(scanner.next(capture)).as(as).isTrue();
                        assertThat(scanner.cellCount()).as(as).isEqualTo(width);
                        for (int i = 0; i < width; i++) {
                            assertThat(scanner.kept(i)).as(as).isEqualTo(capture[i]);
                            if (capture[i]) {
                                assertThat(scanner.text(i)).as(as + ", cell " + i).isEqualTo(cells.get(i));
                            }
                        }
                    }
                    assertThat(scanner.next(capture)).as(as).isFalse();
                }
            }
        }
    }

    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
