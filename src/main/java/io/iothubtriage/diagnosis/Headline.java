package io.iothubtriage.diagnosis;

import io.iothubtriage.diagnosis.HealthView.Spell;
import io.iothubtriage.diagnosis.VerdictRules.PlatformBasis;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence;
import io.iothubtriage.evidence.Coverage;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;
import io.iothubtriage.evidence.Inputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.iothubtriage.diagnosis.Clauses.at;
import static io.iothubtriage.diagnosis.Clauses.codesTag;
import static io.iothubtriage.diagnosis.Clauses.codesTagOf;
import static io.iothubtriage.diagnosis.Clauses.metricClause;
import static io.iothubtriage.diagnosis.Clauses.range;
import static io.iothubtriage.diagnosis.Clauses.region;
import static io.iothubtriage.diagnosis.ReportFormat.count;
import static io.iothubtriage.diagnosis.ReportFormat.devices;
import static io.iothubtriage.diagnosis.ReportFormat.percent;
import static io.iothubtriage.diagnosis.ReportFormat.plural;
import static io.iothubtriage.diagnosis.ReportFormat.time;
import static io.iothubtriage.diagnosis.Wording.dimensionPhrase;
import static io.iothubtriage.diagnosis.Wording.familyWords;
import static io.iothubtriage.diagnosis.Wording.shorten;

/** The one-sentence headline: what broke, how widely, when, and whether the hub is healthy. */
final class Headline {
    private final Analysis a;

    Headline(Analysis a) {
        this.a = a;
    }

    String text() {
        Verdict v = a.decision.verdict();
        String s = switch (v) {
            case NO_DIAGNOSTIC_LOGS -> "No Connections logs reached Log Analytics for " + a.hubName() + " in "
                    + range(a) + " or the " + ReportFormat.span(a.request.baseline().duration()) + " before"
                    + otherCategoriesClause()
                    + " and device errors cannot be seen" + metricClause(a, ", while ") + "; " + healthClause();
            case PLATFORM_INCIDENT -> platformHeadline();
            case USER_INITIATED_HUB_CHANGE -> spellHeadline(a.health.userOutage().get(), "because of a user-initiated change");
            case NO_CONNECTION_ERRORS -> cleanHeadline();
            case MIXED -> mixedHeadline();
            case INSUFFICIENT_EVIDENCE -> (a.covered
                    ? "The cause is unknown because the connection logs could not be read ("
                    + a.gap(Gap.CONNECTION_LOGS).map(Gap::reason).orElse("no log source") + ")"
                    : (a.partlyCovered() ? "The cause is unknown because the logs given miss part of the window ("
                    : "The cause is unknown because the logs given say nothing about the window (")
                    + a.coverage.map(Coverage.Problem::reason).orElse("") + ")")
                    + WithheldDrop.of(a).map(d -> "; " + d.clause()).orElse("")
                    + metricClause(a, ", while ") + "; " + healthClause();
            default -> familyHeadline(VerdictRules.familyOf(v).orElseThrow());
        };
        return s + ".";
    }

    private String familyHeadline(CauseFamily family) {
        boolean one = a.affected() == 1;
        // taken over once each, and not again: a newer connection of the device itself is as likely as a second client
        String verb = family == CauseFamily.THROTTLING_OR_QUOTA && quotaOnly(a.causeCodes)
                ? (one ? "was refused" : "were refused") + " over the hub's used-up daily message quota"
                : family == CauseFamily.DUPLICATE_CONNECTION && a.singleTakeovers() > 0
                ? "had a connection replaced once each by a newer one with the same identity"
                : verb(family, one);
        return subject() + " " + verb + at(a) + codesTag(a.causeCodes) + a.recoveryClause(one)
                + unreadableClause() + "; " + healthClause();
    }

    /**
     * The daily quota (403002) on at least as many devices as any throttling code (429xxx): devices are refused, not
     * slowed down (a few throttled before the quota ran out do not make the rest "throttled").
     */
    static boolean quotaOnly(List<CodeStats> codes) {
        int quota = 0;
        int throttled = 0;
        for (CodeStats c : codes) {
            if (c.code().startsWith("429")) {
                throttled = Math.max(throttled, c.devices());
            } else if (c.code().equals("403002")) {
                quota = c.devices();
            }
        }
        return quota > 0 && quota >= throttled;
    }

