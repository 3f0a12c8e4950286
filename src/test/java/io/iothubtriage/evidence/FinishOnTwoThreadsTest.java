package io.iothubtriage.evidence;

import io.iothubtriage.alert.TriageRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.iothubtriage.evidence.Rows.connect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A big triage's {@link ConnectionAggregator#finish} runs on two threads, the devices and the baseline's log cut into
 * parts: the evidence must be the one a single pass gives, field for field, whatever the number of devices and
 * whichever thread takes which part.
 */
class FinishOnTwoThreadsTest {

    /** Window 10:00–10:35; baseline the 24 h before. */
    private static final TriageRequest REQUEST = Rows.request("10:00:00", "10:35:00");
    private static final Instant WINDOW_START = REQUEST.window().start();
    private static final Instant BASELINE_START = REQUEST.baseline().start();
    private static final String[] CODES = {"404104", "401003", "500001", "403006", "404103"};

    /**
     * A fleet of {@code devices} devices of every kind the pass tells apart: hourly renewers in the baseline (so a big
     * fleet's log spans several chunks), devices failing in the window on connect or on close with several codes,
     * flappers, devices that come back quickly or slowly, devices whose only error sits at the edge of the
     * data, and several addresses, SDKs and protocols; in a shuffled order.
     */
    private static List<ConnectionLogRow> fleet(int devices, long seed) {
        Random random = new Random(seed);
        List<ConnectionLogRow> rows = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            String id = "dev-" + d;
            String ip = "10.0." + (d % 37) + ".XXX";
            String sdk = "azure-iot-device/1.18." + (d % 5);
            for (int h = 0; h < 6; h++) {
                Instant t = BASELINE_START.plus(Duration.ofHours(4L * h)).plusSeconds(53L * d % 3_500 + 5);
                rows.add(Rows.withIp(Rows.error(id, t, d % 3 == 0 ? "401003" : "404104", false), ip));
                rows.add(Rows.withSdk(Rows.withIp(connect(id, t.plusMillis(1_500 + d % 7 * 100_000)), ip), sdk));
            }
            Instant w = WINDOW_START.plusSeconds(60 + d % 1_700);
            switch (d % 6) {
                case 0 -> rows.add(Rows.withIp(Rows.error(id, w, CODES[d % CODES.length], true), ip));
                case 1 -> {
                    for (int i = 0; i < 4; i++) {
                        rows.add(Rows.withIp(Rows.error(id, w.plusSeconds(40L * i), CODES[(d + i) % CODES.length],
                                i % 2 == 0), ip));
                        rows.add(Rows.withIp(connect(id, w.plusSeconds(40L * i + 20)), ip));
                    }
                }
                case 2 -> {
                    rows.add(Rows.withIp(Rows.error(id, w, "404104", false), ip));
                    rows.add(Rows.withSdk(connect(id, w.plusMillis(900)), sdk));
                }
                case 3 -> rows.add(Rows.error(id, REQUEST.window().end().minusSeconds(20 + d % 30), "404104", false));
                case 4 -> {
                    rows.add(Rows.error(id, w, "500001", false));
                    rows.add(connect(id, w.plusSeconds(120 + random.nextInt(200))));
                }
                default -> rows.add(Rows.withSdk(connect(id, w), sdk));
            }
        }
        rows.add(connect("quiet", REQUEST.window().end().minusSeconds(5)));
        Collections.shuffle(rows, random);
        return rows;
    }

    private static ConnectionAggregator aggregated(List<ConnectionLogRow> rows, NoiseRules rules) {
        ConnectionAggregator a = new ConnectionAggregator(REQUEST, rules);
        rows.forEach(a);
        return a;
    }

    private static void sameEitherWay(List<ConnectionLogRow> rows, NoiseRules rules) {
        ConnectionAggregator a = aggregated(rows, rules);
        ConnectionEvidence onePass = a.finish(false);
        for (int i = 0; i < 3; i++) {
            assertThat(a.finish(true)).isEqualTo(onePass);
        }
    }

    @Test
    void noDevices() {
        ConnectionAggregator a = new ConnectionAggregator(REQUEST, NoiseRules.defaults());
        assertThat(a.finish(true)).isEqualTo(a.finish(false));
    }

    @Test
    void oneDevice() {
        sameEitherWay(fleet(1, 1), NoiseRules.defaults());
    }

    @Test
    void anOddNumberOfDevices() {
        sameEitherWay(fleet(7, 2), NoiseRules.defaults());
        sameEitherWay(fleet(1_001, 3), NoiseRules.defaults());
    }

    @Test
    void manyDevicesWithABaselineOfSeveralChunks() {
        List<ConnectionLogRow> rows = fleet(20_001, 4);
        ConnectionAggregator a = aggregated(rows, NoiseRules.defaults());
        ConnectionEvidence onePass = a.finish(false);

        assertThat(a.finish(true)).isEqualTo(onePass);
        assertThat(a.finish()).isEqualTo(onePass); // past both thresholds: the two-thread path
        // the fleet is what it is meant to be: every kind of device is there, the baseline judged
        assertThat(onePass.affectedDevices()).isGreaterThan(10_000);
        assertThat(onePass.families()).hasSizeGreaterThan(1);
        assertThat(onePass.topDevices()).hasSize(ConnectionEvidence.TOP_DEVICES);
        assertThat(onePass.noise().edgeOfDataDevices()).isPositive();
        assertThat(onePass.codes()).allSatisfy(c -> assertThat(c.baselineNoiseEvents()).isPresent());
        assertThat(onePass.codes().stream().mapToLong(c -> c.baselineNoiseEvents().getAsLong()).sum())
                .isGreaterThan(20_000);
    }

    @Test
    void aBaselineOverItsCapIsCountedNotJudgedEitherWay() {
        List<ConnectionLogRow> rows = fleet(3_000, 5);
        NoiseRules capped = NoiseRules.defaults().withBaselineRowCap(1_000);
        sameEitherWay(rows, capped);
        assertThat(aggregated(rows, capped).finish(true).codes())
                .allSatisfy(c -> assertThat(c.baselineNoiseEvents()).isEmpty());
    }

    @Test
    void aFinishBeforeTheLastRowsLeavesTheEvidenceOfAllRowsAsAFreshAggregatorGivesIt() {
        List<ConnectionLogRow> rows = fleet(20_001, 6);
        ConnectionAggregator early = new ConnectionAggregator(REQUEST, NoiseRules.defaults());
        int half = rows.size() / 2;
        rows.subList(0, half).forEach(early);
        early.finish(true);
        early.finish(false);
        rows.subList(half, rows.size()).forEach(early);

        ConnectionEvidence fresh = aggregated(rows, NoiseRules.defaults()).finish(false);
        assertThat(early.finish(true)).isEqualTo(fresh);
        assertThat(early.finish(false)).isEqualTo(fresh);
    }
}
