package io.iothubtriage.alert;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Activity-log contexts: Administrative / Policy / Autoscale / Security, Resource Health and Service Health.
 * Their {@code eventSource}, {@code level} and {@code channels} may be strings or integers (2, 3, 1); nothing
 * here depends on them. The resource is the alert target; Administrative events also carry it in
 * {@code authorization.scope}. Service Health events concern a service in regions, never one resource.
 */
final class ActivityLogContext {

    private ActivityLogContext() {
    }

    static ContextFacts read(Field context, Shape shape) throws BadInputException {
        List<ResourceRef> refs = new ArrayList<>();
        Field scope = context.get("authorization").get("scope");
        if (!scope.node().isContainerNode()) {
            scope.text().ifPresent(id -> refs.add(new ResourceRef(scope.path(), id)));
        }
        Optional<ServiceHealthSummary> summary =
                shape == Shape.SERVICE_HEALTH ? Optional.of(serviceHealth(context.get("properties"))) : Optional.empty();
        return new ContextFacts(Optional.empty(), refs, summary);
    }

    /**
     * Built only for a message, so it reads whatever is there and never fails: {@code impactedServices} is a
     * JSON array in some payloads and a string holding one in others.
     */
    static ServiceHealthSummary serviceHealth(Field properties) {
        String kind = plain(properties.get("incidentType"), "Service Health event");
        String title = plain(properties.get("title"), "");
        Set<String> services = new LinkedHashSet<>();
        Set<String> regions = new LinkedHashSet<>();
        JsonNode impacted = properties.get("impactedServices").node();
        if (impacted.isTextual()) {
            impacted = JsonBody.tryReadEmbedded(impacted.asText()).orElse(impacted);
        }
        if (impacted.isArray()) {
            for (JsonNode s : impacted) {
                addIfText(services, s.path("ServiceName"));
                for (JsonNode r : s.path("ImpactedRegions")) {
                    addIfText(regions, r.path("RegionName"));
                }
            }
        }
        if (services.isEmpty()) {
            addIfText(services, properties.get("service").node());
        }
        if (regions.isEmpty()) {
            addIfText(regions, properties.get("region").node());
        }
        StringBuilder text = new StringBuilder(Snippet.clip(kind, 20));
        if (!title.isEmpty()) {
            text.append(' ').append("\"" + Snippet.clip(title, 60) + "\"");
        }
        if (!services.isEmpty()) {
            text.append(" for ").append(Snippet.clip(String.join(", ", services), 30));
        }
        if (!regions.isEmpty()) {
            text.append(" in ").append(Snippet.clip(String.join(", ", regions), 30));
        }
        boolean iotHub = services.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).replace(" ", "").contains("iothub"));
        return new ServiceHealthSummary(text.toString(), iotHub);
    }

    private static String plain(Field f, String fallback) {
        return f.node().isValueNode() && !f.node().isNull() && !f.node().asText().isBlank()
                ? f.node().asText().trim() : fallback;
    }

    private static void addIfText(Set<String> into, JsonNode n) {
        if (n != null && n.isValueNode() && !n.isNull() && !n.asText().isBlank()) {
            into.add(n.asText().trim());
        }
    }
}
