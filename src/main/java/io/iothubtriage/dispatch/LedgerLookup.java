package io.iothubtriage.dispatch;

import java.util.Optional;

/**
 * Reads one alert's ledger row: what the failure path asks to learn which destinations already have the alert's
 * card. It may fail or hang like the table behind it; the failure path bounds it and carries on without it.
 */
@FunctionalInterface
public interface LedgerLookup {
    Optional<AlertEntry> find(AlertKey key);
}
