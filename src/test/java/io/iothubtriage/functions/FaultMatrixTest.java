package io.iothubtriage.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.iothubtriage.alert.AlertIdentity;
import io.iothubtriage.diagnosis.Verdict;
import io.iothubtriage.dispatch.LedgerException;
import io.iothubtriage.dispatch.Outbox;
import io.iothubtriage.dispatch.TriageLedger;
import io.iothubtriage.dispatch.WebhookOutbox;
import io.iothubtriage.functions.testing.Alerts;
import io.iothubtriage.functions.testing.AzuriteTables;
import io.iothubtriage.functions.testing.FakeHttpRequest;
import io.iothubtriage.functions.testing.FakeWebhook;
import io.iothubtriage.functions.testing.MutableClock;
import io.iothubtriage.functions.testing.SimQueue;
import io.iothubtriage.functions.testing.StubEngine;
import io.iothubtriage.functions.testing.TestApp;
import io.iothubtriage.notify.AlertFacts;
import io.iothubtriage.notify.DeliveryResult;
import io.iothubtriage.notify.Destination;
import io.iothubtriage.notify.Notification;
import io.iothubtriage.notify.ResolvedMessage;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix: every fault the app must survive, injected into the real thing: the function methods, real
 * Azurite queues ({@code triage-requests} and, when a request fails, the poison queue) and table, real webhook
 * delivery over HTTP to local webhook servers; {@link SimHost} plays the Functions host on a simulated clock, so
 * "down for two hours" takes no real time. For each fault it counts the alerts sent, the cards and failure notices
 * that reached a channel, the alerts that reached no channel at all ({@code lost}) and the repeats of one message
 * to one channel that were not marked "possible repeat" ({@code unmarkedDuplicates}). Both must be 0 in every row.
 * Writes {@code target/fault-matrix.json}; {@code scripts/fault-matrix.sh} runs it alone and prints the table.
 */
class FaultMatrixTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:40:00Z");
    private static final Path RESULT = Path.of("target", "fault-matrix.json");

    /**
     * @param triages       how many times the engine triaged (one per alert: retries post the kept report)
     * @param splitVerdicts alerts whose destinations got cards with different verdicts
     */
    record Row(String fault, int alerts, int cards, int notices, int lost, int unmarkedDuplicates, int triages,
               int splitVerdicts) {
    }

    /** One message that reached a channel; the verdict for cards, else empty. */
    record Delivered(String alert, String destination, String kind, boolean possibleRepeat, String verdict) {
    }

    @Test
    void noFaultLosesAnAlertOrRepeatsOneUnmarked() throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.add(storageDownAtIntake());
        rows.add(tableDownInWorker());
        rows.add(tableDownInPoison());
        rows.add(webhook400());
        rows.add(webhook404());
        rows.add(retryAfterTransientWebhookFailure());
        rows.add(webhookDownForTwoHours());
        rows.add(webhookDownForADay());
        rows.add(crashBeforePost());
        rows.add(crashAfterPostBeforeRecord());
        rows.add(sixConcurrentDuplicates());
        rows.add(invalidDestinationSettings());
        rows.add(brokenWorkerSettingsForEightDays());
        rows.add(parserBug());
        rows.add(poisonHandlerThatFails());
        rows.add(resolvedBeforeFiredTriage());
        rows.add(testActionGroupSample());

        ObjectMapper json = new ObjectMapper();
        ArrayNode out = json.createArrayNode();
        rows.forEach(r -> out.addObject().put("fault", r.fault()).put("alerts", r.alerts()).put("cards", r.cards())
                .put("notices", r.notices()).put("lost", r.lost()).put("unmarkedDuplicates", r.unmarkedDuplicates())
                .put("triages", r.triages()).put("splitVerdicts", r.splitVerdicts()));
        Files.createDirectories(RESULT.getParent());
        Files.writeString(RESULT, json.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
        rows.forEach(r -> System.out.printf("fault-matrix: %-55s alerts=%d cards=%d notices=%d lost=%d "
                + "unmarkedDuplicates=%d triages=%d splitVerdicts=%d%n", r.fault(), r.alerts(), r.cards(),
                r.notices(), r.lost(), r.unmarkedDuplicates(), r.triages(), r.splitVerdicts()));

        assertThat(rows).hasSizeGreaterThanOrEqualTo(12);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.lost()).as(r.fault() + ": lost").isZero();
            assertThat(r.unmarkedDuplicates()).as(r.fault() + ": unmarked duplicates").isZero();
            assertThat(r.splitVerdicts()).as(r.fault() + ": one verdict per alert everywhere").isZero();
            assertThat(r.triages()).as(r.fault() + ": at most one triage per alert").isLessThanOrEqualTo(r.alerts());
            assertThat(r.cards() + r.notices()).as(r.fault() + ": something reached a channel")
                    .isGreaterThanOrEqualTo(r.alerts());
        });
    }

    // ---- the faults ----

    private Row storageDownAtIntake() throws Exception {
        try (Run run = new Run("teams")) {
            AtomicInteger failing = new AtomicInteger(2);
            SimQueue requests = SimQueue.fresh("requests", run.clock);
            SimQueue intakeView = new SimQueue(io.iothubtriage.functions.testing.AzuriteQueues.client(
                    requests.name()), run.clock).down(() -> failing.getAndDecrement() > 0);
            run.build(b -> b.queues(requests, SimQueue.fresh("poison", run.clock)).intakeQueue(intakeView));
            run.fire("storage-down", T0);
            run.settle();
            assertThat(run.host.stage("not-queued")).hasSize(2);
            return run.row("storage down at intake (2 calls answered 503)");
        }
    }

    private Row tableDownInWorker() throws Exception {
        try (Run run = new Run("teams")) {
            Instant back = T0.plus(Duration.ofMinutes(40));
            run.build(b -> b.ledger(s -> run.clock.instant().isBefore(back)
                    ? new TriageLedger(AzuriteTables.unreachable(), run.clock)
                    : new TriageLedger(b.table(), run.clock)));
            run.fire("table-down", T0);
            run.settle();
            assertThat(run.host.stage("will-retry")).isNotEmpty();
            return run.row("table storage down in the worker for 40 min");
        }
    }

    private Row tableDownInPoison() throws Exception {
        try (Run run = new Run("teams")) {
            run.teams.answerBy(body -> body.contains("Automatic triage failed") ? null : 400);
            run.build(b -> { });
            run.fire("table-down-poison", T0);
            run.clock.set(T0.plus(Duration.ofMinutes(8)));
            run.host.runWorker();
            assertThat(run.builder.poison().approximateCount()).as("handed to the failure path").isEqualTo(1);
            // a new instance picks the poison message up while table storage is down
            run.restartWith(b -> b.ledger(s -> {
                throw new LedgerException("ledger table unreachable: ConnectException", null);
            }));
            run.settle();
            return run.row("table storage down in the failure path (new instance)");
        }
    }

    private Row webhook400() throws Exception {
        try (Run run = new Run("teams")) {
            // the card is refused for good; a plain notice passes
            run.teams.answerBy(body -> body.contains("Automatic triage failed") ? null : 400);
            run.build(b -> { });
            run.fire("bad-card", T0);
            run.settle();
            return run.row("webhook 400 (card rejected), one destination");
        }
    }

    private Row webhook404() throws Exception {
        try (Run run = new Run("teams", "slack")) {
            run.teams.alwaysAnswer(404);
            run.build(b -> { });
            run.fire("deleted-workflow", T0);
            run.settle();
            return run.row("webhook 404 (deleted workflow), other destination told");
        }
    }

    private Row retryAfterTransientWebhookFailure() throws Exception {
        try (Run run = new Run("teams", "slack")) {
            // Teams answers 503 to the first invocation (all its attempts); meanwhile the evidence changes, so a
            // second triage would reach another verdict.
            Instant back = T0.plus(Duration.ofMinutes(7)).plusSeconds(30);
            run.teams.answerBy(body -> {
                if (run.clock.instant().isBefore(back)) {
                    run.engine.verdict(Verdict.AUTHENTICATION_FAILURES);
                    return 503;
                }
                return null;
            });
            run.build(b -> { });
            run.fire("transient", T0);
            run.settle();
            Row row = run.row("webhook 503 once, retried (2 destinations, late evidence)");
            assertThat(run.teams.bodies()).as("teams was retried").hasSizeGreaterThan(1);
            assertThat(row.triages()).as("one triage per alert").isEqualTo(row.alerts());
            return row;
        }
    }

    private Row webhookDownForTwoHours() throws Exception {
        try (Run run = new Run("teams")) {
            Instant back = T0.plus(Duration.ofHours(2));
            run.teams.answerBy(body -> run.clock.instant().isBefore(back) ? 503 : null);
            run.build(b -> { });
            for (int i = 0; i < 3; i++) {
                run.fire("down2h-" + i, T0.plus(Duration.ofMinutes(i)));
            }
            run.host.settle(Duration.ofHours(4));
            return run.row("webhook down for 2 hours (simulated clock)");
        }
    }

    private Row webhookDownForADay() throws Exception {
        try (Run run = new Run("teams")) {
            Instant back = T0.plus(Duration.ofHours(20));
            run.teams.answerBy(body -> run.clock.instant().isBefore(back) ? 503 : null);
            run.build(b -> { });
            run.fire("down20h", T0);
            run.host.settle(Duration.ofDays(2));
            return run.row("webhook down for 20 hours (failure notice after 6 h)");
        }
    }

    private Row crashBeforePost() throws Exception {
        try (Run run = new Run("teams")) {
            AtomicInteger crashes = new AtomicInteger(1);
            run.crashBefore = n -> crashes.getAndDecrement() > 0;
            run.build(b -> { });
            run.fire("crash-before", T0);
            run.settle();
            return run.row("crash before post");
        }
    }

    private Row crashAfterPostBeforeRecord() throws Exception {
        try (Run run = new Run("teams")) {
            AtomicInteger crashes = new AtomicInteger(1);
            run.crashAfter = n -> crashes.getAndDecrement() > 0;
            run.build(b -> { });
            run.fire("crash-after", T0);
            run.settle();
            return run.row("crash after post, before record");
        }
    }

    private Row sixConcurrentDuplicates() throws Exception {
        try (Run run = new Run("teams", "slack")) {
            run.build(b -> { });
            run.host.concurrent(true);
            String payload = Alerts.fired("six", T0);
            run.clock.set(T0.plusSeconds(60));
            for (int i = 0; i < 6; i++) {
                run.post(payload);
            }
            run.alerts.add(Alerts.alertId("six") + "/Fired");
            run.settle();
            return run.row("6 concurrent duplicates, 2 destinations");
        }
    }

    private Row invalidDestinationSettings() throws Exception {
        try (Run run = new Run("teams")) {
            String kv = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/teams/)";
            run.build(b -> b.setting("TEAMS_WEBHOOK_URL", kv));
            run.fire("kv", T0);
            run.host.settle(Duration.ofHours(1));
            assertThat(run.host.stage("misconfigured")).isNotEmpty();
            // the setting is fixed: the app restarts with it and finds the alert still queued
            run.restartWith(b -> { });
            run.settle();
            return run.row("invalid destination settings for 1 hour");
        }
    }

    /**
     * A worker-only setting and one destination stay broken past the queue's hold: the failure path, which reads
     * neither, tells the valid destination, even when its first try fails (its 24 h count from the hand-over).
     */
    private Row brokenWorkerSettingsForEightDays() throws Exception {
        try (Run run = new Run("teams", "slack")) {
            String kv = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/teams/)";
            run.slack.thenAnswer(503, 503, 503); // the whole first delivery of the notice fails
            run.build(b -> b.setting("TEAMS_WEBHOOK_URL", kv).setting("HEALTH_TIMEOUT", "abc"));
            run.fire("held8d", T0);
            run.host.settle(Duration.ofDays(8));
            assertThat(run.host.stage("held")).isNotEmpty();
            assertThat(run.host.stage("misconfigured")).anySatisfy(l -> assertThat(l)
                    .contains("settings=TEAMS_WEBHOOK_URL").contains("valid destinations").doesNotContain("kv.vault"));
            return run.row("worker setting and Teams URL broken for 8 days, Slack valid");
        }
    }

    private Row parserBug() throws Exception {
        try (Run run = new Run("teams")) {
            run.build(b -> b.reader(json -> {
                throw new NullPointerException("parser bug");
            }));
            // the intake's own parse fails too: 503, retried; the worker (another version) has the bug
            FakeHttpRequest.Response r = run.host.post(Alerts.fired("bug", T0));
            assertThat(r.getStatusCode()).isEqualTo(503);
            run.restartWith(b -> { });
            run.fire("bug", T0);
            run.restartWith(b -> b.reader(json -> {
                throw new NullPointerException("parser bug");
            }));
            run.settle();
            return run.row("a parser bug (intake 503, worker notice)");
        }
    }

    private Row poisonHandlerThatFails() throws Exception {
        try (Run run = new Run("teams")) {
            run.teams.answerBy(body -> body.contains("Automatic triage failed") ? null : 400);
            AtomicInteger crashes = new AtomicInteger(7);
            run.crashBefore = n -> n instanceof Notification.TriageFailed && crashes.getAndDecrement() > 0;
            run.build(b -> { });
            run.fire("poison-fails", T0);
            run.host.settle(Duration.ofDays(1));
            return run.row("a poison handler that fails 7 times");
        }
    }

    private Row resolvedBeforeFiredTriage() throws Exception {
        try (Run run = new Run("teams")) {
            run.build(b -> { });
            run.fire("early-resolve", T0);
            Instant resolved = T0.plus(Duration.ofMinutes(2));
            run.clock.set(resolved.plusSeconds(10));
            run.post(Alerts.resolved("early-resolve", T0, resolved));
            run.alerts.add(Alerts.alertId("early-resolve") + "/Resolved");
            run.settle();
            assertThat(run.delivered).extracting(Delivered::kind).containsExactly("FullCard", "ResolvedMessage");
            return run.row("Resolved arrives before its Fired triage ran");
        }
    }

    private Row testActionGroupSample() throws Exception {
        try (Run run = new Run("teams")) {
            run.build(b -> { });
            run.clock.set(T0);
            run.post(Alerts.fired("sample", Instant.parse("2021-03-01T10:00:00Z")));
            run.alerts.add(Alerts.alertId("sample") + "/Fired");
            run.settle();
            return run.row("test action group sample (fixed old date)");
        }
    }

    // ---- the harness ----

    /** One fault's world: a clock, webhook servers, the app on fresh Azurite queues and table, the host. */
    private static final class Run implements AutoCloseable {
        final MutableClock clock = new MutableClock(T0);
        final StubEngine engine = new StubEngine(clock);
        final FakeWebhook teams;
        final FakeWebhook slack;
        final List<Delivered> delivered = new CopyOnWriteArrayList<>();
        final Set<String> alerts = new LinkedHashSet<>();
        volatile Function<Notification, Boolean> crashBefore = n -> false;
        volatile Function<Notification, Boolean> crashAfter = n -> false;
        TestApp builder;
        SimHost host;

        Run(String... destinations) throws Exception {
            teams = new FakeWebhook();
            slack = List.of(destinations).contains("slack") ? new FakeWebhook().slackStyle() : null;
        }

        /** The app's settings and real delivery (shorter waits between attempts), observed. */
        private TestApp base() {
            TestApp b = TestApp.builder().engine(engine).clock(clock)
                    .setting("TEAMS_WEBHOOK_URL", teams.url("/workflows/m/triggers/manual/paths/invoke"));
            if (slack != null) {
                b.setting("SLACK_WEBHOOK_URL", slack.url("/services/T/B/x").replace("127.0.0.1", "localhost"));
            }
            return b.outbox(s -> observed(new WebhookOutbox(fastPolicy(), LiveApp.destinations(s))))
                    .failureOutbox((s, skip) -> observed(new WebhookOutbox(fastPolicy(),
                            LiveApp.failureDestinations(s, skip))));
        }

        private static io.iothubtriage.notify.WebhookDelivery fastPolicy() {
            return LiveApp.deliveryPolicy().baseBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20)).build();
        }

        void build(Consumer<TestApp> customize) {
            TestApp b = base();
            customize.accept(b);
            builder = b;
            App app = b.build();
            host = new SimHost(app, b.queue(), b.poison(), clock);
        }

        /** A new instance of the app (settings changed, or another version) on the same queues and table. */
        void restartWith(Consumer<TestApp> customize) {
            TestApp old = builder;
            TestApp b = base().queues(old.queue(), old.poison()).table(old.table());
            customize.accept(b);
            builder = b;
            host = new SimHost(b.build(), old.queue(), old.poison(), clock);
        }

        /** The action group: one alert that fired at {@code firedAt}, sent a minute later, retried on 5xx. */
        void fire(String name, Instant firedAt) {
            if (firedAt.plusSeconds(60).isAfter(clock.instant())) {
                clock.set(firedAt.plusSeconds(60));
            }
            post(Alerts.fired(name, firedAt));
            alerts.add(Alerts.alertId(name) + "/Fired");
        }

        void post(String payload) {
            for (int attempt = 0; attempt < 6; attempt++) {
                int status = host.post(payload).getStatusCode();
                if (status / 100 == 2 || status / 100 == 4) {
                    return;
                }
                clock.advance(Duration.ofSeconds(30));
            }
        }

        void settle() {
            host.settle(Duration.ofHours(12));
        }

        Row row(String fault) {
            Map<String, List<Delivered>> perMessage = new LinkedHashMap<>();
            int cards = 0;
            int notices = 0;
            Set<String> reached = new LinkedHashSet<>();
            for (Delivered d : delivered) {
                reached.add(d.alert());
                if (d.kind().equals("TriageFailed") || d.kind().equals("Fallback")) {
                    notices++;
                } else {
                    cards++;
                }
                perMessage.computeIfAbsent(d.alert() + "|" + d.destination() + "|" + d.kind(), k -> new ArrayList<>())
                        .add(d);
            }
            int unmarked = 0;
            for (List<Delivered> same : perMessage.values()) {
                unmarked += (int) same.stream().skip(1).filter(d -> !d.possibleRepeat()).count();
            }
            int lost = (int) alerts.stream().filter(a -> !reached.contains(a)).count();
            Map<String, Set<String>> verdicts = new LinkedHashMap<>();
            delivered.stream().filter(d -> !d.verdict().isEmpty())
                    .forEach(d -> verdicts.computeIfAbsent(d.alert(), k -> new LinkedHashSet<>()).add(d.verdict()));
            int split = (int) verdicts.values().stream().filter(v -> v.size() > 1).count();
            return new Row(fault, alerts.size(), cards, notices, lost, unmarked, engine.requests().size(), split);
        }

        private Outbox observed(Outbox real) {
            return new Outbox() {
                @Override
                public List<Destination> destinations() {
                    return real.destinations();
                }

                @Override
                public DeliveryResult post(Destination target, Notification notice) {
                    if (crashBefore.apply(notice)) {
                        throw new IllegalStateException("worker process killed before the post");
                    }
                    DeliveryResult o = real.post(target, notice);
                    if (o.delivered()) {
                        delivered.add(new Delivered(alertOf(notice), target.kind().label(), notice.getClass().getSimpleName(),
                                notice.possibleRepeat(), verdictOf(notice)));
                    }
                    if (crashAfter.apply(notice)) {
                        throw new IllegalStateException("worker process killed after the post, before recording it");
                    }
                    return o;
                }
            };
        }

        private static String verdictOf(Notification n) {
            if (n instanceof Notification.FullCard c) {
                return c.report().verdict().name();
            }
            return n instanceof Notification.RepeatUpdate u ? u.verdict().name() : "";
        }

        private static String alertOf(Notification n) {
            if (n instanceof Notification.FullCard c) {
                return key(c.report().alert().orElseThrow());
            }
            if (n instanceof Notification.RepeatUpdate u) {
                return key(u.report().alert().orElseThrow());
            }
            if (n instanceof ResolvedMessage r) {
                return key(r.alert());
            }
            AlertFacts a = n instanceof Notification.TriageFailed f ? f.alert()
                    : n instanceof Notification.Fallback f ? f.alert() : ((Notification.TestOrStale) n).alert();
            return a.alertId().orElse("?") + "/" + a.condition();
        }

        private static String key(AlertIdentity a) {
            return a.alertId() + "/" + a.condition().wire();
        }

        @Override
        public void close() {
            teams.close();
            if (slack != null) {
                slack.close();
            }
        }
    }
}
