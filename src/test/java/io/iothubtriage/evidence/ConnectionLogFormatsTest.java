package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written exports with the quirks real files have, one quirk family per test. */
class ConnectionLogFormatsTest {

    @TempDir
    Path dir;

    private static final String PROPS_404 = "{\\\"deviceId\\\":\\\"dev-1\\\",\\\"protocol\\\":\\\"Mqtt\\\","
            + "\\\"authType\\\":null,\\\"maskedIpAddress\\\":\\\"24.9.142.XXX\\\",\\\"statusCode\\\":\\\"404\\\","
            + "\\\"errorMessage\\\":\\\"gone\\\"}";

    @Test
    void logAnalyticsColumnsInAnyOrderNumbersAsStringsAndDynamicObjects() throws Exception {
        Path file = Read.write(dir, "la.json", """
                {"tables":[
                  {"name":"PrimaryResult",
                   "columns":[{"name":"properties_s","type":"string"},{"name":"DurationMs","type":"long"},
                              {"name":"Level","type":"string"},{"name":"TimeGenerated","type":"datetime"},
                              {"name":"OperationName","type":"string"},{"name":"ResultType","type":"string"},
                              {"name":"Category","type":"string"},{"name":"parsed","type":"dynamic"}],
                   "rows":[
                     ["%s","12","Error","2026-11-26T10:41:02.1234567Z","deviceDisconnect",404104,"Connections",{"a":[1]}],
                     [{"deviceId":"dev-2","statusCode":401,"authType":"{\\"scope\\":\\"device\\",\\"type\\":\\"sas\\"}"},
                      0,"Error","2026-11-26T10:41:03Z","deviceConnect","401003","Connections",null]
                   ]}],
                 "statistics":{"query":{"executionTime":0.1}}}
                """.formatted(PROPS_404));
        Read read = Read.of(file);
        assertThat(read.stats().format()).isEqualTo(LogFormat.LOG_ANALYTICS_RESPONSE);
        assertThat(read.rows()).containsExactly(
                new ConnectionLogRow(Instant.parse("2026-11-26T10:41:02.1234567Z"), "deviceDisconnect", "Error",
                        "404104", "", "dev-1", "Mqtt", "", "24.9.142.XXX", "", "404", "gone"),
                new ConnectionLogRow(Instant.parse("2026-11-26T10:41:03Z"), "deviceConnect", "Error", "401003", "",
                        "dev-2", "", "device/sas", "", "", "401", ""));
    }

    @Test
    void logAnalyticsUsesTheFirstTableWithTheNeededColumnsAndReportsAPartialResult() throws Exception {
        Path file = Read.write(dir, "la.json", """
                {"error":{"code":"PartialError","message":"There were some errors when processing your query.",
                          "details":[{"code":"EngineError","innererror":{"code":"E_QUERY_RESULT_SET_TOO_LARGE"}}]},
                 "tables":[
                   {"name":"Stats","columns":[{"name":"count_","type":"long"}],"rows":[["3"]]},
                   {"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},
                      {"name":"OperationName","type":"string"},{"name":"DeviceId","type":"string"}],
                    "rows":[["2026-11-26T10:41:02Z","deviceConnect","dev-1"]]},
                   {"name":"Later","columns":[{"name":"TimeGenerated","type":"datetime"},
                      {"name":"OperationName","type":"string"},{"name":"DeviceId","type":"string"}],
                    "rows":[["2026-11-26T10:41:02Z","deviceConnect","dev-9"]]}]}
                """);
        Read read = Read.of(file);
        assertThat(read.only().deviceId()).isEqualTo("dev-1");
        assertThat(read.stats().warnings()).singleElement().asString()
                .contains("partial").contains("PartialError");
    }

    @Test
    void logAnalyticsRowsBeforeColumnsAreStillRead() throws Exception {
        Path file = Read.write(dir, "la.json", """
                {"tables":[{"rows":[["deviceConnect","2026-11-26T10:41:02Z","dev-1"]],
                  "columns":[{"name":"OperationName"},{"name":"TimeGenerated"},{"name":"DeviceId"}],
                  "name":"PrimaryResult"}]}
                """);
        assertThat(Read.of(file).only().deviceId()).isEqualTo("dev-1");
    }

    @Test
    void logAnalyticsResponseInsideARestApiExampleFile() throws Exception {
        Path file = Read.write(dir, "example.json", """
                {"parameters":{"workspaceId":"x","body":{"query":"AzureDiagnostics"}},
                 "responses":{"200":{"body":{"tables":[{"name":"PrimaryResult",
                   "columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"OperationName","type":"string"},
                              {"name":"properties_s","type":"string"}],
                   "rows":[["2026-11-26T10:41:02Z","deviceConnect","{\\"deviceId\\":\\"dev-7\\"}"]]}]}}}}
                """);
        assertThat(Read.of(file).only().deviceId()).isEqualTo("dev-7");
    }

