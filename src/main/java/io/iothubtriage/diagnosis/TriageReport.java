package io.iothubtriage.diagnosis;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.evidence.CallerKind;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.BaselineStrip;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.Inputs;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.OptionalDouble;

/**
 * The outcome of one triage, as the contract's report JSON describes it. Every list is bounded: a report about
 * 100,000 devices is as small as one about 10. Renderers (text, Markdown, JSON, Teams, Slack) are pure
 * functions of this record.
 *
 * @param schemaVersion  "1"
 * @param generatedAt    when the report was made
 * @param hub            the hub triaged
 * @param alert          the alert that asked for it, if any
 * @param window         the analysis window
 * @param verdict        the one verdict
 * @param confidence     how sure; the reason is in the headline or findings
 * @param headline       one sentence: what broke, how widely, whether the hub is healthy
 * @param scope          how widely the cause reaches
 * @param errors         per result code, sorted by devices descending (bounded, see {@link #MAX_ERRORS})
 * @param noise          what was set aside as noise
 * @param deviceCount    the connected-devices metric, when it could be read
 * @param platformHealth Resource Health, when it could be read
 * @param findings       facts that support the verdict, most important first
 * @param actions        concrete next steps, specific to the evidence
 * @param topDevices     the noisiest devices (bounded)
 * @param gaps           evidence that could not be had, and why
 * @param links          portal deep links
 * @param timeline       connection activity per minute of the window (bounded by the window length)
 * @param changes        changes of the hub around the window, oldest first, each with how it relates to the
 *                       verdict (bounded, see {@link #MAX_CHANGES}); empty when no change history was read
 * @param inputs         what was read and what was set aside before the rules ran (schema 1.1), when known
 * @param series         what a picture of the incident needs besides the timeline: the connected-devices metric per
 *                       minute, the baseline strip and the health transitions
 * @param freshness      how fresh the log evidence is (schema 1.1); empty when there was no log evidence
 */
