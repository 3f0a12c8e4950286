package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;
import io.iothubtriage.evidence.ConnectionEvidence.CodeStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import static io.iothubtriage.evidence.Rows.at;
import static io.iothubtriage.evidence.Rows.closed;
import static io.iothubtriage.evidence.Rows.connect;
import static org.assertj.core.api.Assertions.assertThat;

/** The SAS-renewal rule judged on the baseline window's rows, as it is on the window's (docs/aggregation.md). */
class BaselineRenewalRuleTest {

    /** Window 10:00–10:35; baseline the 24 h before: 2026-01-14 10:00 to 2026-01-15 10:00. */
    private static final TriageRequest REQUEST = Rows.request("10:00:00", "10:35:00");
    private static final Instant BASELINE_START = REQUEST.baseline().start();

    private static ConnectionEvidence aggregate(List<ConnectionLogRow> rows, NoiseRules rules) {
        ConnectionAggregator a = new ConnectionAggregator(REQUEST, rules);
        rows.forEach(a);
        return a.finish();
    }

    private static CodeStats code(ConnectionEvidence e, String code) {
        return e.codes().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    /** Each device renews hourly at its own minute: 404104 then a reconnect 1.5 s later, all day. */
    private static void hourlyRenewals(List<ConnectionLogRow> rows, int devices) {
        for (int d = 0; d < devices; d++) {
            String id = "renewer-" + d;
            for (int h = 0; h < 24; h++) {
                Instant t = BASELINE_START.plus(Duration.ofHours(h)).plusSeconds(37L * d % 3_500 + 5);
                rows.add(Rows.error(id, t, "404104", false));
                rows.add(connect(id, t.plusMillis(1_500)));
            }
        }
    }

    /** {@code devices} devices named {@code prefix + n} log a 404104 one second apart from {@code from}. */
    private static void dropsWithoutReconnect(List<ConnectionLogRow> rows, String prefix, Instant from, int devices) {
        for (int d = 0; d < devices; d++) {
            rows.add(Rows.error(prefix + d, from.plusSeconds(d), "404104", false));
        }
    }

    /** The window's outage: one 404104 per site device, no reconnect, and a late quiet row (the edge). */
    private static void windowOutage(List<ConnectionLogRow> rows, int devices) {
        for (int d = 0; d < devices; d++) {
            rows.add(closed("site-" + d, "10:20:00", "404104"));
        }
        rows.add(connect("quiet", "10:34:00"));
    }

    @Test
    void renewingDevicesLeaveNothingInTheBaseline() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        hourlyRenewals(rows, 40);
        windowOutage(rows, 12);

        CodeStats c = code(aggregate(rows, NoiseRules.defaults()), "404104");

        assertThat(c.baselineEvents()).isEqualTo(40 * 24);
        assertThat(c.baselineNoiseEvents()).isEqualTo(OptionalLong.of(40 * 24));
        assertThat(c.events()).isEqualTo(12);
    }

    @Test
    void aRealOutageInTheBaselineCountsExactlyItsEvents() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        hourlyRenewals(rows, 40);
        // 03:00: 25 devices drop and come back after 6 minutes (no quick reconnect: not a renewal),
        Instant outage = at("03:00:00");
        for (int d = 0; d < 25; d++) {
            rows.add(Rows.error("blip-" + d, outage.plusSeconds(d), "404104", false));
            rows.add(connect("blip-" + d, outage.plusSeconds(360 + d)));
        }
        // and one flapper: 401003 then a reconnect every 3 minutes for half an hour (renewal-shaped, but too often)
        Instant flap = at("05:00:00");
        for (int i = 0; i < 10; i++) {
            rows.add(Rows.error("flapper", flap.plusSeconds(180L * i), "401003", true));
            rows.add(connect("flapper", flap.plusSeconds(180L * i + 20)));
        }
        windowOutage(rows, 12);
        rows.add(closed("flapper", "10:10:00", "401003"));

        ConnectionEvidence e = aggregate(rows, NoiseRules.defaults());

