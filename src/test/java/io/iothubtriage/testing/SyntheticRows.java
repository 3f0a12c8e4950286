package io.iothubtriage.testing;

import io.iothubtriage.evidence.ConnectionLogRow;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Deterministic, lazily generated Connections rows that look like a real hub's: connects, 404104 disconnects,
 * 401003 refusals, clean disconnects, duplicates and transient faults, spread over a fleet with several protocols,
 * masked addresses, SDKs (one with quotes, a comma and non-ASCII text) and auth types (some null). Row {@code k} is
 * a pure function of the seed and {@code k}, so the same spec gives the same rows in either order without holding
 * them: a million rows cost no memory.
 */
public final class SyntheticRows {

    private static final String[] PROTOCOLS = {"Mqtt", "Amqp", "MqttWs", "AmqpWs"};
    private static final String[] IPS = {"203.0.113.XXX", "198.51.100.XXX", "192.0.2.XXX", "24.9.142.XXX"};
    private static final String[] SDKS = {
            ".NET/1.38.0 (.NET Core 3.1.19; Microsoft Windows 10.0.22000 WindowsProduct:0x00000030; X64; "
                    + "{FF88E933-1C12-457D-A098-A5093B53FBA2})",
            "azure-iot-device/1.17.1 (node v10.16.0; Windows_NT 10.0.18363; x64)",
            "com.microsoft.azure.sdk.iot.iot-device-client/2.1.5 (Java 17; Linux)",
            "custom \"edge\" sdk, v1 (café/Zürich)",
    };
    private static final String[] AUTH = {"device/sas", "", "device/x509", "module/sas"};

    /**
     * @param count       number of rows
     * @param devices     fleet size
     * @param start       time of the oldest row
     * @param span        time from the oldest to the newest row
     * @param newestFirst emit newest row first (as Log Analytics does with {@code order by TimeGenerated desc})
     * @param seed        varies the content
     * @param millisOnly  truncate times to milliseconds (what the portal shows), else 100 ns like Log Analytics
     */
    public record Spec(long count, int devices, Instant start, Duration span, boolean newestFirst, long seed,
                       boolean millisOnly) {
        public static Spec of(long count) {
            return new Spec(count, 5_000, Instant.parse("2026-11-26T10:00:00Z"), Duration.ofMinutes(35), false, 42,
                    false);
        }

        public Spec newestFirst(boolean value) {
            return new Spec(count, devices, start, span, value, seed, millisOnly);
        }

        public Spec millisOnly(boolean value) {
            return new Spec(count, devices, start, span, newestFirst, seed, value);
        }

        public Spec devices(int value) {
            return new Spec(count, value, start, span, newestFirst, seed, millisOnly);
        }

        public Spec seed(long value) {
            return new Spec(count, devices, start, span, newestFirst, value, millisOnly);
        }
    }

    private SyntheticRows() {
    }

    public static Iterable<ConnectionLogRow> rows(Spec spec) {
        return () -> new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < spec.count();
            }

            @Override
            public ConnectionLogRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long k = spec.newestFirst() ? spec.count() - 1 - i : i;
                i++;
                return row(spec, k);
            }
        };
    }

    /** The {@code k}-th row in time order. */
    public static ConnectionLogRow row(Spec spec, long k) {
        long h = mix(spec.seed() * 0x9E3779B97F4A7C15L + k);
        long spanNanos = spec.span().toNanos();
        long offset = spec.count() <= 1 ? 0 : (long) ((double) spanNanos * k / (spec.count() - 1));
        Instant time = spec.start().plusNanos(offset);
        long nanos = time.getNano();
        if (k % 4 == 3) {
            nanos = 0; // some rows on whole seconds: written without a fraction
        } else if (spec.millisOnly()) {
            nanos = nanos / 1_000_000 * 1_000_000;
        } else {
            nanos = nanos / 100 * 100;
        }
        time = Instant.ofEpochSecond(time.getEpochSecond(), nanos);

        int device = (int) Long.remainderUnsigned(h >>> 8, spec.devices());
        String deviceId = String.format("device-%05d", device);
        String protocol = PROTOCOLS[device % PROTOCOLS.length];
        String ip = IPS[(device / 7) % IPS.length];
        String sdk = SDKS[(device / 3) % SDKS.length];
        String auth = AUTH[(device / 5) % AUTH.length];

        int kind = (int) Long.remainderUnsigned(h, 100);
        if (kind < 30) {
            return new ConnectionLogRow(time, ConnectionLogRow.CONNECT, "Information", "", "", deviceId, protocol,
                    auth, ip, sdk, "", "");
        } else if (kind < 60) {
            return new ConnectionLogRow(time, ConnectionLogRow.DISCONNECT, "Error", "404104",
                    "DeviceConnectionClosedRemotely", deviceId, protocol, auth, ip, "", "404",
                    "Device disconnected, see cause and resolution at https://aka.ms/iothub404104");
        } else if (kind < 75) {
            return new ConnectionLogRow(time, ConnectionLogRow.CONNECT, "Error", "401003", "IotHubUnauthorized",
                    deviceId, protocol, auth, ip, sdk, "401", "The SAS token has expired.");
        } else if (kind < 85) {
            return new ConnectionLogRow(time, ConnectionLogRow.DISCONNECT, "Information", "", "", deviceId, protocol,
                    auth, ip, "", "", "");
        } else if (kind < 90) {
            return new ConnectionLogRow(time, ConnectionLogRow.DISCONNECT, "Error", "409002", "LinkCreationConflict",
                    deviceId, protocol, auth, ip, "", "409", "Link creation conflict");
        } else if (kind < 95) {
            return new ConnectionLogRow(time, ConnectionLogRow.CONNECT, "Error", "500001", "ServerError", deviceId,
                    protocol, auth, ip, sdk, "500", "An internal error occurred.\tRetry later.");
        }
        return new ConnectionLogRow(time, ConnectionLogRow.DISCONNECT, "Error", "400027",
                "ConnectionForcefullyClosedOnNewConnection", deviceId, protocol, auth, ip, "", "400", "");
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
