package io.iothubtriage.evidence;

import io.iothubtriage.alert.BadInputException;

import java.io.IOException;
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
 * Rows of another {@code Category} (Routes, ...) are skipped and counted; rows need not be ordered. Memory does
 * not grow with the number of rows: nothing is collected. A gzip-compressed file is unpacked on the fly.
 */
public final class ConnectionLogReader {

    private ConnectionLogReader() {
    }

    /**
     * Reads every Connections row of {@code file} into {@code sink}, in file order.
     *
     * @throws BadInputException when the file cannot be used: missing, a directory, empty, binary, truncated or
     *                           malformed, of another shape (a Resource Health response, an error response, ...),
     *                           without the needed columns, or holding a row with an unusable time; the message
     *                           names the file and the problem on one line
     */
    public static ReadStats read(Path file, Consumer<ConnectionLogRow> sink) throws BadInputException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sink, "sink");
        String where = InputFiles.where(file);
        try (InputFiles.Opened opened = InputFiles.open(file)) {
            char first = opened.firstChar();
            if (first == '{' || first == '[') {
                return JsonLogReader.read(opened, where, sink);
            }
            return CsvLogReader.read(opened.utf8Stream(), where, sink);
        } catch (IOException e) {
            throw new BadInputException(where, "cannot be read: " + InputFiles.oneLine(String.valueOf(e.getMessage())), e);
        }
    }
}
