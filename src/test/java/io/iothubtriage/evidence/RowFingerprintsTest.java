package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RowFingerprintsTest {

    @Test
    void eachFingerprintIsNewOnceAcrossEverySegment() {
        RowFingerprints seen = new RowFingerprints();
        SplittableRandom random = new SplittableRandom(7);
        long[] values = new long[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = RowFingerprints.finish(random.nextLong());
            assertThat(seen.add(values[i])).isTrue();
        }
        for (long v : values) {
            assertThat(seen.add(v)).isFalse();
        }
        // values that differ only in the bits that pick the segment, or only in the slot bits, are different rows
        long base = 0x0123_4567_89AB_CDEFL;
        assertThat(seen.add(base)).isTrue();
        assertThat(seen.add(base ^ (1L << 63))).isTrue();
        assertThat(seen.add(base ^ 1L)).isTrue();
        assertThat(seen.add(base ^ (1L << 63))).isFalse();
        assertThat(seen.add(0)).isTrue();
        assertThat(seen.add(0)).isFalse();
        assertThat(seen.size()).isEqualTo(values.length + 4);
    }
}
