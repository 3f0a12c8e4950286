package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A row's fingerprint is its identity (TimeGenerated, OperationName, ResultType, the properties_s fields): the same
 * row gives the same value however its values were handed over (shared Strings, fresh copies, the id as bytes) and
 * whatever was hashed before; a row that differs in any one field gives another.
 */
class RowHasherTest {

    private static final String AUTH = "{\"scope\":\"device\",\"type\":\"sas\",\"issuer\":\"iothub\","
            + "\"acceptingIpFilterRule\":null}";
    private static final String SDK = "azure-iot-device-iothub-py/2.12.0 (Python 3.10.12; Linux; x86_64)";
    private static final String MESSAGE = "Device disconnected, see cause and resolution at "
            + "https://aka.ms/iothub404104";

    private static ConnectionLogRow row() {
        return new ConnectionLogRow(Instant.parse("2026-01-15T10:49:59.982Z"), "deviceDisconnect", "Error",
                "404104", "DeviceConnectionClosedRemotely", "sensor-046309", "Mqtt", AUTH, "46.174.79.XXX", SDK,
                "404", MESSAGE);
    }

    private static long fingerprint(RowHasher hasher, ConnectionLogRow row) {
        return hasher.fingerprint(new RowFields().set(row));
    }

    @Test
    void aChangeInAnyOneFieldIsAnotherRow() {
        RowHasher hasher = new RowHasher();
        ConnectionLogRow r = row();
        List<UnaryOperator<ConnectionLogRow>> changes = List.of(
                x -> with(x, 0, null),
                x -> with(x, 1, "deviceConnect"),
                x -> with(x, 3, "404103"),
                x -> with(x, 5, "sensor-046308"),
                x -> with(x, 6, "MqttWs"),
                x -> with(x, 7, AUTH.replace("sas", "x509")),
                x -> with(x, 8, "46.174.79.XX"),
                x -> with(x, 9, SDK.replace("2.12.0", "2.12.1")),
                x -> with(x, 10, "401"),
                x -> with(x, 11, MESSAGE.replace("404104", "404103")),
                // the same characters, moved from one field to another
                x -> with(with(x, 9, MESSAGE), 11, SDK),
                x -> with(with(x, 9, SDK.substring(0, 20)), 11, SDK.substring(20) + MESSAGE));
        Set<Long> seen = new HashSet<>();
        seen.add(fingerprint(hasher, r));
        for (UnaryOperator<ConnectionLogRow> change : changes) {
            ConnectionLogRow other = change.apply(r);
            assertThat(seen.add(fingerprint(hasher, other))).as(other.toString()).isTrue();
            assertThat(seen.add(fingerprint(new RowHasher(), other))).isFalse(); // and the same value afresh
        }
        assertThat(fingerprint(hasher, r)).isEqualTo(fingerprint(new RowHasher(), r));
    }

    @Test
    void theSameRowMatchesHoweverItsValuesWereHandedOver() {
        RowHasher hasher = new RowHasher();
        long shared = fingerprint(hasher, row());
        // fresh String objects of every value, as a records export or a live page hands them over
        ConnectionLogRow r = row();
        ConnectionLogRow copies = new ConnectionLogRow(r.time(), new String(r.operationName()), new String(r.level()),
                new String(r.resultType()), new String(r.resultDescription()), new String(r.deviceId()),
                new String(r.protocol()), new String(r.authType()), new String(r.maskedIpAddress()),
                new String(r.sdkVersion()), new String(r.statusCode()), new String(r.errorMessage()));
        assertThat(fingerprint(hasher, copies)).isEqualTo(shared);
        // the id as the bytes the CSV scanner found it in
        byte[] buffer = "{\"deviceId\":\"sensor-046309\"}".getBytes(StandardCharsets.US_ASCII);
        RowFields fields = new RowFields().set(r);
        fields.deviceId(buffer, 13, 13, IdHash.of(buffer, 13, 13));
        assertThat(hasher.fingerprint(fields)).isEqualTo(shared);
        assertThat(fingerprint(hasher, row())).isEqualTo(shared);
    }

    @Test
    void longValuesThatMeetInTheMemoryOfValuesStayApart() {
        // same length and same middle character: the same remembered slot; more of them than its two entries
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            values.add("errorMessage-" + i + "-" + "x".repeat(20) + "-tail-" + (char) ('a' + i));
        }
        RowHasher hasher = new RowHasher();
        ConnectionLogRow r = row();
        List<Long> first = new ArrayList<>();
        for (String v : values) {
            first.add(fingerprint(hasher, with(r, 11, v)));
        }
        assertThat(new HashSet<>(first)).hasSize(values.size());
        for (int round = 0; round < 3; round++) {
            for (int i = values.size() - 1; i >= 0; i--) {
                assertThat(fingerprint(hasher, with(r, 11, values.get(i)))).isEqualTo(first.get(i));
                assertThat(fingerprint(hasher, with(r, 11, new String(values.get(i))))).isEqualTo(first.get(i));
            }
        }
    }

    @Test
    void aValueOnItsOwnHashesAsAFieldOfARawRow() {
        RowHasher hasher = new RowHasher();
        for (String v : List.of("", "Mqtt", "deviceDisconnect", AUTH, SDK, MESSAGE, "capteur-é-传感器-0042-long")) {
            assertThat(hasher.valueHash(v)).as(v).isEqualTo(RowHasher.mix(0, v));
            assertThat(hasher.valueHash(v)).as(v).isEqualTo(RowHasher.mix(0, v)); // remembered
        }
    }

    /** {@code r} with one field replaced: 0 the time (a millisecond later), else the record's component index. */
    private static ConnectionLogRow with(ConnectionLogRow r, int field, String value) {
        return new ConnectionLogRow(field == 0 ? r.time().plusMillis(1) : r.time(),
                field == 1 ? value : r.operationName(), field == 2 ? value : r.level(),
                field == 3 ? value : r.resultType(), field == 4 ? value : r.resultDescription(),
                field == 5 ? value : r.deviceId(), field == 6 ? value : r.protocol(),
                field == 7 ? value : r.authType(), field == 8 ? value : r.maskedIpAddress(),
                field == 9 ? value : r.sdkVersion(), field == 10 ? value : r.statusCode(),
                field == 11 ? value : r.errorMessage());
    }

    @Test
    void fieldsAreSeparatedAndEveryCharacterCounts() {
        long h = 42;
        // the same characters split differently between two fields are different rows
        assertThat(RowHasher.mix(RowHasher.mix(h, "abcde"), "f"))
                .isNotEqualTo(RowHasher.mix(RowHasher.mix(h, "abcd"), "ef"));
        // a change in any one position of a value longer than a step changes the value's contribution
        String id = "sensor-\u00e9-0123456789";
        for (int i = 0; i < id.length(); i++) {
            String other = id.substring(0, i) + (char) (id.charAt(i) + 1) + id.substring(i + 1);
            assertThat(RowHasher.mix(h, other)).as("position " + i).isNotEqualTo(RowHasher.mix(h, id));
        }
        byte[] bytes = "0123456789abcdefg".getBytes(StandardCharsets.US_ASCII);
        long whole = RowHasher.mix(h, bytes, bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            byte[] changed = bytes.clone();
            changed[i]++;
            assertThat(RowHasher.mix(h, changed, changed.length)).as("byte " + i).isNotEqualTo(whole);
        }
        assertThat(RowHasher.mix(h, bytes, bytes.length - 1)).isNotEqualTo(whole);
    }
}