        CodeStats network = code(e, "404104");
        assertThat(network.baselineEvents() - network.baselineNoiseEvents().orElseThrow()).isEqualTo(25);
        CodeStats auth = code(e, "401003");
        assertThat(auth.baselineEvents()).isEqualTo(10);
        assertThat(auth.baselineNoiseEvents()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void theBaselinesLastRenewalIsSettledByAReconnectInTheWindow() {
        List<ConnectionLogRow> rows = List.of(
                // 30 s before the baseline's end; its reconnect is the window's first row
                Rows.error("d", at("09:59:30"), "401003", false),
                Rows.error("d", at("09:59:31"), "404104", false),
                connect("d", "10:00:20"),
                // another device errs at the baseline's end and comes back only 3 minutes later: evidence
                Rows.error("late", at("09:59:50"), "404104", false),
                connect("late", "10:02:50"),
                closed("site", "10:20:00", "404104"),
                closed("other", "10:15:00", "401003"),
                connect("quiet", "10:34:00"));

        ConnectionEvidence e = aggregate(rows, NoiseRules.defaults());

        assertThat(code(e, "404104").baselineEvents()).isEqualTo(2);
        assertThat(code(e, "404104").baselineNoiseEvents()).isEqualTo(OptionalLong.of(1));
        assertThat(code(e, "401003").baselineNoiseEvents()).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void rowOrderDoesNotChangeTheBaseline() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        hourlyRenewals(rows, 30);
        dropsWithoutReconnect(rows, "renewer-", at("03:00:00"), 7);
        windowOutage(rows, 5);
        ConnectionEvidence ordered = aggregate(rows, NoiseRules.defaults());

        List<ConnectionLogRow> newestFirst = new ArrayList<>(rows);
        newestFirst.sort(Comparator.comparing(ConnectionLogRow::time).reversed());
        List<ConnectionLogRow> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(7));
        // two "files", each newest first, given in the wrong order
        List<ConnectionLogRow> files = new ArrayList<>(newestFirst.subList(newestFirst.size() / 2, newestFirst.size()));
        files.addAll(newestFirst.subList(0, newestFirst.size() / 2));

        for (List<ConnectionLogRow> order : List.of(newestFirst, shuffled, files)) {
            assertThat(aggregate(order, NoiseRules.defaults())).isEqualTo(ordered);
        }
        // renewer-d's extra error at 03:00:0d joins the group of its 03:00 renewal (at 5 + 37 d s, back 1.5 s
        // later): for d = 0..3 the group's reconnect is within 2 min of its first error, a renewal, both noise;
        // for d = 4..6 it is not (150.5 s, 186.5 s, 222.5 s): both errors are evidence
        CodeStats c = code(ordered, "404104");
        assertThat(c.baselineEvents()).isEqualTo(30 * 24 + 7);
        assertThat(c.baselineEvents() - c.baselineNoiseEvents().orElseThrow()).isEqualTo(3 * 2);
    }

    @Test
    void aLargeShuffledBaselineIsJudgedAcrossTheLogsChunks() {
        // 2,500 renewers: 120,000 logged rows, so each device's rows sit in several sorted chunks merged at the end
        List<ConnectionLogRow> rows = new ArrayList<>();
        hourlyRenewals(rows, 2_500);
        dropsWithoutReconnect(rows, "down-", at("03:30:00"), 100);
        windowOutage(rows, 5);
        Collections.shuffle(rows, new Random(11));

        CodeStats c = code(aggregate(rows, NoiseRules.defaults()), "404104");

        assertThat(c.baselineEvents()).isEqualTo(2_500 * 24 + 100);
        assertThat(c.baselineNoiseEvents()).isEqualTo(OptionalLong.of(2_500 * 24));
    }

    @Test
    void aBaselineOfManyChunksIsJudgedTheSameWhenFinishedTwiceAndAfterMoreRows() {
        // 6,000 renewers (288,000 logged rows: four full chunks, sorted as they fill, and a part-filled fifth, judged
        // beside the pass over the devices), then 1,000 more whose rows come after a first finish
        List<ConnectionLogRow> first = new ArrayList<>();
        hourlyRenewals(first, 6_000);
        dropsWithoutReconnect(first, "down-", at("03:30:00"), 100);
        windowOutage(first, 5);
        Collections.shuffle(first, new Random(17));
        List<ConnectionLogRow> more = new ArrayList<>();
        hourlyRenewals(more, 7_000);
        more.subList(0, 6_000 * 24 * 2).clear();   // renewers 6,000 to 6,999 only
        dropsWithoutReconnect(more, "late-", at("05:00:00"), 30);
        Collections.shuffle(more, new Random(19));

        ConnectionAggregator a = new ConnectionAggregator(REQUEST, NoiseRules.defaults());
        first.forEach(a);
        ConnectionEvidence once = a.finish();
        assertThat(a.finish()).isEqualTo(once);
        more.forEach(a);
        CodeStats after = code(a.finish(), "404104");

        assertThat(code(once, "404104").baselineEvents()).isEqualTo(6_000 * 24 + 100);
        assertThat(code(once, "404104").baselineNoiseEvents()).isEqualTo(OptionalLong.of(6_000 * 24));
        assertThat(after.baselineEvents()).isEqualTo(7_000 * 24 + 100 + 30);
        assertThat(after.baselineNoiseEvents()).isEqualTo(OptionalLong.of(7_000 * 24));
    }

    @Test
    void aBaselineOverItsRowCapIsCountedNotJudged() {
        List<ConnectionLogRow> rows = new ArrayList<>();
        hourlyRenewals(rows, 10);
        windowOutage(rows, 3);

        CodeStats judged = code(aggregate(rows, NoiseRules.defaults().withBaselineRowCap(480)), "404104");
        CodeStats counted = code(aggregate(rows, NoiseRules.defaults().withBaselineRowCap(479)), "404104");

        assertThat(judged.baselineNoiseEvents()).isEqualTo(OptionalLong.of(240));
        assertThat(counted.baselineNoiseEvents()).isEmpty();
        assertThat(counted.baselineEvents()).isEqualTo(240);
    }
}
