package io.iothubtriage.evidence;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.testing.ExportWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.iothubtriage.evidence.Rows.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV path hands the device id over as the bytes the properties_s scan found it in (a String only for a new
 * device); the other paths hand over rows with the id as a String. Both must name the same devices: ids whose hashes
 * collide, ids written with JSON escapes (the same device as the plain spelling), ids beyond ASCII, and an id first
 * met on another hub's row, which the hub filter drops before any device is made.
 */
class DeviceIdBytesTest {

    private static final HubId OTHER_HUB = HubId.parse("/subscriptions/00000000-0000-0000-0000-000000000001"
            + "/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-b");
    private static final TriageRequest REQUEST = Rows.request("10:00:00", "10:30:00");

    /** One CSV row: hub, time, operation, code ("" for none), and the properties_s text as the file holds it. */
    private record CsvRow(HubId hub, String time, String operation, String code, String properties) {
    }

    private static String csv(List<CsvRow> rows) {
        StringBuilder b = new StringBuilder(
                "TimeGenerated [UTC],ResourceId,Category,OperationName,ResultType,ResultDescription,Level,properties_s\n");
        for (CsvRow r : rows) {
            b.append("2026-01-15T").append(r.time()).append(".000Z,").append(r.hub().resourceId().toUpperCase())
                    .append(",Connections,").append(r.operation()).append(',').append(r.code()).append(',')
                    .append(r.code().isEmpty() ? "" : Rows.description(r.code())).append(',')
                    .append(r.code().isEmpty() ? "Information" : "Error").append(",\"")
                    .append(r.properties().replace("\"", "\"\"")).append("\"\n");
        }
        return b.toString();
    }

    /** properties_s with the id as given (already JSON-escaped where the test wants an escape). */
    private static String props(String rawId) {
        return "{\"deviceId\":\"" + rawId + "\",\"protocol\":\"Mqtt\",\"authType\":\"{\\\"scope\\\":\\\"device\\\","
                + "\\\"type\\\":\\\"sas\\\"}\",\"maskedIpAddress\":\"203.0.113.XXX\",\"statusCode\":null}";
    }

    private static final List<CsvRow> CSV_ROWS = List.of(
            // the other hub's row comes first: its device must not be made (nor its error counted)
            new CsvRow(OTHER_HUB, "10:01:00", "deviceConnect", "401003", props("shared-1")),
            new CsvRow(Rows.HUB, "10:02:00", "deviceConnect", "", props("shared-1")),
            // "Aa" and "BB" have the same String hash; the two must stay two devices
            new CsvRow(Rows.HUB, "10:03:00", "deviceDisconnect", "404104", props("Aa")),
            new CsvRow(Rows.HUB, "10:03:30", "deviceDisconnect", "404104", props("BB")),
            new CsvRow(Rows.HUB, "10:04:00", "deviceDisconnect", "404104", props("BB")),
            // escapes: the same device as the plain spelling
            new CsvRow(Rows.HUB, "10:05:00", "deviceDisconnect", "404104", props("esc-1")),
            new CsvRow(Rows.HUB, "10:05:10", "deviceDisconnect", "404104", props("esc\\u002d1")),
            new CsvRow(Rows.HUB, "10:05:20", "deviceDisconnect", "404104", props("esc\\/1")),
            new CsvRow(Rows.HUB, "10:05:30", "deviceDisconnect", "404104", props("esc/1")),
            // beyond ASCII, raw UTF-8 and escaped; Latin-1 and beyond
            new CsvRow(Rows.HUB, "10:06:00", "deviceDisconnect", "404104", props("capteur-é")),
            new CsvRow(Rows.HUB, "10:06:10", "deviceDisconnect", "404104", props("capteur-\\u00e9")),
            new CsvRow(Rows.HUB, "10:06:20", "deviceDisconnect", "404104", props("传感器-7")),
            // an id longer than one word of the hash, and one a byte longer
            new CsvRow(Rows.HUB, "10:07:00", "deviceDisconnect", "404104", props("building-12-floor-3-sensor-0042")),
            new CsvRow(Rows.HUB, "10:07:10", "deviceDisconnect", "404104", props("building-12-floor-3-sensor-00421")),
            // a later row, so that none of the errors above lies at the edge of the data
            new CsvRow(Rows.HUB, "10:25:00", "deviceConnect", "", props("shared-1")));

