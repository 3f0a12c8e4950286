package io.iothubtriage.functions.testing;

import io.iothubtriage.alert.AlertParser;
import io.iothubtriage.config.Settings;
import io.iothubtriage.diagnosis.TriageReport;
import io.iothubtriage.functions.App;
import io.iothubtriage.dispatch.Outbox;
import io.iothubtriage.dispatch.ReportFormats;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.dispatch.TriageLedger;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Builds an {@link App} for tests: the real alert parser, a ledger on Azurite, and the given engine and outbox. */
public final class TestApp {
    private final Map<String, String> env = new HashMap<>();
    private TriageEngine engine;
    private Outbox outbox;
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
        this.outbox = o;
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

    public com.azure.data.tables.TableClient table() {
        return table;
    }

    public App build() {
        Settings settings = Settings.from(env);
        if (table == null) {
            table = AzuriteTables.freshTable();
        }
        com.azure.data.tables.TableClient t = table;
        Clock c = clock;
        return new App(settings, json -> AlertParser.parse(json, App.windowPolicy(settings)), () -> engine,
                () -> new TriageLedger(t, c), () -> outbox, formats, c);
    }
}
