package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads an exported file of IoT Hub {@code Connections} log rows and streams them to a sink, whichever way the
 * file was exported. The format is recognised from the content, not the file name:
 * <ul>
 *   <li>the Log Analytics query API response {@code {"tables":[{"name","columns","rows"}]}} (columns in any order,
 *       numbers possibly as strings, {@code dynamic} values as text or objects);</li>
 *   <li>the Azure CLI's JSON array of row objects ({@code az monitor log-analytics query});</li>
 *   <li>the portal's CSV export (header row; {@code TimeGenerated [UTC]}; ISO or {@code 11/26/2026, 10:41:02.123 AM}
 *       times; quoted JSON with doubled quotes; quoted line breaks; optional byte-order mark);</li>
 *   <li>raw resource logs as archived to storage or Event Hubs: {@code {"records":[...]}}, or one JSON record per
 *       line.</li>
 * </ul>
 * Rows of another resource or {@code Category} (Routes, ...), duplicates and unreadable rows are set aside and
 * counted (see {@link RowIntake}); rows need not be ordered. Memory does
 * not grow with the number of rows: nothing is collected. A gzip-compressed file is unpacked on the fly.
 */
public final class ConnectionLogReader {

    /** Files at least this big are parsed on a second thread while the caller's thread assembles the rows. */
    static final long PIPELINE_MIN_BYTES = 1 << 20;

    /**
     * Bytes per row used to guess an export's row count from its size, on the low side (portal CSV rows are about
     * 800 bytes, JSON rows 900 to 1,300): a guess too low only leaves some growing to do, one too high would hold
     * memory for rows that never come.
     */
    static final int BYTES_PER_ROW_GUESS = 1024;

    /** How a read uses threads: decided by the file's size, or forced (tests). */
    enum Threads { BY_SIZE, ONE, TWO }

    private ConnectionLogReader() {
    }

    /**
     * Reads every Connections row of {@code file} into {@code sink}, in file order, on the calling thread. A file of
     * a megabyte or more is parsed on a second thread meanwhile (when the machine has more than one processor); the
     * sink still sees every row on the calling thread, and a fault still comes after the rows before it.
     *
     * @throws BadInputException when the file cannot be used: missing, a directory, empty, binary, truncated or
     *                           malformed, of another shape (a Resource Health response, an error response, ...),
     *                           without the needed columns, or holding a row with an unusable time; the message
     *                           names the file and the problem on one line
     */
    public static ReadStats read(Path file, Consumer<ConnectionLogRow> sink) throws BadInputException {
        return read(file, RowIntake.passThrough(sink), Threads.BY_SIZE);
    }

    /**
     * Reads {@code file} through {@code intake}: this hub's readable Connections rows reach the intake's consumer
     * once each, every other row is counted there (other resource, other category, duplicate, unreadable). One intake
     * serves every file of a triage, so that rows repeated across files count once.
     */
    public static ReadStats read(Path file, RowIntake intake) throws BadInputException {
        return read(file, intake, Threads.BY_SIZE);
    }

    static ReadStats read(Path file, Consumer<ConnectionLogRow> sink, Threads threads) throws BadInputException {
        return read(file, RowIntake.passThrough(sink), threads);
    }

    static ReadStats read(Path file, RowIntake intake, Threads threads) throws BadInputException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(intake, "intake");
        String where = InputFiles.where(file);
        try (InputFiles.Opened opened = InputFiles.open(file)) {
            intake.expectRows(Files.size(file) / BYTES_PER_ROW_GUESS);
            char first = opened.firstChar();
            boolean json = first == '{' || first == '[';
            RowPipeline.Reader reader = json
                    ? rows -> JsonLogReader.read(opened, where, rows)
                    : rows -> CsvLogReader.read(opened.utf8Stream(), where, rows);
            RowAssembler assembler = new RowAssembler(where, intake);
            RowCollector.Result result = twoThreads(file, threads)
                    ? RowPipeline.run(reader, assembler, "iothub-triage log reader")
                    : reader.read(RowCollector.direct(assembler));
            return assembler.stats(result.format(), result.warnings());
        } catch (IOException e) {
            throw new BadInputException(where, InputFiles.cannotRead(e), e);
        }
    }

    /**
     * Reads a Log Analytics query API response as it arrives over the network (a live source's plain row query):
     * the same reader, assembler and intake (hub check, duplicates, unreadable rows) as an exported file of that
     * format, on the calling thread. The stream is UTF-8 JSON, as the API sends it; it is closed once read.
     *
     * @param where names the response in messages, e.g. "Log Analytics rows of the window"
     * @throws BadInputException when the response is not query results (a malformed or truncated body, an error
     *                           response, a row with an unusable time)
     */
    public static ReadStats readResponse(InputStream response, String where, RowIntake intake)
            throws BadInputException {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(intake, "intake");
        InputFiles.Opened opened = new InputFiles.Opened(response, StandardCharsets.UTF_8, '{');
        RowAssembler assembler = new RowAssembler(where, intake);
        try {
            RowCollector.Result result = JsonLogReader.read(opened, where, RowCollector.direct(assembler));
            return assembler.stats(result.format(), result.warnings());
        } catch (IOException e) {
            throw new BadInputException(where, InputFiles.cannotRead(e), e);
        }
    }

    private static boolean twoThreads(Path file, Threads threads) {
        return switch (threads) {
            case ONE -> false;
            case TWO -> true;
            case BY_SIZE -> {
                if (Runtime.getRuntime().availableProcessors() < 2) {
                    yield false;
                }
                try {
                    yield Files.size(file) >= PIPELINE_MIN_BYTES;
                } catch (IOException e) {
                    yield false;
                }
            }
        };
    }
}
