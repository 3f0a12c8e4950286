package io.iothubtriage.diagnosis;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a source's evidence is current when the report is made, and the words for its last state: the one place
 * that decides "now", "still" and "yet". Evidence is current when the check ran within {@link #LIMIT} of the evidence's
 * end (the contract's limit for "the silence itself is the evidence"); a live triage, and the demo's simulated clock,
 * usually are. An old export is not: its last value is told with its time ("340 at 10:49 UTC (the metric's last
 * value)"), dated when it is not on the window's day, never as "now".
 *
 * @param checkedAt when the report was made
 * @param windowDay the window's first day (UTC): a time on another day is dated
 */
public record EvidenceAge(Instant checkedAt, LocalDate windowDay) {

    /** Evidence that ended more than this before the check is not "now". */
    public static final Duration LIMIT = Duration.ofMinutes(15);

    public EvidenceAge {
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(windowDay, "windowDay");
    }

    /** The age rule for a finished report: its check time and its window. */
    public static EvidenceAge of(TriageReport r) {
        Instant checked = r.freshness().isPresent() ? r.freshness().get().checkedAt() : r.generatedAt();
        return new EvidenceAge(checked, r.window().start().atOffset(ZoneOffset.UTC).toLocalDate());
    }

    /** True when the evidence that ends at {@code end} is current; an unknown end keeps today's words. */
    public boolean current(Optional<Instant> end) {
        return end.isEmpty() || !checkedAt.isAfter(end.get().plus(LIMIT));
    }

    /** "10:49 UTC", or "2026-01-16 10:49 UTC" when not on the window's day. */
    public String at(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate().equals(windowDay) ? ReportFormat.time(t)
                : ReportFormat.day(t) + " " + ReportFormat.time(t);
    }

    /** "340 now", or "340 at 10:49 UTC (the metric's last value)" when the metric ended long before the check. */
    public String metricNow(String count, Optional<Instant> last) {
        return current(last) ? count + " now" : count + " at " + at(last.get()) + " (the metric's last value)";
    }

    /** "now", or "at 10:49 UTC (the metric's last value)": for "340 connected now against 400 before the drop". */
    public String metricNowWord(Optional<Instant> last) {
        return current(last) ? "now" : "at " + at(last.get()) + " (the metric's last value)";
    }

    /** "still Unavailable", or "still so at its last status, 10:48 UTC" when that status is old. */
    public String stillState(String state, Optional<Instant> lastStatus) {
        return current(lastStatus) ? "it is still " + state
                : "it was still " + state + " at its last status, " + at(lastStatus.get());
    }

    /** "it is Available again", or "it was Available again at its last status, 10:48 UTC". */
    public String availableAgain(Optional<Instant> lastStatus) {
        return current(lastStatus) ? "it is Available again"
                : "it was Available again at its last status, " + at(lastStatus.get());
    }

    /** "Available again now", or "Available again at its last status, 10:48 UTC". */
    public String againState(String state, Optional<Instant> lastStatus) {
        return current(lastStatus) ? state + " again now" : state + " again at its last status, " + at(lastStatus.get());
    }

    /** " and none has reconnected yet", or " and none had reconnected by 10:49 UTC, the end of the data". */
    public String noneReconnected(Optional<Instant> dataEnd) {
        return current(dataEnd) ? " and none has reconnected yet"
                : " and none had reconnected by " + at(dataEnd.get()) + ", the end of the data";
    }

    /** "is still offline", or "was still offline at 10:49 UTC, the end of the data". */
    public String stillOffline(boolean one, Optional<Instant> dataEnd) {
        return stillIn("offline", one, dataEnd);
    }

    /** "are still refused", or "were still refused at 10:49 UTC, the end of the data". */
    public String stillIn(String state, boolean one, Optional<Instant> dataEnd) {
        return current(dataEnd) ? (one ? "is" : "are") + " still " + state
                : (one ? "was" : "were") + " still " + state + " at " + at(dataEnd.get()) + ", the end of the data";
    }
}
