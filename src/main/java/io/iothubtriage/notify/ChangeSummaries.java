package io.iothubtriage.notify;

import io.iothubtriage.diagnosis.ChangeRelation;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.diagnosis.TriageReport.ChangeLine;
import io.iothubtriage.evidence.CallerKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report's changes as short lines for every renderer: the related ones first (likely, then possible causes),
 * then the others newest first. Callers and values come from Azure and may be long or odd: each part is put on
 * one line and cut ({@link #CALLER_CHARS}, {@link #SUMMARY_CHARS}); renderers escape as their format needs.
 */
final class ChangeSummaries {
    static final int CALLER_CHARS = 64;
    static final int SUMMARY_CHARS = 160;

    private ChangeSummaries() {
    }

    /** Likely cause, possible causes, then unrelated changes newest first. */
    static List<ChangeLine> ordered(TriageReport r) {
        List<ChangeLine> out = new ArrayList<>(r.changes());
        out.sort(Comparator.comparing((ChangeLine c) -> c.relation().ordinal())
                .thenComparing(Comparator.comparing(ChangeLine::time).reversed()));
        return out;
    }

    /** "10:39 · alice@contoso.com · properties.disableLocalAuth false → true · likely cause (HIGH)". */
    static String line(ChangeLine c) {
        String relation = relation(c);
        return Texts.time(c.time()) + " UTC · " + caller(c) + " · " + what(c) + (relation.isEmpty() ? "" : " · " + relation);
    }

    /** The change's summary on one line, cut to {@link #SUMMARY_CHARS}. */
    static String what(ChangeLine c) {
        String s = Texts.oneLine(c.summary());
        return Texts.truncate(s.isEmpty() ? Texts.oneLine(c.operation()) : s, SUMMARY_CHARS)
                + (c.status().isEmpty() || c.status().equalsIgnoreCase("Succeeded") ? ""
                : " (" + Texts.truncate(Texts.oneLine(c.status()), 20) + ")");
    }

    /** The caller on one line, cut to {@link #CALLER_CHARS}; software is marked as such. */
    static String caller(ChangeLine c) {
        String who = Texts.truncate(Texts.oneLine(c.caller()), CALLER_CHARS);
        if (who.isEmpty()) {
            return "caller not recorded";
        }
        return c.callerKind() == CallerKind.APPLICATION ? "app " + who : who;
    }

    /** "likely cause (HIGH)", "possible cause (LOW)", or "" for an unrelated change. */
    static String relation(ChangeLine c) {
        String confidence = c.attributionConfidence().map(x -> " (" + x + ")").orElse("");
        return switch (c.relation()) {
            case LIKELY_CAUSE -> "likely cause" + confidence;
            case POSSIBLE_CAUSE -> "possible cause" + confidence;
            case UNRELATED -> "";
        };
    }

    static long related(TriageReport r) {
        return r.changes().stream().filter(c -> c.relation() != ChangeRelation.UNRELATED).count();
    }
}
