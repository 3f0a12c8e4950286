package io.iothubtriage.diagnosis;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a device authenticates, read from the Connections log's {@code authType} (reduced to {@code "scope/type"}
 * by the reader: {@code "device/sas"}, {@code "hub/sas"}, {@code "device/x509"}, …; real records also log null,
 * which reads as ""). A hub setting that refuses one credential cannot explain the failures of devices using
 * another: Azure's API reference (IotHubProperties) has {@code disableLocalAuth} refuse SAS tokens signed with
 * hub-scoped keys (the shared access policies'), {@code disableDeviceSAS} device-scoped keys and
 * {@code disableModuleSAS} module-scoped keys; so a SAS token's {@code scope} matters as much as its type.
 */
enum AuthMethod {
    /** SAS tokens signed with a key of one of the hub's shared access policies (authType scope {@code hub}). */
    HUB_SAS("SAS tokens signed with the hub's shared access policies"),
    /** SAS tokens signed with the device identity's own key (scope {@code device}; Edge devices too). */
    DEVICE_SAS("SAS tokens signed with their own device keys"),
    /** SAS tokens signed with a module identity's own key (scope {@code module}). */
    MODULE_SAS("SAS tokens signed with their module keys"),
    /** SAS tokens whose scope the record does not give: which SAS switch refuses them is unknown. */
    SAS("SAS tokens"),
    /** X.509 certificates, self-signed (thumbprint) or CA-signed. */
    X509("X.509 certificates"),
    /** No authType logged, or one this version does not know. */
    UNKNOWN("an unknown method");

    /** The SAS credentials whose scope is known: one SAS switch each. */
    static final Set<AuthMethod> SCOPED_SAS = EnumSet.of(HUB_SAS, DEVICE_SAS, MODULE_SAS);
    /** The credentials a change can be said to reach or not: every method but the unknown ones. */
    static final Set<AuthMethod> DEFINITE = EnumSet.of(HUB_SAS, DEVICE_SAS, MODULE_SAS, X509);

    private final String words;

    AuthMethod(String words) {
        this.words = words;
    }

    /** "SAS tokens signed with their own device keys", "X.509 certificates": what devices "authenticate with". */
    String words() {
        return words;
    }

    /**
     * Whether a device using this method is refused by a change reaching {@code reach}: true or false when the
     * method says, empty when it cannot (no authType, or a SAS token of unlogged scope and a change reaching only
     * some SAS scopes).
     */
    Optional<Boolean> reachedBy(Set<AuthMethod> reach) {
        return switch (this) {
            case UNKNOWN -> Optional.empty();
            case SAS -> reach.containsAll(SCOPED_SAS) ? Optional.of(true)
                    : reach.stream().noneMatch(SCOPED_SAS::contains) ? Optional.of(false) : Optional.empty();
            default -> Optional.of(reach.contains(this));
        };
    }

    static AuthMethod of(String authType) {
        String t = authType == null ? "" : authType.toLowerCase(Locale.ROOT);
        if (t.contains("x509") || t.contains("certificate") || t.contains("selfsigned") || t.endsWith("/ca")) {
            return X509;
        }
        if (t.contains("sas") || t.contains("symmetrickey") || t.contains("sharedaccess")) {
            int slash = t.indexOf('/');
            String scope = slash < 0 ? "" : t.substring(0, slash).strip();
            return switch (scope) {
                case "hub" -> HUB_SAS;
                case "device" -> DEVICE_SAS;
                case "module" -> MODULE_SAS;
                default -> SAS;
            };
        }
        return UNKNOWN;
    }
}
