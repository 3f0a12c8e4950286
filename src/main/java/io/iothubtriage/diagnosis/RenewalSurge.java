package io.iothubtriage.diagnosis;

import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;

import java.time.Duration;
import java.util.Optional;

/**
 * Reconnects set aside as SAS renewals (401003/404104 and back at once) that repeat faster than tokens are renewed.
 * A device renews its token once per token lifetime, an hour or so with the SDKs' defaults: in a window of up to
 * {@link #SHORTEST_USUAL_LIFETIME} each renewing device renews about once, and a wave of renewals (each device once,
 * all together) is nothing more. Renewals well beyond that ({@link #excess}: at least {@link #MIN_EXCESS} and a fifth
 * of the renewing devices) look, device by device, like renewals, yet may be drops that came back at once (a
 * firewall's idle timeout cutting connections every 15 minutes), so the verdict that rests on setting them aside is
 * not given at HIGH, and the report says why.
 *
 * <p>A hub whose devices renewed that often all through the baseline (tokens made to live a few minutes) is its own
 * normal: no surge. That needs the baseline's renewals counted row by row (exported files, the live path that reads
 * rows); where they were estimated from the window's own rate, or there is no baseline, nothing is said.
 */
record RenewalSurge(int devices, long events, long excess, Duration window, Optional<Duration> baselineEvery) {

    /** At least this many renewals beyond one per device (per usual lifetime): a few short-lived tokens are no surge. */
    static final long MIN_EXCESS = 10;
    /** The shortest token lifetime taken as usual: the SDKs' default hour, renewed some minutes before it ends. */
    static final Duration SHORTEST_USUAL_LIFETIME = Duration.ofMinutes(40);

    static Optional<RenewalSurge> of(Analysis a) {
        if (a.connections.isEmpty() || !a.baseline.available()) {
            return Optional.empty();
        }
        ConnectionEvidence c = a.connections.get();
        ConnectionEvidence.Noise n = c.noise();
        int devices = n.sasRenewalDevices();
        if (devices == 0) {
            return Optional.empty();
        }
        Duration window = a.baseline.window();
        double allowed = Math.max(1.0, (double) window.toMillis() / SHORTEST_USUAL_LIFETIME.toMillis());
        long excess = Math.round(n.sasRenewalEvents() - devices * allowed);
        if (excess < MIN_EXCESS || excess < devices / 5.0) {
            return Optional.empty();
        }
        long baselineRenewals = 0;
        int baselineDevices = 0;
        for (CodeStats s : c.codes()) {
            if (!"401003".equals(s.code()) && !"404104".equals(s.code())) {
                continue;
            }
            if (s.baselineNoiseEvents().isEmpty()) {
                return Optional.empty(); // the baseline's renewals were estimated, not counted
            }
            baselineRenewals += s.baselineNoiseEvents().getAsLong();
            baselineDevices = Math.max(baselineDevices, s.baselineDevices());
        }
        Optional<Duration> every = Optional.empty();
        if (baselineRenewals > 0 && baselineDevices > 0) {
            Duration d = Duration.ofMillis(Math.round(
                    (double) a.baseline.baseline().toMillis() * baselineDevices / baselineRenewals));
            if (d.compareTo(SHORTEST_USUAL_LIFETIME) < 0) {
                return Optional.empty(); // renewing this often all through the baseline: short tokens, the hub's normal
            }
            every = Optional.of(d);
        }
        return Optional.of(new RenewalSurge(devices, n.sasRenewalEvents(), excess, window, every));
    }

    /**
     * "80 of the 190 came on top of one per device in the window's 35 min (in the previous 24 h, about one per device
     * every 60 minutes)", or "… (none in the previous 24 h)".
     */
    String sentence(String baselineSpan) {
        String base = baselineEvery.isEmpty() ? "none in " + baselineSpan
                : "in " + baselineSpan + ", about one per device every " + ReportFormat.period(baselineEvery.get());
        return ReportFormat.count(excess) + " of the " + ReportFormat.count(events) + " came on top of one per device in the"
                + " window's " + ReportFormat.span(window) + " (" + base + ")";
    }
}