    /** The same rows of this hub as ConnectionLogRows, ids unescaped, for the paths that hand over rows. */
    private static List<ConnectionLogRow> hubRows() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (CsvRow r : CSV_ROWS) {
            if (!r.hub().equals(Rows.HUB)) {
                continue;
            }
            String id = r.properties().substring(13, r.properties().indexOf("\",\"protocol"))
                    .replace("\\u002d", "-").replace("\\/", "/").replace("\\u00e9", "é");
            rows.add(new ConnectionLogRow(at(r.time()), r.operation(), r.code().isEmpty() ? "Information" : "Error",
                    r.code(), r.code().isEmpty() ? "" : Rows.description(r.code()), id, "Mqtt", "device/sas",
                    "203.0.113.XXX", "", "", ""));
        }
        return rows;
    }

    private static ConnectionEvidence fromRows(List<ConnectionLogRow> rows) {
        ConnectionAggregator aggregator = new ConnectionAggregator(REQUEST);
        RowIntake intake = new RowIntake(HubMatcher.of(REQUEST.hub()), REQUEST.window(), aggregator);
        rows.forEach(intake);
        return aggregator.finish();
    }

    @Test
    void theCsvPathNamesTheSameDevicesAsTheRowPath(@TempDir Path dir) throws Exception {
        Path file = Read.write(dir, "conn.csv", csv(CSV_ROWS));
        ConnectionEvidence csv = ExportedEvidence.connections(REQUEST, List.of(file)).value();
        ConnectionEvidence rows = fromRows(hubRows());

        assertThat(csv.inputs().orElseThrow().otherResources()).isEqualTo(1);
        assertThat(csv.activeDevices()).isEqualTo(9);
        assertThat(csv.topDevices()).extracting(ConnectionEvidence.DeviceStats::deviceId)
                .containsExactlyInAnyOrder("Aa", "BB", "esc-1", "esc/1", "capteur-é", "传感器-7",
                        "building-12-floor-3-sensor-0042", "building-12-floor-3-sensor-00421");
        assertThat(csv.topDevices()).filteredOn(d -> d.deviceId().equals("esc-1"))
                .extracting(ConnectionEvidence.DeviceStats::events).containsExactly(2L);
        assertThat(csv.topDevices()).filteredOn(d -> d.deviceId().equals("esc/1"))
                .extracting(ConnectionEvidence.DeviceStats::events).containsExactly(2L);
        assertThat(csv.topDevices()).filteredOn(d -> d.deviceId().equals("capteur-é"))
                .extracting(ConnectionEvidence.DeviceStats::events).containsExactly(2L);
        assertThat(csv.codes()).extracting(ConnectionEvidence.CodeStats::code).containsExactly("404104");
        // field by field, the file's inputs aside (the row path was never given the other hub's row)
        assertThat(withoutInputs(csv)).isEqualTo(withoutInputs(rows));
    }

    @Test
    void theSameRowsAsCsvAndAsJsonCountOnce(@TempDir Path dir) throws Exception {
        Path csv = Read.write(dir, "conn.csv", csv(CSV_ROWS));
        Path json = dir.resolve("conn.json");
        ExportWriter.write(json, ExportWriter.Format.CLI_JSON_ARRAY, hubRows(),
                ExportWriter.Options.plain().hub(Rows.HUB));
        ConnectionEvidence both = ExportedEvidence.connections(REQUEST, List.of(csv, json, csv)).value();
        ConnectionEvidence once = ExportedEvidence.connections(REQUEST, List.of(csv)).value();

        assertThat(both.inputs().orElseThrow().duplicates()).isEqualTo(CSV_ROWS.size() + hubRows().size());
        assertThat(withoutInputs(both)).isEqualTo(withoutInputs(once));
    }

    /** "Aa" at 2 and "BB" at 4: two ids with the same String hash. */
    private static final byte[] AA_BB = "xxAaBBxx".getBytes(StandardCharsets.US_ASCII);
    private static final int SAME_HASH = "Aa".hashCode(); // "BB" has it too

    @Test
    void idsThatShareAHashAreDifferentDevices() {
        DeviceTable table = new DeviceTable();
        RowFields row = new RowFields();
        byte[] buffer = AA_BB;
        int sameHash = SAME_HASH;

        row.deviceId(buffer, 2, 2, sameHash);
        DeviceState aa = table.get(row);
        row.deviceId(buffer, 4, 2, sameHash);
        DeviceState bb = table.get(row);
        row.deviceId(buffer, 2, 2, sameHash);
        DeviceState aaAgain = table.get(row);

        assertThat(bb).isNotSameAs(aa);
        assertThat(aaAgain).isSameAs(aa);
        assertThat(aa.id()).isEqualTo("Aa");
        assertThat(bb.id()).isEqualTo("BB");
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void aStateLookedUpAheadIsCheckedAgainstTheRowsId() {
        DeviceTable table = new DeviceTable();
        assertThat(table.candidate(SAME_HASH)).isNull();
        RowFields row = new RowFields();
        row.deviceId(AA_BB, 2, 2, SAME_HASH);
        DeviceState aa = table.get(row);

        DeviceState candidate = table.candidate(SAME_HASH);
        assertThat(candidate).isSameAs(aa);
        row.deviceId(AA_BB, 4, 2, SAME_HASH, candidate); // "BB", with Aa's state as its candidate
        DeviceState bb = table.get(row);
        assertThat(bb).isNotSameAs(aa);
        assertThat(bb.id()).isEqualTo("BB");
        row.deviceId(AA_BB, 4, 2, SAME_HASH, table.candidate(SAME_HASH)); // still Aa's: the first of that hash
        assertThat(table.get(row)).isSameAs(bb);
        row.deviceId(AA_BB, 2, 2, SAME_HASH, candidate);
        assertThat(table.get(row)).isSameAs(aa);
        assertThat(table.size()).isEqualTo(2);
    }

    /**
     * On two threads the assembling one looks up a batch's devices before assembling its rows (see
     * {@link RowAssembler#findDevices}): over several batches, with ids that share a hash, a device first named by
     * another hub's rows and by a duplicate, the evidence is the one a single thread gives.
     */
    @Test
    void devicesLookedUpAheadOfTheirRowsGiveTheSameEvidence(@TempDir Path dir) throws Exception {
        List<CsvRow> rows = new ArrayList<>();
        String[] ids = {"Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "sensor-1", "sensor-2"}; // hash pairs
        for (int i = 0; i < 3 * RowPipeline.BATCH + 17; i++) {
            String time = String.format("10:%02d:%02d", 1 + i / 60 % 28, i % 60);
            String id = ids[i % ids.length];
            if (i % 97 == 5) {
                // another hub's row names a device first seen there; this hub's rows name it batches later
                rows.add(new CsvRow(OTHER_HUB, time, "deviceDisconnect", "404104", props("late-" + i)));
            } else if (i % 97 == 50) {
                rows.add(new CsvRow(Rows.HUB, time, "deviceDisconnect", "404104", props("late-" + (i - 45))));
            } else {
                rows.add(new CsvRow(Rows.HUB, time, i % 3 == 0 ? "deviceConnect" : "deviceDisconnect",
                        i % 3 == 0 ? "" : "404104", props(id)));
            }
            if (i % 50 == 7) {
                rows.add(rows.get(rows.size() - 1)); // a duplicate right behind its row
            }
        }
        Path file = Read.write(dir, "conn.csv", csv(rows));
        ConnectionEvidence one = read(file, ConnectionLogReader.Threads.ONE);
        ConnectionEvidence two = read(file, ConnectionLogReader.Threads.TWO);

        assertThat(two.activeDevices()).isEqualTo(one.activeDevices()).isGreaterThan(ids.length);
        assertThat(two.topDevices()).isEqualTo(one.topDevices());
        assertThat(two).isEqualTo(one);
    }

    private static ConnectionEvidence read(Path file, ConnectionLogReader.Threads threads) throws Exception {
        ConnectionAggregator aggregator = new ConnectionAggregator(REQUEST);
        RowIntake intake = new RowIntake(HubMatcher.of(REQUEST.hub()), REQUEST.window(), aggregator);
        ConnectionLogReader.read(file, intake, threads);
        return aggregator.finish().withInputs(intake.inputs());
    }

    @Test
    void anIdGivenAsBytesAndAsAStringIsOneDevice() {
        DeviceTable table = new DeviceTable();
        RowFields row = new RowFields();
        byte[] buffer = "{\"deviceId\":\"sensor-046309\"}".getBytes(StandardCharsets.US_ASCII);
        row.deviceId(buffer, 13, 13, IdHash.of(buffer, 13, 13));
        DeviceState fromBytes = table.get(row);
        row.deviceId("sensor-046309");
        assertThat(table.get(row)).isSameAs(fromBytes);
        row.deviceId("capteur-é"); // kept as its Latin-1 bytes, never equal to an ASCII id's
        DeviceState latin1 = table.get(row);
        byte[] utf8 = "capteur-é".getBytes(StandardCharsets.UTF_8);
        row.deviceId("capteur-é");
        assertThat(table.get(row)).isSameAs(latin1);
        assertThat(latin1.is(utf8, 0, utf8.length)).isFalse();
        assertThat(table.size()).isEqualTo(2);
        assertThat(fromBytes.id()).isEqualTo("sensor-046309");
    }

    @Test
    void anIdHashesAndFingerprintsTheSameFromItsBytesAndFromItsString() {
        for (String id : List.of("", "a", "Aa", "sensor-046309", "1234", "12345678", "123456789",
                "building-12-floor-3-sensor-0042", "~!$%()*,.:;=@_'")) {
            byte[] ascii = ("{\"deviceId\":\"" + id + "\"}").getBytes(StandardCharsets.US_ASCII);
            assertThat(IdHash.isPlainAscii(ascii, 13, id.length())).as(id).isTrue();
            assertThat(IdHash.of(ascii, 13, id.length())).as(id).isEqualTo(id.hashCode());
            assertThat(RowHasher.mixAscii(99, ascii, 13, id.length())).as(id)
                    .isEqualTo(RowHasher.mix(99, id));
        }
        assertThat(IdHash.isPlainAscii("esc\\u002d1".getBytes(StandardCharsets.UTF_8), 0, 10)).isFalse();
        assertThat(IdHash.isPlainAscii("capteur-é".getBytes(StandardCharsets.UTF_8), 0, 10)).isFalse();
        assertThat(IdHash.isPlainAscii("building-12-floor-3\\".getBytes(StandardCharsets.UTF_8), 0, 20)).isFalse();
    }

    private static ConnectionEvidence withoutInputs(ConnectionEvidence e) {
        return new ConnectionEvidence(e.window(), e.analysisRows(), e.baselineRows(), e.lastRowTime(),
                e.activeDevices(), e.disconnectedDevices(), e.codes(), e.families(), e.noise(), e.fleet(),
                e.topDevices(), e.timeline(), e.cleanDisconnectDevices(), java.util.Optional.empty(),
                e.baselineStrip(), e.newestIngested());
    }
}
