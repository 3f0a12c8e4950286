package io.iothubtriage.dispatch;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import io.iothubtriage.alert.MonitorCondition;
import io.iothubtriage.functions.testing.AzuriteTables;
import io.iothubtriage.functions.testing.MutableClock;
import io.iothubtriage.testing.ReportFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger against a real table service (Azurite): conditional inserts, ETag replaces, concurrent writers. */
class TriageLedgerTest {
    private static final String ALERT_ID =
            "/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.AlertsManagement/alerts/a1";
    private static final String HUB = "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg"
            + "/providers/Microsoft.Devices/IotHubs/contoso-hub";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:45:00Z"));
    private TableClient table;
    private TriageLedger ledger;

    @BeforeEach
    void setUp() {
        table = AzuriteTables.freshTable();
        ledger = new TriageLedger(table, clock);
    }

    @Test
    void opensARowOnceAndFindsItAgainWhateverTheAlertIdsLetterCase() {
        AlertKey key = new AlertKey(ALERT_ID, MonitorCondition.FIRED);
        assertThat(ledger.find(key)).isEmpty();

        AlertEntry first = ledger.open(key, HUB, "req-1", "inv-1");
        AlertEntry again = ledger.open(new AlertKey(ALERT_ID.toUpperCase(), MonitorCondition.FIRED), HUB, "req-2",
                "inv-2");

        assertThat(first.etag()).isNotEmpty();
        assertThat(again.requestId()).isEqualTo("req-1");
        assertThat(again.createdAt()).isEqualTo(Instant.parse("2026-11-26T10:45:00Z"));
        assertThat(table.listEntities().stream().count()).isEqualTo(1);
    }

    @Test
    void firedAndResolvedOfOneAlertAreSeparateRowsInOnePartition() {
        AlertEntry fired = ledger.open(new AlertKey(ALERT_ID, MonitorCondition.FIRED), HUB, "r1", "inv-1");
        AlertEntry resolved = ledger.open(new AlertKey(ALERT_ID, MonitorCondition.RESOLVED), HUB, "r2", "inv-1");

        assertThat(fired.key().partitionKey()).isEqualTo(resolved.key().partitionKey()).hasSize(64);
        List<String> rows = table.listEntities().stream().map(TableEntity::getRowKey).sorted().toList();
        assertThat(rows).containsExactly("Fired", "Resolved");
    }

    @Test
    void keepsTheReportWithThePlanAcrossSeveralTablePropertiesAndLaterWritesLeaveItAlone() {
        AlertKey key = new AlertKey(ALERT_ID, MonitorCondition.FIRED);
        ledger.open(key, HUB, "r1", "inv-1");
        // a report of about 2.5 parts even compressed: the row keeps it whole, each property within 64 KiB
        Random rnd = new Random(5);
        StringBuilder big = new StringBuilder();
        while (big.length() < 5 * StoredReport.PART_BYTES / 2) {
            big.append((char) ('!' + rnd.nextInt(90)));
        }
        String json = StoredReport.json(ReportFixtures.hugeFleet());
        ledger.update(key, e -> e.withPlan(Plan.FULL_CARD, Optional.of("DEVICE_NETWORK_OR_KEEPALIVE"), 1)
                .withReport(Optional.of(big.toString())));
        assertThat(ledger.find(key).orElseThrow().report()).contains(big.toString());
        TableEntity row = table.getEntity(key.partitionKey(), key.rowKey());
        assertThat(row.getProperty("ReportParts")).isEqualTo(3);
        assertThat((byte[]) row.getProperty("Report2")).hasSizeLessThanOrEqualTo(StoredReport.PART_BYTES);

        ledger.update(key, e -> e.withReport(Optional.of(json)));
        Instant t = clock.instant();
        ledger.update(key, e -> e.withDelivery("teams-1", Delivery.pending(t).claimed("inv-1", t)));
        AlertEntry read = ledger.find(key).orElseThrow();
        assertThat(read.report().map(StoredReport::report)).contains(ReportFixtures.hugeFleet());
        assertThat(table.getEntity(key.partitionKey(), key.rowKey()).getProperty("ReportParts")).isEqualTo(1);
    }

    @Test
    void storesPlanVerdictAndEveryDeliveryFieldAndReadsThemBack() {
        AlertKey key = new AlertKey(ALERT_ID, MonitorCondition.FIRED);
        ledger.open(key, HUB, "r1", "inv-1");
        Instant t = clock.instant();

        ledger.update(key, e -> e.withPlan(Plan.REPEAT_UPDATE, Optional.of("DEVICE_NETWORK_OR_KEEPALIVE"), 3)
                .withDelivery("teams-1", Delivery.pending(t).claimed("inv-1", t).posted(t.plusSeconds(2)))
                .withDelivery("slack-1", Delivery.pending(t).claimed("inv-1", t).retryLater("HTTP 503", true, t))
                .withDelivery("generic-1", Delivery.pending(t).claimed("inv-1", t).failed("HTTP 404", t))
                .withAnotherRun());

        AlertEntry read = ledger.find(key).orElseThrow();
        assertThat(read.plan()).contains(Plan.REPEAT_UPDATE);
        assertThat(read.verdict()).contains("DEVICE_NETWORK_OR_KEEPALIVE");
        assertThat(read.repeatCount()).isEqualTo(3);
        assertThat(read.runs()).isEqualTo(1);
        assertThat(read.delivery("teams-1").state()).isEqualTo(PostState.POSTED);
        assertThat(read.delivery("teams-1").postedAt()).contains(t.plusSeconds(2));
        assertThat(read.delivery("slack-1").state()).isEqualTo(PostState.PENDING);
        assertThat(read.delivery("slack-1").mayHaveArrived()).isTrue();
        assertThat(read.delivery("slack-1").reason()).isEqualTo("HTTP 503");
        assertThat(read.delivery("generic-1").state()).isEqualTo(PostState.FAILED);
        assertThat(read.delivery("generic-1").attempts()).isEqualTo(1);
        assertThat(read.delivery("never-tried").state()).isEqualTo(PostState.PENDING);
        assertThat(read.finished(List.of("teams-1", "generic-1"))).isTrue();
        assertThat(read.finished(List.of("teams-1", "slack-1"))).isFalse();
    }

