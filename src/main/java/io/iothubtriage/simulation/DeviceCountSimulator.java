package io.iothubtriage.simulation;

import io.iothubtriage.evidence.DeviceCountEvidence;
import io.iothubtriage.evidence.DeviceCountEvidence.MetricPoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The connectedDeviceCount metric of a scenario, derived from the same events as its rows: a device is connected
 * after a successful connect and disconnected after a deviceDisconnect (clean or not); a refused connect changes
 * nothing. The sweep starts an hour before the window with every device connected except those an incident already
 * holds, then reports, per minute of the window, the minimum, time-weighted average and maximum.
 */
final class DeviceCountSimulator implements Generator.EventSink {
    private static final long MINUTE_MS = 60_000;

    private final boolean[] online;
    private final long windowFirstMinute;
    private final List<MetricPoint> points = new ArrayList<>();
    private int count;
    private long minuteStart;
    private long lastChange;
    private double area;
    private int min;
    private int max;

    private DeviceCountSimulator(int devices, long sweepFromMs, long windowStartMs, long[] awayFrom, long[] awayTo,
                                 int[] owner) {
        online = new boolean[devices];
        for (int d = 0; d < devices; d++) {
            boolean held = owner[d] >= 0 && awayFrom[d] <= sweepFromMs && sweepFromMs < awayTo[d];
            online[d] = !held;
            if (online[d]) {
                count++;
            }
        }
        windowFirstMinute = Math.floorDiv(windowStartMs, MINUTE_MS) * MINUTE_MS;
        minuteStart = Math.floorDiv(sweepFromMs, MINUTE_MS) * MINUTE_MS;
        lastChange = minuteStart;
        min = count;
        max = count;
    }

    static DeviceCountEvidence simulate(Generator generator, int devices, int registered, long windowStartMs,
                                        long windowEndMs, long[] awayFrom, long[] awayTo, int[] owner) {
        long sweepFrom = windowStartMs - 3_600_000;
        DeviceCountSimulator sim = new DeviceCountSimulator(devices, sweepFrom, windowStartMs, awayFrom, awayTo, owner);
        generator.run(sweepFrom, windowEndMs, false, sim);
        sim.advanceTo(Math.floorDiv(windowEndMs - 1, MINUTE_MS) * MINUTE_MS + MINUTE_MS);
        List<MetricPoint> total = new ArrayList<>(sim.points.size());
        for (MetricPoint p : sim.points) {
            total.add(new MetricPoint(p.time(), OptionalDouble.of(registered), OptionalDouble.of(registered),
                    OptionalDouble.of(registered)));
        }
        return new DeviceCountEvidence(sim.points, total);
    }

    @Override
    public void event(long timeMs, int device, int kind) {
        advanceTo(timeMs);
        boolean now;
        if (kind == SimEvents.CONNECTED) {
            now = true;
        } else if (kind == SimEvents.DISCONNECTED_CLEAN || !SimEvents.onConnect(kind)) {
            now = false;
        } else {
            return;
        }
        if (now == online[device]) {
            return;
        }
        area += (double) count * (timeMs - lastChange);
        lastChange = timeMs;
        online[device] = now;
        count += now ? 1 : -1;
        min = Math.min(min, count);
        max = Math.max(max, count);
    }

    /** Closes every minute that ends at or before {@code t}. */
    private void advanceTo(long t) {
        while (t >= minuteStart + MINUTE_MS) {
            long end = minuteStart + MINUTE_MS;
            area += (double) count * (end - lastChange);
            if (minuteStart >= windowFirstMinute) {
                double avg = Math.round(area / MINUTE_MS * 100) / 100.0;
                points.add(new MetricPoint(Instant.ofEpochMilli(minuteStart), OptionalDouble.of(min),
                        OptionalDouble.of(avg), OptionalDouble.of(max)));
            }
            minuteStart = end;
            lastChange = end;
            area = 0;
            min = count;
            max = count;
        }
    }
}
