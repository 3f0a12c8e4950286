package io.iothubtriage.evidence;

import io.iothubtriage.testing.ExportWriter;
import io.iothubtriage.testing.ExportWriter.Format;
import io.iothubtriage.testing.ExportWriter.Options;
import io.iothubtriage.testing.SyntheticRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a logs file can be unusable gives one line naming the file and the problem. */
class ConnectionLogBadInputTest {

    @TempDir
    Path dir;

    @Test
    void missingFile() {
        BadInput.of(dir.resolve("connections-2GB.json")).endsWith(": no such file");
    }

    @Test
    void directory() {
        BadInput.of(dir).endsWith(": is a directory, not a file");
    }

    @Test
    void emptyAndBlankFiles() throws Exception {
        BadInput.of(Read.write(dir, "empty.json", "")).contains("is empty (0 bytes)");
        BadInput.of(Read.write(dir, "blank.csv", " \r\n\t\n")).contains("is empty");
        Path bomOnly = dir.resolve("bom.csv");
        Files.write(bomOnly, new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        BadInput.of(bomOnly).contains("is empty");
    }

    @Test
    void binaryGarbage() throws Exception {
        byte[] noise = new byte[4096];
        new SplittableRandom(3).nextBytes(noise);
        noise[10] = 0;
        Path file = dir.resolve("noise.bin");
        Files.write(file, noise);
        BadInput.of(file).contains("is binary data, not a JSON or CSV text export");

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "TimeGenerated,OperationName,DeviceId\n2026-11-26T10:41:02Z,deviceConnect,caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        BadInput.of(latin1).contains("is binary data").contains("0x0a"); // é then newline is not UTF-8

        Path zip = dir.resolve("export.zip");
        Files.write(zip, new byte[]{'P', 'K', 3, 4, 20, 0, 0, 0});
        BadInput.of(zip).contains("ZIP archive");
    }

    @Test
    void truncatedJsonSaysWhere() throws Exception {
        Path full = dir.resolve("full.json");
        ExportWriter.write(full, Format.LOG_ANALYTICS_RESPONSE, SyntheticRows.rows(SyntheticRows.Spec.of(50)),
                Options.realistic());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.json");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        AtomicLong delivered = new AtomicLong();
        BadInput.of(cut, () -> ConnectionLogReader.read(cut, r -> delivered.incrementAndGet()))
                .contains("truncated JSON: the file ends inside /tables/0/rows/")
                .containsPattern("at line 1, column \\d+");
        assertThat(delivered.get()).isBetween(10L, 40L); // rows before the cut were read; the caller decides

        Path cli = dir.resolve("cli.json");
        ExportWriter.write(cli, Format.CLI_JSON_ARRAY, SyntheticRows.rows(SyntheticRows.Spec.of(20)), Options.plain());
        String text = Files.readString(cli);
        Path cliCut = Read.write(dir, "cli-cut.json", text.substring(0, text.length() - 40));
        BadInput.of(cliCut).contains("truncated JSON").containsPattern("line \\d{3}, column \\d+");
    }

    @Test
    void malformedJsonSaysWhere() throws Exception {
        Path file = Read.write(dir, "bad.json", "[{\"TimeGenerated\":\"2026-11-26T10:41:02Z\","
                + "\"OperationName\":\"deviceConnect\",\"DeviceId\":\"d\"},\n{\"TimeGenerated\" \"x\"}]");
        BadInput.of(file).contains("malformed JSON at line 2, column").contains("/1");
        BadInput.of(Read.write(dir, "scalar.json", "42")).contains("is not a connection-log export");
        BadInput.of(Read.write(dir, "string.json", "[\"a\",\"b\"]")).contains("is a JSON array of string values");
        BadInput.of(Read.write(dir, "two.json", "[]\n[]")).contains("has more content after the JSON array");
    }

    @Test
    void jsonOfAnotherShapeSaysWhatItLooksLike() throws Exception {
        BadInput.of(Read.write(dir, "health.json", """
                {"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub/providers/Microsoft.ResourceHealth/availabilityStatuses/current",
                 "name":"current","type":"Microsoft.ResourceHealth/AvailabilityStatuses","location":"westeurope",
                 "properties":{"availabilityState":"Available","occuredTime":"2026-11-26T10:00:00Z"}}
                """)).contains("is not connection logs: it is a Resource Health availability status (pass it with --health)");
        BadInput.of(Read.write(dir, "events.json", """
                {"value":[{"name":"BC_1-FXZ","type":"/providers/Microsoft.ResourceHealth/events",
                           "properties":{"eventType":"ServiceIssue","status":"Active"}}]}
                """)).contains("is not connection logs: it is a list of Resource Health events (pass it with --health)");
        BadInput.of(Read.write(dir, "metrics.json", """
                {"cost":0,"timespan":"x","interval":"PT1M","value":[{"type":"Microsoft.Insights/metrics",
                 "name":{"value":"connectedDeviceCount"},"timeseries":[]}]}
                """)).contains("an Azure Monitor metrics response (pass it with --metrics)");
        BadInput.of(Read.write(dir, "alert.json", """
                {"schemaId":"azureMonitorCommonAlertSchema","data":{"essentials":{"alertId":"x"}}}
                """)).contains("an Azure Monitor alert (pass it with --alert)");
        BadInput.of(Read.write(dir, "array.json", "[{\"name\":\"x\",\"kind\":\"y\"}]"))
                .contains("a JSON array of objects with fields name, kind")
                .contains("rows need TimeGenerated, OperationName and properties_s or DeviceId");
        BadInput.of(Read.write(dir, "other.json", "{\"foo\":1,\"bar\":[1,2,3]}"))
                .contains("a JSON object with fields foo, bar");
    }

    @Test
    void csvWithoutTheRequiredColumnsNamesThem() throws Exception {
        BadInput.of(Read.write(dir, "a.csv", "TimeGenerated [UTC],Category,Level\n2026-11-26T10:41:02Z,Connections,x\n"))
                .contains("its first line has no OperationName, properties_s (or DeviceId) column")
                .contains("header: TimeGenerated [UTC], Category, Level");
        BadInput.of(Read.write(dir, "notes.txt", "hello world\nthis is not an export\n"))
                .contains("has no TimeGenerated, OperationName, properties_s (or DeviceId) column");
    }

    @Test
    void unparseableTimestampNamesRowLineAndValue() throws Exception {
        String csv = "TimeGenerated [UTC],OperationName,DeviceId\n"
                + "2026-11-26T10:41:02Z,deviceConnect,d1\n"
                + "\"multi\nline\",deviceConnect,d2\n"
                + "yesterday at noon,deviceConnect,d3\n";
        BadInput.of(Read.write(dir, "t.csv", csv))
                .contains("row 2 (line 3): TimeGenerated [UTC] 'multi\\u000aline' is not a timestamp");

        String json = "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":[{\"name\":\"TimeGenerated\"},"
                + "{\"name\":\"OperationName\"},{\"name\":\"DeviceId\"}],\"rows\":[[\"2026-11-26T10:41:02Z\","
                + "\"deviceConnect\",\"d\"],[\"26/11/2026 10:41\",\"deviceConnect\",\"d\"]]}]}";
        BadInput.of(Read.write(dir, "t.json", json))
                .contains("row 2 (line 1, column ")
                .contains("): TimeGenerated '26/11/2026 10:41' is not a timestamp (expected e.g. 2026-11-26T10:41:02.123Z");
        BadInput.of(Read.write(dir, "t2.json", "[{\"time\":\"2026-11-26T10:41:02Z\",\"operationName\":\"x\","
                + "\"DeviceId\":\"d\"},{\"operationName\":\"x\",\"DeviceId\":\"d\"}]"))
                .contains("row 2 (line 1, column").contains("): no time value");
    }

    @Test
    void truncatedOrRaggedCsv() throws Exception {
        BadInput.of(Read.write(dir, "q.csv", "TimeGenerated,OperationName,properties_s\n"
                + "2026-11-26T10:41:02Z,deviceConnect,\"{\"\"deviceId\"\":\"\"d\n"))
                .contains("truncated CSV: the file ends inside a quoted cell that starts at line 2");
        BadInput.of(Read.write(dir, "r.csv", "TimeGenerated,OperationName,DeviceId\n"
                + "2026-11-26T10:41:02Z,deviceConnect,d\n2026-11-26T10:41:0"))
                .contains("row 2 (line 3): 1 cell(s) where the header has 3");
    }

    @Test
    void aCellOfMoreThanTwentyMillionBytesIsBadInputNotAHeapFilledWithIt() throws Exception {
        // 25 MB in one quoted properties_s (a quote never closed, say): refused once the bound is passed, long before
        // the heap could fill
        BadInput.of(hugeCell("huge.csv", "\"")).contains("the row at line 2 holds a cell of more than 20,000,000"
                + " bytes, more than any log row holds (a damaged file, or a quote that is never closed)");
        // unquoted, the same bound
        BadInput.of(hugeCell("huge-bare.csv", "")).contains("the row at line 2 holds a cell of more than 20,000,000 bytes");
    }

    /** A CSV whose second row's properties_s holds 25 MB between {@code quote}s. */
    private Path hugeCell(String name, String quote) throws IOException {
        Path file = dir.resolve(name);
        try (java.io.Writer w = Files.newBufferedWriter(file)) {
            w.write("TimeGenerated,OperationName,properties_s\n2026-11-26T10:41:02Z,deviceConnect," + quote);
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 25; i++) {
                w.write(chunk);
            }
            w.write(quote + "\n");
        }
        return file;
    }

    @Test
    void errorResponsesOfTheQueryApi() throws Exception {
        BadInput.of(Read.write(dir, "err.json", """
                {"error":{"message":"The request had some invalid properties","code":"BadArgumentError",
                 "innererror":{"code":"SyntaxError","message":"Syntax Error"}}}
                """)).endsWith("is an error response, not query results: BadArgumentError/SyntaxError: "
                + "The request had some invalid properties");
    }
}
