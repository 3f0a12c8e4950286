package io.iothubtriage.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A configured destination as the worker sees it: a stable key for the ledger (never the secret URL), its kind,
 * and a redacted form for logs.
 *
 * @param key      e.g. {@code teams-1f3a9c02}: kind plus a short hash of the URL, stable across restarts
 * @param kind     {@code teams}, {@code slack} or {@code generic}
 * @param redacted scheme and host only, e.g. {@code https://prod-00.westeurope.logic.azure.com}
 */
public record Target(String key, String kind, String redacted) {
    public Target {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(redacted, "redacted");
    }

    /**
     * The target of a configured destination. The key hashes the whole URL (8 hex digits of SHA-256): ledger rows
     * name their posts by it, so it must not change between releases, or in-flight alerts would be posted again.
     */
    public static Target of(Destination d) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(d.uri().toString().getBytes(StandardCharsets.UTF_8));
            return new Target(d.kind().label() + "-" + HexFormat.of().formatHex(h, 0, 4), d.kind().label(),
                    d.redacted());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
