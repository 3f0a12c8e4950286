package io.iothubtriage.functions;

import io.iothubtriage.alert.HubId;
import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.config.Settings;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.dispatch.AlertIntake;
import io.iothubtriage.dispatch.AlertProcessor;
import io.iothubtriage.dispatch.AlertReader;
import io.iothubtriage.dispatch.FailureNotices;
import io.iothubtriage.dispatch.LedgeredPosting;
import io.iothubtriage.dispatch.Outbox;
import io.iothubtriage.dispatch.ReportFormats;
import io.iothubtriage.dispatch.Rerun;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.dispatch.TriageLedger;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The composition root: every client and service of the function app, built once per process from the settings
 * read once at start-up. The alerts endpoint touches only the alert reader, so accepting an alert never waits for
 * a credential, a table or a source client; those are built on first use by the worker and the rerun endpoint.
 * <p>
 * Tests build an {@code App} from injected pieces (sources pointed at fake servers, destinations at a local fake
 * webhook, a ledger on Azurite) and hand it to the function classes' package-private constructors.
 */
public final class App {
    /**
     * How long a claimed post may stay unrecorded before another invocation takes it for dead and posts again,
     * marked as a possible repeat. Longer than one delivery with its retries (about 2 minutes at worst), shorter
     * than the redelivery span of a message (maxDequeueCount × visibilityTimeout in host.json, 10 minutes), so a
     * crash never uses up the retries waiting.
     */
    public static final Duration POSTING_LEASE = Duration.ofMinutes(3);
    /** The longest one delivery may take with its in-process retries (see the outbox's delivery policy). */
    public static final Duration DELIVERY_WORST_CASE = Duration.ofMinutes(2);

    private static volatile App process;

    private final Settings settings;
    private final Clock clock;
    private final AlertIntake intake;
    private final Lazy<AlertProcessor> processor;
    private final Lazy<FailureNotices> notices;
    private final Lazy<Rerun> rerun;

    /**
     * @param engine the triage with its sources; built on first use
     * @param ledger the ledger on the app's storage; built on first use (the table is created then)
     * @param outbox the configured destinations; built on first use
     */
    public App(Settings settings, AlertReader reader, Supplier<TriageEngine> engine, Supplier<TriageLedger> ledger,
               Supplier<Outbox> outbox, ReportFormats formats, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        Set<HubId> allowed = allowedHubs(settings);
        this.intake = new AlertIntake(reader, clock, () -> UUID.randomUUID().toString());
        Lazy<TriageEngine> lazyEngine = new Lazy<>(engine);
        Lazy<Outbox> lazyOutbox = new Lazy<>(outbox);
        Lazy<TriageLedger> lazyLedger = new Lazy<>(() -> {
            TriageLedger l = ledger.get();
            l.ensureTable();
            return l;
        });
        Lazy<LedgeredPosting> posting = new Lazy<>(
                () -> new LedgeredPosting(lazyLedger.get(), lazyOutbox.get(), clock, POSTING_LEASE));
        WindowPolicy windows = windowPolicy(settings);
        this.notices = new Lazy<>(() -> new FailureNotices(lazyLedger.get(), lazyOutbox.get(), posting.get(),
                windows, clock));
        this.processor = new Lazy<>(() -> new AlertProcessor(reader, lazyEngine.get(), lazyLedger.get(),
                lazyOutbox.get(), posting.get(), notices.get(),
                new AlertProcessor.Options(settings.notifyOnResolved(), settings.suppressRepeat()), clock));
        this.rerun = new Lazy<>(() -> new Rerun(lazyEngine.get(), lazyOutbox.get(), formats, allowed,
                windowPolicy(settings), settings.windowBefore(), clock));
    }

    /** The process-wide app, built from the environment on first use. */
    static App get() {
        App a = process;
        if (a == null) {
            synchronized (App.class) {
                a = process;
                if (a == null) {
                    a = LiveApp.build(Settings.fromEnvironment());
                    process = a;
                }
            }
        }
        return a;
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public AlertIntake intake() {
        return intake;
    }

    public AlertProcessor processor() {
        return processor.get();
    }

    public FailureNotices notices() {
        return notices.get();
    }

    public Rerun rerun() {
        return rerun.get();
    }

    /** The analysis and baseline windows the settings describe. */
    public static WindowPolicy windowPolicy(Settings settings) {
        return new WindowPolicy(settings.windowBefore(), settings.windowAfter(), settings.baseline());
    }

    /** TRIAGE_HUBS as hub ids; a malformed entry fails start-up naming the setting. */
    static Set<HubId> allowedHubs(Settings settings) {
        Set<HubId> hubs = new LinkedHashSet<>();
        int i = 0;
        for (String id : settings.triageHubs()) {
            i++;
            try {
                hubs.add(HubId.parse(id));
            } catch (IllegalArgumentException e) {
                throw new SettingsException(Settings.TRIAGE_HUBS, "entry " + i + " " + e.getMessage());
            }
        }
        return hubs;
    }
}
