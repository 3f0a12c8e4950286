package io.iothubtriage.evidence.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ChangeEvent;
import io.iothubtriage.evidence.ChangeEvidence;
import io.iothubtriage.evidence.ChangeEvidenceSource;
import io.iothubtriage.evidence.ChangeRecords;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.RelatedResources;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The hub's change history for [window start − 2 h, window end], from two ARM APIs called concurrently through
 * the same pipeline as Resource Health (one token, one retry policy), each bounded by the source's timeout:
 *
 * <ol>
 *   <li>Activity Log: {@code GET /subscriptions/{s}/providers/Microsoft.Insights/eventtypes/management/values
 *       ?api-version=2015-04-01&$filter=eventTimestamp ge '…' and eventTimestamp le '…' and resourceUri eq '{hub}'}
 *       (+ {@code nextLink} pages, at most {@link #MAX_PAGES}): who did what, and whether it succeeded;</li>
 *   <li>Resource Graph: {@code POST /providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01} with a
 *       {@code resourcechanges} query for the hub and its child resources: which properties changed, old → new.</li>
 * </ol>
 * Then, when Resource Graph answered, one more Resource Graph query (same timeout, a gap on failure) for the hub's
 * {@link RelatedResources}: the private endpoints its changes name and the provisioning services of its resource
 * group, of which only the changes naming the hub are kept.
 * Both need only Reader on the hub. One failing is a gap and the other's changes are kept; both failing fails the
 * source (a gap "changes" in the report). The two are merged by correlation id ({@link ChangeRecords#merge}).
 */
public final class ChangeHistorySource implements ChangeEvidenceSource {

    static final String ACTIVITY_LOG_API = "2015-04-01";
    static final String RESOURCE_GRAPH_API = "2022-10-01";
    static final int MAX_PAGES = 20;
    /** Rows asked of each Resource Graph query: its largest page. */
    static final int GRAPH_ROWS = 1000;
    /**
     * Newest first, but tag-only updates after every other change: automation that rewrites a tag every few
     * seconds must not crowd the property change that explains the errors out of the rows asked for. A row is
     * tag-only when it is an Update whose changed paths name tags and no property, SKU, location or identity.
     */
    static final String TAG_WRITES_LAST = " | extend changed = tostring(properties.changes)"
            + " | extend tagsOnly = tostring(properties.changeType) == 'Update' and changed contains '\"tags.'"
            + " and not(changed contains '\"properties.' or changed contains '\"sku.' or changed contains '\"location'"
            + " or changed contains '\"identity')"
            + " | order by tagsOnly asc, changeTime desc";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArmClient arm;
    private final Duration timeout;

    /** A source on an ARM client (the process's shared Resource Manager pipeline), bounded by {@code timeout}. */
    ChangeHistorySource(ArmClient arm, Duration timeout) {
        this.arm = Objects.requireNonNull(arm, "arm");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Fetched<ChangeEvidence> fetch(TriageRequest request) throws EvidenceException {
        TimeWindow range = new TimeWindow(request.window().start().minus(LEAD), request.window().end());
        var both = Mono.zip(Attempt.of(activityLog(request.hub(), range), timeout),
                Attempt.of(resourceGraph(request.hub(), range), timeout)).block();
        Attempt<Listing> activity = both.getT1();
        Attempt<Listing> graph = both.getT2();
        if (!activity.succeeded() && !graph.succeeded()) {
            throw AzureFailures.classify(activity.failure().get(), activityAccess(request.hub()), timeout);
        }
        List<Gap> gaps = new ArrayList<>();
        activity.failure().ifPresent(f -> gaps.add(new Gap(Gap.CHANGES,
                AzureFailures.classify(f, activityAccess(request.hub()), timeout).getMessage()
                        + " (so whether a change failed, and who made it, may be unknown)")));
        graph.failure().ifPresent(f -> gaps.add(new Gap(Gap.CHANGES,
                AzureFailures.classify(f, graphAccess(request.hub()), timeout).getMessage()
                        + " (so which properties changed is unknown)")));
        activity.value().flatMap(Listing::note).ifPresent(n -> gaps.add(new Gap(Gap.CHANGES, n)));
        graph.value().flatMap(Listing::note).ifPresent(n -> gaps.add(new Gap(Gap.CHANGES, n)));
        List<ChangeEvent> merged = ChangeRecords.merge(
                activity.value().map(Listing::changes).orElse(List.of()),
                graph.value().map(Listing::changes).orElse(List.of()));
        List<ChangeEvent> ours = new ArrayList<>(merged.stream()
                .filter(e -> ChangeRecords.concerns(e, request.hub())).toList());
        if (graph.succeeded()) {
            // Only after the hub's own changes: they name the private endpoints to ask about.
            RelatedResources related = RelatedResources.of(request.hub(), ours);
            Attempt<Listing> others = Attempt.of(resourceGraph(request.hub(), related.subscriptions(),
                    relatedQuery(related, range)), timeout).block();
            others.failure().ifPresent(f -> gaps.add(new Gap(Gap.CHANGES,
                    AzureFailures.classify(f, graphAccess(request.hub()), timeout).getMessage()
                            + " (so changes of the hub's private endpoints and provisioning services are unknown)")));
            others.value().flatMap(Listing::note).ifPresent(n -> gaps.add(new Gap(Gap.CHANGES, n)));
            others.value().map(Listing::changes).orElse(List.of()).stream().filter(related::concerns)
                    .forEach(ours::add);
            ours.sort(java.util.Comparator.comparing(ChangeEvent::time));
        }
        return new Fetched<>(ChangeEvidence.bounded(ours), gaps);
    }

    /** Can this identity read the hub's change history? One hour of each source. */
    List<SourceCheck> check(HubId hub) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        TimeWindow hour = new TimeWindow(now.minus(Duration.ofHours(1)), now);
        var both = Mono.zip(Attempt.of(activityLog(hub, hour), timeout),
                Attempt.of(resourceGraph(hub, hour), timeout)).block();
        return List.of(
                checked("activityLog", both.getT1(), activityAccess(hub)),
                checked("resourceChanges", both.getT2(), graphAccess(hub)));
    }

    private SourceCheck checked(String name, Attempt<Listing> attempt, AzureFailures.Access access) {
        if (attempt.failure().isPresent()) {
            return SourceCheck.of(name, AzureFailures.classify(attempt.failure().get(), access, timeout));
        }
        int n = attempt.value().get().changes().size();
        return SourceCheck.ok(name, "readable (" + n + (n == 1 ? " change" : " changes") + " of the hub in the last hour)");
    }

    /** The window's Activity Log events for the hub, grouped into changes. */
    Mono<Listing> activityLog(HubId hub, TimeWindow range) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("api-version", ACTIVITY_LOG_API);
        query.put("$filter", "eventTimestamp ge '" + iso(range.start()) + "' and eventTimestamp le '"
                + iso(range.end()) + "' and resourceUri eq '" + hub.resourceId() + "'");
        String path = "/subscriptions/" + hub.subscriptionId() + "/providers/Microsoft.Insights/eventtypes/management/values";
        return arm.getPaged(path, query, MAX_PAGES).map(paged -> {
            List<JsonNode> events = paged.items();
            try {
                List<ChangeEvent> changes = ChangeRecords.fromActivityLog(events);
                String note = switch (paged.end()) {
                    case COMPLETE -> null;
                    case PAGE_LIMIT -> "Activity Log: more than " + MAX_PAGES + " pages of events; the oldest may be missing";
                    case FOREIGN_NEXT_LINK -> "Activity Log: a next page on another host was not followed";
                };
                return new Listing(changes, java.util.Optional.ofNullable(note));
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException("Activity Log event: " + e.getMessage());
            }
        });
    }

    /** The hub's and its child resources' resourcechanges rows in the range. */
    Mono<Listing> resourceGraph(HubId hub, TimeWindow range) {
        return resourceGraph(hub, java.util.Set.of(hub.subscriptionId()), graphQuery(hub, range));
    }

    /** A resourcechanges query's rows, as changes. */
    Mono<Listing> resourceGraph(HubId hub, java.util.Set<String> subscriptions, String kql) {
        ObjectNode body = JSON.createObjectNode();
        subscriptions.forEach(body.putArray("subscriptions")::add);
        body.put("query", kql);
        body.putObject("options").put("resultFormat", "objectArray");
        Map<String, String> query = Map.of("api-version", RESOURCE_GRAPH_API);
        return arm.post("/providers/Microsoft.ResourceGraph/resources", query, body).map(response -> {
            JsonNode data = response.path("data");
            if (!data.isArray()) {
                throw new MalformedResponseException("Resource Graph response without a 'data' array");
            }
            List<ChangeEvent> changes = new ArrayList<>();
            try {
                for (JsonNode row : data) {
                    if (ChangeRecords.isResourceChange(row)) {
                        changes.add(ChangeRecords.fromResourceChange(row));
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException("resourcechanges row: " + e.getMessage());
            }
            boolean truncated = response.path("resultTruncated").asText("false").equalsIgnoreCase("true")
                    || response.hasNonNull("$skipToken");
            return new Listing(changes, truncated ? java.util.Optional.of("Resource Graph: more than "
                    + GRAPH_ROWS + " changes; only the newest (tag-only updates last) were read") : java.util.Optional.empty());
        });
    }

    /**
     * The resourcechanges query: the hub and its child resources, newest first with tag-only updates last
     * ({@link #TAG_WRITES_LAST}), at most {@link #GRAPH_ROWS}. Values enter only as {@link KqlLiteral}s (the hub id is re-validated).
     */
    static String graphQuery(HubId hub, TimeWindow range) {
        String id = KqlLiteral.string(HubId.parse(hub.resourceId()).resourceId()).text();
        String children = KqlLiteral.string(HubId.parse(hub.resourceId()).resourceId() + "/").text();
        return "resourcechanges"
                + " | extend changeTime = todatetime(properties.changeAttributes.timestamp),"
                + " targetResourceId = tostring(properties.targetResourceId)"
                + " | where changeTime between (" + KqlLiteral.datetime(range.start()).text() + " .. "
                + KqlLiteral.datetime(range.end()).text() + ")"
                + " | where targetResourceId =~ " + id + " or targetResourceId startswith " + children
                + TAG_WRITES_LAST
                + " | limit " + GRAPH_ROWS
                + " | project id, properties";
    }

    /**
     * The resourcechanges query of the hub's related resources: the Device Provisioning Services of its resource
     * group and the private endpoints its changes name. The caller keeps only the DPS rows that name the hub.
     */
    static String relatedQuery(RelatedResources related, TimeWindow range) {
        StringBuilder where = new StringBuilder("targetResourceId startswith ")
                .append(KqlLiteral.string(related.provisioningServicesPrefix()).text());
        List<String> endpoints = related.privateEndpoints().stream().sorted()
                .filter(id -> RelatedResources.PRIVATE_ENDPOINT.matcher(id).matches())
                .map(id -> KqlLiteral.string(id).text()).toList();
        if (!endpoints.isEmpty()) {
            where.append(" or targetResourceId in~ (").append(String.join(", ", endpoints)).append(")");
        }
        return "resourcechanges"
                + " | extend changeTime = todatetime(properties.changeAttributes.timestamp),"
                + " targetResourceId = tostring(properties.targetResourceId)"
                + " | where changeTime between (" + KqlLiteral.datetime(range.start()).text() + " .. "
                + KqlLiteral.datetime(range.end()).text() + ")"
                + " | where " + where
                + TAG_WRITES_LAST
                + " | limit " + GRAPH_ROWS
                + " | project id, properties";
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    private static AzureFailures.Access activityAccess(HubId hub) {
        return new AzureFailures.Access("Activity Log", "Reader", "the hub " + hub.resourceId(),
                "the subscription " + hub.subscriptionId() + " was not found in this cloud");
    }

    private static AzureFailures.Access graphAccess(HubId hub) {
        return new AzureFailures.Access("Resource Graph", "Reader", "the hub " + hub.resourceId(),
                "Resource Graph was not found at this endpoint");
    }

    /** One API's changes, and what it says about its own completeness. */
    record Listing(List<ChangeEvent> changes, java.util.Optional<String> note) {
    }
}