    @Test
    void cliArrayWithNullsNumbersAndUnknownKeys() throws Exception {
        Path file = Read.write(dir, "cli.json", """
                [
                  {
                    "Category": "Connections",
                    "Level": "Error",
                    "OperationName": "deviceDisconnect",
                    "ResultDescription": "DeviceConnectionClosedRemotely",
                    "ResultType": "404104",
                    "TableName": "PrimaryResult",
                    "TenantId": "b438b4f6-912a-46d5-9cb1-b44069212abc",
                    "TimeGenerated": "2026-11-26T10:41:02.12Z",
                    "_ResourceId": "/subscriptions/x/resourcegroups/rg/providers/microsoft.devices/iothubs/hub",
                    "nested": {"a": [1, 2, {"b": null}]},
                    "properties_s": "%s"
                  },
                  {
                    "Category": "Routes",
                    "OperationName": "endpointUnhealthy",
                    "TimeGenerated": "2026-11-26T10:41:03Z",
                    "properties_s": "{\\"deviceId\\":null}"
                  },
                  {
                    "Category": null,
                    "DurationMs": 5,
                    "Level": null,
                    "OperationName": "deviceConnect",
                    "TimeGenerated": "2026-11-26T12:41:04+02:00",
                    "DeviceId": "dev-2",
                    "StatusCode": 200
                  }
                ]
                """.formatted(PROPS_404));
        Read read = Read.of(file);
        assertThat(read.stats().format()).isEqualTo(LogFormat.CLI_JSON_ARRAY);
        assertThat(read.stats().skippedOtherCategories()).isEqualTo(1);
        assertThat(read.rows()).containsExactly(
                new ConnectionLogRow(Instant.parse("2026-11-26T10:41:02.12Z"), "deviceDisconnect", "Error", "404104",
                        "DeviceConnectionClosedRemotely", "dev-1", "Mqtt", "", "24.9.142.XXX", "", "404", "gone"),
                new ConnectionLogRow(Instant.parse("2026-11-26T10:41:04Z"), "deviceConnect", "", "", "", "dev-2", "",
                        "", "", "", "200", ""));
    }

    @Test
    void emptyResultsAreZeroRowsNotErrors() throws Exception {
        assertThat(Read.of(Read.write(dir, "a.json", "[]\n")).stats().accepted()).isZero();
        assertThat(Read.of(Read.write(dir, "b.json", """
                {"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated"},{"name":"OperationName"},
                {"name":"properties_s"}],"rows":[]}]}""")).stats().accepted()).isZero();
        Read csv = Read.of(Read.write(dir, "c.csv", "TimeGenerated [UTC],OperationName,properties_s\r\n"));
        assertThat(csv.stats().accepted()).isZero();
        assertThat(csv.stats().format()).isEqualTo(LogFormat.PORTAL_CSV);
    }

    @Test
    void portalCsvWithBomPortalTimesDoubledQuotesAndLineBreaksInCells() throws Exception {
        String csv = "\uFEFFTenantId,\"TimeGenerated [UTC]\",Category,OperationName,Level,ResultType,"
                + "ResultDescription,properties_s,Notes\r\n"
                + "t,\"11/26/2026, 10:41:02.123 AM\",Connections,deviceDisconnect,Error,404104,"
                + "DeviceConnectionClosedRemotely,\"{\"\"deviceId\"\":\"\"dev-1\"\",\"\"protocol\"\":\"\"Mqtt\"\","
                + "\"\"authType\"\":\"\"{\\\"\"scope\\\"\":\\\"\"device\\\"\",\\\"\"type\\\"\":\\\"\"sas\\\"\"}\"\","
                + "\"\"statusCode\"\":\"\"404\"\"}\",\"line one\r\nline two, \"\"quoted\"\"\"\r\n"
                + "t,\"1/2/2027, 12:00:00 AM\",Connections,deviceConnect,Information,,,"
                + "\"{\"\"deviceId\"\":\"\"dev-2\"\"}\",\r\n"
                + "\r\n"
                + "t,2026-11-26T10:41:05.5Z,Connections,deviceConnect,Information,,,\"{\"\"deviceId\"\":\"\"dev-3\"\"}\","
                + "\n"
                + "t,\"11/26/2026, 12:30:00 PM\",Routes,endpointUnhealthy,Error,403004,x,\"{\"\"deviceId\"\":null}\","
                + "\r\n";
        Read read = Read.of(Read.write(dir, "export.csv", csv));
        assertThat(read.stats().format()).isEqualTo(LogFormat.PORTAL_CSV);
        assertThat(read.stats().skippedOtherCategories()).isEqualTo(1);
        assertThat(read.rows()).containsExactly(
                new ConnectionLogRow(Instant.parse("2026-11-26T10:41:02.123Z"), "deviceDisconnect", "Error",
                        "404104", "DeviceConnectionClosedRemotely", "dev-1", "Mqtt", "device/sas", "", "", "404", ""),
                new ConnectionLogRow(Instant.parse("2027-01-02T00:00:00Z"), "deviceConnect", "Information", "", "",
                        "dev-2", "", "", "", "", "", ""),
                new ConnectionLogRow(Instant.parse("2026-11-26T10:41:05.5Z"), "deviceConnect", "Information", "", "",
                        "dev-3", "", "", "", "", "", ""));
    }

