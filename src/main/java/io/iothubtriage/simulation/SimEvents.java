package io.iothubtriage.simulation;

/**
 * The kinds of Connections rows the simulator writes, as small ints (they travel packed in sorted longs), and the
 * text each one carries. An error kind is {@code 2 + 2 × code + (on deviceConnect ? 1 : 0)}.
 */
final class SimEvents {
    static final int CONNECTED = 0;
    static final int DISCONNECTED_CLEAN = 1;

    static final int C_404104 = 0;
    static final int C_401003 = 1;
    static final int C_409002 = 2;
    static final int C_400027 = 3;
    static final int C_400029 = 4;
    static final int C_400030 = 5;
    static final int C_404012 = 6;
    static final int C_500001 = 7;
    static final int C_500008 = 8;
    static final int C_429001 = 9;
    static final int C_403002 = 10;

    static final String[] CODE = {"404104", "401003", "409002", "400027", "400029", "400030", "404012", "500001",
            "500008", "429001", "403002"};
    static final String[] NAME = {"DeviceConnectionClosedRemotely", "IoTHubUnauthorized", "LinkCreationConflict",
            "ConnectionForcefullyClosedOnNewConnection", "ConnectionForcefullyClosedOnFaultInjection",
            "ConnectionRejectedOnFaultInjection", "IotHubFailingOver", "ServerError", "GenericTimeout",
            "ThrottlingException", "IoTHubQuotaExceeded"};
    static final String[] STATUS = new String[CODE.length];
    /** The message pattern of the real 404104 record, applied to every code. */
    static final String[] MESSAGE = new String[CODE.length];

    static {
        for (int i = 0; i < CODE.length; i++) {
            STATUS[i] = CODE[i].substring(0, 3);
            MESSAGE[i] = new StringBuilder(i == C_404104 ? "Device disconnected" : NAME[i])
                    .append(", see cause and resolution at https://aka.ms/iothub").append(CODE[i]).toString();
        }
    }

    static final int KINDS = 2 + 2 * CODE.length;

    private SimEvents() {
    }

    static int error(int code, boolean onConnect) {
        return 2 + 2 * code + (onConnect ? 1 : 0);
    }

    static boolean isError(int kind) {
        return kind >= 2;
    }

    static boolean onConnect(int kind) {
        return kind == CONNECTED || (kind >= 2 && (kind & 1) == 1);
    }

    static int code(int kind) {
        return (kind - 2) >> 1;
    }
}
