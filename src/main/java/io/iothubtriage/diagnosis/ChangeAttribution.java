package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.ChangeLine;
import io.iothubtriage.diagnosis.TriageReport.PropertyLine;
import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which change, if any, explains the verdict. Changes never alter the verdict or its confidence: they only decide
 * what the report names first. The rules, in order (docs/diagnosis.md lists the same):
 *
 * <ol>
 *   <li>A change can explain the verdict only when its kind ({@link ChangeKind}) can cause the <b>winning
 *       family</b>: the family of a family verdict, PLATFORM_CHANGE for a platform verdict decided by its codes or
 *       for USER_INITIATED_HUB_CHANGE, and for MIXED the largest family. A failed change, a tag edit, a routing
 *       change explain nothing, whatever their timing.</li>
 *   <li>It must fall between {@link Rules#possibleLead} (2 h) before the <b>onset</b> (the first error of the
 *       winning family's main code) and {@link Rules#slack} (1 min) after it: the resource provider logs a change
 *       when it has finished, and the hub may already refuse devices while the write completes.</li>
 *   <li><b>LIKELY_CAUSE</b> (first finding, first next step): by a <b>user</b> (a person's principal name, or
 *       Resource Graph's {@code changedByType} User), of a kind the source names specifically (property paths, a
 *       certificate, a failover), within {@link Rules#likelyLead} (30 min) before the onset, and not MIXED. Only
 *       the one nearest the onset; the others that qualify are possible causes. Attribution confidence HIGH when
 *       within {@link Rules#closeLead} (10 min), else MEDIUM.</li>
 *   <li><b>POSSIBLE_CAUSE</b> (a finding): every other change that can explain the winning family within the
 *       2 h: made by software (a deployment pipeline, a policy remediation, a key rotation: frequent and usually
 *       intended, so not named as the cause), or an Activity Log hub write without property details, or
 *       30 min–2 h before the onset, or under a MIXED verdict. Attribution confidence MEDIUM when it is specific
 *       and within 30 min, else LOW.</li>
 *   <li>Everything else is <b>UNRELATED</b>: listed, never promoted.</li>
 * </ol>
 */
final class ChangeAttribution {

    /**
     * The time limits of the rules above.
     *
     * @param closeLead    a user's change this close before the onset is attributed with HIGH confidence
     * @param likelyLead   the furthest before the onset a change can be the likely cause
     * @param possibleLead the furthest before the onset a change can be a possible cause (the change source reads
     *                     from 2 h before the window)
     * @param slack        how far after the onset a change still counts as before it
     */
    record Rules(Duration closeLead, Duration likelyLead, Duration possibleLead, Duration slack) {
        static final Rules DEFAULTS = new Rules(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofMinutes(1));

        Rules {
            Objects.requireNonNull(closeLead, "closeLead");
            Objects.requireNonNull(likelyLead, "likelyLead");
            Objects.requireNonNull(possibleLead, "possibleLead");
            Objects.requireNonNull(slack, "slack");
            if (closeLead.compareTo(likelyLead) > 0 || likelyLead.compareTo(possibleLead) > 0 || slack.isNegative()) {
                throw new IllegalArgumentException("need closeLead <= likelyLead <= possibleLead and slack >= 0");
            }
        }
    }

    /** When the winning family's errors started, and the code that started them. */
    record Onset(Instant at, String code, CauseFamily family) {
    }

    /** What the diagnosis asks about: the winning family, whether the verdict is MIXED, and the onset. */
    record Question(Optional<CauseFamily> family, boolean mixed, Optional<Onset> onset) {
    }

    private ChangeAttribution() {
    }

    /** The report's change lines for an analysis: every change, each with its relation to the verdict. */
    static List<ChangeLine> of(Analysis a) {
        List<ChangeEvent> changes = a.evidence.changes().map(c -> c.changes()).orElse(List.of());
        return attribute(changes, question(a), Rules.DEFAULTS);
    }

    static Question question(Analysis a) {
        Verdict v = a.decision.verdict();
        Optional<CauseFamily> family = VerdictRules.familyOf(v);
        if (v == Verdict.USER_INITIATED_HUB_CHANGE || v == Verdict.PLATFORM_INCIDENT && a.decision.platformBasis()
                .filter(b -> b == VerdictRules.PlatformBasis.PLATFORM_CODES).isPresent()) {
            family = Optional.of(CauseFamily.PLATFORM_CHANGE);
        }
        boolean mixed = v == Verdict.MIXED;
        if (mixed) {
            family = a.allFamilies().stream().findFirst().map(FamilyStats::family);
        }
        Optional<Onset> onset = family.flatMap(f -> onset(a, f));
        return new Question(family, mixed, onset);
    }

    /** The first error of the family's main code; else the family's first error; else the analysis's onset. */
    private static Optional<Onset> onset(Analysis a, CauseFamily f) {
        List<CodeStats> codes = a.codesOf(f);
        Optional<CodeStats> main = codes.stream().filter(c -> c.firstSeen().isPresent()).findFirst();
        if (main.isPresent()) {
            return Optional.of(new Onset(main.get().firstSeen().get(), main.get().code(), f));
        }
        String code = codes.stream().findFirst().map(CodeStats::code).orElse("");
        return a.family(f).flatMap(FamilyStats::firstSeen).or(() -> a.onset).map(t -> new Onset(t, code, f));
    }

    static List<ChangeLine> attribute(List<ChangeEvent> changes, Question q, Rules rules) {
        List<Judged> judged = new ArrayList<>();
        for (ChangeEvent e : changes) {
            judged.add(judge(e, q, rules));
        }
        // Only the nearest qualifying change before the onset is the likely cause.
        Optional<Judged> nearest = judged.stream().filter(j -> j.relation == ChangeRelation.LIKELY_CAUSE)
                .min(Comparator.comparing(j -> j.lead.orElseThrow().abs()));
        List<ChangeLine> lines = new ArrayList<>();
        for (Judged j : judged) {
            Judged k = j.relation == ChangeRelation.LIKELY_CAUSE && nearest.get() != j ? j.demoted() : j;
            lines.add(k.line());
        }
        return bounded(lines, q);
    }

    /**
     * Every related change, then the unrelated ones nearest the onset (without an onset, the newest), kept in time
     * order. No clock is read: the diagnosis is a pure function of its evidence.
     */
    private static List<ChangeLine> bounded(List<ChangeLine> lines, Question q) {
        if (lines.size() <= TriageReport.MAX_CHANGES) {
            return lines;
        }
        Comparator<ChangeLine> nearest = q.onset().map(Onset::at)
                .map(pivot -> Comparator.comparing((ChangeLine l) -> Duration.between(l.time(), pivot).abs()))
                .orElse(Comparator.comparing(ChangeLine::time).reversed());
        List<ChangeLine> keep = new ArrayList<>(lines.stream().filter(l -> l.relation() != ChangeRelation.UNRELATED)
                .limit(TriageReport.MAX_CHANGES).toList());
        lines.stream().filter(l -> l.relation() == ChangeRelation.UNRELATED)
                .sorted(nearest)
                .limit(Math.max(0, TriageReport.MAX_CHANGES - keep.size()))
                .forEach(keep::add);
        keep.sort(Comparator.comparing(ChangeLine::time));
        return keep;
    }

    private static Judged judge(ChangeEvent e, Question q, Rules rules) {
        ChangeKind kind = ChangeKind.of(e);
        Optional<Duration> lead = q.onset().map(o -> Duration.between(e.time(), o.at()));
        Optional<CauseFamily> explains = q.family().filter(f -> kind.explains().contains(f));
        boolean inReach = lead.filter(l -> l.compareTo(rules.slack().negated()) >= 0
                && l.compareTo(rules.possibleLead()) <= 0).isPresent();
        if (explains.isEmpty() || !inReach) {
            return new Judged(e, ChangeRelation.UNRELATED, explains.filter(f -> false), Optional.empty(), lead);
        }
        Duration l = lead.get();
        boolean user = e.callerKind() == CallerKind.USER;
        boolean near = l.compareTo(rules.likelyLead()) <= 0;
        if (user && kind.specific() && near && !q.mixed()) {
            Confidence c = l.compareTo(rules.closeLead()) <= 0 ? Confidence.HIGH : Confidence.MEDIUM;
            return new Judged(e, ChangeRelation.LIKELY_CAUSE, explains, Optional.of(c), lead);
        }
        Confidence c = kind.specific() && near ? Confidence.MEDIUM : Confidence.LOW;
        return new Judged(e, ChangeRelation.POSSIBLE_CAUSE, explains, Optional.of(c), lead);
    }

    /** One change with its relation, before it becomes a report line. */
    private record Judged(ChangeEvent e, ChangeRelation relation, Optional<CauseFamily> explains,
                          Optional<Confidence> confidence, Optional<Duration> lead) {
        /** A second qualifying change: possible, at most MEDIUM. */
        Judged demoted() {
            return new Judged(e, ChangeRelation.POSSIBLE_CAUSE, explains, Optional.of(Confidence.MEDIUM), lead);
        }

        ChangeLine line() {
            List<PropertyLine> props = e.properties().stream()
                    .map(p -> new PropertyLine(p.path(), p.before(), p.after())).toList();
            return new ChangeLine(e.time(), e.resourceId(), e.operation(), e.status(), e.caller(), e.callerKind(),
                    e.origin().wire(), ChangeWords.summary(e), props, relation, explains, confidence, lead);
        }
    }
}
