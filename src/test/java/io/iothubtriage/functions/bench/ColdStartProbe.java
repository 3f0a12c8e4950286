package io.iothubtriage.functions.bench;

import com.azure.core.util.Context;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import com.sun.net.httpserver.HttpServer;
import io.iothubtriage.config.Settings;
import io.iothubtriage.diagnosis.Triage;
import io.iothubtriage.dispatch.AlertReader;
import io.iothubtriage.dispatch.Outbox;
import io.iothubtriage.dispatch.ReportFormats;
import io.iothubtriage.dispatch.RequestQueue;
import io.iothubtriage.dispatch.StorageRequestQueue;
import io.iothubtriage.dispatch.TriageEngine;
import io.iothubtriage.dispatch.TriageLedger;
import io.iothubtriage.functions.AlertWebhook;
import io.iothubtriage.functions.App;
import io.iothubtriage.functions.Names;
import io.iothubtriage.functions.TriageWorker;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.FakeContext;
import io.iothubtriage.functions.testing.FakeHttpRequest;
import io.iothubtriage.simulation.Scenarios;
import io.iothubtriage.simulation.SimulatedSources;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One cold JVM, timed from the JVM's own start: {@code intake} runs the alerts function once, in-process, against a
 * real Azurite queue, and stops at its 202; {@code card} goes on: the worker takes the message from the queue and
 * posts the card to a local webhook (the triage over a simulated hub, since there is no Log Analytics here).
 * {@code noop} only starts, for the JVM's own start-up. Prints one JSON line. Run by scripts/bench-cold-start.sh,
 * and by IntakeColdPathTest with class loading logged.
 * <p>
 * Arguments: {@code noop|intake|card <storage connection string>}.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis();
        String mode = args[0];
        if (mode.equals("noop")) {
            System.out.printf("{\"mode\":\"noop\",\"mainMs\":%d}%n", mainAt - jvmStart);
            return;
        }
        String storage = args[1];
        CountDownLatch card = new CountDownLatch(1);
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            card.countDown();
        });
        webhook.start();
        String url = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/workflows/bench/triggers/manual/paths"
                + "/invoke?sig=x";
        Map<String, String> env = Map.of("AzureWebJobsStorage", storage, "TEAMS_WEBHOOK_URL", url,
                "TRIAGE_WINDOW_AFTER", "PT0S", "TRIAGE_INGESTION_ALLOWANCE", "PT0S");
        App app = new App(simulatedTriage(App.liveWiring(env)));
        String payload = Alerts.fired("cold-" + mainAt, Instant.now().minus(Duration.ofMinutes(1)));
        FakeContext alerts = new FakeContext(Names.ALERTS);
        int status = new AlertWebhook(() -> app).run(FakeHttpRequest.post("/api/alerts", "application/json",
                payload), alerts).getStatusCode();
        if (status != 202) {
            System.err.println(alerts.all());
        }
        long accepted = System.currentTimeMillis();
        if (status != 202 || mode.equals("intake")) {
            System.out.printf("{\"mode\":\"%s\",\"status\":%d,\"mainMs\":%d,\"first202Ms\":%d}%n", mode, status,
                    mainAt - jvmStart, accepted - jvmStart);
            webhook.stop(0);
            System.exit(status == 202 ? 0 : 1);
        }
        QueueClient queue = StorageRequestQueue.builder(Names.QUEUE).connectionString(storage).buildClient();
        QueueMessageItem m = null;
        for (int i = 0; i < 100 && m == null; i++) {
            for (QueueMessageItem item : queue.receiveMessages(1, Duration.ofMinutes(5), Duration.ofSeconds(10),
                    Context.NONE)) {
                m = item;
            }
        }
        if (m == null) {
            throw new IllegalStateException("the queued alert never became visible");
        }
        new TriageWorker(() -> app).run(m.getBody().toString(), m.getDequeueCount(),
                new FakeContext(Names.TRIAGE_WORKER));
        boolean posted = card.await(60, TimeUnit.SECONDS);
        long carded = System.currentTimeMillis();
        queue.deleteMessage(m.getMessageId(), m.getPopReceipt());
        System.out.printf("{\"mode\":\"card\",\"status\":%d,\"mainMs\":%d,\"first202Ms\":%d,\"firstCardMs\":%d,"
                + "\"posted\":%b}%n", status, mainAt - jvmStart, accepted - jvmStart, carded - jvmStart, posted);
        webhook.stop(0);
        System.exit(posted ? 0 : 1);
    }

    /** The live wiring with the triage over the demo's simulated hub instead of Log Analytics, ARM and Metrics. */
    private static App.Wiring simulatedTriage(App.Wiring live) {
        return new App.Wiring() {
            @Override
            public Settings intakeSettings() {
                return live.intakeSettings();
            }

            @Override
            public Settings settings() {
                return live.settings();
            }

            @Override
            public Settings failureSettings() {
                return live.failureSettings();
            }

            @Override
            public io.iothubtriage.dispatch.Outbox failureOutbox(Settings failure,
                    java.util.function.Consumer<io.iothubtriage.config.SettingsException.Problem> skip) {
                return live.failureOutbox(failure, skip);
            }

            @Override
            public RequestQueue queue(Settings intake, String name) {
                return live.queue(intake, name);
            }

            @Override
            public AlertReader reader(Settings intake) {
                return live.reader(intake);
            }

            @Override
            public TriageEngine engine(Settings settings) {
                Triage triage = SimulatedSources.triage(Scenarios.demo());
                return triage::runTimed;
            }

            @Override
            public TriageLedger ledger(Settings settings) {
                return live.ledger(settings);
            }

            @Override
            public Outbox outbox(Settings settings) {
                return live.outbox(settings);
            }

            @Override
            public ReportFormats formats() {
                return live.formats();
            }

            @Override
            public Clock clock() {
                return live.clock();
            }
        };
    }
}
