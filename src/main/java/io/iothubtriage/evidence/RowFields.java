package io.iothubtriage.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One Connections row on its way from the {@link RowAssembler} through the {@link RowIntake} to the
 * {@link ConnectionAggregator}: the fields of a {@link ConnectionLogRow}, in one object reused from row to row, with
 * the device id either as a String or as the bytes the {@code properties_s} scanner found it in, with its
 * {@link IdHash}. Why: the id is the one value of a row that is looked up (the device table) and that differs on
 * nearly every row, so a String made, hashed and compared per row was the largest per-row cost of a big export; as
 * bytes, the id is hashed while scanning (on the reading thread for the rows it scans ahead), folded into the
 * fingerprint from the same bytes, compared with the bytes the device's state keeps, and a String is made only for
 * a device seen for the first time (the state keeps a copy of the bytes instead).
 *
 * <p>The other paths hand over a {@link ConnectionLogRow} (live rows through a consumer of rows), whose fields
 * {@link #set(ConnectionLogRow)} copies into one of these, or the fields themselves ({@link RowFieldsConsumer}: the
 * simulation), so all reach the same code. Absent text fields are
 * the empty string, never null. Valid only during the call it is passed to: whoever keeps anything of it copies it.
 */
final class RowFields {

    Instant time;
    String operationName;
    String level;
    String resultType;
    String resultDescription;
    String protocol;
    String authType;
    String maskedIpAddress;
    String sdkVersion;
    String statusCode;
    String errorMessage;

    /** The id as a String, or null when it is {@link #idBytes}' range. */
    private String deviceId;
    /** The buffer holding the id's ASCII bytes (not owned: the reader's, reused for the next row), or null. */
    private byte[] idBytes;
    private int idStart;
    private int idLength;
    private int idHash;
    /** A state that is probably the id's device, looked up ahead of the row (see {@link DeviceTable#candidate}). */
    private DeviceState candidate;
    /** The row these fields were taken from, if they were ({@link #toRow()} then gives it back). */
    private ConnectionLogRow source;

    /** The fields of {@code row}. */
    RowFields set(ConnectionLogRow row) {
        set(row.time(), row.operationName(), row.level(), row.resultType(), row.resultDescription(), row.deviceId(),
                row.protocol(), row.authType(), row.maskedIpAddress(), row.sdkVersion(), row.statusCode(),
                row.errorMessage());
        source = row;
        return this;
    }

    /**
     * A row's fields given one by one, in {@link ConnectionLogRow}'s order (none null; see
     * {@link RowFieldsConsumer}).
     */
    RowFields set(Instant time, String operationName, String level, String resultType, String resultDescription,
                  String deviceId, String protocol, String authType, String maskedIpAddress, String sdkVersion,
                  String statusCode, String errorMessage) {
        this.time = Objects.requireNonNull(time, "time");
        this.operationName = operationName;
        this.level = level;
        this.resultType = resultType;
        this.resultDescription = resultDescription;
        this.protocol = protocol;
        this.authType = authType;
        this.maskedIpAddress = maskedIpAddress;
        this.sdkVersion = sdkVersion;
        this.statusCode = statusCode;
        this.errorMessage = errorMessage;
        deviceId(deviceId);
        return this;
    }

    /** The id as a String (never null). */
    void deviceId(String id) {
        deviceId = id;
        idBytes = null;
        candidate = null;
        idHash = id.hashCode(); // cached in the String: free for a simulation that reuses its ids
        source = null;
    }

    /** As {@link #deviceId(byte[], int, int, int, DeviceState)}, its device not looked up yet. */
    void deviceId(byte[] buffer, int start, int length, int hash) {
        deviceId(buffer, start, length, hash, null);
    }

    /**
     * The id as the ASCII bytes {@code buffer[start, start + length)} (see {@link IdHash#isPlainAscii}) whose
     * {@link IdHash} is {@code hash}; the buffer is read, not kept. {@code candidate}: a state looked up by that
     * hash ahead of the row, which the device table checks first, or null.
     */
    void deviceId(byte[] buffer, int start, int length, int hash, DeviceState candidate) {
        deviceId = null;
        this.candidate = candidate;
        idBytes = buffer;
        idStart = start;
        idLength = length;
        idHash = hash;
        source = null;
    }

    /** A state looked up ahead of the row by the id's hash, probably its device's; or null. */
    DeviceState candidate() {
        return candidate;
    }

    /** Whether the row names a device (a non-empty id). */
    boolean hasDevice() {
        return idBytes != null ? idLength > 0 : !deviceId.isEmpty();
    }

    /** The id's {@link String#hashCode()}, however it came. */
    int idHash() {
        return idHash;
    }

    /** Folds the id into a row's fingerprint: the same value for the id as bytes and as a String. */
    long mixId(long h) {
        return idBytes != null ? RowHasher.mixAscii(h, idBytes, idStart, idLength) : RowHasher.mix(h, deviceId);
    }

    /** Whether {@code d} is this row's device. */
    boolean names(DeviceState d) {
        return idBytes != null ? d.is(idBytes, idStart, idLength) : d.is(deviceId);
    }

    /** A new state for this row's device, the {@code index}-th seen: the id's bytes copied, or its String. */
    DeviceState newDevice(int index) {
        return idBytes != null ? new DeviceState(idBytes, idStart, idLength, index) : new DeviceState(deviceId, index);
    }

    /** The id as a String: made from the bytes when it came as bytes (for consumers of whole rows, not per row). */
    String deviceId() {
        return idBytes != null ? new String(idBytes, idStart, idLength, StandardCharsets.ISO_8859_1) : deviceId;
    }

    /** These fields as a row (the row they came from, when they did). */
    ConnectionLogRow toRow() {
        if (source != null) {
            return source;
        }
        return new ConnectionLogRow(time, operationName, level, resultType, resultDescription, deviceId(), protocol,
                authType, maskedIpAddress, sdkVersion, statusCode, errorMessage);
    }

    boolean isError() {
        return ConnectionLogRow.isError(resultType, level);
    }

    boolean isConnect() {
        return ConnectionLogRow.isConnect(operationName);
    }

    boolean isSuccessfulConnect() {
        return isConnect() && !isError();
    }

    boolean isDisconnect() {
        return ConnectionLogRow.isDisconnect(operationName);
    }
}
