package io.iothubtriage.notify;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.MetricCondition;
import io.iothubtriage.diagnosis.ReportFormat;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.evidence.CauseFamily;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.Dimension;
import io.iothubtriage.evidence.Gap;
import io.iothubtriage.evidence.Inputs;

import java.util.List;

/**
 * The report JSON of the triage contract ({@code --format json}, the rerun endpoint, the generic webhook).
 *
 * <p>Rules, so automation can rely on the shape:
 * <ul>
 *   <li>Field names, nesting and enum strings are the contract's; fields are only ever added. Keys come in a fixed
 *       order: the contract's order, with {@code generatedAt} after {@code schemaVersion}, then {@code timeline} and
 *       the series after it.</li>
 *   <li>Every key is always present. An absent value is {@code null}: {@code alert} without an alert,
 *       {@code deviceCount} / {@code platformHealth} when that evidence could not be had, each absent number or
 *       time inside them, {@code scope.dimension} / {@code scope.value} outside SUBSET / SINGLE_DEVICE, and the
 *       texts the report models as "empty when none" ({@code alert.severity}, {@code alert.resolvedAt},
 *       {@code errors[].meaning}, {@code errors[].docs}, {@code platformHealth.summary}, empty links).</li>
 *   <li>Lists are never null: an empty list is {@code []}.</li>
 *   <li>Instants are ISO-8601 UTC ({@code 2026-11-26T10:41:00Z}); whole numbers are integers.</li>
 * </ul>
 * Additions beyond the contract's example: {@code generatedAt}, {@code alert.resolvedAt},
 * {@code alert.signalType}, {@code alert.monitoringService}, {@code alert.metric.timeAggregation},
 * {@code errors[].unusual/meaning/docs}, {@code noise.edgeOfDataDevices/sideEffectDuplicateDevices/chronicDevices},
 * {@code deviceCount.minAt}, {@code platformHealth.summary/userInitiated}, {@code links.resourceHealth/docs/fullReport},
 * {@code changes} (schema 1.1), {@code timeline} (with {@code timeline[].errorsByFamily}), and after it
 * {@code connectedDevices}, {@code baselineTimeline} and {@code healthChanges} (the pictures of the HTML report),
 * then {@code freshness} ({@code newestRow}, {@code newestIngested}, {@code checkedAt}, {@code requestedEnd}; null
 * without log evidence).
 */
public final class ReportJson {

    private ReportJson() {
    }

    /** The report as compact JSON. */
    public static String toJson(TriageReport report) {
        return Json.compact(toTree(report));
    }

    /** The report as indented JSON, for files people read. */
    public static String toPrettyJson(TriageReport report) {
        return Json.pretty(toTree(report));
    }

    /** The report as a tree (callers that embed it or add to it). */
    public static JsonObject toTree(TriageReport r) {
        JsonObject o = Json.object();
        o.put("schemaVersion", r.schemaVersion());
        o.put("generatedAt", ReportFormat.iso(r.generatedAt()));
        o.set("hub", hub(r.hub()));
        if (r.alert().isPresent()) {
            o.set("alert", alert(r.alert().get()));
        } else {
            o.putNull("alert");
        }
        JsonObject window = o.putObject("window");
        window.put("start", ReportFormat.iso(r.window().start()));
        window.put("end", ReportFormat.iso(r.window().end()));
        o.put("verdict", r.verdict().name());
        o.put("confidence", r.confidence().name());
        o.put("headline", r.headline());
        o.set("scope", scope(r.scope()));
        JsonArray errors = o.putArray("errors");
        // loops rather than forEach lambdas: the CLI writes this once, in a cold JVM
        for (TriageReport.ErrorLine e : r.errors()) {
            errors.add(error(e));
        }
        JsonObject noise = o.putObject("noise");
        noise.put("sasRenewalDevices", r.noise().sasRenewalDevices());
        noise.put("edgeOfDataDevices", r.noise().edgeOfDataDevices());
        noise.put("sideEffectDuplicateDevices", r.noise().sideEffectDuplicateDevices());
        noise.put("chronicDevices", r.noise().chronicDevices());
        if (r.deviceCount().isPresent()) {
            o.set("deviceCount", deviceCount(r.deviceCount().get()));
        } else {
            o.putNull("deviceCount");
        }
        if (r.platformHealth().isPresent()) {
            o.set("platformHealth", platformHealth(r.platformHealth().get()));
        } else {
            o.putNull("platformHealth");
        }
        JsonArray findings = o.putArray("findings");
        for (String f : r.findings()) {
            findings.add(f);
        }
        JsonArray actions = o.putArray("actions");
        for (String a : r.actions()) {
            actions.add(a);
        }
        JsonArray top = o.putArray("topDevices");
        for (TriageReport.TopDevice d : r.topDevices()) {
            JsonObject n = top.addObject();
            n.put("deviceId", d.deviceId());
            n.put("events", d.events());
            JsonArray codes = n.putArray("codes");
            for (String c : d.codes()) {
                codes.add(c);
            }
        }
        JsonArray gaps = o.putArray("gaps");
        for (Gap g : r.gaps()) {
            JsonObject n = gaps.addObject();
            n.put("source", g.source());
            n.put("reason", g.reason());
        }
        JsonObject links = o.putObject("links");
        Json.putText(links, "logs", r.links().logs());
        Json.putText(links, "hub", r.links().hub());
        Json.putText(links, "resourceHealth", r.links().resourceHealth());
        Json.putText(links, "docs", r.links().docs());
        Json.putText(links, "fullReport", r.links().fullReport());
        JsonArray changes = o.putArray("changes");
        for (TriageReport.ChangeLine c : r.changes()) {
            changes.add(change(c));
        }
        JsonArray timeline = o.putArray("timeline");
        // the server-side summary does not count clean disconnects apart: null there, not a false 0
        boolean cleanCounted = r.inputs().isEmpty() || !r.inputs().get().source().equals(Inputs.LIVE_SUMMARY);
        for (MinuteBucket b : r.timeline()) {
            JsonObject n = bucket(timeline, "minute", b);
            if (cleanCounted) {
                n.put("cleanDisconnects", b.cleanDisconnects());
            } else {
                n.putNull("cleanDisconnects");
            }
            JsonObject byFamily = n.putObject("errorsByFamily");
            for (CauseFamily f : CauseFamily.values()) {
                if (b.errors(f) > 0) {
                    byFamily.put(f.name(), b.errors(f));
                }
            }
        }
        series(o, r.series());
        if (r.inputs().isPresent()) {
            o.set("inputs", inputs(r.inputs().get()));
        }
        if (r.freshness().isPresent()) {
            TriageReport.Freshness f = r.freshness().get();
            JsonObject n = o.putObject("freshness");
            Json.putInstant(n, "newestRow", f.newestRow());
            Json.putInstant(n, "newestIngested", f.newestIngested());
            n.put("checkedAt", ReportFormat.iso(f.checkedAt()));
            Json.putInstant(n, "requestedEnd", f.requestedEnd());
        } else {
            o.putNull("freshness");
        }
        return o;
    }