    private String platformHeadline() {
        PlatformBasis basis = a.decision.platformBasis().orElseThrow();
        return switch (basis) {
            case RESOURCE_HEALTH -> spellHeadline(a.health.platformOutage().get(), "platform-initiated");
            case SERVICE_HEALTH -> {
                ServiceHealthEvent e = a.health.incidents().get(0);
                String where = region(a, e).map(r -> " in " + r).orElse("");
                String start = e.impactStart().map(t -> ", from " + time(t)).orElse("");
                String devicesPart = a.affected() > 0
                        ? ": " + subject() + " " + verb(CauseFamily.NETWORK_OR_KEEPALIVE, a.affected() == 1) + at(a)
                        + unreadableClause()
                        : metricClause(a, ": ");
                yield "An Azure IoT Hub " + incidentWord(e) + where + " (“" + shorten(e.title(), 80) + "”" + start
                        + ") overlaps the drop" + devicesPart + "; Resource Health shows the hub "
                        + a.health.state() + (a.health.statusIsLatest() ? "" : " in the window") + laterClause("; ");
            }
            case PLATFORM_CODES -> familyHeadline(CauseFamily.PLATFORM_CHANGE);
        };
    }

    private String spellHeadline(Spell spell, String why) {
        AvailabilityStatus st = spell.status();
        String when = spell.from().map(f -> " from " + Clauses.timeOn(a, f)).orElse("")
                + spell.to().map(t -> " to " + Clauses.timeOn(a, t)).orElse("");
        // the title only when it says more than the state already named ("Unavailable" twice says nothing)
        String title = st.title().isBlank() || st.title().strip().equalsIgnoreCase(st.availabilityState()) ? ""
                : ": " + shorten(st.title(), 80);
        String devicesPart = a.affected() > 0
                ? " and " + subject() + " " + verb(CauseFamily.NETWORK_OR_KEEPALIVE, a.affected() == 1) + at(a)
                + unreadableClause()
                : metricClause(a, " and ");
        HealthView h = a.health;
        // "is" only when the status in force at the window's end is Resource Health's latest word
        String after = h.statusIsLatest()
                ? (h.available() ? a.age.availableAgain(h.lastStatusTime()) : a.age.stillState(h.state(), h.lastStatusTime()))
                : (h.available() ? "it was Available again by the window's end"
                : "it was still " + h.state() + " at the window's end") + laterClause("; ");
        return "The hub was " + st.availabilityState() + when + " (" + why + title + ")" + devicesPart + "; " + after;
    }

    private String cleanHeadline() {
        ConnectionEvidence c = a.connections.orElseThrow();
        if (c.analysisRows() == 0) {
            return "No Connections rows have arrived for " + a.hubName() + " in " + range(a) + " although the previous "
                    + ReportFormat.span(a.request.baseline().duration()) + " has " + count(c.baselineRows())
                    + ", so logs may still be on their way" + metricClause(a, "; ") + "; " + healthClause();
        }
        int clean = c.cleanDisconnectDevices();
        long errorRows = a.windowErrorRows();
        if (clean == 0 && c.disconnectedDevices() == 0 && errorRows == 0) {
            return "No device logged a connection error or a disconnect in " + range(a) + metricClause(a, ", while ")
                    + "; " + healthClause();
        }
        if (clean == 0) {
            // every error was set aside (renewals, edge of the data) or is too few to explain the drop, and no
            // disconnect was clean: saying devices "disconnected cleanly" would not be true
            String kinds = noiseKinds(c.noise());
            String rows = "No device disconnected cleanly in " + range(a) + "; the " + plural(errorRows, "error row");
            if (kinds.isEmpty() && a.allAffected() > 0) {
                // nothing was set aside: naming renewals or the edge of the data would not be true
                return rows + (errorRows == 1 ? " logged cannot explain a drop on its own"
                        : " logged are too few to explain a drop") + metricClause(a, ", while ") + "; "
                        + healthClause();
            }
            return rows + (errorRows == 1 ? " logged was" : " logged were")
                    + " set aside as noise (" + (kinds.isEmpty() ? "SAS-token renewals, errors at the edge of the data"
                    : kinds) + ")"
                    + (a.allAffected() == 0 ? "" : errorRows == 1 ? " or cannot explain a drop on its own"
                    : " or are too few to explain a drop")
                    + metricClause(a, ", while ") + "; " + healthClause();
        }
        String when = Clauses.cleanDisconnectTime(a);
        String errors = a.allAffected() == 0 ? (when.contains(",") ? "," : "") + " without connection errors"
                : " (only " + devices(a.allAffected()) + " logged errors beyond noise)";
        // devices whose errors sit at the edge of the data could still turn the verdict: no conclusion is drawn
        // nor from a dip within routine churn: a few devices of hundreds come and go all day, at their own times
        String conclusion = a.edgeCouldExplainDrop()
                ? ", but " + devices(a.edgeOfData()) + " logged errors in the data's last 2 minutes, too recent to "
                + "judge and enough to change this verdict; "
                : Clauses.routineChurn(a)
                ? ", " + dipWords(a.deviceDropShare().getAsDouble()) + ", within routine churn rather than a shutdown; "
                : Clauses.fellBeforeWindow(a)
                ? ", before the window began (" + time(a.request.window().start()) + "), so the window's rows do not show"
                + " what took them; "
                : ", which points at a shutdown, power loss or planned restart; ";
        return devices(clean) + " disconnected cleanly" + when + errors
                + metricClause(a, " while ") + conclusion + healthClause();
    }

