package io.iothubtriage.evidence;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a live source read the connection logs: which path ran, how many rows it used, the time span they cover, and
 * when the newest of them reached the workspace.
 *
 * @param path           {@link Path#ROWS}: the rows were fetched and aggregated like an export; {@link Path#SUMMARY}:
 *                       the window held more rows than the source fetches, so Log Analytics summarised them
 * @param used           Connections rows of the hub the evidence rests on (the analysis window's)
 * @param first          the oldest of those rows, empty when there were none
 * @param last           the newest of those rows, empty when there were none
 * @param newestIngested when the newest row of the hub reached the workspace ({@code ingestion_time()}), when known
 */
public record LogReading(Path path, long used, Optional<Instant> first, Optional<Instant> last,
                         Optional<Instant> newestIngested) {

    /** Which way the rows were read. */
    public enum Path {
        ROWS("rows"), SUMMARY("summary");

        private final String wire;

        Path(String wire) {
            this.wire = wire;
        }

        /** As the report JSON spells it. */
        public String wire() {
            return wire;
        }
    }

    public LogReading {
        Objects.requireNonNull(path, "path");
        if (used < 0) {
            throw new IllegalArgumentException("used must not be negative: " + used);
        }
        first = first == null ? Optional.empty() : first;
        last = last == null ? Optional.empty() : last;
        newestIngested = newestIngested == null ? Optional.empty() : newestIngested;
    }
}