public record TriageReport(String schemaVersion, Instant generatedAt, Hub hub, Optional<AlertIdentity> alert,
                           TimeWindow window, Verdict verdict, Confidence confidence, String headline, Scope scope,
                           List<ErrorLine> errors, NoiseSummary noise, Optional<DeviceCount> deviceCount,
                           Optional<PlatformHealth> platformHealth, List<String> findings, List<String> actions,
                           List<TopDevice> topDevices, List<Gap> gaps, Links links, List<MinuteBucket> timeline,
                           List<ChangeLine> changes, Optional<Inputs> inputs, Series series,
                           Optional<Freshness> freshness) {

    public static final String SCHEMA_VERSION = "1.1";

    /** At most this many error codes are listed; the rest are summed in the findings. */
    public static final int MAX_ERRORS = 40;
    /** At most this many changes are listed: every one that relates to the verdict, then the nearest others. */
    public static final int MAX_CHANGES = 20;

    public TriageReport {
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(hub, "hub");
        alert = alert == null ? Optional.empty() : alert;
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(scope, "scope");
        errors = List.copyOf(errors);
        Objects.requireNonNull(noise, "noise");
        deviceCount = deviceCount == null ? Optional.empty() : deviceCount;
        platformHealth = platformHealth == null ? Optional.empty() : platformHealth;
        findings = List.copyOf(findings);
        actions = List.copyOf(actions);
        topDevices = List.copyOf(topDevices);
        gaps = List.copyOf(gaps);
        Objects.requireNonNull(links, "links");
        timeline = List.copyOf(timeline);
        changes = List.copyOf(changes == null ? List.of() : changes);
        inputs = inputs == null ? Optional.empty() : inputs;
        series = series == null ? Series.none() : series;
        freshness = freshness == null ? Optional.empty() : freshness;
    }


    /** The change the report names as the likely cause, if any (at most one is). */
    public Optional<ChangeLine> likelyCause() {
        return changes.stream().filter(c -> c.relation() == ChangeRelation.LIKELY_CAUSE).findFirst();
    }

    /**
     * The time series of the report besides {@link #timeline()}.
     *
     * @param connectedDevices the {@code connectedDeviceCount} metric per minute of the window, oldest first (empty
     *                         when the metric could not be read)
     * @param baseline         the baseline window's connection activity in coarser buckets ({@link BaselineStrip#none()}
     *                         when the connection logs did not give one)
     * @param healthChanges    Resource Health status changes from the baseline's start to the window's end, oldest
     *                         first, at most {@link #MAX_HEALTH_CHANGES}
     */
    public record Series(List<MetricPoint> connectedDevices, BaselineStrip baseline, List<HealthChange> healthChanges) {
        public static final int MAX_HEALTH_CHANGES = 50;

        public Series {
            connectedDevices = List.copyOf(connectedDevices);
            Objects.requireNonNull(baseline, "baseline");
            healthChanges = List.copyOf(healthChanges);
        }

        public static Series none() {
            return new Series(List.of(), BaselineStrip.none(), List.of());
        }
    }

    /**
     * Resource Health moved to {@code availabilityState} at {@code at}.
     *
     * @param title         Resource Health's short text, may be empty
     * @param userInitiated true when Resource Health attributes it to the customer
     */
    public record HealthChange(Instant at, String availabilityState, String title, boolean userInitiated) {
        public HealthChange {
            Objects.requireNonNull(at, "at");
            availabilityState = availabilityState == null ? "" : availabilityState;
            title = title == null ? "" : title;
        }
    }

    /**
     * How fresh the log evidence is.
     *
     * @param newestRow      the newest row of the hub the source had
     * @param newestIngested when that data reached Log Analytics ({@code ingestion_time()}), where the source knows it
     * @param checkedAt      when the triage ran
     * @param requestedEnd   the window's end as asked, when it lay in the future and the window was cut at
     *                       {@code checkedAt}
     */
    public record Freshness(Optional<Instant> newestRow, Optional<Instant> newestIngested, Instant checkedAt,
                            Optional<Instant> requestedEnd) {
        public Freshness {
            newestRow = newestRow == null ? Optional.empty() : newestRow;
            newestIngested = newestIngested == null ? Optional.empty() : newestIngested;
            Objects.requireNonNull(checkedAt, "checkedAt");
            requestedEnd = requestedEnd == null ? Optional.empty() : requestedEnd;
        }
    }

    /** The hub: its ARM id and its name. */
    public record Hub(HubId id) {
        public Hub {
            Objects.requireNonNull(id, "id");
        }

        public String resourceId() {
            return id.resourceId();
        }

        public String name() {
            return id.name();
        }
    }

    /**
     * @param kind            NONE, SINGLE_DEVICE, SUBSET or FLEET
     * @param affectedDevices distinct devices attributed to the verdict's cause (noise excluded)
     * @param activeDevices   distinct devices with any Connections row in the window
     * @param dimension       for SUBSET: the dimension the affected devices concentrate on
     * @param value           for SUBSET: its value, e.g. 203.0.113.XXX; for SINGLE_DEVICE: the device id
     */
    public record Scope(ScopeKind kind, int affectedDevices, int activeDevices, Optional<Dimension> dimension,
                        Optional<String> value) {
        public Scope {
            Objects.requireNonNull(kind, "kind");
            dimension = dimension == null ? Optional.empty() : dimension;
            value = value == null ? Optional.empty() : value;
        }
    }

    /**
     * One result code.
     *
     * @param name           the catalog name, or the logged ResultDescription for an unknown code
     * @param meaning        what it means in plain words (catalog), empty for an unknown code
     * @param docs           documentation link, empty when none
     * @param baselineEvents events of this code in the baseline window, by the same rule as {@code events}: the
 *                       SAS-renewal noise expected over the baseline set aside; empty when the logs held no usable
 *                       baseline (no rows before the window, or fewer minutes than the window): "0" would read as
 *                       "never happened before"
     * @param unusual        true when the rate in the window is well above the baseline rate
     */
    public record ErrorLine(String code, String name, CauseFamily family, long events, int devices,
                            OptionalLong baselineEvents, boolean unusual, Optional<Instant> firstSeen,
                            Optional<Instant> lastSeen, String meaning, String docs) {
        public ErrorLine {
            Objects.requireNonNull(code, "code");
            name = name == null ? "" : name;
            Objects.requireNonNull(family, "family");
            baselineEvents = baselineEvents == null ? OptionalLong.empty() : baselineEvents;
            firstSeen = firstSeen == null ? Optional.empty() : firstSeen;
            lastSeen = lastSeen == null ? Optional.empty() : lastSeen;
            meaning = meaning == null ? "" : meaning;
            docs = docs == null ? "" : docs;
        }
    }

    /**
     * @param chronicDevices devices failing in the window as they were all through the baseline, set aside
     *                       (docs/diagnosis.md, "Chronic devices")
     */
    public record NoiseSummary(int sasRenewalDevices, int edgeOfDataDevices, int sideEffectDuplicateDevices,
                               int chronicDevices) {
        /** Noise without chronic devices. */
        public NoiseSummary(int sasRenewalDevices, int edgeOfDataDevices, int sideEffectDuplicateDevices) {
            this(sasRenewalDevices, edgeOfDataDevices, sideEffectDuplicateDevices, 0);
        }
    }

    /**
     * The connected-devices metric: before the drop, its lowest point, the latest value, and registered devices.
     * Each part is empty when the metric had no value for it.
     */
    /**
     * @param nowAt the minute of {@code now}, the metric's last value: a sentence says "now" of it only while it is
     *              current ({@link EvidenceAge})
     */
    public record DeviceCount(OptionalDouble before, OptionalDouble min, Optional<Instant> minAt, OptionalDouble now,
                              OptionalDouble registered, Optional<Instant> nowAt) {
        public DeviceCount {
            before = before == null ? OptionalDouble.empty() : before;
            min = min == null ? OptionalDouble.empty() : min;
            minAt = minAt == null ? Optional.empty() : minAt;
            now = now == null ? OptionalDouble.empty() : now;
            registered = registered == null ? OptionalDouble.empty() : registered;
            nowAt = nowAt == null ? Optional.empty() : nowAt;
        }

        /** A count whose last value's time is unknown. */
        public DeviceCount(OptionalDouble before, OptionalDouble min, Optional<Instant> minAt, OptionalDouble now,
                           OptionalDouble registered) {
            this(before, min, minAt, now, registered, Optional.empty());
        }
    }

    /**
     * @param availabilityState the state in force at the window's end (not a status that began after it):
     *                          Available, Unavailable, Degraded, Unknown
     * @param summary           Resource Health's own words, may be empty
     * @param userInitiated     true when Resource Health attributes an unavailability to the customer
     * @param events            service-health events relevant to the window (bounded)
     */
    public record PlatformHealth(String availabilityState, String summary, boolean userInitiated,
                                 List<HealthEvent> events) {
        public PlatformHealth {
            availabilityState = availabilityState == null ? "" : availabilityState;
            summary = summary == null ? "" : summary;
            events = List.copyOf(events);
        }
    }

    public record HealthEvent(String id, String title, String eventType, String status, Optional<Instant> start,
                              Optional<Instant> end) {
        public HealthEvent {
            id = id == null ? "" : id;
            title = title == null ? "" : title;
            eventType = eventType == null ? "" : eventType;
            status = status == null ? "" : status;
            start = start == null ? Optional.empty() : start;
            end = end == null ? Optional.empty() : end;
        }
    }

    public record TopDevice(String deviceId, long events, List<String> codes) {
        public TopDevice {
            Objects.requireNonNull(deviceId, "deviceId");
            codes = List.copyOf(codes);
        }
    }

    /**
     * One change of the hub (or an IoT resource its events point to), as the report shows it.
     *
     * @param time                  when it happened
     * @param resourceId            the changed resource
     * @param operation             the ARM operation, e.g. Microsoft.Devices/IotHubs/write
     * @param status                Succeeded, Failed, …; empty when the source does not say
     * @param caller                who made it, as Azure returns it; empty when not recorded
     * @param callerKind            user, application or unknown
     * @param origin                activityLog, resourceGraph or activityLog+resourceGraph
     * @param summary               what changed in a few words, e.g. "properties.disableLocalAuth false → true";
     *                              secrets masked
     * @param properties            the changed properties with old and new values (bounded, secrets masked)
     * @param relation              how it relates to the verdict
     * @param explains              the cause family it can explain, when it can explain one of the window's
     * @param attributionConfidence for a likely or possible cause: how sure the attribution is (the rule is in
     *                              {@code ChangeAttribution})
     * @param beforeOnset           how long before the errors' onset it happened (negative: after); empty when
     *                              the onset is unknown
     */
    public record ChangeLine(Instant time, String resourceId, String operation, String status, String caller,
                             CallerKind callerKind, String origin, String summary, List<PropertyLine> properties,
                             ChangeRelation relation, Optional<CauseFamily> explains,
                             Optional<Confidence> attributionConfidence, Optional<java.time.Duration> beforeOnset) {
        public ChangeLine {
            Objects.requireNonNull(time, "time");
            resourceId = resourceId == null ? "" : resourceId;
            operation = operation == null ? "" : operation;
            status = status == null ? "" : status;
            caller = caller == null ? "" : caller;
            Objects.requireNonNull(callerKind, "callerKind");
            origin = origin == null ? "" : origin;
            summary = summary == null ? "" : summary;
            properties = List.copyOf(properties);
            Objects.requireNonNull(relation, "relation");
            explains = explains == null ? Optional.empty() : explains;
            attributionConfidence = attributionConfidence == null ? Optional.empty() : attributionConfidence;
            beforeOnset = beforeOnset == null ? Optional.empty() : beforeOnset;
        }
    }

    /** One changed property: its path and its old and new values as text (empty when added or removed). */
    public record PropertyLine(String path, Optional<String> before, Optional<String> after) {
        public PropertyLine {
            Objects.requireNonNull(path, "path");
            before = before == null ? Optional.empty() : before;
            after = after == null ? Optional.empty() : after;
        }
    }

    /**
     * Azure portal deep links.
     *
     * @param logs           Log Analytics on the hub with the triage's query filled in and the window set
     * @param hub            the hub's overview blade
     * @param resourceHealth the hub's Resource Health blade
     * @param docs           the documentation of the verdict's main error code, or the connectivity guide
     * @param fullReport     a read-only, expiring link to this report's stored HTML page, when the deployment
     *                       stores reports ({@code REPORT_LINKS}); empty otherwise
     */
    public record Links(String logs, String hub, String resourceHealth, String docs, String fullReport) {
        public Links {
            Objects.requireNonNull(logs, "logs");
            Objects.requireNonNull(hub, "hub");
            Objects.requireNonNull(resourceHealth, "resourceHealth");
            Objects.requireNonNull(docs, "docs");
            fullReport = fullReport == null ? "" : fullReport;
        }

        /** Links without a stored full report. */
        public Links(String logs, String hub, String resourceHealth, String docs) {
            this(logs, hub, resourceHealth, docs, "");
        }
    }

    /** This report with {@link Links#fullReport()} set: the link the card's "Open the full report" button opens. */
    public TriageReport withFullReport(String url) {
        Links l = new Links(links.logs(), links.hub(), links.resourceHealth(), links.docs(), url);
        return new TriageReport(schemaVersion, generatedAt, hub, alert, window, verdict, confidence, headline, scope,
                errors, noise, deviceCount, platformHealth, findings, actions, topDevices, gaps, l, timeline, changes,
                inputs, series, freshness);
    }
}
