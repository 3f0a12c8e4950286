package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What Resource Health says about the hub for one window: the unavailable or degraded spells that overlap it, the
 * service-health events that concern it, and whether the hub counts as healthy.
 *
 * <p>A status holds from its {@code occurredTime} until the next status's; the latest holds until now. The status
 * that speaks for the window is the one in force at its end ({@link #status()}); a status that began at or after the
 * window's end is kept apart ({@link #later()}): it is what Resource Health said of another time, never the
 * window's state nor "now" as of the window (a file exported a week after the incident holds the hub's status of that
 * week as its {@code current}). A service-health event concerns the hub when it names IoT Hub (or no service), names the hub's region (or no
 * region, or the hub's region is unknown; compared ignoring case, spaces and dashes: "West Europe" = "westeurope"),
 * and is either active having started before the window ended, or has an impact period overlapping the window.
 */
final class HealthView {
    /** The report lists at most this many service-health events. */
    static final int MAX_EVENTS = 10;

    /** An unavailable or degraded spell. {@code to} is empty while it lasts. */
    record Spell(AvailabilityStatus status, Optional<Instant> from, Optional<Instant> to) {
    }

    private final boolean present;
    /** The status in force at the window's end (a current status without any time, when none is dated before it). */
    private final Optional<AvailabilityStatus> status;
    /** The newest status that began at or after the window's end. */
    private final Optional<AvailabilityStatus> later;
    private final List<Spell> unhealthy;
    private final List<ServiceHealthEvent> relevantEvents;
    private final Optional<String> region;

    private HealthView(boolean present, Optional<AvailabilityStatus> status, Optional<AvailabilityStatus> later,
                       List<Spell> unhealthy, List<ServiceHealthEvent> relevantEvents, Optional<String> region) {
        this.present = present;
        this.status = status;
        this.later = later;
        this.unhealthy = unhealthy;
        this.relevantEvents = relevantEvents;
        this.region = region;
    }

    static HealthView of(Optional<HubHealthEvidence> evidence, TimeWindow window) {
        if (evidence.isEmpty()) {
            return new HealthView(false, Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());
        }
        // Loops rather than streams and lambdas in this class: it runs once per report in a cold JVM (the CLI,
        // the demo), where each lambda's first call costs a bootstrap.
        HubHealthEvidence h = evidence.get();
        AvailabilityStatus inForce = null;
        AvailabilityStatus after = null;
        for (AvailabilityStatus s : timed(h)) {
            if (start(s).get().isBefore(window.end())) {
                inForce = s;
            } else {
                after = s;
            }
        }
        // A current status without any time cannot be placed: it is taken as the window's (it holds now) only when
        // no dated status speaks for the window.
        if (inForce == null && h.current().isPresent() && start(h.current().get()).isEmpty()) {
            inForce = h.current().get();
        }
        Optional<String> region = Optional.empty();
        if (h.current().isPresent() && !h.current().get().location().isBlank()) {
            region = Optional.of(h.current().get().location());
        } else {
            for (AvailabilityStatus s : h.history()) {
                if (!s.location().isBlank()) {
                    region = Optional.of(s.location());
                    break;
                }
            }
        }
        return new HealthView(true, Optional.ofNullable(inForce), Optional.ofNullable(after), spells(h, window),
                events(h.events(), window, region), region);
    }

    /** The dated statuses, oldest first, the current one included once. */
    private static List<AvailabilityStatus> timed(HubHealthEvidence h) {
        Set<AvailabilityStatus> all = new LinkedHashSet<>(h.history());
        if (h.current().isPresent()) {
            all.add(h.current().get());
        }
        List<AvailabilityStatus> timed = new ArrayList<>();
        for (AvailabilityStatus s : all) {
            if (start(s).isPresent()) {
                timed.add(s);
            }
        }
        timed.sort(OLDEST_FIRST);
        return timed;
    }

    private static List<Spell> spells(HubHealthEvidence h, TimeWindow window) {
        List<AvailabilityStatus> timed = timed(h);
        List<Spell> out = new ArrayList<>();
        for (int i = 0; i < timed.size(); i++) {
            AvailabilityStatus s = timed.get(i);
            Instant from = start(s).get();
            Optional<Instant> to = i + 1 < timed.size() ? start(timed.get(i + 1)) : Optional.empty();
            boolean overlaps = from.isBefore(window.end()) && (to.isEmpty() || to.get().isAfter(window.start()));
            if (overlaps && s.isUnavailableOrDegraded()) {
                out.add(new Spell(s, Optional.of(from), to));
            }
        }
        // A current status without any time: it holds now, and counts when it is unhealthy.
        if (h.current().isPresent()) {
            AvailabilityStatus c = h.current().get();
            if (start(c).isEmpty() && c.isUnavailableOrDegraded()) {
                out.add(new Spell(c, Optional.empty(), Optional.empty()));
            }
        }
        return List.copyOf(out);
    }

    private static Optional<Instant> start(AvailabilityStatus s) {
        return s.occurredTime().isPresent() ? s.occurredTime() : s.reportedTime();
    }

    /** Statuses by their start; only statuses with one are compared. */
    private static final Comparator<AvailabilityStatus> OLDEST_FIRST = new Comparator<>() {
        @Override
        public int compare(AvailabilityStatus a, AvailabilityStatus b) {
            return start(a).get().compareTo(start(b).get());
        }
    };

    /** Incidents first, then active events; stable otherwise. */
    private static final Comparator<ServiceHealthEvent> INCIDENTS_FIRST = new Comparator<>() {
        @Override
        public int compare(ServiceHealthEvent a, ServiceHealthEvent b) {
            int byKind = Boolean.compare(!isIncident(a), !isIncident(b));
            return byKind != 0 ? byKind : Boolean.compare(!a.isActive(), !b.isActive());
        }
    };

    private static List<ServiceHealthEvent> events(List<ServiceHealthEvent> events, TimeWindow window,
                                                   Optional<String> region) {
        List<ServiceHealthEvent> relevant = new ArrayList<>();
        for (ServiceHealthEvent e : events) {
            if (concernsIotHub(e) && inRegion(e, region) && inTime(e, window)) {
                relevant.add(e);
            }
        }
        relevant.sort(INCIDENTS_FIRST);
        return List.copyOf(relevant);
    }

    static boolean concernsIotHub(ServiceHealthEvent e) {
        if (e.impactedServices().isEmpty()) {
            return true;
        }
        for (String service : e.impactedServices()) {
            if (squash(service).contains("iothub")) {
                return true;
            }
        }
        return false;
    }

    static boolean inRegion(ServiceHealthEvent e, Optional<String> hubRegion) {
        if (hubRegion.isEmpty() || e.impactedRegions().isEmpty()) {
            return true;
        }
        String hub = squash(hubRegion.get());
        for (String region : e.impactedRegions()) {
            String r = squash(region);
            if (r.equals(hub) || r.equals("global")) {
                return true;
            }
        }
        return false;
    }

    static boolean inTime(ServiceHealthEvent e, TimeWindow window) {
        if (e.isActive()) {
            return e.impactStart().isEmpty() || e.impactStart().get().isBefore(window.end());
        }
        if (e.impactStart().isPresent()) {
            Instant s = e.impactStart().get();
            return s.isBefore(window.end())
                    && (e.impactMitigation().isEmpty() || e.impactMitigation().get().isAfter(window.start()));
        }
        return e.lastUpdate().isPresent() && window.contains(e.lastUpdate().get());
    }

    static boolean isIncident(ServiceHealthEvent e) {
        String t = squash(e.eventType());
        return t.equals("serviceissue") || t.equals("emergingissues");
    }

    /** "West Europe" → "westeurope"; "IoT Hub" → "iothub". */
    static String squash(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            // what the regex [\s_-] matches: space, \t \n \u000B \f \r, underscore, dash
            if (c != ' ' && (c < '\t' || c > '\r') && c != '_' && c != '-') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** True when health evidence was read and a status of it speaks for the window, other than Unknown. */
    boolean known() {
        return present && status.isPresent() && !"Unknown".equalsIgnoreCase(status.get().availabilityState());
    }

    boolean present() {
        return present;
    }

    /** Resource Health answered, but with state Unknown or without any status. */
    boolean reportsUnknown() {
        return present && !known();
    }

    /** The status in force at the window's end. */
    Optional<AvailabilityStatus> status() {
        return status;
    }

    /** The state of {@link #status()}, "Unknown" without one. */
    String state() {
        return status.isPresent() && !status.get().availabilityState().isBlank()
                ? status.get().availabilityState() : "Unknown";
    }

    /** Available at the window's end. */
    boolean available() {
        return "Available".equalsIgnoreCase(state());
    }

    /**
     * True when the status in force at the window's end is also Resource Health's latest word: only then may a
     * sentence say the hub "is" in that state now (as of Resource Health's last check).
     */
    boolean statusIsLatest() {
        return later.isEmpty();
    }

    /**
     * When Resource Health last spoke: the latest status's reported time, else its start. Its words are "now" only
     * while this is current ({@link EvidenceAge}).
     */
    Optional<Instant> lastStatusTime() {
        Optional<AvailabilityStatus> latest = later.isPresent() ? later : status;
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        return latest.get().reportedTime().isPresent() ? latest.get().reportedTime() : start(latest.get());
    }

    /** The newest status that began at or after the window's end: what Resource Health said of a later time. */
    Optional<AvailabilityStatus> later() {
        return later;
    }

    /** {@link #later()} when its state differs from the window's: a change after the window worth telling. */
    Optional<AvailabilityStatus> laterChange() {
        if (later.isPresent() && !later.get().availabilityState().equalsIgnoreCase(state())) {
            return later;
        }
        return Optional.empty();
    }

    /** When a status began: its occurred time, else its reported time. */
    static Optional<Instant> since(AvailabilityStatus s) {
        return start(s);
    }

    Optional<String> region() {
        return region;
    }

    /** Unavailable or degraded spells overlapping the window, oldest first. */
    List<Spell> unhealthy() {
        return unhealthy;
    }

    /** The first spell Resource Health does not attribute to the customer. */
    Optional<Spell> platformOutage() {
        for (Spell s : unhealthy) {
            if (!s.status().isUserInitiated()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The first spell Resource Health attributes to the customer (failover, tier change, ...). */
    Optional<Spell> userOutage() {
        for (Spell s : unhealthy) {
            if (s.status().isUserInitiated()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Service-health events that concern the hub in the window, incidents first. */
    List<ServiceHealthEvent> relevantEvents() {
        return relevantEvents;
    }

    /** Relevant events that are incidents (ServiceIssue, EmergingIssues), not maintenance or advisories. */
    List<ServiceHealthEvent> incidents() {
        List<ServiceHealthEvent> incidents = new ArrayList<>();
        for (ServiceHealthEvent e : relevantEvents) {
            if (isIncident(e)) {
                incidents.add(e);
            }
        }
        return incidents;
    }

    /**
     * Healthy per Resource Health: it answered, the hub was Available at the window's end, and there was no
     * unavailable or degraded spell in the window and no incident.
     */
    boolean healthy() {
        return known() && available() && unhealthy.isEmpty() && incidents().isEmpty();
    }
}