    /** The kinds of noise the window's rows held, in the words of the headline: only those with rows. */
    private static String noiseKinds(ConnectionEvidence.Noise n) {
        List<String> kinds = new ArrayList<>();
        if (n.sasRenewalEvents() > 0) {
            kinds.add("SAS-token renewals");
        }
        if (n.chronic().events() > 0) {
            kinds.add("errors of devices failing all through the baseline");
        }
        if (n.edgeOfDataEvents() > 0) {
            kinds.add("errors at the edge of the data");
        }
        return String.join(", ", kinds);
    }

    /** "a dip of 1.4 % of the devices connected", "a dip of less than 0.1 % …" (see {@link ReportFormat#dropPercent}). */
    static String dipWords(double share) {
        return "a dip of " + ReportFormat.dropPercent(share) + " of the devices connected";
    }

    private String mixedHeadline() {
        int n = a.allAffected();
        Optional<CauseFamily> dominant = a.decision.dominant();
        if (dominant.filter(f -> f == CauseFamily.OTHER).isPresent()) {
            Optional<CodeStats> first = a.codesOf(CauseFamily.OTHER).stream().findFirst();
            String code = first.map(Headline::label).orElse("unknown codes");
            int other = a.family(CauseFamily.OTHER).map(FamilyStats::devices).orElse(0);
            // a code the catalog knows is outside the cause families, not unknown: say what it means instead
            Optional<ErrorCode> known = first.flatMap(c -> ErrorCatalog.lookup(c.code()))
                    .filter(e -> !e.cause().isBlank());
            String what = known.isPresent() ? ": " + sentenceClause(known.get().cause())
                    : ", a code outside the known connection causes";
            return devices(n) + " failed" + at(a) + ", " + count(other) + " of them with " + code + what
                    + unreadableClause() + "; " + healthClause();
        }
        String parts = a.allFamilies().stream().limit(2)
                .map(f -> percent((double) f.devices() / n) + " " + familyWords(f.family()) + codesTagOf(a, f.family()))
                .collect(Collectors.joining(", "));
        return devices(n) + " failed" + at(a) + " with no single cause: " + parts + unreadableClause() + "; "
                + healthClause();
    }

    /**
     * "; 20 more error rows of the same minute could not be read": unreadable error rows that fall in the
     * incident's minutes may be more of its devices, so the count before it is a floor. Nothing when there are none.
     */
    private String unreadableClause() {
        long n = a.unreadableInIncident();
        if (n == 0) {
            return "";
        }
        boolean oneMinute = a.incidentMinutes().map(m -> m.duration().getSeconds() <= 60).orElse(false);
        return "; " + count(n) + " more error " + (n == 1 ? "row" : "rows") + " of the same "
                + (oneMinute ? "minute" : "minutes") + " could not be read";
    }

