package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.ChangeAttribution.Attributed;

import io.iothubtriage.diagnosis.TriageReport.ChangeLine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the findings and next steps say about changes: the likely cause first, possible causes in one finding,
 * unrelated changes nothing (they are listed in the report's {@code changes}).
 */
final class ChangeNarrative {
    // loops and named comparators rather than streams and lambdas: a report is made once per cold CLI run, where
    // each lambda call site costs a bootstrap on its first call
    private final Analysis a;
    private final String onsetCode;

    ChangeNarrative(Analysis a) {
        this.a = a;
        Optional<ChangeAttribution.Onset> onset = ChangeAttribution.question(a).onset();
        this.onsetCode = onset.isPresent() ? onset.get().code() : "";
    }

    Optional<String> leadFinding() {
        Optional<Attributed> c = likely();
        return c.isEmpty() ? Optional.empty() : Optional.ofNullable(ChangeWords.likelyFinding(c.get().line(),
                c.get().fit(), c.get().direction(), onsetCode, a.hubName()));
    }

    Optional<String> possibleFinding() {
        List<Attributed> possible = new ArrayList<>();
        for (Attributed c : a.attributed) {
            if (c.line().relation() == ChangeRelation.POSSIBLE_CAUSE) {
                possible.add(c);
            }
        }
        if (possible.isEmpty()) {
            return Optional.empty();
        }
        possible.sort(new ByLead(false)); // stable, as the stream's sort was
        List<ChangeLine> lines = new ArrayList<>();
        for (Attributed c : possible) {
            lines.add(c.line());
        }
        return Optional.of(ChangeWords.possibleFinding(Collections.unmodifiableList(lines), possible.get(0).fit(),
                possible.get(0).direction(), onsetCode, a.hubName()));
    }

    /**
     * Why the change nearest the onset that the devices' authentication method rules out is not a cause (it is
     * listed in the report's changes, and a reader would ask).
     */
    Optional<String> ruledOutFinding() {
        Comparator<Attributed> nearer = new ByLead(true);
        Attributed nearest = null;
        for (Attributed c : a.attributed) {
            // the first of equally near ones, as Stream.min keeps
            if (c.fit().kind() == AffectedAuth.Fit.Kind.NONE && (nearest == null || nearer.compare(c, nearest) < 0)) {
                nearest = c;
            }
        }
        return nearest == null ? Optional.empty()
                : Optional.ofNullable(ChangeWords.ruledOutFinding(nearest.line(), nearest.fit(), nearest.direction()));
    }

    Optional<String> leadAction() {
        Optional<Attributed> c = likely();
        return c.isEmpty() ? Optional.empty()
                : Optional.ofNullable(ChangeWords.likelyAction(c.get().line(), c.get().fit(), onsetCode, a.hubName()));
    }

    private Optional<Attributed> likely() {
        for (Attributed c : a.attributed) {
            if (c.line().relation() == ChangeRelation.LIKELY_CAUSE) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** By how long before the onset the change happened (or its absolute value); every line compared has one. */
    private record ByLead(boolean absolute) implements Comparator<Attributed> {
        @Override
        public int compare(Attributed x, Attributed y) {
            Duration dx = x.line().beforeOnset().orElseThrow();
            Duration dy = y.line().beforeOnset().orElseThrow();
            return absolute ? dx.abs().compareTo(dy.abs()) : dx.compareTo(dy);
        }
    }
}