    @Test
    void portalCsvInAnotherTimeZone() throws Exception {
        String header = "OperationName,DeviceId,\"TimeGenerated [UTC+01:00]\"\n";
        Read shifted = Read.of(Read.write(dir, "plus1.csv", header + "deviceConnect,d,\"11/26/2026, 11:41:02 AM\"\n"));
        assertThat(shifted.only().time()).isEqualTo(Instant.parse("2026-11-26T10:41:02Z"));

        String local = "OperationName,DeviceId,TimeGenerated [Local Time]\n";
        Read zoned = Read.of(Read.write(dir, "local-zoned.csv", local + "deviceConnect,d,2026-11-26T10:41:02Z\n"));
        assertThat(zoned.only().time()).isEqualTo(Instant.parse("2026-11-26T10:41:02Z"));

        Path ambiguous = Read.write(dir, "local.csv", local + "deviceConnect,d,\"11/26/2026, 10:41:02 AM\"\n");
        BadInput.of(ambiguous).contains("row 1 (line 2)").contains("Local Time")
                .contains("set the portal's time zone to UTC");
    }

    @Test
    void projectedColumnsInsteadOfPropertiesAndColumnsWinOverProperties() throws Exception {
        String csv = "TimeGenerated,OperationName,Level,ResultType,DeviceId,Protocol,SDKVersion,properties_s\n"
                + "2026-11-26T10:41:02Z,deviceConnect,Information,,dev-1,Amqp,\"C, v1\",\"{\"\"deviceId\"\":"
                + "\"\"ignored\"\",\"\"maskedIpAddress\"\":\"\"1.2.3.XXX\"\"}\"\n"
                + "2026-11-26T10:41:03Z,deviceConnect,Information,,,,,\"{\"\"deviceId\"\":\"\"dev-2\"\"}\"\n";
        Read read = Read.of(Read.write(dir, "projected.csv", csv));
        assertThat(read.rows()).extracting(ConnectionLogRow::deviceId).containsExactly("dev-1", "dev-2");
        assertThat(read.rows().get(0).sdkVersion()).isEqualTo("C, v1");
        assertThat(read.rows().get(0).maskedIpAddress()).isEqualTo("1.2.3.XXX");
        assertThat(read.rows().get(0).protocol()).isEqualTo("Amqp");
    }

    @Test
    void rowsWithoutADeviceAreCountedNotAccepted() throws Exception {
        String csv = "TimeGenerated,OperationName,properties_s\n"
                + "2026-11-26T10:41:02Z,deviceConnect,\"{\"\"deviceId\"\":null}\"\n"
                + "2026-11-26T10:41:02Z,deviceConnect,\n"
                + "2026-11-26T10:41:02Z,deviceConnect,not json\n"
                + "2026-11-26T10:41:02Z,deviceConnect,\"{\"\"deviceId\"\":\"\"d\"\"}\"\n";
        Read read = Read.of(Read.write(dir, "nodevice.csv", csv));
        assertThat(read.stats().accepted()).isEqualTo(1);
        assertThat(read.stats().unreadable()).isEqualTo(3);
        assertThat(read.stats().skippedWithoutDevice()).isEqualTo(1);
    }

