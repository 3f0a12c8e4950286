package io.iothubtriage.functions;

import io.iothubtriage.alert.WindowPolicy;
import io.iothubtriage.config.Settings;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.dispatch.AlertIntake;
import io.iothubtriage.dispatch.AlertProcessor;
import io.iothubtriage.dispatch.AlertReader;
import io.iothubtriage.dispatch.FailureNotices;
import io.iothubtriage.dispatch.LedgeredPosting;
import io.iothubtriage.dispatch.Outbox;
import io.iothubtriage.dispatch.Redrive;
import io.iothubtriage.dispatch.ReportFormats;
import io.iothubtriage.dispatch.RequestQueue;
import io.iothubtriage.dispatch.Rerun;
import io.iothubtriage.dispatch.RerunLimiter;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.dispatch.TriageLedger;
import io.iothubtriage.dispatch.TriageSchedule;
import io.iothubtriage.dispatch.Worker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The composition root: every client and service of the function app, each built on first use and kept for the
 * process. The settings are read by the one reader ({@link Settings#from}) in three profiles, apart:
 * <ul>
 *   <li>{@link io.iothubtriage.config.Profile#INTAKE} (its storage queue, the window, TRIAGE_HUBS): the alerts
 *       endpoint needs nothing else (a malformed window or hub setting is skipped there, see {@link #intakeSkipped()}), so a broken worker setting never makes it refuse an alert, and it loads
 *       neither the triage engine nor the Log Analytics or ARM clients;</li>
 *   <li>{@link io.iothubtriage.config.Profile#FAILURE} (storage, each valid destination on its own): the failure
 *       path, which no worker setting and no one bad destination can stop;</li>
 *   <li>{@link io.iothubtriage.config.Profile#APP}, everything: the worker and the rerun endpoint.</li>
 * </ul>
 * Tests build an {@code App} from a {@link Wiring} of injected pieces (sources pointed at fake servers,
 * destinations at a local fake webhook, queues and ledger on Azurite).
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

    /** How the app's pieces are made; each is asked for once per process, on first use. */
    public interface Wiring {
        /** The intake's settings only. @throws SettingsException naming what is wrong */
        Settings intakeSettings();

        /** Every setting. @throws SettingsException naming what is wrong */
        Settings settings();

        /**
         * The failure path's settings ({@link io.iothubtriage.config.Profile#FAILURE}): storage and each valid
         * destination; a malformed destination is in {@link Settings#skipped()}, not a failure.
         *
         * @throws SettingsException only when the storage settings are broken
         */
        Settings failureSettings();

        /** A queue on the app's storage account. */
        RequestQueue queue(Settings intake, String name);

        /** The queue the alerts endpoint writes to: {@code triage-requests}, on a client of its own. */
        default RequestQueue intakeQueue(Settings intake) {
            return queue(intake, Names.QUEUE);
        }

        default AlertReader reader(Settings intake) {
            WindowPolicy policy = intake.windowPolicy();
            return json -> io.iothubtriage.alert.AlertParser.parse(json, policy);
        }

        TriageEngine engine(Settings settings);

        TriageLedger ledger(Settings settings);

        /** @throws SettingsException when a destination setting is malformed */
        Outbox outbox(Settings settings);

        /**
         * The failure path's destinations: each one built on its own from {@code failure}; one that cannot be
         * built is given to {@code skip} and left out, so it never keeps the notice from the others.
         */
        default Outbox failureOutbox(Settings failure, Consumer<SettingsException.Problem> skip) {
            return outbox(failure);
        }

        ReportFormats formats();

        Clock clock();
    }

    private static volatile App process;

    private final Clock clock;
    private final Lazy<Settings> intakeSettings;
    private final Lazy<Settings> settings;
    private final Lazy<Settings> failureSettings;
    private final Lazy<AlertIntake> intake;
    private final Lazy<Redrive> redrive;
    private final Lazy<FailureNotices> failures;
    private final Lazy<Worker> worker;
    private final Lazy<Rerun> rerun;

    public App(Wiring wiring) {
        Objects.requireNonNull(wiring, "wiring");
        this.clock = Objects.requireNonNull(wiring.clock(), "clock");
        this.intakeSettings = new Lazy<>(wiring::intakeSettings);
        this.settings = new Lazy<>(wiring::settings);
        this.failureSettings = new Lazy<>(wiring::failureSettings);
        Lazy<RequestQueue> queue = new Lazy<>(() -> wiring.queue(intakeSettings.get(), Names.QUEUE));
        Lazy<RequestQueue> poison = new Lazy<>(() -> wiring.queue(intakeSettings.get(), Names.POISON_QUEUE));
        this.intake = new Lazy<>(() -> {
            Settings s = intakeSettings.get();
            return new AlertIntake(wiring.reader(s), wiring.intakeQueue(s), schedule(s), s.triageHubs(), clock,
                    () -> UUID.randomUUID().toString());
        });
        this.redrive = new Lazy<>(() -> new Redrive(queue.get(), poison.get(), clock));
        Lazy<Outbox> outbox = new Lazy<>(() -> wiring.outbox(settings.get()));
        Lazy<TriageEngine> engine = new Lazy<>(() -> wiring.engine(settings.get()));
        Lazy<TriageLedger> ledger = new Lazy<>(() -> {
            TriageLedger l = wiring.ledger(settings.get());
            l.ensureTable();
            return l;
        });
        // The failure path reads only its own settings (storage, each valid destination on its own), so no
        // worker setting, and no one bad destination, can keep its notice from the others. It only asks the
        // ledger which destinations have the card, within a budget, and tells every destination when it cannot say.
        List<SettingsException.Problem> skippedDestinations = new CopyOnWriteArrayList<>();
        Lazy<Outbox> failureOutbox = new Lazy<>(() -> wiring.failureOutbox(failureSettings.get(),
                skippedDestinations::add));
        Lazy<TriageLedger> failureLedger = new Lazy<>(() -> wiring.ledger(failureSettings.get()));
        this.failures = new Lazy<>(() -> new FailureNotices(failureOutbox, key -> failureLedger.get().find(key),
                poison.get(), failureSettings.get().windowPolicy(), clock, () -> {
                    failureOutbox.get();
                    List<SettingsException.Problem> all = new ArrayList<>(failureSettings.get().skipped());
                    all.addAll(skippedDestinations);
                    return all;
                }));
        Lazy<AlertProcessor> processor = new Lazy<>(() -> {
            Settings s = settings.get();
            Outbox o = outbox.get();
            // the worker parses with the deployment's own window policy, read strictly
            return new AlertProcessor(wiring.reader(s), engine.get(), ledger.get(), o,
                    new LedgeredPosting(ledger.get(), o, clock, POSTING_LEASE), redrive.get(), failures.get(),
                    s.triageHubs(), new AlertProcessor.Options(s.notifyOnResolved(), s.suppressRepeat()), clock);
        });
        this.worker = new Lazy<>(() -> new Worker(processor, redrive, clock));
        this.rerun = new Lazy<>(() -> {
            Settings s = settings.get();
            return new Rerun(engine.get(), outbox.get(), wiring.formats(), s.triageHubs(), s.windowPolicy(),
                    s.windowBefore(), new RerunLimiter(RerunLimiter.DEFAULT_INTERVAL, clock), clock);
        });
    }

    /** The wiring that runs in Azure, over the given app settings (for tools that start the app outside the host). */
    public static Wiring liveWiring(java.util.Map<String, String> env) {
        return new LiveApp(env);
    }

    /** The process-wide app; building it reads nothing yet, so it cannot fail. */
    static App get() {
        App a = process;
        if (a == null) {
            synchronized (App.class) {
                a = process;
                if (a == null) {
                    a = new App(new LiveApp(Settings.processEnvironment()));
                    process = a;
                }
            }
        }
        return a;
    }

    public Clock clock() {
        return clock;
    }

    /** @throws SettingsException when the intake's own settings are broken */
    public AlertIntake intake() {
        return intake.get();
    }

    /**
     * Malformed settings the intake does not depend on (the window, {@code TRIAGE_HUBS}): skipped at the intake,
     * which queues the alert anyway; the worker holds it until they are fixed.
     *
     * @throws SettingsException when the intake's own settings are broken
     */
    public List<SettingsException.Problem> intakeSkipped() {
        return intakeSettings.get().skipped();
    }

    /** Never fails to build: the worker reports broken settings itself and keeps the alert queued. */
    public Worker worker() {
        return worker.get();
    }

    /** @throws SettingsException when the storage settings are broken (nothing else can fail it) */
    public FailureNotices failures() {
        return failures.get();
    }

    /** @throws SettingsException when a setting is broken */
    public Rerun rerun() {
        return rerun.get();
    }

    static TriageSchedule schedule(Settings settings) {
        return new TriageSchedule(settings.windowAfter(), settings.ingestionAllowance());
    }
}
