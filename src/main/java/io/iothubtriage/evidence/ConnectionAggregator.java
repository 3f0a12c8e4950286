package io.iothubtriage.evidence;

import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionEvidence.BaselineStrip;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import io.iothubtriage.evidence.ConnectionEvidence.DeviceStats;
import io.iothubtriage.evidence.ConnectionEvidence.FamilyStats;
import io.iothubtriage.evidence.ConnectionEvidence.MinuteBucket;
import io.iothubtriage.evidence.ConnectionEvidence.Noise;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Summarises raw {@code Connections} rows into {@link ConnectionEvidence}, streaming: rows arrive one at a time in
 * any order (exports are often newest-first), and nothing that grows with the number of rows is kept. Memory is
 * bounded by the number of devices (a fixed set of scalars plus at most {@link NoiseRules#deviceBufferCap()} packed
 * timestamps each), the number of distinct result codes and dimension values, and the window length in minutes
 * (the timeline).
 *
 * <p>Rows inside the request's analysis window are evidence; rows inside its baseline window only feed the baseline
 * counts (judged by the same SAS-renewal rule, {@link BaselineRenewals}) and the devices' latest dimension values;
 * every other row is ignored, but for the reconnects that settle either window's last errors. The rules (noise,
 * attribution, bounds) are exactly those of docs/aggregation.md and the triage contract.
 *
 * <p>Not thread-safe: one aggregator per triage, fed from one thread. {@link #finish()} does not change the state, so
 * it may be called again after more rows; for a big triage it shares its work with a helper thread of its own and
 * returns once that thread has ended.
 */
public final class ConnectionAggregator implements Consumer<ConnectionLogRow>, RowFieldsConsumer {

    private static final long MINUTE_MS = 60_000;
    /** How many codes a top device lists at most. */
    private static final int TOP_CODES = 5;
    private static final CauseFamily[] FAMILIES = CauseFamily.values();
    /** From how many devices {@link #finish} runs on two threads even when the baseline's log is small. */
    static final int TWO_THREADS_MIN_DEVICES = 16_384;
    /** How many parts the baseline's log and the device table are each cut into for a finish on two threads. */
    private static final int FINISH_PARTS = 8;
    /** How big a second pass's counters may be for the pass to be split (see {@link FinishShare}). */
    private static final long SPLIT_PASS_MAX_COUNTER_BYTES = 16L << 20;

    private final TimeWindow window;
    private final TimeWindow baseline;
    private final NoiseRules rules;
    private final long windowStartMs;
    private final int cap;
    /**
     * The clock of the devices' dimension times: int ticks since the earlier window's start (4 bytes a time instead
     * of 8). A tick is a millisecond unless both windows together span more than int milliseconds (24.8 days);
     * then it is the smallest whole number of milliseconds that fits.
     */
    private final long dimEpochMs;
    private final long dimTickMs;

    private final DeviceTable devices = new DeviceTable();
    /** For rows handed over whole: their fields, refilled per row. */
    private final RowFields fields = new RowFields();
    /** The baseline's errors and connects, for its renewal rule (judged at finish). */
    private final BaselineRenewals baselineLog;
    private final long baselineEndMs;
    /** The baseline's last errors are settled by a reconnect up to this long after its end (the follow-up). */
    private final long baselineFollowUpEndMs;
    private final HashMap<String, CodeState> codeIndex = new HashMap<>();
    private final List<CodeState> codes = new ArrayList<>();
    /** Codes other than 401003 and 404104 seen so far: the next one's class in the baseline's log. */
    private int otherCodes;
    private final ValueTable[] dimensionValues = {new ValueTable(), new ValueTable(), new ValueTable(), new ValueTable()};

    private final long timelineStartMs;
    private final int[] connects;
    private final int[] disconnects;
    private final int[] errors;
    /** Disconnect rows without an error, per minute: when the clean disconnects happened. */
    private final int[] cleanDisconnects;
    /** Error rows per family and minute; a family's row is allocated at its first error. */
    private final int[][] familyErrors = new int[FAMILIES.length][];
    private String lastFamilyCode;
    private int lastFamily;
    private final long stripStartMs;
    private final long stripBucketMs;
    private final int[] stripConnects;
    private final int[] stripDisconnects;
    private final int[] stripErrors;

    private long analysisRows;
    private long baselineRows;
    private long ignoredRows;
    private long rowsWithoutDevice;
    private Instant lastRowTime;
    private int activeDevices;
    private String lastCodeKey;
    private CodeState lastCode;

    /** An aggregator for the request's analysis and baseline windows, with the contract's noise thresholds. */
    public ConnectionAggregator(TriageRequest request) {
        this(request, NoiseRules.defaults());
    }

    public ConnectionAggregator(TriageRequest request, NoiseRules rules) {
        Objects.requireNonNull(request, "request");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.window = request.window();
        this.baseline = request.baseline();
        this.windowStartMs = window.start().toEpochMilli();
        this.cap = rules.deviceBufferCap();
        this.dimEpochMs = Math.min(windowStartMs, baseline.start().toEpochMilli());
        long dimSpanMs = Math.max(ceilMillis(window.end()), ceilMillis(baseline.end())) - dimEpochMs;
        this.dimTickMs = Math.max(1, -Math.floorDiv(-dimSpanMs, Integer.MAX_VALUE - 1L));
        long endMs = ceilMillis(window.end());
        if (endMs - windowStartMs > DeviceState.MAX_OFFSET_MS) {
            throw new IllegalArgumentException("analysis window is too long: " + window.duration());
        }
        this.timelineStartMs = Math.floorDiv(windowStartMs, MINUTE_MS) * MINUTE_MS;
        long lastMinuteMs = Math.floorDiv(endMs - 1, MINUTE_MS) * MINUTE_MS;
        long buckets = (lastMinuteMs - timelineStartMs) / MINUTE_MS + 1;
        if (buckets > 1_000_000) {
            throw new IllegalArgumentException("analysis window is too long for a per-minute timeline: "
                    + window.duration());
        }
        this.connects = new int[(int) buckets];
        this.disconnects = new int[(int) buckets];
        this.errors = new int[(int) buckets];
        this.cleanDisconnects = new int[(int) buckets];
        this.stripStartMs = baseline.start().toEpochMilli();
        this.stripBucketMs = BaselineStrip.bucketFor(baseline.duration()).toMillis();
        int stripBuckets = (int) ((ceilMillis(baseline.end()) - stripStartMs + stripBucketMs - 1) / stripBucketMs);
        this.stripConnects = new int[stripBuckets];
        this.stripDisconnects = new int[stripBuckets];
        this.stripErrors = new int[stripBuckets];
        this.baselineEndMs = baseline.end().toEpochMilli();
        this.baselineFollowUpEndMs = baselineEndMs + rules.renewalFollowUp().toMillis();
        this.baselineLog = new BaselineRenewals(stripStartMs, baselineFollowUpEndMs + 1 - stripStartMs,
                rules.renewalFollowUp().toMillis(), rules.renewalMinRepeat().toMillis(), rules.baselineRowCap());
    }

    /** The devices by id, for looking them up ahead of their rows ({@link RowAssembler#findDevices}). */
    DeviceTable devices() {
        return devices;
    }

    /** Feeds one row. Rows outside both windows are counted in {@link #ignoredRows()} and otherwise ignored. */
    @Override
    public void accept(ConnectionLogRow row) {
        accept(fields.set(row));
    }

    /**
     * As {@link #accept(ConnectionLogRow)}, the row given as its fields (none null), copied into the same reused
     * {@link RowFields}: no row object is made only to be taken apart here.
     */
    @Override
    public void accept(Instant time, String operationName, String level, String resultType, String resultDescription,
                       String deviceId, String protocol, String authType, String maskedIpAddress, String sdkVersion,
                       String statusCode, String errorMessage) {
        accept(fields.set(time, operationName, level, resultType, resultDescription, deviceId, protocol, authType,
                maskedIpAddress, sdkVersion, statusCode, errorMessage));
    }

    /**
     * As {@link #accept(ConnectionLogRow)}, the row as its fields: what the readers hand over through the
     * {@link RowIntake}, the device id perhaps as bytes (looked up as such: see {@link RowFields}).
     */
    void accept(RowFields row) {
        Instant time = row.time;
        // The edge of the data is the hub's last row wherever it lies, after the window included.
        if (lastRowTime == null || time.isAfter(lastRowTime)) {
            lastRowTime = time;
        }
        long ms = time.toEpochMilli();
        if (ms >= baselineEndMs && ms <= baselineFollowUpEndMs && !time.isBefore(baseline.end())
                && row.isSuccessfulConnect() && row.hasDevice()) {
            // a reconnect just after the baseline (in the window, usually) settles the baseline's last errors, as
            // one after the window settles the window's
            baselineLog.add(devices.get(row).index, ms, BaselineRenewals.CLASS_CONNECT);
        }
        boolean inAnalysis = window.contains(time);
        if (!inAnalysis && !baseline.contains(time)) {
            ignoredRows++;
            if (!time.isBefore(window.end()) && row.isSuccessfulConnect() && row.hasDevice()) {
                // a reconnect after the window (still in the data) settles the window's last errors of the device
                DeviceState d = devices.get(row);
                d.connectAfterMs = Math.min(d.connectAfterMs, time.toEpochMilli());
            }
            return;
        }
        boolean error = row.isError();
        boolean connect = row.isConnect();
        boolean successfulConnect = connect && !error;
        boolean disconnect = !connect && row.isDisconnect();
        int minute = 0;
        if (inAnalysis) {
            analysisRows++;
            minute = (int) ((ms - timelineStartMs) / MINUTE_MS);
            if (successfulConnect) {
                connects[minute]++;
            }
            if (disconnect) {
                disconnects[minute]++;
            }
            if (error) {
                errors[minute]++;
                int f = familyOrdinal(row.resultType);
                int[] perMinute = familyErrors[f];
                if (perMinute == null) {
                    perMinute = familyErrors[f] = new int[errors.length];
                }
                perMinute[minute]++;
            }
        } else {
            baselineRows++;
            int bucket = (int) ((ms - stripStartMs) / stripBucketMs);
            if (successfulConnect) {
                stripConnects[bucket]++;
            }
            if (disconnect) {
                stripDisconnects[bucket]++;
            }
            if (error) {
                stripErrors[bucket]++;
            }
        }
        if (!row.hasDevice()) {
            rowsWithoutDevice++;
            return;
        }
        DeviceState d = devices.get(row);
        int ticks = (int) ((ms - dimEpochMs) / dimTickMs);
        noteDimension(d, 0, row.maskedIpAddress, ticks);
        noteDimension(d, 1, row.protocol, ticks);
        noteDimension(d, 2, row.authType, ticks);
        noteDimension(d, 3, row.sdkVersion, ticks);
        if (inAnalysis) {
            if (!d.active) {
                d.active = true;
                activeDevices++;
            }
            if (disconnect) {
                d.disconnected = true;
                if (!error) {
                    d.cleanDisconnect = true;
                    cleanDisconnects[minute]++;
                }
            }
            long offset = ms - windowStartMs;
            if (error) {
                CodeState c = code(row.resultType);
                c.analysisEvents++;
                c.noteDescription(row.resultDescription, row.errorMessage);
                d.addError(windowStartMs, offset, c.index, connect, cap);
            } else if (connect) {
                d.addConnected(windowStartMs, offset, cap);
            }
        } else if (error) {
            CodeState c = code(row.resultType);
            c.baselineEvents++;
            c.noteDescription(row.resultDescription, row.errorMessage);
            c.baselineDevices += d.addBaselineCode(c.index);
            baselineLog.add(d.index, ms, c.renewalClass);
        } else if (successfulConnect) {
            baselineLog.add(d.index, ms, BaselineRenewals.CLASS_CONNECT);
        }
    }

    /** Rows that fell outside both windows. */
    public long ignoredRows() {
        return ignoredRows;
    }

    /** Rows inside a window but without a deviceId: counted as rows and in the timeline, nothing else. */
    public long rowsWithoutDevice() {
        return rowsWithoutDevice;
    }

    /** Distinct devices seen in either window so far (what the memory bound scales with). */
    public int devicesSeen() {
        return devices.size();
    }

    private void noteDimension(DeviceState d, int dim, String value, int ticks) {
        if (value.isEmpty() || ticks < d.dimTime(dim)) {
            return;
        }
        int current = d.dimValue(dim);
        ValueTable table = dimensionValues[dim];
        if (current >= 0) {
            String currentValue = table.value(current);
            if (currentValue.equals(value)) {
                d.dim(dim, current, ticks);
                return;
            }
            // Two values at the same millisecond: keep the smaller, so the outcome does not depend on row order.
            if (ticks == d.dimTime(dim) && value.compareTo(currentValue) > 0) {
                return;
            }
        }
        d.dim(dim, table.intern(value), ticks);
    }

    private CodeState code(String key) {
        if (key.equals(lastCodeKey)) {
            return lastCode;
        }
        CodeState c = codeIndex.get(key);
        if (c == null) {
            if (codes.size() > DeviceState.MAX_CODE_INDEX) {
                throw new IllegalStateException("more than " + DeviceState.MAX_CODE_INDEX + " distinct result codes");
            }
            c = new CodeState(key, codes.size(), BaselineRenewals.errorClass(key, otherCodes));
            if (!BaselineRenewals.isRenewalClass(c.renewalClass)) {
                otherCodes++;
            }
            codes.add(c);
            codeIndex.put(key, c);
        }
        lastCodeKey = key;
        lastCode = c;
        return c;
    }

    /** Summarises everything accepted so far. Does not change the aggregator. */
    public ConnectionEvidence finish() {
        return finish(onTwoThreads());
    }

    /** {@link #finish()} on one thread or two, whatever the size (tests compare the two). */
    ConnectionEvidence finish(boolean twoThreads) {
        int codeCount = codes.size();
        boolean[] renewalCode = new boolean[codeCount];
        boolean[] duplicateCode = new boolean[codeCount];
        int[] codeFamily = new int[codeCount];
        for (CodeState c : codes) {
            renewalCode[c.index] = c.code.equals("401003") || c.code.equals("404104");
            duplicateCode[c.index] = c.family == CauseFamily.DUPLICATE_CONNECTION;
            codeFamily[c.index] = c.family.ordinal();
        }
        long edgeFromMs = lastRowTime == null ? Long.MAX_VALUE
                : lastRowTime.toEpochMilli() - rules.edgeOfData().toMillis();
        // The baseline is judged first (renewals, chronic candidates): the pass over the devices needs its candidates
        int[] classFamily = new int[BaselineRenewals.CLASSES];
        Arrays.fill(classFamily, -1);
        for (CodeState c : codes) {
            if (c.renewalClass < BaselineRenewals.CLASS_OTHER_ERROR) {
                classFamily[c.renewalClass] = c.family.ordinal();
            }
        }
        int chronicHours = rules.chronicHours(baseline.duration());
        BaselineRenewals.Judgement judgement;
        int[] cuts = null;
        if (twoThreads) {
            cuts = baselineLog.deviceCuts(FINISH_PARTS);
            baselineLog.prepareParts();
            Judging mine = new Judging(cuts, classFamily, chronicHours);
            Judging helper = new Judging(cuts, classFamily, chronicHours);
            TasksOnTwoThreads.run(cuts.length - 1, mine, helper, "iothub-triage baseline");
            judgement = mine.judgement;
            judgement.add(helper.judgement);
        } else {
            judgement = baselineLog.judge(classFamily, chronicHours);
        }
        DevicePass.Setup setup = new DevicePass.Setup(codeCount, codeFamily, renewalCode, duplicateCode, cap,
                rules.renewalFollowUp().toMillis(), rules.renewalMinRepeat().toMillis(), windowStartMs, edgeFromMs,
                // a device's errors are kept up to the window's end: quiet after it is not known
                lastRowTime == null ? Long.MAX_VALUE : Math.min(lastRowTime.toEpochMilli(), window.end().toEpochMilli()),
                dimensionValues,
                ConnectionEvidence.TOP_DEVICES, judgement.chronic);
        DevicePass pass;
        if (twoThreads) {
            int passParts = DevicePass.countersBytes(dimensionValues) <= SPLIT_PASS_MAX_COUNTER_BYTES
                    ? FINISH_PARTS : 1;
            FinishShare mine = new FinishShare(setup, passParts);
            FinishShare helper = new FinishShare(setup, passParts);
            TasksOnTwoThreads.run(passParts, mine, helper, "iothub-triage finish");
            pass = mine.pass != null ? mine.pass : helper.pass;
            if (mine.pass != null && helper.pass != null) {
                pass.merge(helper.pass);
            }
        } else {
            pass = new DevicePass(setup);
            for (DeviceState d : devices) {
                pass.add(d);
            }
        }
        long[] baselineNoise = judged(judgement.noise, pass.chronic.baselineEvents);
        return new ConnectionEvidence(window, analysisRows, baselineRows, Optional.ofNullable(lastRowTime),
                activeDevices, pass.disconnected, codeStats(pass.codeTotals, baselineNoise),
                familyStats(pass.familyTotals),
                new Noise(pass.renewalDevices, pass.renewalEvents, pass.edgeDevices, pass.edgeEvents,
                        pass.sideEffectDevices, chronicDevices(pass.chronic), edgeCodes(pass.codeTotals)),
                pass.fleet.result(), topDevices(pass), timeline(), pass.cleanDisconnects, Optional.empty(),
                baselineStrip());
    }

    private static ConnectionEvidence.ChronicDevices chronicDevices(DevicePass.ChronicTotals t) {
        if (t.devices == 0) {
            return ConnectionEvidence.ChronicDevices.none();
        }
        List<CauseFamily> families = new ArrayList<>();
        for (CauseFamily f : Attribution.TIE_ORDER) {
            if (t.byFamily[f.ordinal()] > 0) {
                families.add(f);
            }
        }
        // insertion sort, stable: most devices first, ties in the tie order
        for (int i = 1; i < families.size(); i++) {
            for (int j = i; j > 0 && t.byFamily[families.get(j).ordinal()] > t.byFamily[families.get(j - 1).ordinal()]; j--) {
                families.set(j, families.set(j - 1, families.get(j)));
            }
        }
        List<String> examples = new ArrayList<>(t.examples.size());
        for (DeviceState d : t.examples) {
            examples.add(d.id());
        }
        return new ConnectionEvidence.ChronicDevices(t.devices, t.events, families, t.outcomes.flapping,
                t.outcomes.reconnected, t.outcomes.stillOffline, t.outcomes.medianPeriod(), t.minHours, examples);
    }

    /**
     * Whether {@link #finish} runs on two threads: for a big triage, whose pass over the devices and judgement of the
     * baseline's renewals take tens of milliseconds after the last row (a million rows of 50,000 devices: about 40
     * and 60 ms), while the core the reading thread has just left is idle. Not for the demo and most triages, where
     * starting a thread would cost more than it saves.
     */
    private boolean onTwoThreads() {
        return (baselineLog.severalChunks() || devices.size() >= TWO_THREADS_MIN_DEVICES)
                && Runtime.getRuntime().availableProcessors() > 1;
    }

    /**
     * One thread's share of the baseline's judgement in a {@link #finish} on two threads: the log is cut at devices
     * ({@link BaselineRenewals#deviceCuts}) into parts that the two threads take in turn ({@link TasksOnTwoThreads});
     * the two judgements are added up afterwards, and the sums are the same whichever thread took which part.
     */
    private final class Judging implements IntConsumer {
        private final int[] cuts;
        final BaselineRenewals.Judgement judgement;

        Judging(int[] cuts, int[] classFamily, int chronicHours) {
            this.cuts = cuts;
            this.judgement = new BaselineRenewals.Judgement(classFamily, chronicHours);
        }

        @Override
        public void accept(int task) {
            baselineLog.noise(cuts[task], cuts[task + 1], judgement);
        }
    }

    /**
     * One thread's share of the pass over the devices in a {@link #finish} on two threads, once the baseline is
     * judged (the pass sets chronic devices aside by its candidates): the device table is cut into ranges of slots that
     * the two threads take in turn. A share sums what its parts give into its own {@link DevicePass}; the two are
     * added up afterwards. The pass is split only while a second pass's counters stay small: they hold a count per
     * value of every scope dimension (up to eight times over), which for a fleet with a million distinct addresses
     * would be tens of megabytes; then the pass is one part, taken by either thread.
     */
    private final class FinishShare implements IntConsumer {
        private final DevicePass.Setup setup;
        private final int passParts;
        private final int slots;
        /** Made when the share takes its first part of the pass (so an unsplit pass has one set of counters). */
        DevicePass pass;

        /** @param passParts how many ranges of slots the device table is cut into */
        FinishShare(DevicePass.Setup setup, int passParts) {
            this.setup = setup;
            this.passParts = passParts;
            this.slots = devices.slotCount();
        }

        @Override
        public void accept(int part) {
            if (pass == null) {
                pass = new DevicePass(setup);
            }
            int to = (int) ((long) slots * (part + 1) / passParts);
            for (int i = (int) ((long) slots * part / passParts); i < to; i++) {
                DeviceState d = devices.slot(i);
                if (d != null) {
                    pass.add(d);
                }
            }
        }
    }

    /**
     * What is set aside from the baseline per class ({@link BaselineRenewals}): its renewals, and the baseline events
     * of the devices set aside as chronic; null when the baseline's rows were not judged.
     */
    private long[] judged(long[] renewals, long[] chronic) {
        if (!baselineLog.exact()) {
            return null;
        }
        long[] out = renewals.clone();
        for (int c = 0; c < out.length; c++) {
            out[c] += chronic[c];
        }
        return out;
    }

    /** The edge devices' codes, most devices first, at most {@link Noise#MAX_EDGE_CODES}. */
    private List<ConnectionEvidence.EdgeCode> edgeCodes(DevicePass.CodeTotals[] totals) {
        List<ConnectionEvidence.EdgeCode> out = new ArrayList<>();
        for (CodeState c : codes) {
            DevicePass.CodeTotals t = totals[c.index];
            if (t.edgeDevices > 0) {
                out.add(new ConnectionEvidence.EdgeCode(c.code, t.edgeDevices, t.edgeEvents,
                        Instant.ofEpochMilli(t.edgeMinMs), Instant.ofEpochMilli(t.edgeMaxMs)));
            }
        }
        out.sort(EdgeCodesByDevices.INSTANCE);
        return out.size() > Noise.MAX_EDGE_CODES ? List.copyOf(out.subList(0, Noise.MAX_EDGE_CODES)) : out;
    }

    /** Most devices first, then the code: a total order, so the report does not depend on the pass's order. */
    private enum EdgeCodesByDevices implements java.util.Comparator<ConnectionEvidence.EdgeCode> {
        INSTANCE;

        @Override
        public int compare(ConnectionEvidence.EdgeCode a, ConnectionEvidence.EdgeCode b) {
            return a.devices() != b.devices() ? Integer.compare(b.devices(), a.devices()) : a.code().compareTo(b.code());
        }
    }

    private List<CodeStats> codeStats(DevicePass.CodeTotals[] totals, long[] baselineNoise) {
        List<CodeStats> out = new ArrayList<>();
        for (CodeState c : codes) {
            if (c.analysisEvents == 0) {
                continue;
            }
            DevicePass.CodeTotals t = totals[c.index];
            OptionalLong judged = baselineNoise == null ? OptionalLong.empty()
                    : OptionalLong.of(c.renewalClass < BaselineRenewals.CLASS_OTHER_ERROR
                    ? baselineNoise[c.renewalClass] : 0);
            out.add(new CodeStats(c.code, c.description, t.events, t.devices, t.noiseEvents, t.onConnect,
                    c.baselineEvents, c.baselineDevices, instant(t.minMs, Long.MAX_VALUE),
                    instant(t.maxMs, Long.MIN_VALUE), judged));
        }
        out.sort(new MostDevicesFirst());
        return out;
    }

    private static List<FamilyStats> familyStats(DevicePass.FamilyTotals[] totals) {
        List<FamilyStats> out = new ArrayList<>();
        for (CauseFamily f : Attribution.TIE_ORDER) {
            DevicePass.FamilyTotals t = totals[f.ordinal()];
            if (t != null) {
                out.add(new FamilyStats(f, t.devices, t.outcomes.stillOffline, t.dimensions.result(),
                        instant(t.minMs, Long.MAX_VALUE), instant(t.maxMs, Long.MIN_VALUE), t.outcomes.flapping,
                        t.outcomes.reconnected, t.outcomes.medianPeriod()));
            }
        }
        // insertion sort, stable: equal device counts keep the tie order (at most seven families)
        for (int i = 1; i < out.size(); i++) {
            for (int j = i; j > 0 && out.get(j).devices() > out.get(j - 1).devices(); j--) {
                out.set(j, out.set(j - 1, out.get(j)));
            }
        }
        return out;
    }

    private List<DeviceStats> topDevices(DevicePass pass) {
        List<DevicePass.Ranked> chosen = new ArrayList<>(pass.noisiest);
        chosen.sort(DevicePass.NoisiestFirst.INSTANCE);
        List<DeviceStats> out = new ArrayList<>(chosen.size());
        DeviceErrors scan = pass.scan;
        for (DevicePass.Ranked r : chosen) {
            // codes only (whether it still flaps is not asked), by the same renewal rule as the pass counted them
            scan.load(r.device(), windowStartMs, Long.MAX_VALUE, pass.steadyTakeovers(r.device()));
            out.add(new DeviceStats(r.device().id(), r.events(), mostFrequentCodes(scan, TOP_CODES),
                    FAMILIES[r.family()]));
        }
        return out;
    }

    /** The device's codes by non-noise events descending, then code, at most {@code k}. */
    private List<String> mostFrequentCodes(DeviceErrors scan, int k) {
        int[] chosen = new int[k];
        int filled = 0;
        for (int i = 0; i < scan.touchedCount; i++) {
            int c = scan.touched[i];
            if (scan.evidence[c] == 0) {
                continue;
            }
            if (filled < k || comesFirst(c, chosen[filled - 1], scan)) {
                int at = filled < k ? filled++ : k - 1;
                while (at > 0 && comesFirst(c, chosen[at - 1], scan)) {
                    chosen[at] = chosen[at - 1];
                    at--;
                }
                chosen[at] = c;
            }
        }
        List<String> out = new ArrayList<>(filled);
        for (int i = 0; i < filled; i++) {
            out.add(codes.get(chosen[i]).code);
        }
        return out;
    }

    private boolean comesFirst(int a, int b, DeviceErrors scan) {
        if (scan.evidence[a] != scan.evidence[b]) {
            return scan.evidence[a] > scan.evidence[b];
        }
        return codes.get(a).code.compareTo(codes.get(b).code) < 0;
    }

    private List<MinuteBucket> timeline() {
        List<MinuteBucket> out = new ArrayList<>(connects.length);
        for (int i = 0; i < connects.length; i++) {
            EnumMap<CauseFamily, Integer> byFamily = new EnumMap<>(CauseFamily.class);
            for (int f = 0; f < FAMILIES.length; f++) {
                if (familyErrors[f] != null && familyErrors[f][i] > 0) {
                    byFamily.put(FAMILIES[f], familyErrors[f][i]);
                }
            }
            out.add(new MinuteBucket(Instant.ofEpochMilli(timelineStartMs + i * MINUTE_MS), connects[i],
                    disconnects[i], errors[i], byFamily, cleanDisconnects[i]));
        }
        return out;
    }

    private BaselineStrip baselineStrip() {
        List<MinuteBucket> out = new ArrayList<>(stripErrors.length);
        for (int i = 0; i < stripErrors.length; i++) {
            out.add(new MinuteBucket(Instant.ofEpochMilli(stripStartMs + i * stripBucketMs), stripConnects[i],
                    stripDisconnects[i], stripErrors[i]));
        }
        return new BaselineStrip(Duration.ofMillis(stripBucketMs), out);
    }

    /** The family of an error row's code; consecutive rows mostly share a code, so the last answer is kept. */
    private int familyOrdinal(String code) {
        if (!code.equals(lastFamilyCode)) {
            lastFamilyCode = code;
            lastFamily = CauseFamily.of(code).ordinal();
        }
        return lastFamily;
    }

    private static Optional<Instant> instant(long ms, long none) {
        return ms == none ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }

    private static long ceilMillis(Instant t) {
        long ms = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
    }

    private static final class MostDevicesFirst implements Comparator<CodeStats> {
        @Override
        public int compare(CodeStats a, CodeStats b) {
            int c = Integer.compare(b.devices(), a.devices());
            if (c == 0) {
                c = Long.compare(b.events(), a.events());
            }
            return c != 0 ? c : a.code().compareTo(b.code());
        }
    }

    /** One result code: what accept() counts. */
    private static final class CodeState {
        final String code;
        final int index;
        final CauseFamily family;
        /** Its class in the baseline's renewal log: 401003, 404104, an other code of its own, or any later code. */
        final int renewalClass;
        String description = "";
        /** True once a row of the code logged a ResultDescription: errorMessage no longer stands in. */
        boolean named;
        long analysisEvents;
        long baselineEvents;
        int baselineDevices;

        CodeState(String code, int index, int renewalClass) {
            this.code = code;
            this.index = index;
            this.family = CauseFamily.of(code);
            this.renewalClass = renewalClass;
        }

        /**
         * Keeps the smallest non-empty ResultDescription, so the outcome does not depend on row order; until a row of
         * the code logs one, the smallest non-empty errorMessage stands in for it (a code's only name then).
         */
        void noteDescription(String d, String message) {
            if (!d.isEmpty()) {
                if (!named || (d != description && d.compareTo(description) < 0)) {
                    description = d;
                    named = true;
                }
            } else if (!named && !message.isEmpty() && message != description
                    && (description.isEmpty() || message.compareTo(description) < 0)) {
                description = message;
            }
        }
    }
}
