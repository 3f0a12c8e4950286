package io.iothubtriage.evidence;

import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal CSV is read as bytes (cells, properties_s and its scan never go through a character decoder): what
 * that must not change. Multi-byte device ids and values, doubled quotes, CRLF, line breaks in cells and huge cells
 * give the same rows as the JSON formats give, wherever the file's reads happen to split a row, and a row exported
 * twice in two formats counts once.
 */
class CsvByteScanTest {

    @TempDir
    Path dir;

    /** Device ids and values of 2-, 3- and 4-byte UTF-8 characters, quotes, backslashes, commas and line breaks. */
    private static final List<ConnectionLogRow> ROWS = List.of(
            row("2026-11-26T10:41:02.123Z", "deviceDisconnect", "404104", "gerät-é-1", "Mqtt", "1.2.3.XXX",
                    "Device \"disconnected\", see\r\nhttps://aka.ms/iothub404104"),
            row("2026-11-26T10:41:02.124Z", "deviceConnect", "", "設備-二", "Amqp", "5.6.7.XXX", ""),
            row("2026-11-26T10:41:02.125Z", "deviceConnect", "401003", "pager-\uD83D\uDCDF", "Mqtt", "8.9.1.XXX",
                    "C:\\certs\\é.pem, \"expired\""),
            row("2026-11-26T10:41:03Z", "deviceDisconnect", "", "ascii-device", "MqttWs", "2.2.2.XXX", ""),
            row("2026-11-26T10:41:04Z", "deviceDisconnect", "404104", "huge-" + "ü\"x,".repeat(40_000), "Mqtt",
                    "3.3.3.XXX", "m".repeat(70_000)));

    private static ConnectionLogRow row(String time, String operation, String code, String device, String protocol,
                                        String ip, String message) {
        return new ConnectionLogRow(Instant.parse(time), operation, code.isEmpty() ? "Information" : "Error", code,
                code.isEmpty() ? "" : "DeviceConnectionClosedRemotely", device, protocol,
                code.equals("401003") ? "device/x509" : "device/sas", ip, "azure-iot-device/1.0 (é)", code.isEmpty()
                ? "" : code.substring(0, 3), message);
    }

    @Test
    void multiByteDeviceIdsAndValuesReadTheSameInEveryFormat() throws Exception {
        for (Format format : Format.values()) {
            Path file = dir.resolve("rows-" + format);
            ExportWriter.write(file, format, ROWS, Options.realistic().otherCategoryEvery(2).multilineCells(true));
            Read read = Read.of(file);
            assertThat(read.rows()).as(format.name()).containsExactlyElementsOf(ROWS);
            assertThat(read.stats().skippedOtherCategories()).as(format.name()).isPositive();
        }
    }

