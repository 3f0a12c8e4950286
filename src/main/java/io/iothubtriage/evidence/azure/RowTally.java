package io.iothubtriage.evidence.azure;

import io.iothubtriage.evidence.ConnectionLogRow;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Passes fetched rows on to the aggregator, noting the span they cover, and stops the read as soon as there are
 * more than the cap: the window is then too big for the rows path, and reading on would only cost time.
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
    private Instant first;
    private Instant last;

    RowTally(Consumer<ConnectionLogRow> next, long cap) {
        this.next = next;
        this.cap = cap;
    }

    @Override
    public void accept(ConnectionLogRow row) {
        if (++rows > cap) {
            throw new OverCap();
        }
        Instant t = row.time();
        if (first == null || t.isBefore(first)) {
            first = t;
        }
        if (last == null || t.isAfter(last)) {
            last = t;
        }
        next.accept(row);
    }

    Optional<Instant> first() {
        return Optional.ofNullable(first);
    }

    Optional<Instant> last() {
        return Optional.ofNullable(last);
    }
}
