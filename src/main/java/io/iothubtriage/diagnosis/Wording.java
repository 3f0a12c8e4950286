package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Gap;

/** Words for the evidence's terms shared across the report: cause families, dimensions, SDKs, gap sources. */
final class Wording {
    private Wording() {
    }

    static String dimensionPhrase(Dimension d, String value) {
        return switch (d) {
            case MASKED_IP_ADDRESS -> "behind " + value;
            case PROTOCOL -> "connecting over " + value;
            case AUTH_TYPE -> "authenticating with " + value;
            case SDK_VERSION -> "running " + shortSdk(value);
        };
    }

    /** ".NET/1.38.0 (.NET Core 3.1.19; Microsoft Windows ...)" → ".NET/1.38.0". */
    static String shortSdk(String sdk) {
        int paren = sdk.indexOf(" (");
        return shorten(paren > 0 ? sdk.substring(0, paren) : sdk, 60);
    }

    static String familyWords(CauseFamily f) {
        return switch (f) {
            case AUTHENTICATION -> "authentication";
            case NETWORK_OR_KEEPALIVE -> "network or keep-alive";
            case DUPLICATE_CONNECTION -> "duplicate-connection";
            case SERVICE_TRANSIENT -> "transient hub";
            case PLATFORM_CHANGE -> "platform upgrade or failover";
            case THROTTLING_OR_QUOTA -> "throttling or quota";
            case OTHER -> "other";
        };
    }

    static String sourceWords(String source) {
        return switch (source) {
            case Gap.CONNECTION_LOGS -> "connection logs";
            case Gap.RESOURCE_HEALTH -> "Resource Health";
            case Gap.METRICS -> "connected-devices metric";
            case Gap.CHANGES -> "the hub's change history";
            default -> source;
        };
    }

    /** The text as a sentence with one final stop: Resource Health's own words often end with theirs. */
    static String sentence(String s) {
        String t = s.stripTrailing();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") || t.endsWith("…") ? t : t + ".";
    }

    static String shorten(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max - 1).stripTrailing() + "…";
    }
}
