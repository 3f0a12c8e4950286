package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.TriageReport.ChangeLine;
import io.iothubtriage.diagnosis.TriageReport.PropertyLine;
import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvent.PropertyChange;
import io.iothubtriage.evidence.ChangeEvidence;
import io.iothubtriage.evidence.Gap;
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
 *   <li>A change that <b>opens</b> access ({@link ChangeDirection}: local authentication turned back on, public
 *       network access enabled, a certificate added, …) refuses nobody: its kind is NONE, so it is UNRELATED and no
 *       step suggests reverting it. One whose direction cannot be read keeps the rules above, but no sentence
 *       says it "refuses" the devices' credentials.</li>
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

    /**
     * A report line with how far the change's authentication reach fits the affected devices, and which way it
     * moved access (only a change that closes it "refuses" anyone in a sentence).
     */
    record Attributed(ChangeLine line, AffectedAuth.Fit fit, ChangeDirection direction) {
    }

    private ChangeAttribution() {
    }

    /**
     * Every change read, each with its relation to the verdict: attribution runs over all of them, however many
     * unrelated ones (tag writes by automation every few seconds) surround the one that explains the errors.
     */
    static List<Attributed> of(Analysis a) {
        // ifs and loops rather than Optional lambdas and streams on the way every report takes (of, question, onset,
        // attribute): a report is made once per cold CLI run, where each lambda call site costs a bootstrap
        Optional<ChangeEvidence> evidence = a.evidence.changes();
        List<ChangeEvent> changes = evidence.isPresent() && evidence.get().changes() != null
                ? evidence.get().changes() : List.of();
        return attribute(changes, question(a), Rules.DEFAULTS);
    }

    /** The report's change lines: at most {@link TriageReport#MAX_CHANGES}, those that can explain first. */
    static List<Attributed> reported(List<Attributed> all, Analysis a) {
        return bounded(all, question(a));
    }

    /**
     * Says how many changes the report's {@code changes} leave out, when it leaves any out: those the change
     * source read but did not keep ({@link ChangeEvidence#omitted}) and those attribution judged but the report
     * does not list. Not a confidence matter: the words only keep "N more changes in the JSON report" honest.
     */
    static Optional<Gap> leftOut(Analysis a, List<Attributed> all, List<Attributed> reported) {
        Optional<ChangeEvidence> evidence = a.evidence.changes();
        int dropped = evidence.isPresent() ? evidence.get().omitted() : 0;
        int notListed = all.size() - reported.size();
        if (dropped == 0 && notListed == 0) {
            return Optional.empty();
        }
        long related = all.stream().filter(l -> related(l.line())).count()
                - reported.stream().filter(l -> related(l.line())).count();
        StringBuilder s = new StringBuilder();
        s.append(ReportFormat.plural(all.size() + dropped, "change")).append(" read; the report lists ")
                .append(reported.size());
        if (notListed > 0) {
            s.append(" (every one that can explain the errors first, then those nearest the onset); ")
                    .append(notListed).append(" more ").append(related == 0 ? "left out, none of which can explain"
                            + " the errors" : "left out, " + related + " of which could explain the errors too");
        }
        if (dropped > 0) {
            s.append("; the oldest ").append(dropped).append(" were not judged (more than ")
                    .append(ChangeEvidence.MAX_CHANGES).append(" changes)");
        }
        return Optional.of(new Gap(Gap.CHANGES, s.toString()));
    }

    static Question question(Analysis a) {
        Verdict v = a.decision.verdict();
        Optional<CauseFamily> family = VerdictRules.familyOf(v);
        Optional<VerdictRules.PlatformBasis> basis = a.decision.platformBasis();
        if (v == Verdict.USER_INITIATED_HUB_CHANGE || v == Verdict.PLATFORM_INCIDENT && basis.isPresent()
                && basis.get() == VerdictRules.PlatformBasis.PLATFORM_CODES) {
            family = Optional.of(CauseFamily.PLATFORM_CHANGE);
        }
        boolean mixed = v == Verdict.MIXED;
        if (mixed) {
            List<FamilyStats> families = a.allFamilies();
            family = families.isEmpty() ? Optional.empty() : Optional.ofNullable(families.get(0).family());
        }
        Optional<Onset> onset = family.isPresent() ? onset(a, family.get()) : Optional.empty();
        AffectedAuth auth = family.isPresent() ? AffectedAuth.of(a.family(family.get()), a.scope) : AffectedAuth.NONE;
        return new Question(family, mixed, onset, auth);
    }

    /** The first error of the family's main code; else the family's first error; else the analysis's onset. */
    private static Optional<Onset> onset(Analysis a, CauseFamily f) {
        List<CodeStats> codes = a.codesOf(f);
        for (CodeStats main : codes) {
            if (main.firstSeen().isPresent()) {
                return Optional.of(new Onset(main.firstSeen().get(), main.code(), f));
            }
        }
        String code = codes.isEmpty() || codes.get(0).code() == null ? "" : codes.get(0).code();
        Optional<FamilyStats> family = a.family(f);
        Optional<Instant> familyFirst = family.isPresent() ? family.get().firstSeen() : Optional.empty();
        Optional<Instant> at = familyFirst.isPresent() ? familyFirst : a.onset;
        return at.isPresent() ? Optional.of(new Onset(at.get(), code, f)) : Optional.empty();
    }

    static List<Attributed> attribute(List<ChangeEvent> changes, Question q, Rules rules) {
        List<Judged> judged = new ArrayList<>();
        for (ChangeEvent e : changes) {
            judged.add(judge(e, q, rules));
        }
        // Only the nearest qualifying change before the onset is the likely cause (the first of equally near ones).
        Judged nearest = null;
        for (Judged j : judged) {
            if (j.relation == ChangeRelation.LIKELY_CAUSE
                    && (nearest == null || j.lead.orElseThrow().abs().compareTo(nearest.lead.orElseThrow().abs()) < 0)) {
                nearest = j;
            }
        }
        List<Attributed> lines = new ArrayList<>();
        for (Judged j : judged) {
            Judged k = j.relation == ChangeRelation.LIKELY_CAUSE && nearest != j ? j.demoted() : j;
            lines.add(new Attributed(k.line(), k.fit, ChangeDirection.of(k.e)));
        }
        return lines;
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
        // The likely cause first, then the possible ones nearest the onset.
        List<Attributed> keep = new ArrayList<>(lines.stream().filter(l -> related(l.line()))
                .sorted(Comparator.comparing((Attributed l) -> l.line().relation())
                        .thenComparing(l -> l.line().beforeOnset().map(Duration::abs).orElse(Duration.ZERO)))
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
            List<PropertyChange> ordered = explainingFirst(e.properties(), explains);
            List<PropertyLine> props = ordered.stream()
                    .map(p -> new PropertyLine(p.path(), p.before(), p.after())).toList();
            return new ChangeLine(e.time(), e.resourceId(), e.operation(), e.status(), e.caller(), e.callerKind(),
                    e.origin().wire(), ChangeWords.summary(e, ordered), props, relation, explains, confidence, lead);
        }
    }

    /**
     * A write's properties with the ones that explain the family first (those that close access before those
     * whose direction cannot be read), then the others that could explain some family (they do not open
     * access), then the rest, each group in its recorded order: the summary shows only
     * the first few and "and N more", so the one that matters must not be hidden behind a comment's edit.
     */
    static List<PropertyChange> explainingFirst(List<PropertyChange> props, Optional<CauseFamily> family) {
        return props.stream().sorted(Comparator.comparingInt(p -> {
            ChangeDirection d = ChangeDirection.of(p);
            ChangeKind k = d == ChangeDirection.OPENS ? ChangeKind.NONE : ChangeKind.ofPath(p);
            if (family.filter(f -> k.explains().contains(f)).isPresent()) {
                return d == ChangeDirection.CLOSES ? 0 : 1;
            }
            return k == ChangeKind.NONE ? 3 : 2;
        })).toList();
    }
}
