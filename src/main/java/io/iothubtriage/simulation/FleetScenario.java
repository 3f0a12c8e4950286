package io.iothubtriage.simulation;

import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.alert.HubId;
import io.iothubtriage.evidence.ChangeEvidence;
import io.iothubtriage.alert.MetricCondition;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.alert.TimeWindow;
import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionLogRow;
import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;
import io.iothubtriage.evidence.HubHealthEvidence;
import io.iothubtriage.evidence.RowFieldsConsumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A deterministic simulated IoT hub: a fleet of devices with realistic properties, their background behaviour over
 * the baseline and analysis windows (hourly SAS renewals with random phase, clean reconnects, network blips), and
 * incidents injected at given times. The same builder settings always yield the same rows, metric and health.
 *
 * <pre>{@code
 * FleetScenario s = FleetScenario.builder().devices(1000).seed(7).firedAt(t)
 *         .incident(Incident.siteOutage("203.0.113.XXX", 0.95)).build();
 * s.rows(aggregator);                 // streams every row; nothing is held
 * DeviceCountEvidence m = s.deviceCount();
 * HubHealthEvidence h = s.health();
 * }</pre>
 *
 * Rows are produced in hour-long slices, so memory stays bounded by the fleet size whatever the row count.
 */
public final class FleetScenario {

    private static final double EXTRA_REGISTERED_SHARE = 0.04;

    private final HubId hub;
    private final String region;
    private final long seed;
    private final Instant firedAt;
    private final String logSourceFailure;
    private final TimeWindow window;
    private final TimeWindow baseline;
    private final Instant incidentAt;
    private final Instant dataEnd;
    private final List<Generator.Scheduled> scheduled;
    private final boolean diagnosticLogs;
    private final Fleet fleet;
    private final int[] owner;
    private final long[] awayFrom;
    private final long[] awayTo;
    private final int[] hitCounts;
    private final long renewalPeriodMs;
    private final double churnPerHour;
    private final double blipsPerHour;
    private final long scriptEndMs;
    private DeviceCountEvidence deviceCount;
    private HubHealthEvidence health;
    private final List<ScriptedChange> changes;

    private FleetScenario(Builder b) {
        this.hub = b.hub;
        this.region = b.region;
        this.seed = b.seed;
        this.firedAt = b.firedAt;
        this.logSourceFailure = b.logSourceFailure;
        this.window = b.window != null ? b.window
                : new TimeWindow(b.firedAt.minus(Duration.ofMinutes(30)), b.firedAt.plus(Duration.ofMinutes(5)));
        this.baseline = b.baseline != null ? b.baseline : window.before(b.baselineLength);
        if (baseline.end().isAfter(window.start())) {
            throw new IllegalArgumentException("baseline must end no later than the window starts");
        }
        if (window.end().toEpochMilli() - baseline.start().toEpochMilli() > Generator.MAX_SPAN_MS) {
            throw new IllegalArgumentException("baseline start to window end spans more than 795 days");
        }
        this.incidentAt = b.incidentAt != null ? b.incidentAt : b.firedAt.minus(Duration.ofMinutes(4));
        this.dataEnd = b.dataEnd != null ? b.dataEnd : window.end();

        List<Generator.Scheduled> flat = new ArrayList<>();
        boolean logs = b.diagnosticLogs;
        for (Builder.Pending entry : b.incidents) {
            Incident incident = entry.incident();
            Instant at = entry.at() != null ? entry.at() : incidentAt;
            List<Incident> parts = incident instanceof Incident.Mixed m ? m.parts() : List.of(incident);
            for (Incident part : parts) {
                if (part instanceof Incident.NoDiagnosticLogs) {
                    logs = false;
                }
                flat.add(new Generator.Scheduled(part, at.toEpochMilli(), flat.size()));
            }
        }
        this.scheduled = List.copyOf(flat);
        this.diagnosticLogs = logs;

        List<Site> sites = b.sites.isEmpty() ? Builder.DEFAULT_SITES : List.copyOf(b.sites);
        this.fleet = new Fleet(b.devices, b.seed, sites, b.x509Share, b.sasScope, b.amqpShare, b.mqttWsShare,
                b.renewalPeriod.toMillis());
        this.owner = new int[b.devices];
        this.awayFrom = new long[b.devices];
        this.awayTo = new long[b.devices];
        this.hitCounts = new int[scheduled.size()];
        Arrays.fill(owner, -1);
        long scriptEnd = Math.max(window.end().toEpochMilli(), dataEnd.toEpochMilli());
        claimDevices(b.seed, scriptEnd);
        this.renewalPeriodMs = b.renewalPeriod.toMillis();
        this.churnPerHour = b.churnPerHour;
        this.blipsPerHour = b.blipsPerHour;
        this.scriptEndMs = scriptEnd;
        this.changes = List.copyOf(b.changes);
    }