    /** The contract's {@code inputs} (schema 1.1): what was read and set aside, the span, and the names behind it. */
    static JsonObject inputs(Inputs in) {
        JsonObject n = Json.object();
        n.put("source", in.source());
        n.put("rows", in.rows());
        n.put("used", in.used());
        n.put("otherResources", in.otherResources());
        n.put("otherCategories", in.otherCategories());
        n.put("duplicates", in.duplicates());
        n.put("unreadable", in.unreadable());
        JsonObject span = n.putObject("span");
        Json.putInstant(span, "first", in.first());
        Json.putInstant(span, "last", in.last());
        n.put("unreadableWindowErrors", in.unreadableWindowErrors());
        n.put("rowsWithoutResource", in.rowsWithoutResource());
        counts(n.putArray("unreadableReasons"), in.unreadableReasons());
        counts(n.putArray("unreadableCodes"), in.unreadableCodes());
        counts(n.putArray("otherResourceNames"), in.otherResourceNames());
        counts(n.putArray("categories"), in.categoryCounts());
        return n;
    }

    private static void counts(JsonArray into, List<Inputs.Count> counts) {
        for (Inputs.Count c : counts) {
            JsonObject x = into.addObject();
            x.put("name", c.name());
            x.put("rows", c.rows());
        }
    }


    /** One bucket's counts, its start under {@code timeKey}. */
    private static JsonObject bucket(JsonArray into, String timeKey, MinuteBucket b) {
        JsonObject n = into.addObject();
        n.put(timeKey, ReportFormat.iso(b.minute()));
        n.put("connects", b.connects());
        n.put("disconnects", b.disconnects());
        n.put("errors", b.errors());
        return n;
    }

    /** The keys after {@code timeline}: the metric per minute, the baseline strip, Resource Health's changes. */
    private static void series(JsonObject o, TriageReport.Series s) {
        JsonArray connected = o.putArray("connectedDevices");
        for (MetricPoint p : s.connectedDevices()) {
            JsonObject n = connected.addObject();
            n.put("minute", ReportFormat.iso(p.time()));
            Json.putNumber(n, "minimum", p.minimum());
            Json.putNumber(n, "average", p.average());
            Json.putNumber(n, "maximum", p.maximum());
        }
        JsonObject strip = o.putObject("baselineTimeline");
        strip.put("bucketMinutes", s.baseline().bucket().toMinutes());
        JsonArray buckets = strip.putArray("buckets");
        for (MinuteBucket b : s.baseline().buckets()) {
            bucket(buckets, "start", b);
        }
        JsonArray health = o.putArray("healthChanges");
        for (TriageReport.HealthChange h : s.healthChanges()) {
            JsonObject n = health.addObject();
            n.put("at", ReportFormat.iso(h.at()));
            n.put("availabilityState", h.availabilityState());
            Json.putText(n, "title", h.title());
            n.put("userInitiated", h.userInitiated());
        }
    }

    static JsonObject hub(TriageReport.Hub hub) {
        JsonObject n = Json.object();
        n.put("resourceId", hub.resourceId());
        n.put("name", hub.name());
        return n;
    }