    @Test
    void aStaleReplaceLosesAndTheUpdateIsReappliedOnTheLatestRow() {
        AlertKey key = new AlertKey(ALERT_ID, MonitorCondition.FIRED);
        ledger.open(key, HUB, "r1", "inv-1");
        Instant t = clock.instant();
        AtomicInteger calls = new AtomicInteger();

        AlertEntry result = ledger.update(key, e -> {
            if (calls.getAndIncrement() == 0) {
                // Someone else writes between our read and our write.
                ledger.update(key, other -> other.withDelivery("slack-1", Delivery.pending(t).posted(t)));
            }
            return e.withDelivery("teams-1", Delivery.pending(t).posted(t));
        });

        assertThat(calls.get()).isEqualTo(2);
        assertThat(result.delivery("teams-1").state()).isEqualTo(PostState.POSTED);
        AlertEntry stored = ledger.find(key).orElseThrow();
        assertThat(stored.delivery("teams-1").state()).isEqualTo(PostState.POSTED);
        assertThat(stored.delivery("slack-1").state()).isEqualTo(PostState.POSTED);
    }

    @Test
    void onlyOneOfManyConcurrentWorkersClaimsAPost() throws Exception {
        AlertKey key = new AlertKey(ALERT_ID, MonitorCondition.FIRED);
        ledger.open(key, HUB, "r1", "inv-1");
        int workers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            String me = "inv-" + i;
            claims.add(pool.submit(() -> {
                go.await();
                AlertEntry after = ledger.update(key, e -> e.delivery("teams-1").state() == PostState.PENDING
                        ? e.withDelivery("teams-1", e.delivery("teams-1").claimed(me, clock.instant())) : e);
                return after.delivery("teams-1").owner().equals(me);
            }));
        }
        go.countDown();
        int winners = 0;
        for (Future<Boolean> f : claims) {
            winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
        assertThat(ledger.find(key).orElseThrow().delivery("teams-1").attempts()).isEqualTo(1);
    }

    @Test
    void hubRowIsInsertedOnceAndAStaleSaveIsRefused() {
        HubEntry fresh = ledger.hub(HUB);
        assertThat(fresh.etag()).isEmpty();
        AlertKey a1 = new AlertKey(ALERT_ID, MonitorCondition.FIRED);
        Flapping.Firing f1 = new Flapping.Firing("MIXED", clock.instant(), "conn-drop", "Sev2");
        Flapping.Outcome first = Flapping.decide(fresh, a1, f1, Duration.ofMinutes(30));

        Optional<HubEntry> saved = ledger.save(first.hub());
        assertThat(saved).isPresent();
        assertThat(ledger.save(first.hub())).as("a second insert of a never-stored row").isEmpty();

        assertThat(ledger.hub(HUB).lastVerdict()).as("decided, not posted yet").isEmpty();
        ledger.cardPosted(HUB, f1);
        HubEntry read = ledger.hub(HUB.toUpperCase());
        assertThat(read.lastVerdict()).contains("MIXED");
        assertThat(read.lastRule()).isEqualTo("conn-drop");
        assertThat(read.lastSeverity()).isEqualTo("Sev2");
        assertThat(read.lastFullCardAt()).contains(clock.instant());
        assertThat(read.decisionFor(a1)).map(HubEntry.Decision::plan).contains(Plan.FULL_CARD);

        AlertKey a2 = new AlertKey(ALERT_ID + "2", MonitorCondition.FIRED);
        HubEntry changed = Flapping.decide(read, a2, new Flapping.Firing("MIXED", clock.instant().plusSeconds(60),
                "conn-drop", "Sev2"), Duration.ofMinutes(30)).hub();
        assertThat(ledger.save(changed)).isPresent();
        assertThat(ledger.save(changed)).as("replace with the ETag that was read before the last write").isEmpty();
        assertThat(ledger.hub(HUB).firedCount()).isEqualTo(2);
    }

    @Test
    void ensureTableIsHarmlessWhenTheTableExists() {
        TriageLedger onNewTable = new TriageLedger(AzuriteTables.table("ledger" + System.nanoTime()), clock);
        onNewTable.ensureTable();
        onNewTable.ensureTable();
        AlertKey key = new AlertKey(ALERT_ID, MonitorCondition.FIRED);
        assertThat(onNewTable.open(key, HUB, "r", "inv-1").key()).isEqualTo(key);
    }

    @Test
    void aTableThatDoesNotAnswerIsALedgerExceptionNotATransportException() {
        TriageLedger down = new TriageLedger(io.iothubtriage.functions.testing.AzuriteTables.unreachable(), clock);
        AlertKey key = new AlertKey(ALERT_ID, MonitorCondition.FIRED);
        org.assertj.core.api.Assertions.assertThatThrownBy(down::ensureTable).isInstanceOf(LedgerException.class)
                .hasMessageContaining("unreachable");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> down.open(key, HUB, "r", "inv-1"))
                .isInstanceOf(LedgerException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> down.hub(HUB)).isInstanceOf(LedgerException.class);
    }
}
