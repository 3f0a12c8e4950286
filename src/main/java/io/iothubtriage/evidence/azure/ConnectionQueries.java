package io.iothubtriage.evidence.azure;

import io.iothubtriage.alert.Durations;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The Log Analytics queries of a triage, rendered from the .kql resources with a typed parameter header. The
 * hub id is checked again here (a {@link HubId} built by its constructor is not validated) and then escaped;
 * times enter only as {@code datetime(...)} literals.
 */
final class ConnectionQueries {

    /** Longest analysis window accepted: bounds the timeline at 10,080 rows. */
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    /** Longest baseline accepted: Log Analytics' default interactive retention is 30 days. */
    static final Duration MAX_BASELINE = Duration.ofDays(31);
    /** The doctor looks for Connections rows in the last 24 hours. */
    static final Duration DOCTOR_LOOKBACK = Duration.ofHours(24);

    private static final KqlTemplate SUMMARY = KqlTemplate.load("connections-summary.kql");
    private static final KqlTemplate TIMELINE = KqlTemplate.load("connections-timeline.kql");
    private static final KqlTemplate DOCTOR = KqlTemplate.load("connections-doctor.kql");
    private static final KqlTemplate ROWS = KqlTemplate.load("connections-rows.kql");
    private static final KqlTemplate COUNTS = KqlTemplate.load("connections-counts.kql");
    private static final KqlTemplate DIMENSIONS = KqlTemplate.load("connections-dimensions.kql");

    private ConnectionQueries() {
    }

    static String summary(TriageRequest request) {
        checkWindows(request);
        return SUMMARY.render(Map.of(
                "hubResourceId", hub(request.hub()),
                "windowStart", KqlLiteral.datetime(request.window().start()),
                "windowEnd", KqlLiteral.datetime(request.window().end()),
                "baselineStart", KqlLiteral.datetime(request.baseline().start()),
                "baselineEnd", KqlLiteral.datetime(request.baseline().end())));
    }

    /** The window's rows as they are, at most {@code limit} of them, over {@link #rowsRange}. */
    static String rows(TriageRequest request, TimeWindow rowsRange, long limit) {
        checkWindows(request);
        return ROWS.render(Map.of(
                "hubResourceId", hub(request.hub()),
                "rowsStart", KqlLiteral.datetime(rowsRange.start()),
                "rowsEnd", KqlLiteral.datetime(rowsRange.end()),
                "rowLimit", KqlLiteral.count(limit)));
    }

    /** Row counts by period, code and error-ness, over [baseline start, rows end). */
    static String counts(TriageRequest request, TimeWindow rowsRange) {
        checkWindows(request);
        return COUNTS.render(Map.of(
                "hubResourceId", hub(request.hub()),
                "baselineStart", KqlLiteral.datetime(request.baseline().start()),
                "baselineEnd", KqlLiteral.datetime(request.baseline().end()),
                "windowStart", KqlLiteral.datetime(request.window().start()),
                "windowEnd", KqlLiteral.datetime(request.window().end()),
                "rowsEnd", KqlLiteral.datetime(rowsRange.end())));
    }

    /** The baseline's latest dimension values of the devices in the fetched rows. */
    static String dimensions(TriageRequest request, TimeWindow rowsRange) {
        checkWindows(request);
        return DIMENSIONS.render(Map.of(
                "hubResourceId", hub(request.hub()),
                "baselineStart", KqlLiteral.datetime(request.baseline().start()),
                "baselineEnd", KqlLiteral.datetime(request.baseline().end()),
                "rowsStart", KqlLiteral.datetime(rowsRange.start()),
                "rowsEnd", KqlLiteral.datetime(rowsRange.end())));
    }

    /**
     * The rows fetched: the analysis window and the edge-of-data span after it (a reconnect just after the window
     * still settles an error), never past {@code now}.
     */
    static TimeWindow rowsRange(TriageRequest request, Duration afterWindow, Instant now) {
        Instant end = request.window().end().plus(afterWindow);
        if (end.isAfter(now)) {
            end = now.isAfter(request.window().end()) ? now : request.window().end();
        }
        return new TimeWindow(request.window().start(), end);
    }

    /** The time range the counts lie in: the baseline's start to the rows' end. */
    static TimeWindow countsRange(TriageRequest request, TimeWindow rowsRange) {
        return new TimeWindow(request.baseline().start(), rowsRange.end());
    }

    static String timeline(TriageRequest request) {
        checkWindows(request);
        return TIMELINE.render(Map.of(
                "hubResourceId", hub(request.hub()),
                "windowStart", KqlLiteral.datetime(request.window().start()),
                "windowEnd", KqlLiteral.datetime(request.window().end())));
    }

    static String doctor(HubId hub, Instant now) {
        return DOCTOR.render(Map.of(
                "hubResourceId", hub(hub),
                "checkStart", KqlLiteral.datetime(now.minus(DOCTOR_LOOKBACK)),
                "checkEnd", KqlLiteral.datetime(now)));
    }

    /** The time range every summary row lies in (baseline and window): the query API's timespan is set to it. */
    static TimeWindow summaryRange(TriageRequest request) {
        return new TimeWindow(request.baseline().start(), request.window().end());
    }

    /**
     * The hub id as a KQL string literal, after checking it is a well-formed IoT hub resource id.
     *
     * @throws IllegalArgumentException when it is not
     */
    static KqlLiteral hub(HubId hub) {
        String id = hub.resourceId();
        if (!HubId.isHubId(id) || !HubId.parse(id).resourceId().equals(id)) {
            throw new IllegalArgumentException("not a valid IoT hub resource id: "
                    + (id.length() > 200 ? id.substring(0, 200) + "…" : id));
        }
        return KqlLiteral.string(id);
    }

    static void checkWindows(TriageRequest request) {
        if (request.window().duration().compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("analysis window of " + Durations.words(request.window().duration())
                    + " is longer than the " + Durations.words(MAX_WINDOW) + " the live log source accepts");
        }
        if (request.baseline().duration().compareTo(MAX_BASELINE) > 0) {
            throw new IllegalArgumentException("baseline window of " + Durations.words(request.baseline().duration())
                    + " is longer than the " + Durations.words(MAX_BASELINE) + " the live log source accepts");
        }
    }
}
