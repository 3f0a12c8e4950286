package io.iothubtriage.evidence.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.fasterxml.jackson.databind.JsonNode;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.EvidenceException;
import io.iothubtriage.evidence.ExportedEvidence;
import io.iothubtriage.evidence.Fetched;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.HealthForWindow;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.HubHealthEvidence.AvailabilityStatus;
import io.iothubtriage.evidence.HubHealthEvidence.ServiceHealthEvent;
import io.iothubtriage.evidence.HubHealthSource;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Hub health from the Resource Health REST API (api-version 2025-05-01), through an azure-core pipeline with
 * retries and a bearer token for Azure Resource Manager. Three requests run concurrently:
 * <ul>
 *   <li>{@code GET {hub}/providers/Microsoft.ResourceHealth/availabilityStatuses/current}: the current status,
 *       and the hub's region ({@code location});</li>
 *   <li>{@code GET {hub}/providers/Microsoft.ResourceHealth/availabilityStatuses}: the history, kept to the status
 *       changes in the window plus the status in effect when it opened;</li>
 *   <li>{@code GET /subscriptions/{s}/providers/Microsoft.ResourceHealth/events?queryStartTime=M/d/yyyy}: the
 *       subscription's service-health events, kept to IoT Hub in the hub's region, active or overlapping the
 *       window. Without access to the subscription's events it falls back to the hub's own events.</li>
 * </ul>
 * Lists follow {@code nextLink} for at most {@code maxPages} pages. A part that fails is a gap; the source fails
 * only when all three do. Statuses none of which holds during the window (the current status of a rerun long after
 * it, with no history that reaches back) are not used: a gap says what they cover ({@link HealthForWindow}), and the
 * source fails with it when no service-health event is left either.
 */
public final class ResourceHealthSource implements HubHealthSource {

    static final String API_VERSION = "2025-05-01";
    public static final int DEFAULT_MAX_PAGES = 5;
    /** Longest history and event lists kept: the report stays small whatever Azure returns. */
    static final int MAX_HISTORY = 50;
    static final int MAX_EVENTS = 20;
    /** Events are listed from this long before the window (by last update), the API's own default look-back. */
    static final Duration EVENTS_LOOKBACK = Duration.ofDays(3);
    private static final DateTimeFormatter QUERY_START = DateTimeFormatter.ofPattern("M/d/yyyy").withZone(ZoneOffset.UTC);

    private final ArmClient arm;
    private final Duration timeout;
    private final int maxPages;

