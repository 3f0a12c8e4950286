package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.EdgeCode;
import io.iothubtriage.evidence.Coverage;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the rows of an export cut inside the window show at their end, when the verdict is withheld for the minutes it
 * lacks: devices failing in its last 2 minutes are set aside (their follow-up cannot be seen), but they are what the
 * rows that exist show, and the report says so rather than nothing ("60 devices failing with 404104 at 10:41 UTC").
 *
 * @param code       the code most of those devices failed with
 * @param edge       all devices set aside at the edge of the data
 * @param exportEnds the export's newest row of the hub
 */
record WithheldDrop(EdgeCode code, int edge, Instant exportEnds) {

    /** Fewer devices than this failing with one code at the end of the rows are not called a drop. */
    static final int MIN_DEVICES = 5;
    /** Nor are devices fewer than this many times the code's usual errors in as long (its baseline rate). */
    static final double OVER_USUAL = 3.0;
    /** The edge of the data: the rows' last minutes, whose errors' follow-up cannot be seen. */
    private static final Duration EDGE = Duration.ofMinutes(2);

    /**
     * Present when the evidence was withheld and its last minutes hold a drop: at least {@link #MIN_DEVICES} devices
     * failing with one code, {@link #OVER_USUAL} times what the baseline logs of it in as long. A few token renewals
     * caught by the cut are the hub's usual background, not something the rows show.
     */
    static Optional<WithheldDrop> of(Analysis a) {
        if (a.withheld.isEmpty() || a.inputs.isEmpty() || a.inputs.get().last().isEmpty()) {
            return Optional.empty();
        }
        ConnectionEvidence rows = a.withheld.get();
        ConnectionEvidence.Noise n = rows.noise();
        if (n.edgeOfDataCodes().isEmpty()) {
            return Optional.empty();
        }
        EdgeCode top = n.edgeOfDataCodes().get(0);
        long baselineEvents = 0;
        for (ConnectionEvidence.CodeStats c : rows.codes()) {
            if (c.code().equals(top.code())) {
                baselineEvents = c.baselineEvents();
            }
        }
        Duration held = Coverage.baselineHeld(a.request, a.inputs.get(), rows);
        double usual = held.isZero() ? 0 : (double) baselineEvents * EDGE.toMillis() / held.toMillis();
        if (top.devices() < MIN_DEVICES || top.devices() < OVER_USUAL * usual) {
            return Optional.empty();
        }
        return Optional.of(new WithheldDrop(top, n.edgeOfDataDevices(), a.inputs.get().last().get()));
    }

    /** "60 devices failing with 404104 (DeviceConnectionClosedRemotely) at 10:41 UTC" (or "between 10:41 and 10:42 UTC"). */
    String what() {
        String name = ErrorCatalog.lookup(code.code()).map(c -> " (" + c.name() + ")").orElse("");
        String when = ReportFormat.clock(code.firstSeen()).equals(ReportFormat.clock(code.lastSeen()))
                ? " at " + ReportFormat.time(code.firstSeen())
                : " between " + ReportFormat.clock(code.firstSeen()) + " and " + ReportFormat.time(code.lastSeen());
        return ReportFormat.devices(code.devices()) + " failing with " + code.code() + name + when;
    }

    /** The headline's clause: what the rows show, and why it decides nothing. */
    String clause() {
        return "the rows they hold end with " + what() + ", too close to their end (" + ReportFormat.time(exportEnds)
                + ") to tell whether those devices came back";
    }

    /** The finding: what the rows show, how many devices sit at the edge, and why the verdict is withheld. */
    String finding() {
        String others = edge > code.devices() ? " (of " + ReportFormat.devices(edge) + " with errors there)" : "";
        return "The export's last 2 minutes show " + what() + others + ", but it stops at "
                + ReportFormat.time(exportEnds) + ", before their follow-up (a reconnect, or none) can be seen: they"
                + " cannot be judged, and the rest of the window is not in the export, so no verdict is drawn.";
    }
}
