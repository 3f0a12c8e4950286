package io.iothubtriage.diagnosis;

import java.util.Locale;

/**
 * How a device authenticates, read from the Connections log's {@code authType} (reduced to {@code "scope/type"}
 * by the reader: {@code "device/sas"}, {@code "device/x509"}, …; real records also log null, which reads as "").
 * A hub setting that refuses one method cannot explain the failures of devices using the other.
 */
enum AuthMethod {
    /** Shared access signatures: tokens signed with a device, module or hub-policy key. */
    SAS("SAS tokens"),
    /** X.509 certificates, self-signed (thumbprint) or CA-signed. */
    X509("X.509 certificates"),
    /** No authType logged, or one this version does not know. */
    UNKNOWN("an unknown method");

    private final String words;

    AuthMethod(String words) {
        this.words = words;
    }

    /** "SAS tokens", "X.509 certificates": what devices "authenticate with". */
    String words() {
        return words;
    }

    static AuthMethod of(String authType) {
        String t = authType == null ? "" : authType.toLowerCase(Locale.ROOT);
        if (t.contains("x509") || t.contains("certificate") || t.contains("selfsigned") || t.endsWith("/ca")) {
            return X509;
        }
        if (t.contains("sas") || t.contains("symmetrickey") || t.contains("sharedaccess")) {
            return SAS;
        }
        return UNKNOWN;
    }
}