    @Test
    void everySplitOfTheFileIntoReadsGivesTheSameRows() throws Exception {
        Path file = dir.resolve("rows.csv");
        ExportWriter.write(file, Format.PORTAL_CSV, ROWS, Options.realistic().otherCategoryEvery(2).multilineCells(true));
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\r\n").contains("\"\"");
        // 1 byte per read puts a buffer boundary between every two bytes: inside multi-byte characters, between
        // the two quotes of a doubled quote, between CR and LF, right after a closing quote
        for (int chunk : new int[]{1, 2, 3, 7, 64, 4099}) {
            List<ConnectionLogRow> rows = new ArrayList<>();
            RowCollector collector = RowCollector.direct(new RowAssembler("rows.csv", RowIntake.passThrough(rows::add)));
            CsvLogReader.read(trickle(bytes, chunk), "rows.csv", collector);
            assertThat(rows).as("reads of " + chunk + " bytes").containsExactlyElementsOf(ROWS);
        }
    }

    @Test
    void quotedCellsWithDoubledQuotesAtEveryPositionAndCrlf() throws Exception {
        String csv = "TimeGenerated [UTC],OperationName,properties_s,Notes\r\n"
                + "2026-11-26T10:41:02Z,deviceConnect,\"{\"\"deviceId\"\":\"\"d\\\"\"1\"\"}\",\"\"\"\"\r\n"
                + "2026-11-26T10:41:03Z,deviceConnect,\"{\"\"deviceId\"\":\"\"é\"\"}\",\"a\"\"\"\"b\"\r\n"
                + "2026-11-26T10:41:04Z,deviceConnect,\"{\"\"deviceId\"\":\"\"d3\"\"}\",\"\"\r\n";
        List<String> devices = new ArrayList<>();
        for (int chunk : new int[]{1, 2, 5, 1 << 16}) {
            List<ConnectionLogRow> rows = new ArrayList<>();
            RowCollector collector = RowCollector.direct(new RowAssembler("q.csv", RowIntake.passThrough(rows::add)));
            CsvLogReader.read(trickle(csv.getBytes(StandardCharsets.UTF_8), chunk), "q.csv", collector);
            devices.clear();
            rows.forEach(r -> devices.add(r.deviceId()));
            assertThat(devices).as("reads of " + chunk + " bytes").containsExactly("d\"1", "é", "d3");
        }
    }

    @Test
    void theSameRowsExportedAsCsvAndAsJsonCountOnce() throws Exception {
        Path csv = dir.resolve("rows.csv");
        Path json = dir.resolve("rows.json");
        Options options = Options.realistic().otherCategoryEvery(2).multilineCells(true);
        ExportWriter.Written written = ExportWriter.write(csv, Format.PORTAL_CSV, ROWS, options);
        ExportWriter.write(json, Format.LOG_ANALYTICS_RESPONSE, ROWS, options);
        List<ConnectionLogRow> used = new ArrayList<>();
        RowIntake intake = new RowIntake(HubMatcher.of(ExportWriter.DEFAULT_HUB), null, used::add);
        ConnectionLogReader.read(csv, intake);
        ConnectionLogReader.read(json, intake);
        Inputs inputs = intake.inputs();
        assertThat(used).containsExactlyElementsOf(ROWS);
        assertThat(written.otherCategoryRows()).isPositive();
        assertThat(inputs.otherCategories()).isEqualTo(written.otherCategoryRows());
        assertThat(inputs.duplicates()).isEqualTo(written.connectionRows() + written.otherCategoryRows());
    }

    @Test
    void propertiesScannedAheadOnTheReadingThreadGiveWhatOneThreadGives() throws Exception {
        // broken, blank and missing properties_s, other categories with broken text, an unknown category (columns
        // misaligned), lower-case Connections: the second thread scans properties_s ahead only where it may count
        StringBuilder csv = new StringBuilder("TimeGenerated [UTC],Category,OperationName,Level,ResultType,properties_s\n");
        String[] props = {"\"{\"\"deviceId\"\":\"\"d-%d\"\",\"\"protocol\"\":\"\"Mqtt\"\"}\"", "\"{\"\"deviceId\"\":\"\"d-%d\"\",\"",
                "\"  \"", "", "\"{\"\"deviceId\"\":\"\"ü-%d\"\"}\""};
        String[] categories = {"Connections", "connections", "Routes", "NotACategory", ""};
        int n = 0;
        while (csv.length() < 3 << 20) { // over the size from which a read takes two threads
            String p = String.format(props[n % props.length], n);
            csv.append("2026-11-26T10:41:").append(String.format("%02d", n % 60)).append('.').append(n % 1000)
                    .append("Z,").append(categories[n / 5 % categories.length]).append(',')
                    .append(n % 2 == 0 ? "deviceConnect" : "deviceDisconnect").append(",Error,404104,").append(p)
                    .append('\n');
            n++;
        }
        Path file = dir.resolve("mixed.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        List<ConnectionLogRow> one = new ArrayList<>();
        List<ConnectionLogRow> two = new ArrayList<>();
        RowIntake oneIntake = new RowIntake(HubMatcher.any(), null, one::add);
        RowIntake twoIntake = new RowIntake(HubMatcher.any(), null, two::add);
        ReadStats oneStats = ConnectionLogReader.read(file, oneIntake, ConnectionLogReader.Threads.ONE);
        ReadStats twoStats = ConnectionLogReader.read(file, twoIntake, ConnectionLogReader.Threads.TWO);
        assertThat(one).hasSizeGreaterThan(1_000);
        assertThat(two).isEqualTo(one);
        assertThat(twoStats).isEqualTo(oneStats);
        assertThat(twoIntake.inputs()).isEqualTo(oneIntake.inputs());
        assertThat(oneIntake.inputs().unreadable()).isPositive();
        assertThat(oneIntake.inputs().otherCategories()).isPositive();
    }

    /** The bytes, handed out at most {@code chunk} at a time. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
