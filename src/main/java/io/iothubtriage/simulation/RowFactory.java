package io.iothubtriage.simulation;

import io.iothubtriage.evidence.ConnectionLogRow;

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

    ConnectionLogRow row(long timeMs, int device, int kind) {
        boolean connect = SimEvents.onConnect(kind);
        String op = connect ? ConnectionLogRow.CONNECT : ConnectionLogRow.DISCONNECT;
        String sdk = connect ? fleet.sdkVersion(device) : "";
        Instant time = Instant.ofEpochMilli(timeMs);
        if (!SimEvents.isError(kind)) {
            return new ConnectionLogRow(time, op, "Information", "", "", fleet.id(device), fleet.protocol(device),
                    fleet.authType(device), fleet.maskedIp(device), sdk, "", "");
        }
        int code = SimEvents.code(kind);
        return new ConnectionLogRow(time, op, "Error", SimEvents.CODE[code], SimEvents.NAME[code], fleet.id(device),
                fleet.protocol(device), fleet.authType(device), fleet.maskedIp(device), sdk, SimEvents.STATUS[code],
                SimEvents.MESSAGE[code]);
    }
}
