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
 * what the report names first. The rules, in order (docs/changes.md lists the same):
 *
 * <ol>
 *   <li>A change can explain the verdict only when its kind ({@link ChangeKind}) can cause the <b>winning
 *       family</b>: the family of a family verdict, PLATFORM_CHANGE for a platform verdict decided by its codes or
 *       for USER_INITIATED_HUB_CHANGE, and for MIXED the largest family. A failed change, a tag edit, a routing
 *       change explain nothing, whatever their timing.</li>
 *   <li>... and only when it reaches the <b>affected devices' authentication method</b> ({@link AffectedAuth}):
 *       a change that refuses only SAS devices (local authentication off, device/module SAS off, shared access
 *       policies or keys) explains only SAS devices' failures; one that concerns only X.509 devices (CA
 *       certificates) only X.509 devices'. Network, scale, failover and provisioning changes reach every method.
 *       When at least {@link Rules#authShare} (90 %) of the affected devices with a known authType use the other
 *       method, the change explains nothing (UNRELATED); when both methods fail (PART) it is at most a possible
 *       cause, MEDIUM; when fewer than {@link Rules#authKnownShare} (half) of them have a known authType (real
 *       records often log none) it may still be the likely cause, but at most MEDIUM.</li>
 *   <li>It must fall between {@link Rules#possibleLead} (2 h) before the <b>onset</b> (the first error of the
 *       winning family's main code) and {@link Rules#slack} (1 min) after it: the resource provider logs a change
 *       when it has finished, and the hub may already refuse devices while the write completes.</li>
 *   <li><b>LIKELY_CAUSE</b> (first finding, first next step): by a <b>user</b> (a person's principal name, or
 *       Resource Graph's {@code changedByType} User), of a kind the source names specifically (property paths, a
 *       certificate, a failover), within {@link Rules#likelyLead} (30 min) before the onset, and not MIXED. Only
 *       the one nearest the onset; the others that qualify are possible causes. Attribution confidence HIGH when
 *       within {@link Rules#closeLead} (10 min) and the affected devices use the method the change reaches (or it
 *       reaches every method), else MEDIUM.</li>
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
     * @param authShare    the affected devices "use" a method when at least this share of those with a known
     *                     authType do; a change reaching only the other method then explains nothing
     * @param authKnownShare the affected devices' method is judged only when at least this share of them have a
     *                     known authType
     */
    record Rules(Duration closeLead, Duration likelyLead, Duration possibleLead, Duration slack, double authShare,
                 double authKnownShare) {
        static final Rules DEFAULTS = new Rules(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(2),
                Duration.ofMinutes(1), 0.9, 0.5);

        Rules {
            Objects.requireNonNull(closeLead, "closeLead");
            Objects.requireNonNull(likelyLead, "likelyLead");
            Objects.requireNonNull(possibleLead, "possibleLead");
            Objects.requireNonNull(slack, "slack");
            if (closeLead.compareTo(likelyLead) > 0 || likelyLead.compareTo(possibleLead) > 0 || slack.isNegative()) {
                throw new IllegalArgumentException("need closeLead <= likelyLead <= possibleLead and slack >= 0");
            }
            if (authShare <= 0.5 || authShare > 1 || authKnownShare < 0 || authKnownShare > 1) {
                throw new IllegalArgumentException("need 0.5 < authShare <= 1 and 0 <= authKnownShare <= 1");
            }
        }
    }

    /** When the winning family's errors started, and the code that started them. */
    record Onset(Instant at, String code, CauseFamily family) {
    }

    /**
     * What the diagnosis asks about: the winning family, whether the verdict is MIXED, the onset, and how the
     * family's devices authenticate.
     */
    record Question(Optional<CauseFamily> family, boolean mixed, Optional<Onset> onset, AffectedAuth auth) {
    }

    /** A report line with how far the change's authentication reach fits the affected devices. */
    record Attributed(ChangeLine line, AffectedAuth.Fit fit) {
    }

    private ChangeAttribution() {
    }

    /** The report's change lines for an analysis: every change, each with its relation to the verdict. */
    static List<Attributed> of(Analysis a) {
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
        AffectedAuth auth = family.map(f -> AffectedAuth.of(a.family(f), a.scope)).orElse(AffectedAuth.NONE);
        return new Question(family, mixed, onset, auth);
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

    static List<Attributed> attribute(List<ChangeEvent> changes, Question q, Rules rules) {
        List<Judged> judged = new ArrayList<>();
        for (ChangeEvent e : changes) {
            judged.add(judge(e, q, rules));
        }
        // Only the nearest qualifying change before the onset is the likely cause.
        Optional<Judged> nearest = judged.stream().filter(j -> j.relation == ChangeRelation.LIKELY_CAUSE)
                .min(Comparator.comparing(j -> j.lead.orElseThrow().abs()));
        List<Attributed> lines = new ArrayList<>();
        for (Judged j : judged) {
            Judged k = j.relation == ChangeRelation.LIKELY_CAUSE && nearest.get() != j ? j.demoted() : j;
            lines.add(new Attributed(k.line(), k.fit));
        }
        return bounded(lines, q);
    }

    /**
     * Every related change, then the unrelated ones nearest the onset (without an onset, the newest), kept in time
     * order. No clock is read: the diagnosis is a pure function of its evidence.
     */
    private static List<Attributed> bounded(List<Attributed> lines, Question q) {
        if (lines.size() <= TriageReport.MAX_CHANGES) {
            return lines;
        }
        Comparator<Attributed> nearest = q.onset().map(Onset::at)
                .map(pivot -> Comparator.comparing((Attributed l) -> Duration.between(l.line().time(), pivot).abs()))
                .orElse(Comparator.comparing((Attributed l) -> l.line().time()).reversed());
        List<Attributed> keep = new ArrayList<>(lines.stream().filter(l -> related(l.line()))
                .limit(TriageReport.MAX_CHANGES).toList());
        lines.stream().filter(l -> !related(l.line()))
                .sorted(nearest)
                .limit(Math.max(0, TriageReport.MAX_CHANGES - keep.size()))
                .forEach(keep::add);
        keep.sort(Comparator.comparing(l -> l.line().time()));
        return keep;
    }

    private static boolean related(ChangeLine l) {
        return l.relation() != ChangeRelation.UNRELATED;
    }

    private static Judged judge(ChangeEvent e, Question q, Rules rules) {
        ChangeKind kind = ChangeKind.of(e);
        Optional<Duration> lead = q.onset().map(o -> Duration.between(e.time(), o.at()));
        Optional<CauseFamily> explains = q.family().filter(f -> kind.explains().contains(f));
        boolean inReach = lead.filter(l -> l.compareTo(rules.slack().negated()) >= 0
                && l.compareTo(rules.possibleLead()) <= 0).isPresent();
        // Judged only for a change that could otherwise be a cause: NONE then means "ruled out by the devices'
        // authentication method", which the narrative says.
        AffectedAuth.Fit fit = explains.isEmpty() || !inReach ? AffectedAuth.Fit.ANY
                : q.auth().fit(ChangeKind.reach(e), rules.authShare(), rules.authKnownShare());
        if (explains.isEmpty() || !inReach || fit.kind() == AffectedAuth.Fit.Kind.NONE) {
            // Not a cause: listed only, and no sentence says it could explain anything.
            return new Judged(e, ChangeRelation.UNRELATED, Optional.empty(), Optional.empty(), lead, fit);
        }
        Duration l = lead.get();
        boolean user = e.callerKind() == CallerKind.USER;
        boolean near = l.compareTo(rules.likelyLead()) <= 0;
        boolean allDevices = fit.kind() == AffectedAuth.Fit.Kind.ALL;
        if (user && kind.specific() && near && !q.mixed() && fit.kind() != AffectedAuth.Fit.Kind.PART) {
            Confidence c = l.compareTo(rules.closeLead()) <= 0 && allDevices ? Confidence.HIGH : Confidence.MEDIUM;
            return new Judged(e, ChangeRelation.LIKELY_CAUSE, explains, Optional.of(c), lead, fit);
        }
        Confidence c = kind.specific() && near ? Confidence.MEDIUM : Confidence.LOW;
        return new Judged(e, ChangeRelation.POSSIBLE_CAUSE, explains, Optional.of(c), lead, fit);
    }

    /** One change with its relation, before it becomes a report line. */
    private record Judged(ChangeEvent e, ChangeRelation relation, Optional<CauseFamily> explains,
                          Optional<Confidence> confidence, Optional<Duration> lead, AffectedAuth.Fit fit) {
        /** A second qualifying change: possible, at most MEDIUM. */
        Judged demoted() {
            return new Judged(e, ChangeRelation.POSSIBLE_CAUSE, explains, Optional.of(Confidence.MEDIUM), lead, fit);
        }

        ChangeLine line() {
            List<PropertyLine> props = e.properties().stream()
                    .map(p -> new PropertyLine(p.path(), p.before(), p.after())).toList();
            return new ChangeLine(e.time(), e.resourceId(), e.operation(), e.status(), e.caller(), e.callerKind(),
                    e.origin().wire(), ChangeWords.summary(e), props, relation, explains, confidence, lead);
        }
    }
}
