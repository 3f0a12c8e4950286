package io.iothubtriage.simulation;

import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Resource Health says during a scenario: Available by default; a platform-initiated Unavailable status for a
 * platform upgrade or a platform failover; a user-initiated one for a failover by the user; a Degraded status and an
 * active IoT Hub ServiceIssue event in the hub's region for a service outage.
 */
final class HealthSimulator {
    private static final Map<String, String> REGION_NAMES = Map.of(
            "westeurope", "West Europe", "northeurope", "North Europe", "eastus", "East US", "eastus2", "East US 2",
            "westus2", "West US 2", "centralus", "Central US", "southeastasia", "Southeast Asia",
            "uksouth", "UK South", "germanywestcentral", "Germany West Central", "japaneast", "Japan East");

    private HealthSimulator() {
    }

    static HubHealthEvidence simulate(List<Generator.Scheduled> incidents, Instant windowStart, Instant windowEnd,
                                      String region, long seed) {
        List<AvailabilityStatus> history = new ArrayList<>();
        List<ServiceHealthEvent> events = new ArrayList<>();
        AvailabilityStatus available = available(windowStart.minus(Duration.ofDays(3)), windowEnd, region);
        for (Generator.Scheduled s : incidents) {
            Instant at = Instant.ofEpochMilli(s.atMs());
            Incident i = s.incident();
            if (i instanceof Incident.PlatformUpgrade) {
                history.add(status("Unavailable", "Planned", "Platform Initiated", "Planned", "PlatformInitiated",
                        "Planned maintenance",
                        "Azure is upgrading the platform that hosts this IoT hub; devices are disconnected and "
                                + "reconnect automatically.", at, windowEnd, region));
                history.add(available(at.plus(Duration.ofMinutes(12)), windowEnd, region));
            } else if (i instanceof Incident.Failover f && f.userInitiated()) {
                history.add(status("Unavailable", "Customer Initiated", "Customer Initiated", "", "UserInitiated",
                        "Failover initiated by a user",
                        "A manual failover of this IoT hub was started; the hub is unavailable until it completes.",
                        at, windowEnd, region));
                history.add(available(at.plus(Duration.ofMinutes(8)), windowEnd, region));
            } else if (i instanceof Incident.Failover) {
                history.add(status("Unavailable", "Unplanned", "Platform Initiated", "Unplanned", "PlatformInitiated",
                        "Unplanned failover",
                        "Azure failed this IoT hub over to its paired region after a platform problem.",
                        at, windowEnd, region));
                history.add(available(at.plus(Duration.ofMinutes(8)), windowEnd, region));
            } else if (i instanceof Incident.TransientServiceErrors t && t.serviceIssue()) {
                history.add(status("Degraded", "Unplanned", "Platform Initiated", "Unplanned", "PlatformInitiated",
                        "Degraded",
                        "We're sorry, your IoT hub is degraded by an Azure service issue. Engineers are working on it.",
                        at, windowEnd, region));
                String tracking = "7T" + Long.toString(Math.abs(Mix.hash(seed, s.index(), 0, 41)) % 46_656, 36)
                        .toUpperCase(java.util.Locale.ROOT) + "-9QZ";
                events.add(new ServiceHealthEvent(tracking, "ServiceIssue", "Active",
                        "Azure IoT Hub - " + regionName(region) + " - Connectivity issues",
                        "Starting at " + at.minus(Duration.ofMinutes(2)) + " a subset of customers using IoT Hub in "
                                + regionName(region) + " may experience device connection failures and timeouts.",
                        "Warning", Optional.of(at.minus(Duration.ofMinutes(2))), Optional.empty(),
                        Optional.of(at.plus(Duration.ofMinutes(10))), List.of("IoT Hub"),
                        List.of(regionName(region)), true));
            }
        }
        // statuses are added in time order per incident; keep those the window has seen, oldest first
        List<AvailabilityStatus> seen = new ArrayList<>();
        for (AvailabilityStatus st : history) {
            if (!st.occurredTime().orElseThrow().isAfter(windowEnd)) {
                int at = seen.size();
                while (at > 0 && seen.get(at - 1).occurredTime().orElseThrow()
                        .isAfter(st.occurredTime().orElseThrow())) {
                    at--;
                }
                seen.add(at, st);
            }
        }
        AvailabilityStatus current = seen.isEmpty() ? available : seen.get(seen.size() - 1);
        return new HubHealthEvidence(Optional.of(current), seen, events);
    }

    static String regionName(String region) {
        return REGION_NAMES.getOrDefault(region, region);
    }

    private static AvailabilityStatus available(Instant since, Instant reported, String region) {
        return status("Available", "", "", "", "", "Available",
                "There aren't any known Azure platform problems affecting this resource.", since, reported, region);
    }

    private static AvailabilityStatus status(String state, String reasonType, String context, String category,
                                             String cause, String title, String summary, Instant occurred,
                                             Instant reported, String region) {
        return new AvailabilityStatus(state, reasonType, context, category, title, summary, Optional.of(occurred),
                Optional.of(reported), region, cause);
    }
}