    /** The alert object; shared with the resolved message so both describe an alert the same way. */
    static JsonObject alert(AlertIdentity a) {
        JsonObject n = Json.object();
        n.put("id", a.alertId());
        n.put("rule", a.rule());
        Json.putText(n, "severity", a.severity());
        n.put("condition", a.condition().wire());
        n.put("firedAt", ReportFormat.iso(a.firedAt()));
        Json.putInstant(n, "resolvedAt", a.resolvedAt());
        Json.putText(n, "signalType", a.signalType());
        Json.putText(n, "monitoringService", a.monitoringService());
        if (a.metric().isPresent()) {
            MetricCondition m = a.metric().get();
            JsonObject metric = n.putObject("metric");
            metric.put("name", m.name());
            metric.put("operator", m.operator());
            Json.putNumber(metric, "threshold", m.threshold());
            Json.putNumber(metric, "value", m.value());
            Json.putText(metric, "timeAggregation", m.timeAggregation());
        } else {
            n.putNull("metric");
        }
        return n;
    }

    private static JsonObject scope(TriageReport.Scope s) {
        JsonObject n = Json.object();
        n.put("kind", s.kind().name());
        n.put("affectedDevices", s.affectedDevices());
        n.put("activeDevices", s.activeDevices());
        if (s.dimension().isPresent()) {
            n.put("dimension", s.dimension().get().wire());
        } else {
            n.putNull("dimension");
        }
        if (s.value().isPresent()) {
            n.put("value", s.value().get());
        } else {
            n.putNull("value");
        }
        return n;
    }

    private static JsonObject error(TriageReport.ErrorLine e) {
        JsonObject n = Json.object();
        n.put("code", e.code());
        n.put("name", e.name());
        n.put("family", e.family().name());
        n.put("events", e.events());
        n.put("devices", e.devices());
        if (e.baselineEvents().isPresent()) {
            n.put("baselineEvents", e.baselineEvents().getAsLong());
        } else {
            n.putNull("baselineEvents"); // no baseline in the logs: not 0, which would read as "never before"
        }
        Json.putInstant(n, "firstSeen", e.firstSeen());
        Json.putInstant(n, "lastSeen", e.lastSeen());
        n.put("unusual", e.unusual());
        Json.putText(n, "meaning", e.meaning());
        Json.putText(n, "docs", e.docs());
        return n;
    }

    /**
     * One change: who, what, when, and how it relates to the verdict. {@code explains},
     * {@code attributionConfidence} and {@code minutesBeforeOnset} are null when they do not apply; property
     * values are null when absent (added or removed) and already masked where secret.
     */
    private static JsonObject change(TriageReport.ChangeLine c) {
        JsonObject n = Json.object();
        n.put("time", ReportFormat.iso(c.time()));
        n.put("resourceId", c.resourceId());
        n.put("operation", c.operation());
        n.put("status", c.status());
        n.put("caller", c.caller());
        n.put("callerKind", c.callerKind().wire());
        n.put("origin", c.origin());
        n.put("summary", c.summary());
        JsonArray props = n.putArray("properties");
        for (TriageReport.PropertyLine p : c.properties()) {
            JsonObject pn = props.addObject();
            pn.put("path", p.path());
            putOptional(pn, "before", p.before());
            putOptional(pn, "after", p.after());
        }
        n.put("relation", c.relation().name());
        putOptional(n, "explains", c.explains().map(Enum::name));
        putOptional(n, "attributionConfidence", c.attributionConfidence().map(Enum::name));
        if (c.beforeOnset().isPresent()) {
            n.put("minutesBeforeOnset", Math.floorDiv(c.beforeOnset().get().getSeconds(), 60));
        } else {
            n.putNull("minutesBeforeOnset");
        }
        return n;
    }

    private static void putOptional(JsonObject n, String key, java.util.Optional<String> value) {
        if (value.isPresent()) {
            n.put(key, value.get());
        } else {
            n.putNull(key);
        }
    }

    private static JsonObject deviceCount(TriageReport.DeviceCount d) {
        JsonObject n = Json.object();
        Json.putNumber(n, "before", d.before());
        Json.putNumber(n, "min", d.min());
        Json.putInstant(n, "minAt", d.minAt());
        Json.putNumber(n, "now", d.now());
        Json.putNumber(n, "registered", d.registered());
        return n;
    }

    private static JsonObject platformHealth(TriageReport.PlatformHealth p) {
        JsonObject n = Json.object();
        n.put("availabilityState", p.availabilityState());
        Json.putText(n, "summary", p.summary());
        n.put("userInitiated", p.userInitiated());
        JsonArray events = n.putArray("events");
        for (TriageReport.HealthEvent e : p.events()) {
            JsonObject ev = events.addObject();
            ev.put("id", e.id());
            ev.put("title", e.title());
            ev.put("eventType", e.eventType());
            ev.put("status", e.status());
            Json.putInstant(ev, "start", e.start());
            Json.putInstant(ev, "end", e.end());
        }
        return n;
    }
}
