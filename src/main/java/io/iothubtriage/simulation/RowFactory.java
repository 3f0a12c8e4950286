package io.iothubtriage.simulation;

import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.evidence.RowFieldsConsumer;

import java.time.Instant;

/**
 * Turns a simulated event into a Connections row shaped like the real records (domain.md §1.2–1.4): deviceConnect
 * rows carry the sdkVersion, deviceDisconnect rows do not; errors have Level Error, the code, its name, the status
 * code as text and the error message; informational rows have neither.
 */
final class RowFactory {
    private final Fleet fleet;

    RowFactory(Fleet fleet) {
        this.fleet = fleet;
    }

    /** The row of the event, as its fields to {@code out}. */
    void row(long timeMs, int device, int kind, RowFieldsConsumer out) {
        boolean connect = SimEvents.onConnect(kind);
        String op = connect ? ConnectionLogRow.CONNECT : ConnectionLogRow.DISCONNECT;
        String sdk = connect ? fleet.sdkVersion(device) : "";
        Instant time = Instant.ofEpochMilli(timeMs);
        if (!SimEvents.isError(kind)) {
            out.accept(time, op, "Information", "", "", fleet.id(device), fleet.protocol(device),
                    fleet.authType(device), fleet.maskedIp(device), sdk, "", "");
            return;
        }
        int code = SimEvents.code(kind);
        out.accept(time, op, "Error", SimEvents.CODE[code], SimEvents.NAME[code], fleet.id(device),
                fleet.protocol(device), fleet.authType(device), fleet.maskedIp(device), sdk, SimEvents.STATUS[code],
                SimEvents.MESSAGE[code]);
    }
}
