package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RowFingerprintsTest {

    @Test
    void eachFingerprintWithoutATimeIsNewOnceAcrossEveryTable() {
        RowFingerprints seen = new RowFingerprints();
        SplittableRandom random = new SplittableRandom(7);
        long[] values = new long[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = RowHasher.finish(random.nextLong());
            assertThat(seen.add(values[i])).isTrue();
        }
        for (long v : values) {
            assertThat(seen.add(v)).isFalse();
        }
        // values that differ only in the bits that pick the table, or only in the slot bits, are different rows
        long base = 0x0123_4567_89AB_CDEFL;
        assertThat(seen.add(base)).isTrue();
        assertThat(seen.add(base ^ (1L << 63))).isTrue();
        assertThat(seen.add(base ^ 1L)).isTrue();
        assertThat(seen.add(base ^ (1L << 63))).isFalse();
        assertThat(seen.add(0)).isTrue();
        assertThat(seen.add(0)).isFalse();
        assertThat(seen.size()).isEqualTo(values.length + 4);
    }

    @Test
    void rowsKeptByTheirMinuteAreEachNewOnceInAnyOrder() {
        RowFingerprints seen = new RowFingerprints();
        SplittableRandom random = new SplittableRandom(5);
        long start = 1_768_471_200_000L; // 2026-01-15T10:00Z
        long[] values = new long[120_000];
        long[] times = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = RowHasher.finish(random.nextLong());
            times[i] = start - i * 45L; // newest first, 90 minutes
            assertThat(seen.add(values[i], times[i])).isTrue();
        }
        for (int i = values.length - 1; i >= 0; i--) { // the same export again, oldest first
            assertThat(seen.add(values[i], times[i])).isFalse();
        }
        // a burst: 100,000 rows within one minute, before and after a time the minute before the epoch
        long burst = -30_000L;
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(RowHasher.finish(i + 1L), burst + i % 60_000)).isTrue();
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(RowHasher.finish(i + 1L), burst + i % 60_000)).isFalse();
        }
        assertThat(seen.add(0, start)).isTrue();
        assertThat(seen.add(0, start)).isFalse();
        assertThat(seen.size()).isEqualTo(values.length + 100_000 + 1);
    }

    @Test
    void aMillionRowsInOneMinuteAreSplitOverTablesThatNeverOutgrowTheCache() {
        RowFingerprints seen = new RowFingerprints();
        seen.reserve(1_000_000);
        long minute = 1_768_471_200_000L;
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(seen.add(RowHasher.finish(i + 1L), minute + i % 60_000)).isTrue();
        }
        // rows of the next minute, and the same rows again: each new once, whatever table they went to
        assertThat(seen.add(RowHasher.finish(1L), minute + 60_000)).isTrue();
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(seen.add(RowHasher.finish(i + 1L), minute + i % 60_000)).isFalse();
        }
        assertThat(seen.size()).isEqualTo(1_000_001);
        assertThat(seen.largestTable()).isEqualTo(RowFingerprints.MAX_SLOTS);
    }

    @Test
    void aReservationKeepsWhatWasThereAndEveryLaterFingerprint() {
        RowFingerprints seen = new RowFingerprints();
        SplittableRandom random = new SplittableRandom(11);
        long[] before = new long[5_000];
        for (int i = 0; i < before.length; i++) {
            before[i] = RowHasher.finish(random.nextLong());
            assertThat(seen.add(before[i])).isTrue();
        }
        seen.reserve(300_000);
        seen.reserve(0);
        for (long v : before) {
            assertThat(seen.add(v)).isFalse();
        }
        long[] after = new long[300_000];
        for (int i = 0; i < after.length; i++) {
            after[i] = RowHasher.finish(random.nextLong());
            assertThat(seen.add(after[i])).isTrue();
        }
        for (long v : after) {
            assertThat(seen.add(v)).isFalse();
        }
        assertThat(seen.size()).isEqualTo(before.length + after.length);
    }
}
