package io.iothubtriage.notify;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.diagnosis.TriageReport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A moment drawn across the HTML report's charts: the alert firing or resolving, a Resource Health transition, a
 * change made to the hub. Numbered in time order; the number is the badge on the chart and the key of the list
 * under it, so a reader never has to match colours.
 *
 * @param label raw text (may come from Azure); the renderer escapes it
 */
record ChartMarker(int number, Instant at, Kind kind, String label) {

    enum Kind {
        ALERT("Alert"), HEALTH("Resource Health"), CHANGE("Change");

        final String word;

        Kind(String word) {
            this.word = word;
        }

        String colour() {
            return switch (this) {
                case ALERT -> ChartPalette.ALERT;
                case HEALTH -> ChartPalette.HEALTH;
                case CHANGE -> ChartPalette.CHANGE;
            };
        }
    }

    ChartMarker {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        label = label == null ? "" : label;
    }

    /** "Change (likely cause): properties.disableLocalAuth false → true by alice@contoso.com". */
    static String change(TriageReport.ChangeLine c) {
        String relation = switch (c.relation()) {
            case LIKELY_CAUSE -> " (likely cause)";
            case POSSIBLE_CAUSE -> " (possible cause)";
            case UNRELATED -> "";
        };
        String what = Texts.oneLine(c.summary().isBlank() ? c.operation() : c.summary());
        String failed = c.status().isBlank() || c.status().equalsIgnoreCase("Succeeded") ? ""
                : " [" + Texts.oneLine(c.status()) + "]";
        String who = c.caller().isBlank() ? "" : " by " + Texts.oneLine(c.caller());
        return "Change" + relation + ": " + Texts.truncate(what, 200) + failed + who;
    }

    /** By time; a named class, not a lambda: the HTML report runs once per cold CLI run. */
    private static final Comparator<ChartMarker> OLDEST_FIRST = new Comparator<>() {
        @Override
        public int compare(ChartMarker a, ChartMarker b) {
            return a.at().compareTo(b.at());
        }
    };

    /** The report's markers from the baseline's start to the window's end, oldest first, numbered from 1. */
    static List<ChartMarker> of(TriageReport r) {
        List<ChartMarker> raw = new ArrayList<>();
        if (r.alert().isPresent()) {
            AlertIdentity a = r.alert().get();
            String rule = a.metric().isPresent() ? ReportFacts.metric(a.metric().get()) : a.rule();
            raw.add(new ChartMarker(0, a.firedAt(), Kind.ALERT, "Alert fired" + (rule.isBlank() ? "" : ": " + rule)));
            if (a.resolvedAt().isPresent()) {
                raw.add(new ChartMarker(0, a.resolvedAt().get(), Kind.ALERT, "Alert resolved"));
            }
        }
        for (TriageReport.HealthChange h : r.series().healthChanges()) {
            raw.add(new ChartMarker(0, h.at(), Kind.HEALTH, "Resource Health: " + h.availabilityState()
                    + (h.userInitiated() ? " (user-initiated)" : "")
                    + (h.title().isBlank() || h.title().equalsIgnoreCase(h.availabilityState()) ? ""
                    : " · " + Texts.oneLine(h.title()))));
        }
        for (TriageReport.ChangeLine c : r.changes()) {
            raw.add(new ChartMarker(0, c.time(), Kind.CHANGE, change(c)));
        }
        raw.sort(OLDEST_FIRST);
        List<ChartMarker> out = new ArrayList<>(raw.size());
        for (ChartMarker m : raw) {
            out.add(new ChartMarker(out.size() + 1, m.at(), m.kind(), m.label()));
        }
        return out;
    }
}
