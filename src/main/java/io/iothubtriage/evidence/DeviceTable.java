package io.iothubtriage.evidence;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The aggregator's devices by id: an open-addressing table of {@link DeviceState}s (linear probing, the id kept in the
 * state), not a {@code HashMap}: no entry object per device (about 40 bytes each with the table's slack), and one
 * array probe per row. Each slot's id hash is kept beside it, so a probe compares ints and touches a device's state
only when the hash matches (one cache miss fewer per row, and no hash recomputed when the table grows). A fleet of
a million devices is held in about 16 MB of table plus the states.
 */
final class DeviceTable implements Iterable<DeviceState> {

    private DeviceState[] slots = new DeviceState[1024];
    private int[] hashes = new int[1024];
    private int size;

    /**
     * The state of the row's device, created on first sight. The slot's hash is the id's {@link String#hashCode()}
     * (for an id given as bytes, computed while scanning: {@link IdHash}), so an id is never hashed here.
     */
    DeviceState get(RowFields row) {
        DeviceState candidate = row.candidate();
        if (candidate != null && row.names(candidate)) {
            return candidate; // looked up ahead of the row; its state and id are in the cache by now
        }
        int h = row.idHash();
        int i = probe(h, spread(h));
        while (true) {
            DeviceState d = slots[i];
            if (d == null) {
                d = row.newDevice(size);
                slots[i] = d;
                hashes[i] = h;
                if (++size * 4 > slots.length * 3) {
                    grow();
                }
                return d;
            }
            if (row.names(d)) {
                return d;
            }
            i = probe(h, i + 1);
        }
    }

    /**
     * The first state whose id hash is {@code h}, or null when there is none: usually the device of that hash, but
     * not compared, so a candidate only (see {@link RowAssembler#findDevices}). Creates nothing.
     */
    DeviceState candidate(int h) {
        return slots[probe(h, spread(h))];
    }

    /** The first slot from {@code from} on (wrapping) that is empty or holds a state whose id hash is {@code h}. */
    private int probe(int h, int from) {
        DeviceState[] s = slots;
        int[] hs = hashes;
        int mask = s.length - 1;
        int i = from & mask;
        while (s[i] != null && hs[i] != h) {
            i = (i + 1) & mask;
        }
        return i;
    }

    int size() {
        return size;
    }

    private void grow() {
        DeviceState[] old = slots;
        int[] oldHashes = hashes;
        DeviceState[] s = new DeviceState[old.length * 2];
        int[] hs = new int[old.length * 2];
        int mask = s.length - 1;
        for (int j = 0; j < old.length; j++) {
            DeviceState d = old[j];
            if (d != null) {
                int h = oldHashes[j];
                int i = spread(h) & mask;
                while (s[i] != null) {
                    i = (i + 1) & mask;
                }
                s[i] = d;
                hs[i] = h;
            }
        }
        slots = s;
        hashes = hs;
    }

    /** Device ids often differ only in their last characters: mix the high bits into the low ones. */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    @Override
    public Iterator<DeviceState> iterator() {
        return new Iterator<>() {
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < slots.length && slots[i] == null) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < slots.length;
            }

            @Override
            public DeviceState next() {
                if (next >= slots.length) {
                    throw new NoSuchElementException();
                }
                DeviceState d = slots[next];
                next = advance(next + 1);
                return d;
            }
        };
    }

    /** How many slots the table has: a pass over the devices may be split into ranges of slots. */
    int slotCount() {
        return slots.length;
    }

    /** The device in slot {@code i}, or null for an empty slot. */
    DeviceState slot(int i) {
        return slots[i];
    }
}
