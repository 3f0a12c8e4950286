package io.iothubtriage.evidence.azure;

import io.iothubtriage.evidence.ConnectionLogRow;

import java.util.function.Consumer;

/**
 * Passes fetched rows on to the aggregator and stops the read as soon as there are more than the cap: the window
 * is then too big for the rows path, and reading on would only cost time and memory.
 */
final class RowTally implements Consumer<ConnectionLogRow> {

    /** Thrown from the sink to stop the read once the cap is passed. */
    static final class OverCap extends RuntimeException {
        OverCap() {
            super("more rows than the cap", null, false, false);
        }
    }

    private final Consumer<ConnectionLogRow> next;
    private final long cap;
    private long rows;

    RowTally(Consumer<ConnectionLogRow> next, long cap) {
        this.next = next;
        this.cap = cap;
    }

    @Override
    public void accept(ConnectionLogRow row) {
        if (++rows > cap) {
            throw new OverCap();
        }
        next.accept(row);
    }
}
