package io.iothubtriage.simulation;

/**
 * Device SDKs of the simulated fleet: the sdkVersion string each logs on deviceConnect (prefixes per domain.md §1.3),
 * how common it is, and how its SAS-token renewal shows in the Connections log (domain.md §1.6).
 */
final class SdkCatalog {

    /** Renewal shows as 401003 then 404104 (the hub cuts the expired token), then a connect (.NET, Java). */
    static final byte RENEWAL_ERRORS = 0;
    /** Renewal shows as a clean deviceDisconnect then a connect (Node). */
    static final byte RENEWAL_INFORMATIONAL = 1;
    /** Renewal shows as 404104 then a connect (Python, at token expiry). */
    static final byte RENEWAL_CLOSE = 2;
    /** Renewal is invisible: the C SDK renews early, AMQP refreshes in place, X.509 has no token. */
    static final byte RENEWAL_NONE = 3;

    static final String[] VERSIONS = {
            ".NET/1.42.3 (.NET 6.0.25; Ubuntu 22.04.4 LTS; X64)",
            ".NET/1.41.0 (.NET 6.0.16; Microsoft Windows 10.0.19045; X64)",
            ".NET/1.38.0 (.NET Core 3.1.19; Microsoft Windows 10.0.22000 WindowsProduct:0x00000030; X64)",
            "com.microsoft.azure.sdk.iot.iot-device-client/2.4.1 (Java 17.0.9; Linux; amd64)",
            "com.microsoft.azure.sdk.iot.iot-device-client/1.34.3 (Java 1.8.0_392; Linux; arm)",
            "azure-iot-device/1.18.2 (node v18.19.0; Debian GNU/Linux 12; x64)",
            "azure-iot-device/1.17.1 (node v10.16.0; Raspbian GNU/Linux 10; arm)",
            "azure-iot-device-iothub-py/2.12.0 (Python 3.10.12; Linux; x86_64)",
            "iothubclient/1.11.0 (native; Linux; x86_64)",
    };

    /** Relative weights of {@link #VERSIONS}, in percent. */
    static final int[] WEIGHTS = {18, 10, 6, 9, 4, 16, 6, 15, 16};

    static final byte[] RENEWAL = {
            RENEWAL_ERRORS, RENEWAL_ERRORS, RENEWAL_ERRORS, RENEWAL_ERRORS, RENEWAL_ERRORS,
            RENEWAL_INFORMATIONAL, RENEWAL_INFORMATIONAL, RENEWAL_CLOSE, RENEWAL_NONE,
    };

    private SdkCatalog() {
    }

    static int pick(double u) {
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        double x = u * total;
        for (int i = 0; i < WEIGHTS.length; i++) {
            x -= WEIGHTS[i];
            if (x < 0) {
                return i;
            }
        }
        return WEIGHTS.length - 1;
    }
}
