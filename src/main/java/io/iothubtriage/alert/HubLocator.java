package io.iothubtriage.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which IoT hub an alert is about.
 * <ol>
 *   <li>Resource ids in the context (dimensions, activity-log scope, legacy search results) say which resource
 *       fired; they win when they name exactly one hub. Two or more hubs there is ambiguous. A hub there that
 *       contradicts hub targets is an error.</li>
 *   <li>Otherwise {@code alertTargetIDs}: exactly one hub wins; several is ambiguous (a multi-resource alert
 *       whose dimensions don't say which one fired).</li>
 *   <li>No hub anywhere: rejected, naming what the alert is about instead.</li>
 * </ol>
 * Alert targets are lower-cased and logs upper-cased; ids compare case-insensitively, and a target's spelling
 * is kept when both name the same hub.
 */
final class HubLocator {

    private HubLocator() {
    }

    static HubId locate(Essentials essentials, Shape shape, ContextFacts facts) throws BadInputException {
        Map<HubId, String> inContext = hubs(facts.refs());
        Map<HubId, String> inTargets = hubs(essentials.targets());

        if (inContext.size() > 1) {
            List<Map.Entry<HubId, String>> two = new ArrayList<>(inContext.entrySet()).subList(0, 2);
            throw new BadInputException(two.get(1).getValue(), "names IoT hub " + name(two.get(1).getKey())
                    + " but " + two.get(0).getValue() + " names " + name(two.get(0).getKey())
                    + "; cannot tell which hub the alert is about");
        }
        if (inContext.size() == 1) {
            Map.Entry<HubId, String> only = inContext.entrySet().iterator().next();
            if (inTargets.isEmpty()) {
                return only.getKey();
            }
            for (HubId target : inTargets.keySet()) {
                if (target.equals(only.getKey())) {
                    return target;
                }
            }
            throw new BadInputException(only.getValue(), "names IoT hub " + name(only.getKey())
                    + " but the alert targets " + names(inTargets.keySet()));
        }
        if (inTargets.size() == 1) {
            return inTargets.keySet().iterator().next();
        }
        if (inTargets.size() > 1) {
            throw new BadInputException(essentials.targetsPath(), inTargets.size() + " IoT hubs among the targets ("
                    + names(inTargets.keySet()) + ") and no dimension says which one fired");
        }
        throw noHub(essentials, shape, facts);
    }

    private static BadInputException noHub(Essentials essentials, Shape shape, ContextFacts facts) {
        String where = essentials.targetsPath();
        Optional<ServiceHealthSummary> health = facts.serviceHealth();
        if (shape == Shape.SERVICE_HEALTH && health.isPresent()) {
            return new BadInputException(where, "a Service Health alert names no IoT hub (" + health.get().text() + ")"
                    + (health.get().iotHubAffected()
                    ? "; IoT Hub is affected there: triage each hub with --hub or a rerun"
                    : "; it does not concern IoT Hub"));
        }
        if (essentials.targets().isEmpty()) {
            return new BadInputException(where, "missing or empty, and nothing else in the alert names an IoT hub");
        }
        Set<String> types = new LinkedHashSet<>();
        for (ResourceRef t : essentials.targets()) {
            types.add(ResourceIds.typeOf(t.id()));
        }
        List<String> shown = new ArrayList<>(types).subList(0, Math.min(types.size(), 3));
        String found = Snippet.clip(String.join(", ", shown), 150) + (types.size() > 3 ? ", …" : "");
        return new BadInputException(where, "no IoT hub among the targets (found " + found + ")"
                + (shape.isLog() ? "; a log alert on a workspace must split by the _ResourceId dimension" : ""));
    }

    /** Distinct hubs in order of appearance, each with the path where it was first seen. */
    private static Map<HubId, String> hubs(List<ResourceRef> refs) {
        Map<HubId, String> out = new LinkedHashMap<>();
        for (ResourceRef r : refs) {
            ResourceIds.hubOf(r.id()).ifPresent(h -> out.putIfAbsent(h, r.path()));
        }
        return out;
    }

    private static String name(HubId hub) {
        return Snippet.clip(hub.name(), 50);
    }

    private static String names(Set<HubId> hubs) {
        List<String> all = new ArrayList<>();
        for (HubId h : hubs) {
            if (all.size() == 3) {
                all.add("…");
                break;
            }
            all.add(name(h));
        }
        return String.join(", ", all);
    }
}