    /**
     * "312 devices behind 203.0.113.XXX", "45 devices, 40 of them behind 198.51.100.XXX,", "1,102 of 1,204 active
     * devices", "Device thermostat-17".
     */
    private String subject() {
        TriageReport.Scope s = a.scope;
        return switch (s.kind()) {
            case SINGLE_DEVICE -> s.value().map(id -> "Device " + id).orElse("One device");
            // "45 devices, 40 of them behind …,": the count behind the value is its own, not every affected device's
            case SUBSET -> a.onScopeValue() < s.affectedDevices()
                    ? devices(s.affectedDevices()) + ", " + count(a.onScopeValue()) + " of them "
                    + dimensionPhrase(s.dimension().get(), s.value().get()) + ","
                    : devices(s.affectedDevices()) + " " + dimensionPhrase(s.dimension().get(), s.value().get());
            case FLEET -> s.activeDevices() > 0
                    ? count(s.affectedDevices()) + " of " + count(s.activeDevices()) + " active devices"
                    : devices(s.affectedDevices());
            case NONE -> "No device";
        };
    }

    /**
     * ", so its diagnostic setting is probably off", or, when the hub does send other categories, what it sends:
     * ", though it sends other logs (11,214 Routes rows), so its diagnostic setting leaves out Connections".
     */
    private String otherCategoriesClause() {
        List<Inputs.Count> others = a.inputs.map(in -> in.categoryCounts().stream()
                .filter(c -> !c.name().equalsIgnoreCase("Connections")).toList()).orElse(List.of());
        if (others.isEmpty()) {
            return ", so its diagnostic setting is probably off";
        }
        String sent = Clauses.otherCategories(a.inputs.get(), 3, true);
        return ", though it sends other logs (" + sent + "), so its diagnostic setting leaves out Connections";
    }

    private String healthClause() {
        HealthView h = a.health;
        if (h.healthy()) {
            return !h.statusIsLatest() ? "the hub was healthy in the window" + laterClause(", though ")
                    : a.age.current(h.lastStatusTime()) ? "the hub is healthy"
                    : "the hub was healthy at its last status, " + a.age.at(h.lastStatusTime().get());
        }
        if (!h.present()) {
            return "hub health is unknown (" + a.healthMissing() + ")";
        }
        if (!h.known()) {
            return "Resource Health reports the hub's state as Unknown";
        }
        if (!h.unhealthy().isEmpty()) {
            Spell s = h.unhealthy().get(0);
            return "Resource Health shows the hub " + s.status().availabilityState()
                    + s.from().map(f -> " from " + Clauses.timeOn(a, f)).orElse("")
                    + (!h.available() ? "" : h.statusIsLatest() ? " and " + a.age.againState("Available", h.lastStatusTime())
                    : " and Available again by the window's end") + laterClause("; ");
        }
        return "Resource Health shows the hub " + h.state() + (!h.statusIsLatest() ? " in the window"
                : a.age.current(h.lastStatusTime()) ? " now" : " at its last status, " + a.age.at(h.lastStatusTime().get()))
                + laterClause("; ");
    }

    /** {@code lead} + "Resource Health reported the hub Unavailable from …, a week after the window", or nothing. */
    private String laterClause(String lead) {
        Optional<String> later = Clauses.laterHealth(a);
        return later.isPresent() ? lead + later.get() : "";
    }

    private static String verb(CauseFamily f, boolean one) {
        return switch (f) {
            case NETWORK_OR_KEEPALIVE -> one ? "lost its connection" : "lost their connections";
            case AUTHENTICATION -> "started failing authentication";
            case DUPLICATE_CONNECTION -> one ? "had its connection taken over by a second client with the same identity"
                    : "had their connections taken over by second clients with the same identities";
            case SERVICE_TRANSIENT -> "hit transient hub-side errors";
            case PLATFORM_CHANGE -> one ? "was disconnected by a platform upgrade or failover"
                    : "were disconnected by a platform upgrade or failover";
            case THROTTLING_OR_QUOTA -> one ? "was throttled" : "were throttled";
            case OTHER -> "failed";
        };
    }

    private static String incidentWord(ServiceHealthEvent e) {
        return HealthView.squash(e.eventType()).equals("emergingissues") ? "emerging issue" : "service incident";
    }

    /** "An operation named a device …." → "an operation named a device …", to follow a colon mid-sentence. */
    static String sentenceClause(String sentence) {
        String t = ReportFormat.withoutFinalStop(sentence);
        // lower the first letter of an ordinary word only ("X.509 …", "SAS …" keep theirs)
        return t.length() > 1 && Character.isUpperCase(t.charAt(0)) && Character.isLowerCase(t.charAt(1))
                ? Character.toLowerCase(t.charAt(0)) + t.substring(1) : t;
    }

    private static String label(CodeStats c) {
        return ErrorCatalog.describe(c.code(), c.description()).label();
    }
}
