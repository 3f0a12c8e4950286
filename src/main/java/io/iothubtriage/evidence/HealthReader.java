package io.iothubtriage.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.BadInputException;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads exported Resource Health responses into one {@link HubHealthEvidence}. Each file is one of:
 * <ul>
 *   <li>a single availability status ({@code availabilityStatuses/current});</li>
 *   <li>a {@code {"value":[...]}} list of availability statuses (the history of one resource);</li>
 *   <li>a {@code {"value":[...]}} list of service-health events;</li>
 * </ul>
 * or a bare JSON array of either, or an Azure REST API example file wrapping one of them. Kinds are told apart by
 * their fields, not by the file name, and may be mixed.
 *
 * <p>Merging: {@code current} is the status named "current" (the newest by reportedTime when several files hold
 * one), else the newest status by occurred time. {@code history} holds every distinct status, oldest first by
 * occurred time (reported time when that is absent; statuses with neither come first). {@code events} holds every
 * distinct event (the latest update of each tracking id), oldest first by impact start; a status's
 * {@code serviceImpactingEvents} are events too (eventType ServiceIssue, platform initiated). The wire misspells
 * {@code occuredTime}; the correct spelling is accepted as well.
 */
public final class HealthReader {

    private HealthReader() {
    }

    public static HubHealthEvidence read(List<Path> files) throws BadInputException {
        return read(files, HubMatcher.any());
    }

    /**
     * Reads the files as {@link #read(List)} does, and refuses a file whose availability statuses are about another
     * resource than {@code hub} (a virtual machine's health, another hub's), naming both ids.
     */
    public static HubHealthEvidence read(List<Path> files, HubMatcher hub) throws BadInputException {
        List<Status> statuses = new ArrayList<>();
        Map<String, ServiceHealthEvent> events = new LinkedHashMap<>();
        List<ServiceHealthEvent> anonymousEvents = new ArrayList<>();
        for (Path file : files) {
            String where = InputFiles.where(file);
            JsonNode doc = JsonDocuments.read(file);
            new FileReader(where, statuses, events, anonymousEvents, hub).read(doc);
        }

        Optional<AvailabilityStatus> current = statuses.stream()
                .filter(s -> s.current)
                .max(Comparator.comparing((Status s) -> s.status.reportedTime().orElse(Instant.MIN))
                        .thenComparing(s -> s.status.occurredTime().orElse(Instant.MIN)))
                .or(() -> statuses.stream().max(Comparator
                        .comparing((Status s) -> s.status.occurredTime().orElse(Instant.MIN))
                        .thenComparing(s -> s.status.reportedTime().orElse(Instant.MIN))))
                .map(s -> s.status);

        List<AvailabilityStatus> history = statuses.stream()
                .map(s -> s.status)
                .distinct()
                .sorted(Comparator.comparing(HealthReader::statusTime))
                .toList();

        List<ServiceHealthEvent> allEvents = new ArrayList<>(events.values());
        allEvents.addAll(anonymousEvents);
        allEvents.sort(Comparator.comparing((ServiceHealthEvent e) -> e.impactStart().orElse(Instant.MIN))
                .thenComparing(ServiceHealthEvent::id));
        return new HubHealthEvidence(current, history, allEvents);
    }

    private static Instant statusTime(AvailabilityStatus s) {
        return s.occurredTime().or(s::reportedTime).orElse(Instant.MIN);
    }

    private record Status(AvailabilityStatus status, boolean current) {
    }

    /** Reads one file's document into the shared lists. */
    private static final class FileReader {
        private final String where;
        private final List<Status> statuses;
        private final Map<String, ServiceHealthEvent> events;
        private final List<ServiceHealthEvent> anonymousEvents;
        private final HubMatcher hub;

        FileReader(String where, List<Status> statuses, Map<String, ServiceHealthEvent> events,
                   List<ServiceHealthEvent> anonymousEvents, HubMatcher hub) {
            this.hub = hub;
            this.where = where;
            this.statuses = statuses;
            this.events = events;
            this.anonymousEvents = anonymousEvents;
        }

        void read(JsonNode doc) throws BadInputException {
            if (doc.isObject() && doc.path("error").isObject() && !doc.has("value") && !doc.has("properties")) {
                throw new BadInputException(where, "is an error response, not Resource Health data: "
                        + JsonShape.errorText(doc.get("error")));
            }
            if (doc.isObject() && isStatus(doc)) {
                addStatus(doc, "(top level)");
                return;
            }
            JsonNode list = doc.isArray() ? doc : doc.get("value");
            String listPath = doc.isArray() ? "" : "value";
            if (list == null || !list.isArray()) {
                throw notHealth(doc);
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                String path = listPath + "[" + i + "]";
                if (item.isObject() && isStatus(item)) {
                    addStatus(item, path);
                } else if (item.isObject() && isEvent(item)) {
                    addEvent(readEvent(item, path));
                } else if (i == 0) {
                    throw notHealth(doc);
                } else {
                    throw new BadInputException(where, path + " is neither an availability status nor a service-health"
                            + " event (" + (item.isObject() ? "fields " + JsonShape.fieldNames(item) : "not an object")
                            + ")");
                }
            }
        }

        private BadInputException notHealth(JsonNode doc) {
            return new BadInputException(where, "is not a Resource Health response: it is " + JsonShape.describe(doc));
        }

        private static boolean isStatus(JsonNode o) {
            return o.path("properties").has("availabilityState")
                    || o.path("type").asText("").toLowerCase(Locale.ROOT).contains("availabilitystatuses");
        }