    /** What the hub's Activity Log and Resource Graph record of the scenario's scripted changes. */
    public ChangeEvidence changeHistory() {
        List<io.iothubtriage.evidence.ChangeEvent> events = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            events.add(changes.get(i).event(hub, incidentAt, seed, i));
        }
        return ChangeEvidence.bounded(events);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Streams every row of the baseline and analysis windows (up to the end of the data), oldest first. */
    public void rows(Consumer<? super ConnectionLogRow> sink) {
        rows(sink, RowOrder.OLDEST_FIRST);
    }

    /** Streams every row in the given order; none when diagnostic logs are off or the log source fails. */
    public void rows(Consumer<? super ConnectionLogRow> sink, RowOrder order) {
        rowFields(new RowsOf(Objects.requireNonNull(sink, "sink")), order);
    }

    /**
     * Streams every row, oldest first, as its fields: how the simulated log source feeds its aggregator, without a
     * row object per row (see {@link RowFieldsConsumer}).
     */
    public void rowFields(RowFieldsConsumer sink) {
        rowFields(sink, RowOrder.OLDEST_FIRST);
    }

    /** As {@link #rows(Consumer, RowOrder)}, each row as its fields. */
    public void rowFields(RowFieldsConsumer sink, RowOrder order) {
        Objects.requireNonNull(sink, "sink");
        if (!diagnosticLogs || logSourceFailure != null) {
            return;
        }
        Generator generator = generator();
        Generator.EventSink events = new RowSink(new RowFactory(fleet), sink);
        long end = dataEnd.toEpochMilli();
        long bFrom = baseline.start().toEpochMilli();
        long bTo = Math.min(baseline.end().toEpochMilli(), end);
        long wFrom = window.start().toEpochMilli();
        long wTo = Math.min(window.end().toEpochMilli(), end);
        boolean newestFirst = order == RowOrder.NEWEST_FIRST;
        if (newestFirst) {
            generator.run(wFrom, wTo, true, events);
            generator.run(bFrom, bTo, true, events);
        } else {
            generator.run(bFrom, bTo, false, events);
            generator.run(wFrom, wTo, false, events);
        }
    }

    /** connectedDeviceCount (min/avg/max per minute of the window) and totalDeviceCount, consistent with the rows. */
    public synchronized DeviceCountEvidence deviceCount() {
        if (deviceCount == null) {
            deviceCount = DeviceCountSimulator.simulate(generator(), fleet.size, registeredDevices(),
                    window.start().toEpochMilli(), window.end().toEpochMilli(), awayFrom, awayTo, owner);
        }
        return deviceCount;
    }

    /** Resource Health for the scenario: Available unless an incident says otherwise. */
    public synchronized HubHealthEvidence health() {
        if (health == null) {
            health = HealthSimulator.simulate(scheduled, window.start(), window.end(), region, seed);
        }
        return health;
    }

    /** The triage request an alert on this scenario would make: hub, windows, and the metric alert that fired. */
    public TriageRequest request() {
        return new TriageRequest(hub, window, baseline, Optional.of(alert()));
    }

    /**
     * The connectedDeviceCount alert that fired: LessThan a threshold halfway between the count before the incident
     * and its lowest point up to the firing time (just above the lowest point when there was no dip).
     */
    public AlertIdentity alert() {
        List<MetricPoint> connected = deviceCount().connected();
        double before = connected.isEmpty() ? fleet.size : connected.get(0).average().orElse(fleet.size);
        double lowest = before;
        for (MetricPoint p : connected) {
            if (!p.time().isAfter(firedAt)) {
                lowest = Math.min(lowest, p.minimum().orElse(before));
            }
        }
        double threshold = before > lowest ? Math.ceil((before + lowest) / 2) : lowest + 1;
        UUID id = new UUID(Mix.hash(seed, 1, 2, 51), Mix.hash(seed, 3, 4, 52));
        String alertId = new StringBuilder("/subscriptions/").append(hub.subscriptionId())
                .append("/providers/Microsoft.AlertsManagement/alerts/").append(id).toString();
        MetricCondition metric = new MetricCondition("connectedDeviceCount", "LessThan", "Minimum",
                OptionalDouble.of(threshold), OptionalDouble.of(lowest));
        return new AlertIdentity(alertId, hub.name().concat("-connected-devices-low"), "Sev2",
                MonitorCondition.FIRED, firedAt, Optional.empty(), "Metric", "Platform",
                Optional.of(metric), "Connected devices dropped below the expected level");
    }

