package io.iothubtriage.functions.testing;

import io.iothubtriage.config.Profile;
import io.iothubtriage.config.Settings;
import io.iothubtriage.config.SettingsException;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.dispatch.AlertReader;
import io.iothubtriage.dispatch.Outbox;
import io.iothubtriage.dispatch.ReportFormats;
import io.iothubtriage.dispatch.RequestQueue;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.dispatch.TriageLedger;
import io.iothubtriage.functions.App;
import io.iothubtriage.functions.Names;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds an {@link App} for tests: the real alert parser, queues and a ledger on Azurite, and the given engine and
 * outbox. The queues are {@link SimQueue}s (fresh per app unless given), so delays run on the test's clock.
 */
public final class TestApp {
    private final Map<String, String> env = new HashMap<>();
    private TriageEngine engine;
    private Function<Settings, Outbox> outbox;
    private java.util.function.BiFunction<Settings, java.util.function.Consumer<SettingsException.Problem>, Outbox>
            failureOutbox;
    private ReportFormats formats = new ReportFormats() {
        @Override
        public String json(TriageReport report) {
            return "{\"verdict\":\"" + report.verdict() + "\"}";
        }

        @Override
        public String markdown(TriageReport report) {
            return "# " + report.verdict();
        }
    };
    private Clock clock;
    private com.azure.data.tables.TableClient table;
    private Function<Settings, TriageLedger> ledger;
    private SimQueue queue;
    private SimQueue poison;
    private RequestQueue intakeQueue;
    private AlertReader reader;

    private TestApp() {
        env.put("AzureWebJobsStorage", Azurite.get().connectionString());
    }

    public static TestApp builder() {
        return new TestApp();
    }

    public TestApp setting(String name, String value) {
        env.put(name, value);
        return this;
    }

    public TestApp engine(TriageEngine e) {
        this.engine = e;
        return this;
    }

    public TestApp outbox(Outbox o) {
        this.outbox = s -> o;
        return this;
    }

    /** The outbox made from the settings (so a broken destination setting can fail as in Azure). */
    public TestApp outbox(Function<Settings, Outbox> o) {
        this.outbox = o;
        return this;
    }

    /** The failure path's outbox, made from its settings, given what it skipped (default: {@link #outbox}). */
    public TestApp failureOutbox(java.util.function.BiFunction<Settings,
            java.util.function.Consumer<SettingsException.Problem>, Outbox> o) {
        this.failureOutbox = o;
        return this;
    }

    public TestApp formats(ReportFormats f) {
        this.formats = f;
        return this;
    }

    public TestApp clock(Clock c) {
        this.clock = c;
        return this;
    }

    /** The ledger's table; a fresh one per app unless given. */
    public TestApp table(com.azure.data.tables.TableClient t) {
        this.table = t;
        return this;
    }

    /** The ledger itself, made from the settings (default: on {@link #table()}). */
    public TestApp ledger(Function<Settings, TriageLedger> l) {
        this.ledger = l;
        return this;
    }

    public TestApp queues(SimQueue requests, SimQueue failures) {
        this.queue = requests;
        this.poison = failures;
        return this;
    }

    /** The queue the alerts endpoint sends to (default: the requests queue). */
    public TestApp intakeQueue(RequestQueue q) {
        this.intakeQueue = q;
        return this;
    }

    public TestApp reader(AlertReader r) {
        this.reader = r;
        return this;
    }

    public com.azure.data.tables.TableClient table() {
        return table;
    }

    public SimQueue queue() {
        return queue;
    }

    public SimQueue poison() {
        return poison;
    }

    public App build() {
        if (table == null) {
            table = AzuriteTables.freshTable();
        }
        if (queue == null) {
            queue = SimQueue.fresh("requests", clock);
            poison = SimQueue.fresh("poison", clock);
        }
        com.azure.data.tables.TableClient t = table;
        Clock c = clock;
        Map<String, String> e = Map.copyOf(env);
        return new App(new App.Wiring() {
            @Override
            public Settings intakeSettings() {
                return Settings.from(e, Profile.INTAKE);
            }

            @Override
            public Settings settings() {
                return Settings.from(e, Profile.APP);
            }

            @Override
            public Settings failureSettings() {
                return Settings.from(e, Profile.FAILURE);
            }

            @Override
            public RequestQueue queue(Settings intake, String name) {
                return name.equals(Names.QUEUE) ? queue : poison;
            }

            @Override
            public RequestQueue intakeQueue(Settings intake) {
                return intakeQueue != null ? intakeQueue : queue;
            }

            @Override
            public AlertReader reader(Settings intake) {
                return reader != null ? reader : App.Wiring.super.reader(intake);
            }

            @Override
            public TriageEngine engine(Settings settings) {
                return engine;
            }

            @Override
            public TriageLedger ledger(Settings settings) {
                return ledger != null ? ledger.apply(settings) : new TriageLedger(t, c);
            }

            @Override
            public Outbox outbox(Settings settings) {
                return outbox.apply(settings);
            }

            @Override
            public Outbox failureOutbox(Settings failure,
                                        java.util.function.Consumer<SettingsException.Problem> skip) {
                return failureOutbox != null ? failureOutbox.apply(failure, skip) : outbox.apply(failure);
            }

            @Override
            public ReportFormats formats() {
                return formats;
            }

            @Override
            public Clock clock() {
                return c;
            }
        });
    }
}
