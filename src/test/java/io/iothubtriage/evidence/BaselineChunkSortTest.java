package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full chunk of the baseline's renewal log is sorted by device with a counting sort, each device's run then put in
 * order ({@link BaselineRenewals#sortChunk}): the result must be what {@code Arrays.sort} gives, whatever order the
 * rows came in (newest first as exports are, oldest first, shuffled) and however many devices there are.
 */
class BaselineChunkSortTest {

    private static final int CHUNK = 1 << 16;

    @Test
    void aChunkSortedByDeviceIsWhatArraysSortGives() {
        Random random = new Random(3);
        for (int devices : new int[]{1, 7, 1_000, 50_000, BaselineRenewals.COUNTED_DEVICES - 1,
                BaselineRenewals.COUNTED_DEVICES + 5}) {
            for (String order : new String[]{"newest first", "oldest first", "shuffled"}) {
                long[] chunk = new long[CHUNK];
                int maxDevice = 0;
                for (int i = 0; i < CHUNK; i++) {
                    long ms = order.equals("newest first") ? CHUNK - i : order.equals("oldest first") ? i
                            : random.nextInt(CHUNK);
                    int device = random.nextInt(devices);
                    maxDevice = Math.max(maxDevice, device);
                    // two rows of a device in the same millisecond: the class orders them
                    chunk[i] = (long) device << 38 | (ms / (1 + random.nextInt(2))) << 2 | random.nextInt(4);
                }
                long[] expected = chunk.clone();
                Arrays.sort(expected);

                long[] sorted = BaselineRenewals.sortChunk(chunk, new long[CHUNK], CHUNK, maxDevice);

                assertThat(sorted).as(devices + " devices, " + order).isEqualTo(expected);
            }
        }
    }
}