    /** What each incident actually did: devices hit and the family a correct triage attributes them to. */
    public List<IncidentTruth> truth() {
        List<IncidentTruth> out = new ArrayList<>();
        for (Generator.Scheduled s : scheduled) {
            List<String> examples = new ArrayList<>();
            for (int d = 0; d < fleet.size && examples.size() < 5; d++) {
                if (owner[d] == s.index()) {
                    examples.add(fleet.id(d));
                }
            }
            out.add(new IncidentTruth(s.incident(), Instant.ofEpochMilli(s.atMs()), hitCounts[s.index()],
                    s.incident().family(), examples));
        }
        return out;
    }

    /** Devices that take part (have a connection); the hub registers a few more that never connect. */
    public int devices() {
        return fleet.size;
    }

    /** totalDeviceCount: the fleet plus 4 % registered devices that never connect. */
    public int registeredDevices() {
        return fleet.size + (int) Math.round(fleet.size * EXTRA_REGISTERED_SHARE);
    }

    public HubId hub() {
        return hub;
    }

    public TimeWindow window() {
        return window;
    }

    public TimeWindow baseline() {
        return baseline;
    }

    public Instant firedAt() {
        return firedAt;
    }

    public Instant incidentAt() {
        return incidentAt;
    }

    /** No row at or after this instant is produced (logs land late; an export ends somewhere). */
    public Instant dataEnd() {
        return dataEnd;
    }

    /** False when the scenario has no diagnostic setting: the log source answers, with no rows. */
    public boolean diagnosticLogs() {
        return diagnosticLogs;
    }

    /** When set, a log source over this scenario fails with this reason instead of answering. */
    public Optional<String> logSourceFailure() {
        return Optional.ofNullable(logSourceFailure);
    }

    public String region() {
        return region;
    }

    /**
     * A generator of its own for each run: a scenario is immutable after build, and its rows, metric and health may
     * be asked for from several threads at once (the evidence sources run concurrently).
     */
    private Generator generator() {
        return new Generator(fleet, seed, renewalPeriodMs, churnPerHour, blipsPerHour, scheduled, owner, awayFrom,
                awayTo, scriptEndMs);
    }

    private void claimDevices(long seed, long scriptEnd) {
        Mix.Rng rng = new Mix.Rng();
        for (Generator.Scheduled s : scheduled) {
            Optional<DeviceSelection> selection = selectionOf(s.incident());
            if (selection.isEmpty()) {
                continue;
            }
            DeviceSelection sel = selection.get();
            int i = s.index();
            if (sel.kind() == DeviceSelection.Kind.COUNT) {
                int[] order = Fleet.permutation(fleet.size, seed ^ (0x9E37L * (i + 1)));
                for (int k = 0; k < order.length && hitCounts[i] < sel.count(); k++) {
                    claim(order[k], s, rng, seed, scriptEnd);
                }
            } else {
                for (int d = 0; d < fleet.size; d++) {
                    if (owner[d] < 0 && sel.matches(fleet, d) && Mix.unit(Mix.hash(seed, d, i, 30)) < sel.share()) {
                        claim(d, s, rng, seed, scriptEnd);
                    }
                }
            }
        }
    }

    private void claim(int d, Generator.Scheduled s, Mix.Rng rng, long seed, long scriptEnd) {
        if (owner[d] >= 0) {
            return;
        }
        owner[d] = s.index();
        hitCounts[s.index()]++;
        long[] away = {Long.MAX_VALUE, Long.MIN_VALUE};
        Scripts.play(s.incident(), s.atMs(), scriptEnd, rng.reseed(Mix.hash(seed, d, s.index(), 31)),
                new Scripts.Sink() {
                    @Override
                    public void event(long timeMs, int kind) {
                    }

                    @Override
                    public void away(long fromMs, long toMs) {
                        away[0] = fromMs;
                        away[1] = toMs;
                    }
                });
        awayFrom[d] = away[0];
        awayTo[d] = away[1];
    }

