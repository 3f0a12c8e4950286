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
 * <p>A status holds from its {@code occurredTime} until the next status's; the latest holds until now. A
 * service-health event concerns the hub when it names IoT Hub (or no service), names the hub's region (or no
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
    private final Optional<AvailabilityStatus> current;
    private final List<Spell> unhealthy;
    private final List<ServiceHealthEvent> relevantEvents;
    private final Optional<String> region;

    private HealthView(boolean present, Optional<AvailabilityStatus> current, List<Spell> unhealthy,
                       List<ServiceHealthEvent> relevantEvents, Optional<String> region) {
        this.present = present;
        this.current = current;
        this.unhealthy = unhealthy;
        this.relevantEvents = relevantEvents;
        this.region = region;
    }

    static HealthView of(Optional<HubHealthEvidence> evidence, TimeWindow window) {
        if (evidence.isEmpty()) {
            return new HealthView(false, Optional.empty(), List.of(), List.of(), Optional.empty());
        }
        HubHealthEvidence h = evidence.get();
        Optional<AvailabilityStatus> current = h.current()
                .or(() -> h.history().stream().filter(s -> start(s).isPresent())
                        .max(Comparator.comparing(s -> start(s).get())));
        Optional<String> region = current.map(AvailabilityStatus::location).filter(s -> !s.isBlank())
                .or(() -> h.history().stream().map(AvailabilityStatus::location).filter(s -> !s.isBlank()).findFirst());
        return new HealthView(true, current, spells(h, window), events(h.events(), window, region), region);
    }

    private static List<Spell> spells(HubHealthEvidence h, TimeWindow window) {
        // Timed statuses, oldest first, the current one included once.
        Set<AvailabilityStatus> all = new LinkedHashSet<>(h.history());
        h.current().ifPresent(all::add);
        List<AvailabilityStatus> timed = all.stream().filter(s -> start(s).isPresent())
                .sorted(Comparator.comparing(s -> start(s).get())).toList();
        List<Spell> out = new ArrayList<>();
        for (int i = 0; i < timed.size(); i++) {
            AvailabilityStatus s = timed.get(i);
            Instant from = start(s).get();
            Optional<Instant> to = i + 1 < timed.size() ? start(timed.get(i + 1)) : Optional.empty();
            boolean overlaps = from.isBefore(window.end()) && to.map(t -> t.isAfter(window.start())).orElse(true);
            if (overlaps && s.isUnavailableOrDegraded()) {
                out.add(new Spell(s, Optional.of(from), to));
            }
        }
        // A current status without any time: it holds now, and counts when it is unhealthy.
        h.current().filter(c -> start(c).isEmpty() && c.isUnavailableOrDegraded())
                .ifPresent(c -> out.add(new Spell(c, Optional.empty(), Optional.empty())));
        return List.copyOf(out);
    }

    private static Optional<Instant> start(AvailabilityStatus s) {
        return s.occurredTime().or(s::reportedTime);
    }

    private static List<ServiceHealthEvent> events(List<ServiceHealthEvent> events, TimeWindow window,
                                                   Optional<String> region) {
        return events.stream()
                .filter(e -> concernsIotHub(e) && inRegion(e, region) && inTime(e, window))
                .sorted(Comparator.comparing((ServiceHealthEvent e) -> !isIncident(e))
                        .thenComparing(e -> !e.isActive()))
                .toList();
    }

    static boolean concernsIotHub(ServiceHealthEvent e) {
        return e.impactedServices().isEmpty()
                || e.impactedServices().stream().map(HealthView::squash).anyMatch(s -> s.contains("iothub"));
    }

    static boolean inRegion(ServiceHealthEvent e, Optional<String> hubRegion) {
        if (hubRegion.isEmpty() || e.impactedRegions().isEmpty()) {
            return true;
        }
        String hub = squash(hubRegion.get());
        return e.impactedRegions().stream().map(HealthView::squash).anyMatch(r -> r.equals(hub) || r.equals("global"));
    }

    static boolean inTime(ServiceHealthEvent e, TimeWindow window) {
        if (e.isActive()) {
            return e.impactStart().map(s -> s.isBefore(window.end())).orElse(true);
        }
        if (e.impactStart().isPresent()) {
            Instant s = e.impactStart().get();
            return s.isBefore(window.end()) && e.impactMitigation().map(m -> m.isAfter(window.start())).orElse(true);
        }
        return e.lastUpdate().map(window::contains).orElse(false);
    }

    static boolean isIncident(ServiceHealthEvent e) {
        String t = squash(e.eventType());
        return t.equals("serviceissue") || t.equals("emergingissues");
    }

    /** "West Europe" → "westeurope"; "IoT Hub" → "iothub". */
    static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }

    /** True when health evidence was read and says something (a current status, or history). */
    boolean known() {
        return present && current.isPresent() && !"Unknown".equalsIgnoreCase(current.get().availabilityState());
    }

    boolean present() {
        return present;
    }

    /** Resource Health answered, but with state Unknown or without any status. */
    boolean reportsUnknown() {
        return present && !known();
    }

    Optional<AvailabilityStatus> current() {
        return current;
    }

    String currentState() {
        return current.map(AvailabilityStatus::availabilityState).filter(s -> !s.isBlank()).orElse("Unknown");
    }

    boolean availableNow() {
        return "Available".equalsIgnoreCase(currentState());
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
        return unhealthy.stream().filter(s -> !s.status().isUserInitiated()).findFirst();
    }

    /** The first spell Resource Health attributes to the customer (failover, tier change, ...). */
    Optional<Spell> userOutage() {
        return unhealthy.stream().filter(s -> s.status().isUserInitiated()).findFirst();
    }

    /** Service-health events that concern the hub in the window, incidents first. */
    List<ServiceHealthEvent> relevantEvents() {
        return relevantEvents;
    }

    /** Relevant events that are incidents (ServiceIssue, EmergingIssues), not maintenance or advisories. */
    List<ServiceHealthEvent> incidents() {
        return relevantEvents.stream().filter(HealthView::isIncident).toList();
    }

    /**
     * Healthy per Resource Health: it answered, the hub is Available now, and there was no unavailable or degraded
     * spell in the window and no incident.
     */
    boolean healthy() {
        return known() && availableNow() && unhealthy.isEmpty() && incidents().isEmpty();
    }
}
