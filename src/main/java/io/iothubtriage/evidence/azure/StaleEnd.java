package io.iothubtriage.evidence.azure;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.evidence.Gap;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Did the window's last minutes land before the triage ran? Log Analytics ingests resource logs 20 s to 3 min after
 * they happen (sometimes more), so a triage that runs soon after the window's end may find its end still empty;
 * an empty end must then read as "not landed yet", never as "no errors". A gap when all of these hold:
 * <ul>
 *   <li>the newest row of the hub is more than the ingestion allowance before the window's end;</li>
 *   <li>the hub is busy enough that the silence means something: at its baseline rate it would have logged at least
 *       {@link #MIN_EXPECTED_ROWS} rows in that time (a hub of five devices may well be silent for ten minutes);</li>
 *   <li>the triage ran less than {@link #LATE_LANDING} after the window's end: later than that, what is missing
 *       had time to land, and the silence is the evidence (a hub that stopped logging).</li>
 * </ul>
 */
final class StaleEnd {

    static final int MIN_EXPECTED_ROWS = 5;
    static final Duration LATE_LANDING = Duration.ofMinutes(15);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private StaleEnd() {
    }

    /**
     * @param newestRow    the newest row of the hub the source found
     * @param baselineRows the hub's rows in the baseline
     * @param baseline     the baseline window
     * @param checkedAt    when the source asked
     * @param allowance    the ingestion allowance (how late logs may land and still be expected)
     */
    static Optional<Gap> check(TimeWindow window, Optional<Instant> newestRow, long baselineRows, TimeWindow baseline,
                               Instant checkedAt, Duration allowance) {
        if (newestRow.isEmpty()) {
            return Optional.empty();
        }
        Instant end = window.end().isAfter(checkedAt) ? checkedAt : window.end();
        Duration silent = Duration.between(newestRow.get(), end);
        if (silent.compareTo(allowance) <= 0) {
            return Optional.empty();
        }
        if (Duration.between(window.end(), checkedAt).compareTo(LATE_LANDING) > 0) {
            return Optional.empty();
        }
        double perMilli = baselineRows / (double) Math.max(1, baseline.duration().toMillis());
        double expected = perMilli * silent.toMillis();
        if (expected < MIN_EXPECTED_ROWS) {
            return Optional.empty();
        }
        return Optional.of(new Gap(Gap.CONNECTION_LOGS, "logs after " + HH_MM.format(newestRow.get())
                + " UTC had not landed when this ran (" + HH_MM.format(checkedAt) + " UTC; the hub usually logs about "
                + Math.round(expected) + " rows in that time): rerun later to see the end of the window"));
    }
}
