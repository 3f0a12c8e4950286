package io.iothubtriage.diagnosis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One triage run: the report, and how each evidence source fared (for logs and metrics, not for the report).
 *
 * @param report  the report
 * @param sources one timing per source kind: connection logs, Resource Health, metrics, changes, in
 *                that order
 * @param total   wall-clock time of the whole run, sources and diagnosis
 */
public record TriageRun(TriageReport report, List<SourceTiming> sources, Duration total) {
    public TriageRun {
        Objects.requireNonNull(report, "report");
        sources = List.copyOf(sources);
        Objects.requireNonNull(total, "total");
    }

    public Optional<SourceTiming> source(String name) {
        return sources.stream().filter(s -> s.source().equals(name)).findFirst();
    }
}
