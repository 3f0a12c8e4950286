package io.iothubtriage.evidence;

import io.iothubtriage.evidence.ConnectionEvidence.DimensionBreakdown;
import io.iothubtriage.evidence.ConnectionEvidence.ValueCount;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts how a set of devices spreads over each scope dimension, by each device's latest known value. */
final class BreakdownCounter {
    private static final Dimension[] DIMENSIONS = Dimension.values();

    private final ValueTable[] tables;
    private final int[][] counts;

    BreakdownCounter(ValueTable[] tables) {
        this.tables = tables;
        this.counts = new int[tables.length][];
        for (int d = 0; d < tables.length; d++) {
            counts[d] = new int[tables[d].size()];
        }
    }

    void add(DeviceState device) {
        for (int d = 0; d < counts.length; d++) {
            int v = device.dimValue(d);
            if (v >= 0) {
                counts[d][v]++;
            }
        }
    }

    /** Adds another counter's devices (counted over the same tables). */
    void merge(BreakdownCounter other) {
        for (int d = 0; d < counts.length; d++) {
            int[] mine = counts[d];
            int[] theirs = other.counts[d];
            for (int v = 0; v < mine.length; v++) {
                mine[v] += theirs[v];
            }
        }
    }

    Map<Dimension, DimensionBreakdown> result() {
        Map<Dimension, DimensionBreakdown> out = new EnumMap<>(Dimension.class);
        for (int d = 0; d < DIMENSIONS.length; d++) {
            out.put(DIMENSIONS[d], breakdown(counts[d], tables[d]));
        }
        return out;
    }

    /** Top values by devices descending, then value ascending, at most {@link ConnectionEvidence#TOP_VALUES}. */
    private static DimensionBreakdown breakdown(int[] count, ValueTable table) {
        int k = ConnectionEvidence.TOP_VALUES;
        int[] top = new int[k];
        int filled = 0;
        int devices = 0;
        int distinct = 0;
        for (int v = 0; v < count.length; v++) {
            int c = count[v];
            if (c == 0) {
                continue;
            }
            devices += c;
            distinct++;
            if (filled < k || before(v, top[filled - 1], count, table)) {
                int at = filled < k ? filled++ : k - 1;
                while (at > 0 && before(v, top[at - 1], count, table)) {
                    top[at] = top[at - 1];
                    at--;
                }
                top[at] = v;
            }
        }
        List<ValueCount> values = new ArrayList<>(filled);
        for (int i = 0; i < filled; i++) {
            values.add(new ValueCount(table.value(top[i]), count[top[i]]));
        }
        return new DimensionBreakdown(devices, distinct, values);
    }

    private static boolean before(int a, int b, int[] count, ValueTable table) {
        if (count[a] != count[b]) {
            return count[a] > count[b];
        }
        return table.value(a).compareTo(table.value(b)) < 0;
    }
}
