package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.ChangeLine;

import java.util.List;
import java.util.Optional;

/**
 * What the findings and next steps say about changes: the likely cause first, possible causes in one finding,
 * unrelated changes nothing (they are listed in the report's {@code changes}).
 */
final class ChangeNarrative {
    private final Analysis a;
    private final String onsetCode;

    ChangeNarrative(Analysis a) {
        this.a = a;
        this.onsetCode = ChangeAttribution.question(a).onset().map(ChangeAttribution.Onset::code).orElse("");
    }

    Optional<String> leadFinding() {
        return likely().map(c -> ChangeWords.likelyFinding(c, onsetCode, a.hubName()));
    }

    Optional<String> possibleFinding() {
        List<ChangeLine> possible = a.changes.stream().filter(c -> c.relation() == ChangeRelation.POSSIBLE_CAUSE)
                .sorted(java.util.Comparator.comparing(c -> c.beforeOnset().orElseThrow()))
                .toList();
        return possible.isEmpty() ? Optional.empty()
                : Optional.of(ChangeWords.possibleFinding(possible, onsetCode, a.hubName()));
    }

    Optional<String> leadAction() {
        return likely().map(c -> ChangeWords.likelyAction(c, onsetCode, a.hubName()));
    }

    private Optional<ChangeLine> likely() {
        return a.changes.stream().filter(c -> c.relation() == ChangeRelation.LIKELY_CAUSE).findFirst();
    }
}
