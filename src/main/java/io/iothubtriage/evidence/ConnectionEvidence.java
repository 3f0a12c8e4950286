package io.iothubtriage.evidence;

import io.iothubtriage.alert.TimeWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The connection-log evidence for one hub, already summarised: what the diagnosis needs and nothing that grows
 * with the number of rows. Produced either by the streaming aggregator from exported rows or server-side by the
 * Log Analytics query; both must fill it with the same meaning.
 *
 * <p>Noise (SAS-token renewals, errors at the edge of the data) is removed before {@link CodeStats#events()},
 * {@link CodeStats#devices()} and the family attribution are counted; it is reported in {@link #noise()}.
 *
 * @param window              the analysis window this evidence covers
 * @param analysisRows        Connections rows of the hub inside the analysis window
 * @param baselineRows        Connections rows of the hub inside the baseline window
 * @param lastRowTime         the newest row time seen (the edge of the data), empty when there were no rows
 * @param activeDevices       distinct devices with any Connections row in the analysis window
 * @param disconnectedDevices distinct devices with a deviceDisconnect row (clean or not) in the analysis window,
 *                            not counting noise devices: those whose only errors were SAS-token renewals (they came
 *                            straight back, so they are no part of a drop in connected devices) and those whose
 *                            errors all fell at the edge of the data (not counted until their follow-up is seen)
 * @param codes               one entry per result code seen in the analysis window (noise included only in
 *                            noiseEvents), sorted by devices descending, then events descending
 * @param families            attributed devices per cause family; each affected device counts in exactly one
 *                            family; sorted by devices descending; families with no device are absent
 * @param noise               what was set aside as noise
 * @param fleet               how the active fleet spreads over each scope dimension
 * @param topDevices          the devices with the most non-noise error events, at most {@link #TOP_DEVICES}
 * @param timeline            one bucket per minute of the analysis window, oldest first
 * @param cleanDisconnectDevices distinct devices with a deviceDisconnect row without error in the analysis window
 * @param inputs              what was read and set aside before the rules ran, when the source knows
 * @param baselineStrip       the baseline window in coarser buckets, for a picture of what normal looks like;
 *                            {@link BaselineStrip#none()} when the source did not summarise it
 * @param newestIngested      when the newest row of the hub reached Log Analytics ({@code ingestion_time()}), when
 *                            the source knows it (live sources)
 */
public record ConnectionEvidence(TimeWindow window, long analysisRows, long baselineRows, Optional<Instant> lastRowTime,
                                 int activeDevices, int disconnectedDevices, List<CodeStats> codes,
                                 List<FamilyStats> families, Noise noise, Map<Dimension, DimensionBreakdown> fleet,
                                 List<DeviceStats> topDevices, List<MinuteBucket> timeline, int cleanDisconnectDevices,
                                 Optional<Inputs> inputs, BaselineStrip baselineStrip,
                                 Optional<Instant> newestIngested) {

    /** Evidence without a clean-disconnect count, inputs or baseline strip (a server-side summary). */
    public ConnectionEvidence(TimeWindow window, long analysisRows, long baselineRows, Optional<Instant> lastRowTime,
                              int activeDevices, int disconnectedDevices, List<CodeStats> codes,
                              List<FamilyStats> families, Noise noise, Map<Dimension, DimensionBreakdown> fleet,
                              List<DeviceStats> topDevices, List<MinuteBucket> timeline) {
        this(window, analysisRows, baselineRows, lastRowTime, activeDevices, disconnectedDevices, codes, families,
                noise, fleet, topDevices, timeline, disconnectedDevices, Optional.empty(), BaselineStrip.none(), Optional.empty());
    }

    /** Evidence without a baseline strip. */
    public ConnectionEvidence(TimeWindow window, long analysisRows, long baselineRows, Optional<Instant> lastRowTime,
                              int activeDevices, int disconnectedDevices, List<CodeStats> codes,
                              List<FamilyStats> families, Noise noise, Map<Dimension, DimensionBreakdown> fleet,
                              List<DeviceStats> topDevices, List<MinuteBucket> timeline, int cleanDisconnectDevices,
                              Optional<Inputs> inputs) {
        this(window, analysisRows, baselineRows, lastRowTime, activeDevices, disconnectedDevices, codes, families,
                noise, fleet, topDevices, timeline, cleanDisconnectDevices, inputs, BaselineStrip.none(),
                Optional.empty());
    }

    /** How many devices {@link #topDevices()} holds at most. */
    public static final int TOP_DEVICES = 20;
    /** How many values a {@link DimensionBreakdown} lists at most. */
    public static final int TOP_VALUES = 10;

    public ConnectionEvidence {
        Objects.requireNonNull(window, "window");
        lastRowTime = lastRowTime == null ? Optional.empty() : lastRowTime;
        codes = List.copyOf(codes);
        families = List.copyOf(families);
        Objects.requireNonNull(noise, "noise");
        fleet = Map.copyOf(fleet);
        topDevices = List.copyOf(topDevices);
        timeline = List.copyOf(timeline);
        inputs = inputs == null ? Optional.empty() : inputs;
        baselineStrip = baselineStrip == null ? BaselineStrip.none() : baselineStrip;
        newestIngested = newestIngested == null ? Optional.empty() : newestIngested;
    }

    /** Evidence with a baseline strip that does not know when its rows reached Log Analytics. */
    public ConnectionEvidence(TimeWindow window, long analysisRows, long baselineRows, Optional<Instant> lastRowTime,
                              int activeDevices, int disconnectedDevices, List<CodeStats> codes,
                              List<FamilyStats> families, Noise noise, Map<Dimension, DimensionBreakdown> fleet,
                              List<DeviceStats> topDevices, List<MinuteBucket> timeline, int cleanDisconnectDevices,
                              Optional<Inputs> inputs, BaselineStrip baselineStrip) {
        this(window, analysisRows, baselineRows, lastRowTime, activeDevices, disconnectedDevices, codes, families,
                noise, fleet, topDevices, timeline, cleanDisconnectDevices, inputs, baselineStrip, Optional.empty());
    }

    /** The same evidence, knowing when its newest row reached Log Analytics. */
    public ConnectionEvidence withNewestIngested(Optional<Instant> ingested) {
        return new ConnectionEvidence(window, analysisRows, baselineRows, lastRowTime, activeDevices,
                disconnectedDevices, codes, families, noise, fleet, topDevices, timeline, cleanDisconnectDevices,
                inputs, baselineStrip, ingested);
    }

    /** The same evidence with what the intake read and set aside. */
    public ConnectionEvidence withInputs(Inputs in) {
        return new ConnectionEvidence(window, analysisRows, baselineRows, lastRowTime, activeDevices,
                disconnectedDevices, codes, families, noise, fleet, topDevices, timeline, cleanDisconnectDevices,
                Optional.of(in), baselineStrip, newestIngested);
    }

    /** Devices attributed to any family (noise excluded). */
    public int affectedDevices() {
        int devices = 0;
        for (FamilyStats f : families) {
            devices += f.devices();
        }
        return devices;
    }

    public Optional<FamilyStats> family(CauseFamily family) {
        for (FamilyStats f : families) { // a loop, not a stream: the diagnosis asks this in every cold CLI run
            if (f.family() == family) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * One result code in the analysis window.
     *
     * @param code            ResultType, e.g. "404104"
     * @param description     ResultDescription as logged, e.g. "DeviceConnectionClosedRemotely" (may be empty)
     * @param events          error events of this code, noise excluded
     * @param devices         distinct devices with a non-noise event of this code
     * @param noiseEvents     events of this code set aside as noise
     * @param onConnect       of {@code events}, those on deviceConnect (refused reconnections)
     * @param baselineEvents  all events of this code in the baseline window (noise included, as is {@code events +
     *                        noiseEvents})
     * @param baselineDevices distinct devices with this code in the baseline window
     * @param firstSeen       first non-noise event, empty when all were noise
     * @param lastSeen        last non-noise event, empty when all were noise
     * @param baselineNoiseEvents of {@code baselineEvents}, those the SAS-renewal rule sets aside, judged on the
     *                        baseline's rows as {@code noiseEvents} is on the window's; empty when the source did not
     *                        judge the baseline's rows (it counted them only)
     */
    public record CodeStats(String code, String description, long events, int devices, long noiseEvents,
                            long onConnect, long baselineEvents, int baselineDevices,
                            Optional<Instant> firstSeen, Optional<Instant> lastSeen,
                            OptionalLong baselineNoiseEvents) {
        public CodeStats {
            Objects.requireNonNull(code, "code");
            description = description == null ? "" : description;
            firstSeen = firstSeen == null ? Optional.empty() : firstSeen;
            lastSeen = lastSeen == null ? Optional.empty() : lastSeen;
            baselineNoiseEvents = baselineNoiseEvents == null ? OptionalLong.empty() : baselineNoiseEvents;
        }

        /** A code whose baseline was counted, not judged by the renewal rule (a server-side count). */
        public CodeStats(String code, String description, long events, int devices, long noiseEvents,
                         long onConnect, long baselineEvents, int baselineDevices,
                         Optional<Instant> firstSeen, Optional<Instant> lastSeen) {
            this(code, description, events, devices, noiseEvents, onConnect, baselineEvents, baselineDevices,
                    firstSeen, lastSeen, OptionalLong.empty());
        }

        public CauseFamily family() {
            return CauseFamily.of(code);
        }
    }

    /**
     * The devices attributed to one cause family.
     *
     * @param devices            distinct devices attributed to this family
     * @param stillOffline       of those, devices with no successful connect after their last error (before the end
     *                           of the data, rows after the window included) that are not flapping
     * @param dimensions         how those devices spread over each scope dimension
     * @param firstSeen          earliest non-noise error of an attributed device
     * @param lastSeen           latest non-noise error of an attributed device
     * @param flapping           of those, devices that reconnected after an error and failed again
     * @param reconnected        of those, devices that connected again after their last error and did not fail
     *                           again (devices = stillOffline + flapping + reconnected)
     * @param flappingPeriod     the median time between a flapping device's failures, empty when none flaps
     */
    public record FamilyStats(CauseFamily family, int devices, int stillOffline,
                              Map<Dimension, DimensionBreakdown> dimensions,
                              Optional<Instant> firstSeen, Optional<Instant> lastSeen, int flapping, int reconnected,
                              Optional<Duration> flappingPeriod) {
        public FamilyStats {
            Objects.requireNonNull(family, "family");
            dimensions = Map.copyOf(dimensions);
            firstSeen = firstSeen == null ? Optional.empty() : firstSeen;
            lastSeen = lastSeen == null ? Optional.empty() : lastSeen;
            flappingPeriod = flappingPeriod == null ? Optional.empty() : flappingPeriod;
        }

        /** A family whose source does not tell flapping devices apart (a server-side summary). */
        public FamilyStats(CauseFamily family, int devices, int stillOffline,
                           Map<Dimension, DimensionBreakdown> dimensions,
                           Optional<Instant> firstSeen, Optional<Instant> lastSeen) {
            this(family, devices, stillOffline, dimensions, firstSeen, lastSeen, 0, devices - stillOffline,
                    Optional.empty());
        }
    }

    /**
     * How a set of devices spreads over one dimension.
     *
     * @param devices        devices of the set with a known value of the dimension
     * @param distinctValues how many distinct values they have
     * @param top            the most common values, by devices descending, at most {@link #TOP_VALUES}
     */
    public record DimensionBreakdown(int devices, int distinctValues, List<ValueCount> top) {
        public DimensionBreakdown {
            top = List.copyOf(top);
        }

        public static DimensionBreakdown empty() {
            return new DimensionBreakdown(0, 0, List.of());
        }
    }

    public record ValueCount(String value, int devices) {
        public ValueCount {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * What was set aside as noise rather than evidence.
     *
     * @param sasRenewalDevices devices whose only errors were SAS-token renewals (error then a successful connect
     *                          within 2 minutes, not repeating more often than every 10 minutes); a device that
     *                          renewed and also failed otherwise is not one of them (it counts under its cause or at
     *                          the edge of the data), so these, the edge devices and the affected devices never overlap
     * @param sasRenewalEvents  the renewal events of those devices (a code's renewals of other devices are still in
     *                          its {@link CodeStats#noiseEvents()})
     * @param edgeOfDataDevices devices whose only errors fell in the last 2 minutes of the data, follow-up unseen
     * @param edgeOfDataEvents  error events at the edge of the data
     * @param sideEffectDuplicateDevices devices whose 409002/400027 were set aside because another family's
     *                          errors explain them
     * @param chronic           devices failing in the window as they were all through the baseline, set aside
     * @param edgeOfDataCodes   the edge devices' errors per result code, most devices first (bounded): what the rows
     *                          at the end of the data show, even though no verdict is drawn from them; empty when the
     *                          source did not count them
     */
    public record Noise(int sasRenewalDevices, long sasRenewalEvents, int edgeOfDataDevices, long edgeOfDataEvents,
                        int sideEffectDuplicateDevices, ChronicDevices chronic, List<EdgeCode> edgeOfDataCodes) {
        /** How many codes {@link #edgeOfDataCodes} keeps. */
        public static final int MAX_EDGE_CODES = 5;

        public Noise {
            chronic = chronic == null ? ChronicDevices.none() : chronic;
            edgeOfDataCodes = edgeOfDataCodes == null ? List.of() : List.copyOf(edgeOfDataCodes);
        }

        /** Noise whose edge devices were not counted per code. */
        public Noise(int sasRenewalDevices, long sasRenewalEvents, int edgeOfDataDevices, long edgeOfDataEvents,
                     int sideEffectDuplicateDevices, ChronicDevices chronic) {
            this(sasRenewalDevices, sasRenewalEvents, edgeOfDataDevices, edgeOfDataEvents, sideEffectDuplicateDevices,
                    chronic, List.of());
        }

        /** Noise without chronic devices (a source that does not judge the baseline device by device). */
        public Noise(int sasRenewalDevices, long sasRenewalEvents, int edgeOfDataDevices, long edgeOfDataEvents,
                     int sideEffectDuplicateDevices) {
            this(sasRenewalDevices, sasRenewalEvents, edgeOfDataDevices, edgeOfDataEvents, sideEffectDuplicateDevices,
                    ChronicDevices.none());
        }

        public static Noise none() {
            return new Noise(0, 0, 0, 0, 0);
        }
    }

    /**
     * One result code of the devices set aside at the edge of the data.
     *
     * @param code      ResultType, e.g. "404104"
     * @param devices   edge devices with an error of this code
     * @param events    their errors of this code
     * @param firstSeen the first of those errors
     * @param lastSeen  the last of those errors
     */
    public record EdgeCode(String code, int devices, long events, Instant firstSeen, Instant lastSeen) {
        public EdgeCode {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(firstSeen, "firstSeen");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }

    /**
     * Devices that were already failing the same way all through the baseline (docs/diagnosis.md, "Chronic devices"):
     * their errors of the family they are attributed to fell in most of the baseline's hours, renewals set aside, and
     * in the window they keep reconnecting and dropping, or are refused as they always were. They are noise for this
     * window: no part of the families, the scope, the onset, the one-tenth rule's disconnected devices, nor of the
     * codes' {@code events} and {@code baselineEvents} (set aside from both, so the rates compare the incident's
     * devices). Reported here instead, never dropped in silence.
     *
     * @param devices        how many
     * @param events         their error events in the window (in the codes' {@code noiseEvents})
     * @param families       their cause families, most devices first
     * @param flapping       of them, devices that keep reconnecting and dropping in the window
     * @param reconnected    of them, devices that connected after their last error and did not fail again
     * @param stillOffline   of them, devices still refused, as they were all through the baseline
     * @param flappingPeriod the median time between a flapping one's failures
     * @param minHours       the fewest baseline hours any of them failed in (their family's errors)
     * @param examples       the first few of their ids, in id order
     */
    public record ChronicDevices(int devices, long events, List<CauseFamily> families, int flapping, int reconnected,
                                 int stillOffline, Optional<Duration> flappingPeriod, int minHours,
                                 List<String> examples) {
        public ChronicDevices {
            families = List.copyOf(families);
            flappingPeriod = flappingPeriod == null ? Optional.empty() : flappingPeriod;
            examples = List.copyOf(examples);
        }

        public static ChronicDevices none() {
            return new ChronicDevices(0, 0, List.of(), 0, 0, 0, Optional.empty(), 0, List.of());
        }
    }

    /**
     * A device among the noisiest.
     *
     * @param events non-noise error events
     * @param codes  its distinct result codes, most frequent first (at most 5)
     * @param family the family it is attributed to
     */
    public record DeviceStats(String deviceId, long events, List<String> codes, CauseFamily family) {
        public DeviceStats {
            Objects.requireNonNull(deviceId, "deviceId");
            codes = List.copyOf(codes);
            Objects.requireNonNull(family, "family");
        }
    }

    /**
     * Connection activity in one minute: successful connects, disconnects (clean or not), and error rows.
     *
     * @param errorsByFamily   the minute's error rows by the cause family of their result code (noise included, as
     *                         in {@code errors}); families with none are absent, and the map is empty when the source
     *                         did not split errors by family
     * @param cleanDisconnects of {@code disconnects}, the rows of a device that carried no error (what
     *                         {@link ConnectionEvidence#cleanDisconnectDevices()} counts devices of): when the clean
     *                         disconnects happened, whatever the noise did; 0 in every minute when the source did not
     *                         count them apart (a server-side summary)
     */
    public record MinuteBucket(Instant minute, int connects, int disconnects, int errors,
                               Map<CauseFamily, Integer> errorsByFamily, int cleanDisconnects) {
        public MinuteBucket {
            Objects.requireNonNull(minute, "minute");
            errorsByFamily = Map.copyOf(errorsByFamily);
        }

        /** A minute whose clean disconnects are not counted apart. */
        public MinuteBucket(Instant minute, int connects, int disconnects, int errors,
                            Map<CauseFamily, Integer> errorsByFamily) {
            this(minute, connects, disconnects, errors, errorsByFamily, 0);
        }

        /** A minute whose errors are not split by family. */
        public MinuteBucket(Instant minute, int connects, int disconnects, int errors) {
            this(minute, connects, disconnects, errors, Map.of());
        }

        /** Error rows of one family in this minute. */
        public int errors(CauseFamily family) {
            return errorsByFamily.getOrDefault(family, 0);
        }
    }

    /**
     * The baseline window cut into equal buckets, oldest first, each counting what {@link MinuteBucket} counts.
     *
     * @param bucket  the length of each bucket (a whole number of minutes); zero when there is no strip
     * @param buckets the buckets; the last may reach past the baseline's end when its length is not a multiple
     */
    public record BaselineStrip(Duration bucket, List<MinuteBucket> buckets) {
        /** The most buckets a strip is cut into. */
        public static final int MAX_BUCKETS = 96;
        private static final long[] BUCKET_MINUTES = {1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080};

        public BaselineStrip {
            Objects.requireNonNull(bucket, "bucket");
            buckets = List.copyOf(buckets);
        }

        public static BaselineStrip none() {
            return new BaselineStrip(Duration.ZERO, List.of());
        }

        /** The shortest round bucket length that cuts {@code span} into at most {@link #MAX_BUCKETS} buckets. */
        public static Duration bucketFor(Duration span) {
            long minutes = Math.max(1, (span.toSeconds() + 59) / 60);
            for (long m : BUCKET_MINUTES) {
                if ((minutes + m - 1) / m <= MAX_BUCKETS) {
                    return Duration.ofMinutes(m);
                }
            }
            return Duration.ofMinutes((minutes + MAX_BUCKETS - 1) / MAX_BUCKETS);
        }
    }
}
