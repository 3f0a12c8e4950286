package io.iothubtriage.simulation;

import java.util.List;

/**
 * The simulated devices and their fixed properties, held in primitive arrays (100,000 devices take a few MB).
 * Sites get exact shares of the fleet; the rest sit behind many home-ISP-like masked addresses. Protocol, auth type
 * and SDK are seeded draws per device.
 */
final class Fleet {
    static final String[] PROTOCOLS = {"Mqtt", "Amqp", "MqttWs"};
    /**
     * The scopes a SAS device's token can have (authType {@code scope/sas}): signed with its own device key, with a
     * key of one of the hub's shared access policies (a token service or gateway signs for the devices), or with a
     * module's key.
     */
    static final List<String> SAS_SCOPES = List.of("device", "hub", "module");
    private static final String[] ID_PREFIXES = {"sensor", "meter", "gateway", "camera", "thermostat"};
    private static final int[] ISP_FIRST_OCTETS = {24, 31, 46, 62, 67, 73, 77, 81, 86, 90, 92, 98, 109, 151, 176,
            178, 185, 188, 212, 217};
    /** Share of devices whose records carry authType null (as in the real sample record). */
    private static final double UNKNOWN_AUTH_SHARE = 0.04;

    final int size;
    /** authType as ConnectionLogRow reduces it, by auth index: SAS, X.509, and null (which reads as ""). */
    private final String[] authTypes;
    private final String[] ids;
    private final String[] addresses;
    private final int[] address;
    private final byte[] protocol;
    private final byte[] auth;
    private final byte[] sdk;
    private final byte[] renewal;
    private final long[] phaseMs;

    Fleet(int n, long seed, List<Site> sites, double x509Share, double amqpShare, double mqttWsShare,
          long renewalPeriodMs) {
        this(n, seed, sites, x509Share, "device", amqpShare, mqttWsShare, renewalPeriodMs);
    }

    /** @param sasScope the scope of the SAS devices' tokens, one of {@link #SAS_SCOPES} */
    Fleet(int n, long seed, List<Site> sites, double x509Share, String sasScope, double amqpShare,
          double mqttWsShare, long renewalPeriodMs) {
        if (!SAS_SCOPES.contains(sasScope)) {
            throw new IllegalArgumentException("sasScope must be one of " + SAS_SCOPES + ": " + sasScope);
        }
        authTypes = new String[] {sasScope + "/sas", "device/x509", ""};
        size = n;
        ids = new String[n];
        address = new int[n];
        protocol = new byte[n];
        auth = new byte[n];
        sdk = new byte[n];
        renewal = new byte[n];
        phaseMs = new long[n];

        int[] order = permutation(n, seed);
        int assigned = 0;
        double siteShare = 0;
        for (Site site : sites) {
            siteShare += site.share();
        }
        int homePool = Math.max(4, (int) Math.round(n * (1 - siteShare) / 3));
        addresses = new String[sites.size() + homePool];
        for (int s = 0; s < sites.size(); s++) {
            addresses[s] = sites.get(s).maskedIp();
            int count = (int) Math.round(sites.get(s).share() * n);
            for (int k = 0; k < count && assigned < n; k++) {
                address[order[assigned++]] = s;
            }
        }
        StringBuilder sb = new StringBuilder(24);
        for (int h = 0; h < homePool; h++) {
            long x = Mix.hash(seed, h, 0, 11);
            // StringBuilder rather than string concatenation: no invokedynamic bootstrap in a cold JVM
            sb.setLength(0);
            sb.append(ISP_FIRST_OCTETS[(int) Mix.between(x, 0, ISP_FIRST_OCTETS.length)]).append('.')
                    .append(Mix.between(x >>> 20, 0, 256)).append('.').append(Mix.between(x >>> 40, 0, 256))
                    .append(".XXX");
            addresses[sites.size() + h] = sb.toString();
        }
        while (assigned < n) {
            int d = order[assigned++];
            address[d] = sites.size() + (int) Mix.between(Mix.hash(seed, d, 0, 12), 0, homePool);
        }

        for (int d = 0; d < n; d++) {
            double p = Mix.unit(Mix.hash(seed, d, 0, 13));
            protocol[d] = (byte) (p < amqpShare ? 1 : p < amqpShare + mqttWsShare ? 2 : 0);
            double a = Mix.unit(Mix.hash(seed, d, 0, 14));
            auth[d] = (byte) (a < x509Share ? 1 : a < x509Share + UNKNOWN_AUTH_SHARE ? 2 : 0);
            sdk[d] = (byte) SdkCatalog.pick(Mix.unit(Mix.hash(seed, d, 0, 15)));
            boolean tokenless = auth[d] == 1 || protocol[d] == 1;
            renewal[d] = tokenless ? SdkCatalog.RENEWAL_NONE : SdkCatalog.RENEWAL[sdk[d]];
            phaseMs[d] = Mix.between(Mix.hash(seed, d, 0, 16), 0, renewalPeriodMs);
            sb.setLength(0);
            sb.append(ID_PREFIXES[(int) Mix.between(Mix.hash(seed, d, 0, 17), 0, ID_PREFIXES.length)]).append('-');
            String num = Integer.toString(d + 1);
            for (int z = num.length(); z < 6; z++) {
                sb.append('0');
            }
            ids[d] = sb.append(num).toString();
        }
    }

    /** A seeded shuffle of 0..n-1. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Mix.Rng rng = new Mix.Rng().reseed(seed ^ 0x5EED);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) rng.between(0, i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    String id(int d) {
        return ids[d];
    }

    String maskedIp(int d) {
        return addresses[address[d]];
    }

    String protocol(int d) {
        return PROTOCOLS[protocol[d]];
    }

    String authType(int d) {
        return authTypes[auth[d]];
    }

    String sdkVersion(int d) {
        return SdkCatalog.VERSIONS[sdk[d]];
    }

    byte renewalStyle(int d) {
        return renewal[d];
    }

    long phaseMs(int d) {
        return phaseMs[d];
    }
}