    private static Optional<DeviceSelection> selectionOf(Incident incident) {
        if (incident instanceof Incident.NetworkLoss i) {
            return Optional.of(i.devices());
        } else if (incident instanceof Incident.ExpiredCredentials i) {
            return Optional.of(i.devices());
        } else if (incident instanceof Incident.DuplicateClients i) {
            return Optional.of(i.devices());
        } else if (incident instanceof Incident.PlatformUpgrade i) {
            return Optional.of(i.devices());
        } else if (incident instanceof Incident.Failover i) {
            return Optional.of(i.devices());
        } else if (incident instanceof Incident.TransientServiceErrors i) {
            return Optional.of(i.devices());
        } else if (incident instanceof Incident.Throttling i) {
            return Optional.of(i.devices());
        } else if (incident instanceof Incident.SingleDeviceFailure i) {
            return Optional.of(i.devices());
        } else if (incident instanceof Incident.CleanShutdown i) {
            return Optional.of(i.devices());
        }
        return Optional.empty();
    }

    /** Turns events into rows, as their fields, for the caller's consumer. */
    private static final class RowSink implements Generator.EventSink {
        private final RowFactory factory;
        private final RowFieldsConsumer sink;

        RowSink(RowFactory factory, RowFieldsConsumer sink) {
            this.factory = factory;
            this.sink = sink;
        }

        @Override
        public void event(long timeMs, int device, int kind) {
            factory.row(timeMs, device, kind, sink);
        }
    }

    /** A consumer of whole rows, given the fields: makes the row. */
    private static final class RowsOf implements RowFieldsConsumer {
        private final Consumer<? super ConnectionLogRow> rows;

        RowsOf(Consumer<? super ConnectionLogRow> rows) {
            this.rows = rows;
        }

        @Override
        public void accept(Instant time, String operationName, String level, String resultType,
                           String resultDescription, String deviceId, String protocol, String authType,
                           String maskedIpAddress, String sdkVersion, String statusCode, String errorMessage) {
            rows.accept(new ConnectionLogRow(time, operationName, level, resultType, resultDescription, deviceId,
                    protocol, authType, maskedIpAddress, sdkVersion, statusCode, errorMessage));
        }
    }

    /** Settings of a scenario. Every one has a default, so {@code builder().build()} is a quiet 1,000-device hub. */
    public static final class Builder {
        static final List<Site> DEFAULT_SITES = List.of(new Site("203.0.113.XXX", 0.25),
                new Site("198.51.100.XXX", 0.15), new Site("192.0.2.XXX", 0.10));
        // built without parsing: the demo runs in a cold JVM, where regex and date parsing cost milliseconds
        static final HubId DEFAULT_HUB = new HubId("8b1a3c2e-0f4d-4e8a-9c71-2d5e6f7a8b90", "iot-prod-rg",
                "contoso-hub");
        /** 2026-01-15T10:45:00Z. */
        static final Instant DEFAULT_FIRED_AT = Instant.ofEpochSecond(1_768_473_900L);

        private HubId hub = DEFAULT_HUB;
        private String region = "westeurope";
        private int devices = 1000;
        private long seed = 7;
        private Instant firedAt = DEFAULT_FIRED_AT;
        private TimeWindow window;
        private TimeWindow baseline;
        private Duration baselineLength = Duration.ofHours(24);
        private Instant incidentAt;
        private Instant dataEnd;
        private final List<Site> sites = new ArrayList<>();
        private double x509Share = 0.15;
        private String sasScope = "device";
        private double amqpShare = 0.12;
        private double mqttWsShare = 0.08;
        private Duration renewalPeriod = Duration.ofMinutes(60);
        private double churnPerHour = 0.01;
        private double blipsPerHour = 0.004;
        private boolean diagnosticLogs = true;
        private String logSourceFailure;
        private final List<Pending> incidents = new ArrayList<>();
        private final List<ScriptedChange> changes = new ArrayList<>();

        private record Pending(Incident incident, Instant at) {
        }

        private Builder() {
        }

        public Builder hub(HubId hub) {
            this.hub = Objects.requireNonNull(hub, "hub");
            return this;
        }

