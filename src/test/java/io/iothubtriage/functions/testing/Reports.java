package io.iothubtriage.functions.testing;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.diagnosis.Confidence;
import io.iothubtriage.diagnosis.ScopeKind;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.Verdict;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Minimal reports for tests of the worker's logic, where the diagnosis itself is not under test. */
public final class Reports {
    private Reports() {
    }

    public static TriageReport of(TriageRequest request, Verdict verdict, Instant generatedAt) {
        return new TriageReport(TriageReport.SCHEMA_VERSION, generatedAt, new TriageReport.Hub(request.hub()),
                request.alert(), request.window(), verdict, Confidence.HIGH, "Headline for " + verdict,
                new TriageReport.Scope(ScopeKind.NONE, 0, 0, Optional.empty(), Optional.empty()), List.of(),
                new TriageReport.NoiseSummary(0, 0, 0), Optional.empty(), Optional.empty(), List.of("a finding"),
                List.of("an action"), List.of(), List.of(),
                new TriageReport.Links("https://portal.azure.com/logs", "https://portal.azure.com/hub",
                        "https://portal.azure.com/health", "https://learn.microsoft.com/"),
                List.of(), List.of(), Optional.empty(), TriageReport.Series.none(), Optional.empty());
    }
}