    private ResourceHealthSource(ArmClient arm, Duration timeout, int maxPages) {
        this.arm = arm;
        this.timeout = timeout;
        this.maxPages = maxPages;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Fetched<HubHealthEvidence> fetch(TriageRequest request) throws EvidenceException {
        HubId hub = request.hub();
        var results = Mono.zip(
                Attempt.of(current(hub), timeout),
                Attempt.of(history(hub), timeout),
                Attempt.of(events(hub, request.window()), timeout)).block();
        Attempt<AvailabilityStatus> current = results.getT1();
        Attempt<ArmClient.Paged> history = results.getT2();
        Attempt<Events> events = results.getT3();
        if (!current.succeeded() && !history.succeeded() && !events.succeeded()) {
            throw AzureFailures.classify(current.failure().get(), hubAccess(hub), timeout);
        }

        List<Gap> gaps = new ArrayList<>();
        current.failure().ifPresent(f -> gaps.add(gap("current availability status", f, hubAccess(hub))));
        List<AvailabilityStatus> changes = List.of();
        Optional<String> region = current.value().map(AvailabilityStatus::location).filter(s -> !s.isEmpty());
        if (history.failure().isPresent()) {
            gaps.add(gap("availability history", history.failure().get(), hubAccess(hub)));
        } else {
            try {
                List<AvailabilityStatus> all = history.value().get().items().stream().map(ResourceHealthJson::status).toList();
                changes = inWindow(all, request.window());
                if (region.isEmpty()) {
                    region = all.stream().map(AvailabilityStatus::location).filter(s -> !s.isEmpty()).findFirst();
                }
                paging("availability history", history.value().get()).ifPresent(gaps::add);
            } catch (MalformedResponseException e) {
                gaps.add(gap("availability history", e, hubAccess(hub)));
            }
        }
        List<ServiceHealthEvent> relevant = List.of();
        if (events.failure().isPresent()) {
            gaps.add(gap("service-health events", events.failure().get(), subscriptionAccess(hub)));
        } else {
            try {
                Events found = events.value().get();
                found.note().ifPresent(note -> gaps.add(new Gap(Gap.RESOURCE_HEALTH, note)));
                paging("service-health events", found.paged()).ifPresent(gaps::add);
                if (region.isEmpty()) {
                    gaps.add(new Gap(Gap.RESOURCE_HEALTH, "the hub's region is unknown: IoT Hub events of every region"
                            + " are kept"));
                }
                relevant = relevantEvents(found.paged().items(), region, request.window());
            } catch (MalformedResponseException e) {
                gaps.add(gap("service-health events", e, subscriptionAccess(hub)));
            }
        }
        // The current status of a rerun days after the window is the hub's status of today: it may not speak for
        // the window at all (history read short, or failed). Then, as for a file of another time, the statuses
        // are a gap and are not used.
        ExportedEvidence.Checked<HubHealthEvidence> checked = HealthForWindow.check(
                new HubHealthEvidence(current.value(), changes, relevant), request.window());
        gaps.addAll(checked.gaps());
        if (checked.value().isEmpty()) {
            throw checked.failure();
        }
        return new Fetched<>(checked.value().get(), gaps);
    }

    /** Can this identity read the hub's Resource Health, and the subscription's service-health events? */
    List<SourceCheck> check(HubId hub) {
        List<SourceCheck> checks = new ArrayList<>();
        Attempt<AvailabilityStatus> current = Attempt.of(current(hub), timeout).block();
        checks.add(current.value()
                .map(s -> SourceCheck.ok(Gap.RESOURCE_HEALTH, "the hub is " + s.availabilityState()
                        + (s.location().isEmpty() ? "" : " (" + s.location() + ")")))
                .orElseGet(() -> SourceCheck.of(Gap.RESOURCE_HEALTH,
                        AzureFailures.classify(current.failure().get(), hubAccess(hub), timeout))));
        Attempt<ArmClient.Paged> events = Attempt.of(arm.getPaged(subscriptionEventsPath(hub),
                subscriptionEventsQuery(Instant.now()), 1), timeout).block();
        checks.add(events.value()
                .map(p -> SourceCheck.ok("serviceHealthEvents", p.items().size()
                        + " service-health events in the subscription in the last 3 days"))
                .orElseGet(() -> {
                    EvidenceException e = AzureFailures.classify(events.failure().get(), subscriptionAccess(hub), timeout);
                    return e.isRetryable() ? SourceCheck.of("serviceHealthEvents", e)
                            : SourceCheck.missing("serviceHealthEvents", e.getMessage()
                                    + " (until then the triage reads only the hub's own events)");
                }));
        return checks;
    }

    private Mono<AvailabilityStatus> current(HubId hub) {
        return arm.get(healthPath(hub) + "/availabilityStatuses/current", Map.of("api-version", API_VERSION))
                .map(ResourceHealthJson::status);
    }

    private Mono<ArmClient.Paged> history(HubId hub) {
        return arm.getPaged(healthPath(hub) + "/availabilityStatuses", Map.of("api-version", API_VERSION), maxPages);
    }

    private Mono<Events> events(HubId hub, TimeWindow window) {
        return arm.getPaged(subscriptionEventsPath(hub), subscriptionEventsQuery(window.start()), maxPages)
                .map(paged -> new Events(paged, Optional.empty()))
                .onErrorResume(ArmResponseException.class, e -> e.status() == 401 || e.status() == 403
                        ? arm.getPaged(healthPath(hub) + "/events", Map.of("api-version", API_VERSION), maxPages)
                                .map(paged -> new Events(paged, Optional.of("the subscription's service-health events"
                                        + " are not readable (" + e.status() + (e.code().isEmpty() ? "" : " " + e.code())
                                        + "): the identity needs Reader on /subscriptions/" + hub.subscriptionId()
                                        + "; used the hub's own events instead")))
                        : Mono.error(e));
    }

    private static String healthPath(HubId hub) {
        return hub.resourceId() + "/providers/Microsoft.ResourceHealth";
    }

    private static String subscriptionEventsPath(HubId hub) {
        return "/subscriptions/" + hub.subscriptionId() + "/providers/Microsoft.ResourceHealth/events";
    }

    private static Map<String, String> subscriptionEventsQuery(Instant from) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("api-version", API_VERSION);
        query.put("queryStartTime", QUERY_START.format(from.minus(EVENTS_LOOKBACK)));
        return query;
    }

    /** The status changes inside the window, preceded by the status in effect when the window opened. */
    static List<AvailabilityStatus> inWindow(List<AvailabilityStatus> all, TimeWindow window) {
        List<AvailabilityStatus> dated = all.stream().filter(s -> s.occurredTime().isPresent())
                .sorted(Comparator.comparing(s -> s.occurredTime().get())).toList();
        List<AvailabilityStatus> kept = new ArrayList<>();
        AvailabilityStatus inEffect = null;
        for (AvailabilityStatus s : dated) {
            Instant t = s.occurredTime().get();
            if (t.isBefore(window.start())) {
                inEffect = s;
            } else if (t.isBefore(window.end()) && !kept.contains(s)) {
                kept.add(s);
            }
        }
        if (inEffect != null) {
            kept.add(0, inEffect);
        }
        return kept.size() > MAX_HISTORY ? kept.subList(kept.size() - MAX_HISTORY, kept.size()) : kept;
    }

