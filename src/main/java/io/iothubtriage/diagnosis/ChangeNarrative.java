package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.ChangeAttribution.Attributed;

import java.util.Comparator;
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
        return likely().map(c -> ChangeWords.likelyFinding(c.line(), c.fit(), onsetCode, a.hubName()));
    }

    Optional<String> possibleFinding() {
        List<Attributed> possible = a.attributed.stream()
                .filter(c -> c.line().relation() == ChangeRelation.POSSIBLE_CAUSE)
                .sorted(Comparator.comparing(c -> c.line().beforeOnset().orElseThrow()))
                .toList();
        return possible.isEmpty() ? Optional.empty()
                : Optional.of(ChangeWords.possibleFinding(possible.stream().map(Attributed::line).toList(),
                possible.get(0).fit(), onsetCode, a.hubName()));
    }

    /**
     * Why the change nearest the onset that the devices' authentication method rules out is not a cause (it is
     * listed in the report's changes, and a reader would ask).
     */
    Optional<String> ruledOutFinding() {
        return a.attributed.stream().filter(c -> c.fit().kind() == AffectedAuth.Fit.Kind.NONE)
                .min(Comparator.comparing(c -> c.line().beforeOnset().orElseThrow().abs()))
                .map(c -> ChangeWords.ruledOutFinding(c.line(), c.fit()));
    }

    Optional<String> leadAction() {
        return likely().map(c -> ChangeWords.likelyAction(c.line(), c.fit(), onsetCode, a.hubName()));
    }

    private Optional<Attributed> likely() {
        return a.attributed.stream().filter(c -> c.line().relation() == ChangeRelation.LIKELY_CAUSE).findFirst();
    }
}
