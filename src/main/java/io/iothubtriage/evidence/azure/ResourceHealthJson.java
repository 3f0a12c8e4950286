package io.iothubtriage.evidence.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads Resource Health (api-version 2025-05-01) JSON into the evidence records, tolerating missing fields. */
final class ResourceHealthJson {

    private ResourceHealthJson() {
    }

    /** One {@code availabilityStatuses} item: {@code {id, name, location, properties{…}}}. */
    static AvailabilityStatus status(JsonNode item) {
        if (!item.isObject()) {
            throw new MalformedResponseException("availability status is not an object");
        }
        JsonNode p = item.path("properties");
        if (!p.isObject()) {
            throw new MalformedResponseException("availability status without properties");
        }
        JsonNode occurred = p.has("occuredTime") ? p.path("occuredTime") : p.path("occurredTime"); // wire misspelling
        return new AvailabilityStatus(text(p, "availabilityState"), text(p, "reasonType"), text(p, "context"),
                text(p, "category"), text(p, "title"), text(p, "summary"), time(occurred),
                time(p.path("reportedTime")), text(item, "location"), text(p, "healthEventCause"));
    }

    /** One {@code events} item: {@code {name, properties{eventType, status, impact[…], …}}}. */
    static ServiceHealthEvent event(JsonNode item) {
        if (!item.isObject()) {
            throw new MalformedResponseException("service-health event is not an object");
        }
        JsonNode p = item.path("properties");
        Set<String> services = new LinkedHashSet<>();
        Set<String> regions = new LinkedHashSet<>();
        for (JsonNode impact : p.path("impact")) {
            String service = text(impact, "impactedService");
            if (!service.isEmpty()) {
                services.add(service);
            }
            for (JsonNode region : impact.path("impactedRegions")) {
                String name = text(region, "impactedRegion");
                if (!name.isEmpty()) {
                    regions.add(name);
                }
            }
        }
        String id = text(item, "name").isEmpty() ? text(item, "id") : text(item, "name");
        String level = text(p, "level").isEmpty() ? text(p, "eventLevel") : text(p, "level");
        return new ServiceHealthEvent(id, text(p, "eventType"), text(p, "status"), text(p, "title"), text(p, "summary"),
                level, time(p.path("impactStartTime")), time(p.path("impactMitigationTime")),
                time(p.path("lastUpdateTime")), new ArrayList<>(services), new ArrayList<>(regions),
                p.path("platformInitiated").asBoolean(false));
    }

    /**
     * Region names compared the way they are written in both places: "West Europe" (events) and "westeurope"
     * (the resource's location) are the same region.
     */
    static String regionKey(String region) {
        return region.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** True for an event about IoT Hub ("IoT Hub", "Azure IoT Hub", "IoTHub"). */
    static boolean isIotHub(ServiceHealthEvent event) {
        return event.impactedServices().stream().map(ResourceHealthJson::regionKey)
                .anyMatch(s -> s.equals("iothub") || s.equals("azureiothub"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    private static Optional<Instant> time(JsonNode v) {
        if (!v.isTextual() || v.asText().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(v.asText().trim()).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(v.asText().trim()));
            } catch (DateTimeParseException again) {
                throw new MalformedResponseException("not a date-time: " + AzureFailures.shorten(v.asText()));
            }
        }
    }
}