    /** IoT Hub events in the hub's region (any region when unknown), active or overlapping the window. */
    static List<ServiceHealthEvent> relevantEvents(List<JsonNode> items, Optional<String> region, TimeWindow window) {
        Optional<String> key = region.map(ResourceHealthJson::regionKey);
        return items.stream()
                .map(ResourceHealthJson::event)
                .filter(ResourceHealthJson::isIotHub)
                .filter(e -> key.isEmpty() || e.impactedRegions().isEmpty()
                        || e.impactedRegions().stream().map(ResourceHealthJson::regionKey)
                                .anyMatch(r -> r.equals(key.get()) || r.equals("global") || r.equals("nonregional")))
                .filter(e -> e.isActive() || overlaps(e, window))
                .sorted(Comparator.comparing((ServiceHealthEvent e) -> !e.isActive())
                        .thenComparing(e -> e.impactStart().orElse(Instant.EPOCH), Comparator.reverseOrder())
                        .thenComparing(ServiceHealthEvent::id))
                .limit(MAX_EVENTS)
                .toList();
    }

    private static boolean overlaps(ServiceHealthEvent e, TimeWindow window) {
        return e.impactStart().isPresent() && e.impactStart().get().isBefore(window.end())
                && e.impactMitigation().map(m -> !m.isBefore(window.start())).orElse(true);
    }

    private Optional<Gap> paging(String what, ArmClient.Paged paged) {
        return switch (paged.end()) {
            case COMPLETE -> Optional.empty();
            case PAGE_LIMIT -> Optional.of(new Gap(Gap.RESOURCE_HEALTH, "only the first " + paged.pages()
                    + " pages of " + what + " were read"));
            case FOREIGN_NEXT_LINK -> Optional.of(new Gap(Gap.RESOURCE_HEALTH, what + ": the next page is on another"
                    + " host and was not requested"));
        };
    }

    private Gap gap(String what, Throwable failure, AzureFailures.Access access) {
        return new Gap(Gap.RESOURCE_HEALTH, what + " unavailable: "
                + AzureFailures.classify(failure, access, timeout).getMessage());
    }

    private static AzureFailures.Access hubAccess(HubId hub) {
        return new AzureFailures.Access("Resource Health", "Reader", "the hub " + hub.resourceId(),
                "the hub " + hub.resourceId() + " was not found in this cloud");
    }

    private static AzureFailures.Access subscriptionAccess(HubId hub) {
        return new AzureFailures.Access("Resource Health", "Reader", "the subscription /subscriptions/"
                + hub.subscriptionId(), "the subscription " + hub.subscriptionId() + " was not found in this cloud");
    }

    private record Events(ArmClient.Paged paged, Optional<String> note) {
    }

    /** Builds a source from a ready ARM pipeline, or from an endpoint, a credential and an HTTP client. */
    public static final class Builder {
        private HttpPipeline pipeline;
        private URI endpoint;
        private TokenCredential credential;
        private HttpClient httpClient;
        private Duration timeout = LiveOptions.DEFAULT_HEALTH_TIMEOUT;
        private int maxPages = DEFAULT_MAX_PAGES;

        private Builder() {
        }

        /** Azure Resource Manager, e.g. https://management.azure.com. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** A ready pipeline (shared with the metrics source); credential and httpClient are then not used. */
        public Builder pipeline(HttpPipeline pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        public Builder credential(TokenCredential credential) {
            this.credential = credential;
            return this;
        }

        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder maxPages(int maxPages) {
            if (maxPages < 1) {
                throw new IllegalArgumentException("maxPages must be at least 1");
            }
            this.maxPages = maxPages;
            return this;
        }

        public ResourceHealthSource build() {
            return new ResourceHealthSource(armClient(pipeline, endpoint, credential, httpClient), timeout, maxPages);
        }
    }

    static ArmClient armClient(HttpPipeline pipeline, URI endpoint, TokenCredential credential, HttpClient httpClient) {
        if (endpoint == null) {
            throw new IllegalStateException("set endpoint(...)");
        }
        if (pipeline == null) {
            if (credential == null || httpClient == null) {
                throw new IllegalStateException("set pipeline(...), or credential(...) and httpClient(...)");
            }
            pipeline = AzurePipelines.resourceManager(httpClient, credential, endpoint.getScheme() + "://"
                    + endpoint.getRawAuthority() + "/.default", AzurePipelines.retryOptions());
        }
        return new ArmClient(pipeline, endpoint);
    }
}