        /** The hub's region (ARM name, e.g. westeurope), used by Resource Health and service-health events. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Devices that connect (1 to 1,048,575; default 1,000). */
        public Builder devices(int devices) {
            if (devices < 1 || devices >= Generator.MAX_DEVICES) {
                throw new IllegalArgumentException("devices must be between 1 and " + (Generator.MAX_DEVICES - 1));
            }
            this.devices = devices;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** When the alert fired; the window defaults to [firedAt − 30 min, firedAt + 5 min). */
        public Builder firedAt(Instant firedAt) {
            this.firedAt = Objects.requireNonNull(firedAt, "firedAt");
            return this;
        }

        public Builder window(TimeWindow window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        public Builder baseline(TimeWindow baseline) {
            this.baseline = Objects.requireNonNull(baseline, "baseline");
            return this;
        }

        /** Length of the baseline window right before the analysis window (default 24 h). */
        public Builder baseline(Duration length) {
            this.baselineLength = Objects.requireNonNull(length, "length");
            return this;
        }

        /** When incidents added without their own time start (default firedAt − 4 min). */
        public Builder incidentAt(Instant at) {
            this.incidentAt = Objects.requireNonNull(at, "at");
            return this;
        }

        /** Where the data ends (default: the window end); no row at or after it is produced. */
        public Builder dataEndsAt(Instant end) {
            this.dataEnd = Objects.requireNonNull(end, "end");
            return this;
        }

        /**
         * Puts a share of the fleet behind one masked IP address. Without any site, the fleet has 25 % behind
         * 203.0.113.XXX, 15 % behind 198.51.100.XXX and 10 % behind 192.0.2.XXX; the rest always sits behind many
         * home-ISP-like addresses (about three devices each).
         */
        public Builder site(String maskedIp, double share) {
            double total = share;
            for (Site site : sites) {
                total += site.share();
            }
            if (total >= 1) {
                throw new IllegalArgumentException("site shares must add up to less than 1");
            }
            sites.add(new Site(maskedIp, share));
            return this;
        }

        /** Share of devices authenticating with X.509 (default 0.15; they never renew a SAS token). */
        public Builder x509Share(double share) {
            this.x509Share = share(share, "x509Share");
            return this;
        }

        /**
         * The scope of the SAS devices' tokens (default {@code device}: each signs with its own device key;
         * {@code hub}: a token service signs with a key of one of the hub's shared access policies; {@code module}).
         */
        public Builder sasScope(String scope) {
            if (!Fleet.SAS_SCOPES.contains(scope)) {
                throw new IllegalArgumentException("sasScope must be one of " + Fleet.SAS_SCOPES + ": " + scope);
            }
            this.sasScope = scope;
            return this;
        }

        /** Shares of devices on AMQP (default 0.12) and MQTT over WebSockets (default 0.08); the rest use MQTT. */
        public Builder protocolShares(double amqp, double mqttWs) {
            if (amqp + mqttWs > 1) {
                throw new IllegalArgumentException("protocol shares add up to more than 1");
            }
            this.amqpShare = share(amqp, "amqp");
            this.mqttWsShare = share(mqttWs, "mqttWs");
            return this;
        }

        /** SAS token lifespan: how often each device renews (default 60 min). */
        public Builder renewalPeriod(Duration period) {
            if (period.compareTo(Duration.ofMinutes(5)) < 0) {
                throw new IllegalArgumentException("renewal period must be at least 5 minutes");
            }
            this.renewalPeriod = period;
            return this;
        }

        /** Per device and hour, the chance of a clean disconnect/reconnect (default 0.01). */
        public Builder churnPerHour(double p) {
            this.churnPerHour = share(p, "churnPerHour");
            return this;
        }

        /** Per device and hour, the chance of a network blip: 404104 and a reconnect within 90 s (default 0.004). */
        public Builder blipsPerHour(double p) {
            this.blipsPerHour = share(p, "blipsPerHour");
            return this;
        }

        /** Adds an incident starting at the scenario's incident time. */
        public Builder incident(Incident incident) {
            incidents.add(new Pending(Objects.requireNonNull(incident, "incident"), null));
            return this;
        }

        /** Adds an incident starting at its own time. */
        public Builder incident(Incident incident, Instant at) {
            incidents.add(new Pending(Objects.requireNonNull(incident, "incident"), Objects.requireNonNull(at, "at")));
            return this;
        }

        /** Adds a change of the hub, recorded in its change history (Activity Log and Resource Graph). */
        public Builder change(ScriptedChange change) {
            changes.add(Objects.requireNonNull(change, "change"));
            return this;
        }

        /** Without a diagnostic setting the hub writes no Connections rows (same as {@link Incident#noDiagnosticLogs()}). */
        public Builder diagnosticLogs(boolean on) {
            this.diagnosticLogs = on;
            return this;
        }

        /** Makes a log source over this scenario fail with this reason (e.g. a query time-out). */
        public Builder logSourceFails(String reason) {
            this.logSourceFailure = Objects.requireNonNull(reason, "reason");
            return this;
        }

        public FleetScenario build() {
            return new FleetScenario(this);
        }

        private static double share(double v, String name) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
            }
            return v;
        }
    }
}
