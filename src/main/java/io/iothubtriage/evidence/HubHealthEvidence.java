package io.iothubtriage.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What Resource Health says about the hub: its current availability status, the status changes within the
 * window, and service-health events (incidents, maintenance) for IoT Hub in the hub's region.
 */
public record HubHealthEvidence(Optional<AvailabilityStatus> current, List<AvailabilityStatus> history,
                                List<ServiceHealthEvent> events) {

    public HubHealthEvidence {
        current = current == null ? Optional.empty() : current;
        history = List.copyOf(history);
        events = List.copyOf(events);
    }

    /**
     * One Resource Health availability status.
     *
     * @param availabilityState Available, Unavailable, Degraded or Unknown (extensible: kept as sent)
     * @param reasonType        e.g. Unplanned, Planned, Customer Initiated
     * @param context           e.g. "Platform Initiated", "Customer Initiated", "User Initiated"
     * @param category          e.g. Unplanned, Planned
     * @param title             short human text, may be empty
     * @param summary           longer human text, may be empty
     * @param occurredTime      last status change (the wire misspells it {@code occuredTime})
     * @param reportedTime      last check
     * @param location          the resource's region, e.g. "westeurope", may be empty
     * @param healthEventCause  e.g. PlatformInitiated, UserInitiated, may be empty
     */
    public record AvailabilityStatus(String availabilityState, String reasonType, String context, String category,
                                     String title, String summary, Optional<Instant> occurredTime,
                                     Optional<Instant> reportedTime, String location, String healthEventCause) {
        public AvailabilityStatus {
            availabilityState = orEmpty(availabilityState);
            reasonType = orEmpty(reasonType);
            context = orEmpty(context);
            category = orEmpty(category);
            title = orEmpty(title);
            summary = orEmpty(summary);
            occurredTime = occurredTime == null ? Optional.empty() : occurredTime;
            reportedTime = reportedTime == null ? Optional.empty() : reportedTime;
            location = orEmpty(location);
            healthEventCause = orEmpty(healthEventCause);
        }

        public boolean isUnavailableOrDegraded() {
            return "Unavailable".equalsIgnoreCase(availabilityState) || "Degraded".equalsIgnoreCase(availabilityState);
        }

        /** True when Resource Health attributes the status to the customer (failover, tier change, ...). */
        public boolean isUserInitiated() {
            String all = (reasonType + "|" + context + "|" + healthEventCause).toLowerCase(Locale.ROOT).replace(" ", "");
            return all.contains("userinitiated") || all.contains("customerinitiated");
        }

        // equals and hashCode written out (the same as a record's): the generated ones are bound through
        // invokedynamic on first use, which costs a short CLI run tens of milliseconds of method-handle set-up.
        @Override
        public boolean equals(Object o) {
            return o instanceof AvailabilityStatus s && availabilityState.equals(s.availabilityState)
                    && reasonType.equals(s.reasonType) && context.equals(s.context) && category.equals(s.category)
                    && title.equals(s.title) && summary.equals(s.summary) && occurredTime.equals(s.occurredTime)
                    && reportedTime.equals(s.reportedTime) && location.equals(s.location)
                    && healthEventCause.equals(s.healthEventCause);
        }

        @Override
        public int hashCode() {
            int h = availabilityState.hashCode();
            for (Object field : new Object[] {reasonType, context, category, title, summary, occurredTime, reportedTime,
                    location, healthEventCause}) {
                h = 31 * h + field.hashCode();
            }
            return h;
        }
    }

    /**
     * One service-health event (incident, maintenance, advisory).
     *
     * @param id               ARM name / tracking id
     * @param eventType        ServiceIssue, PlannedMaintenance, HealthAdvisory, ...
     * @param status           Active or Resolved
     * @param level            Critical, Warning, ... may be empty
     * @param impactedServices services named in its impact, e.g. "IoT Hub"
     * @param impactedRegions  regions named in its impact, as sent (e.g. "West Europe")
     */
    public record ServiceHealthEvent(String id, String eventType, String status, String title, String summary,
                                     String level, Optional<Instant> impactStart, Optional<Instant> impactMitigation,
                                     Optional<Instant> lastUpdate, List<String> impactedServices,
                                     List<String> impactedRegions, boolean platformInitiated) {
        public ServiceHealthEvent {
            id = orEmpty(id);
            eventType = orEmpty(eventType);
            status = orEmpty(status);
            title = orEmpty(title);
            summary = orEmpty(summary);
            level = orEmpty(level);
            impactStart = impactStart == null ? Optional.empty() : impactStart;
            impactMitigation = impactMitigation == null ? Optional.empty() : impactMitigation;
            lastUpdate = lastUpdate == null ? Optional.empty() : lastUpdate;
            impactedServices = List.copyOf(impactedServices);
            impactedRegions = List.copyOf(impactedRegions);
        }

        public boolean isActive() {
            return "Active".equalsIgnoreCase(status);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

}