    @Test
    void resourceLogRecordsOneObjectPerLineWithObjectProperties() throws Exception {
        String lines = """
                {"time":"2026-11-26T10:41:02Z","resourceId":"/SUBSCRIPTIONS/X","operationName":"deviceConnect","category":"Connections","level":"Information","properties":{"deviceId":"dev-1","protocol":"Mqtt","authType":{"scope":"device","type":"x509"},"statusCode":null}}
                {"time":"2026-11-26T10:41:03.5Z","operationName":"deviceDisconnect","category":"Connections","level":"Error","resultType":"404104","resultDescription":"DeviceConnectionClosedRemotely","properties":"{\\"deviceId\\":\\"dev-1\\",\\"statusCode\\":\\"404\\"}"}

                {"time":"2026-11-26T10:41:04Z","operationName":"endpointUnhealthy","category":"Routes","properties":"{}"}
                """;
        Read read = Read.of(Read.write(dir, "PT1H.json", lines));
        assertThat(read.stats().format()).isEqualTo(LogFormat.RESOURCE_LOG_LINES);
        assertThat(read.stats().skippedOtherCategories()).isEqualTo(1);
        assertThat(read.rows()).containsExactly(
                new ConnectionLogRow(Instant.parse("2026-11-26T10:41:02Z"), "deviceConnect", "Information", "", "",
                        "dev-1", "Mqtt", "device/x509", "", "", "", ""),
                new ConnectionLogRow(Instant.parse("2026-11-26T10:41:03.5Z"), "deviceDisconnect", "Error", "404104",
                        "DeviceConnectionClosedRemotely", "dev-1", "", "", "", "", "404", ""));
    }

    @Test
    void utf16WithByteOrderMarkAsWindowsPowerShellWritesIt() throws Exception {
        String json = "[{\"TimeGenerated\":\"2026-11-26T10:41:02Z\",\"OperationName\":\"deviceConnect\","
                + "\"DeviceId\":\"caf\u00e9-1\"}]\r\n";
        Path file = dir.resolve("ps.json");
        Files.write(file, ("\uFEFF" + json).getBytes(StandardCharsets.UTF_16LE));
        assertThat(Read.of(file).only().deviceId()).isEqualTo("caf\u00e9-1");
        Path csv = dir.resolve("ps.csv");
        Files.write(csv, "\uFEFFTimeGenerated,OperationName,DeviceId\r\n2026-11-26T10:41:02Z,deviceConnect,d\r\n"
                .getBytes(StandardCharsets.UTF_16BE));
        assertThat(Read.of(csv).only().deviceId()).isEqualTo("d");
    }

    @Test
    void longValuesBeyondEveryBufferSurviveInEachFormat() throws Exception {
        // Values longer than the scanners' initial buffers and than one 64 KB read, in columns and in properties_s.
        String longMessage = "x\u00e9\"y".repeat(30_000);
        String longOperation = "deviceConnect" + "o".repeat(2_000);
        java.util.List<ConnectionLogRow> rows = java.util.List.of(
                new ConnectionLogRow(Instant.parse("2026-11-26T10:41:02Z"), longOperation, "Error", "404104",
                        "R".repeat(5_000), "dev-1", "Mqtt", "device/sas", "1.2.3.XXX", "", "404", longMessage),
                new ConnectionLogRow(Instant.parse("2026-11-26T10:41:03Z"), "deviceConnect", "Information", "", "",
                        "dev-2", "Amqp", "", "1.2.3.XXX", "sdk", "", "short"));
        for (var format : io.iothubtriage.testing.ExportWriter.Format.values()) {
            Path file = dir.resolve("long-" + format);
            io.iothubtriage.testing.ExportWriter.write(file, format, rows,
                    io.iothubtriage.testing.ExportWriter.Options.realistic().multilineCells(true));
            assertThat(Read.of(file).rows()).as(format.name()).containsExactlyElementsOf(rows);
        }
    }

    @Test
    void memoryDoesNotGrowWithRows() throws Exception {
        // A sink that keeps nothing: reading a large file must not retain rows (checked loosely via heap use).
        Path file = dir.resolve("big.json");
        io.iothubtriage.testing.ExportWriter.write(file, io.iothubtriage.testing.ExportWriter.Format.CLI_JSON_ARRAY,
                io.iothubtriage.testing.SyntheticRows.rows(io.iothubtriage.testing.SyntheticRows.Spec.of(200_000)),
                io.iothubtriage.testing.ExportWriter.Options.realistic());
        long[] count = new long[1];
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long[] peak = new long[1];
        ConnectionLogReader.read(file, row -> {
            if (++count[0] % 50_000 == 0) {
                System.gc();
                peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
            }
        });
        assertThat(count[0]).isEqualTo(200_000);
        // 200,000 rows held would be well over 60 MB; a streaming read stays near its buffers.
        assertThat(peak[0] - before).isLessThan(30L * 1024 * 1024);
    }
}
