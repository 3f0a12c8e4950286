package io.iothubtriage.dispatch;

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
}