        private static boolean isEvent(JsonNode o) {
            JsonNode p = o.path("properties");
            return p.has("eventType") || p.has("impact")
                    || o.path("type").asText("").toLowerCase(Locale.ROOT).endsWith("/events");
        }

        private void addStatus(JsonNode o, String path) throws BadInputException {
            String resource = HubMatcher.resourceOf(JsonDocuments.text(o, "id"));
            if (!resource.isEmpty() && !hub.isHub(resource)) {
                throw new BadInputException(where, "is Resource Health of " + resource + ", not of the hub "
                        + hub.hub().map(h -> h.resourceId()).orElse(""));
            }
            JsonNode p = o.path("properties");
            String pp = path + ".properties";
            Optional<Instant> occurred = JsonDocuments.time(p, p.has("occuredTime") ? "occuredTime" : "occurredTime",
                    where, pp);
            AvailabilityStatus status = new AvailabilityStatus(
                    JsonDocuments.text(p, "availabilityState"),
                    JsonDocuments.text(p, "reasonType"),
                    JsonDocuments.text(p, "context"),
                    JsonDocuments.text(p, "category"),
                    JsonDocuments.text(p, "title"),
                    JsonDocuments.text(p, "summary"),
                    occurred,
                    JsonDocuments.time(p, "reportedTime", where, pp),
                    JsonDocuments.text(o, "location"),
                    JsonDocuments.text(p, "healthEventCause"));
            String name = JsonDocuments.text(o, "name");
            boolean current = name.equalsIgnoreCase("current")
                    || JsonDocuments.text(o, "id").toLowerCase(Locale.ROOT).endsWith("/availabilitystatuses/current");
            statuses.add(new Status(status, current));

            JsonNode impacting = p.path("serviceImpactingEvents");
            for (int i = 0; i < impacting.size(); i++) {
                addEvent(readImpactingEvent(impacting.get(i), pp + ".serviceImpactingEvents[" + i + "]"));
            }
        }

        private ServiceHealthEvent readEvent(JsonNode o, String path) throws BadInputException {
            JsonNode p = o.path("properties");
            String pp = path + ".properties";
            String id = JsonDocuments.text(o, "name");
            if (id.isEmpty()) {
                String armId = JsonDocuments.text(o, "id");
                id = armId.substring(armId.lastIndexOf('/') + 1);
            }
            LinkedHashSet<String> services = new LinkedHashSet<>();
            LinkedHashSet<String> regions = new LinkedHashSet<>();
            for (JsonNode impact : p.path("impact")) {
                addIfPresent(services, JsonDocuments.text(impact, "impactedService"));
                for (JsonNode region : impact.path("impactedRegions")) {
                    addIfPresent(regions, region.isTextual() ? region.asText()
                            : JsonDocuments.text(region, "impactedRegion"));
                }
            }
            String level = JsonDocuments.text(p, "level");
            return new ServiceHealthEvent(id,
                    JsonDocuments.text(p, "eventType"),
                    JsonDocuments.text(p, "status"),
                    JsonDocuments.text(p, "title"),
                    JsonDocuments.text(p, "summary"),
                    level.isEmpty() ? JsonDocuments.text(p, "eventLevel") : level,
                    JsonDocuments.time(p, "impactStartTime", where, pp),
                    JsonDocuments.time(p, "impactMitigationTime", where, pp),
                    JsonDocuments.time(p, "lastUpdateTime", where, pp),
                    List.copyOf(services),
                    List.copyOf(regions),
                    JsonDocuments.text(p, "platformInitiated").equalsIgnoreCase("true"));
        }

        /** A status's link to a platform outage, as an event. */
        private ServiceHealthEvent readImpactingEvent(JsonNode e, String path) throws BadInputException {
            JsonNode incident = e.path("incidentProperties");
            LinkedHashSet<String> services = new LinkedHashSet<>();
            LinkedHashSet<String> regions = new LinkedHashSet<>();
            addIfPresent(services, JsonDocuments.text(incident, "service"));
            addIfPresent(regions, JsonDocuments.text(incident, "region"));
            JsonNode status = e.path("status");
            return new ServiceHealthEvent(
                    JsonDocuments.text(e, "correlationId"),
                    "ServiceIssue",
                    status.isObject() ? JsonDocuments.text(status, "value") : status.asText(""),
                    JsonDocuments.text(incident, "title"),
                    "",
                    "",
                    JsonDocuments.time(e, "eventStartTime", where, path),
                    Optional.empty(),
                    JsonDocuments.time(e, "eventStatusLastModifiedTime", where, path),
                    List.copyOf(services),
                    List.copyOf(regions),
                    true);
        }

        /** Keeps one event per tracking id: the most recently updated (on a tie, the one read last). */
        private void addEvent(ServiceHealthEvent e) {
            if (e.id().isEmpty()) {
                if (!anonymousEvents.contains(e)) {
                    anonymousEvents.add(e);
                }
                return;
            }
            ServiceHealthEvent seen = events.get(e.id());
            if (seen == null || !e.lastUpdate().orElse(Instant.MIN).isBefore(seen.lastUpdate().orElse(Instant.MIN))) {
                events.put(e.id(), e);
            }
        }

        private static void addIfPresent(LinkedHashSet<String> set, String value) {
            if (!value.isBlank()) {
                set.add(value.strip());
            }
        }
    }
}
