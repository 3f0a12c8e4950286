package io.iothubtriage.functions.flow;

import io.iothubtriage.diagnosis.TriageReport;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A finished triage: the report, and how long each evidence source and the whole run took (for the stage log).
 *
 * @param sourceDurations per source name ({@code connectionLogs}, {@code resourceHealth}, {@code metrics})
 */
public record TriageRun(TriageReport report, Map<String, Duration> sourceDurations, Duration total) {
    public TriageRun {
        Objects.requireNonNull(report, "report");
        sourceDurations = Map.copyOf(sourceDurations);
        Objects.requireNonNull(total, "total");
    }
}
