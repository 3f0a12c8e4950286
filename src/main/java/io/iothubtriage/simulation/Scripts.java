package io.iothubtriage.simulation;

import static io.iothubtriage.simulation.SimEvents.C_400027;
import static io.iothubtriage.simulation.SimEvents.C_400029;
import static io.iothubtriage.simulation.SimEvents.C_400030;
import static io.iothubtriage.simulation.SimEvents.C_401003;
import static io.iothubtriage.simulation.SimEvents.C_403002;
import static io.iothubtriage.simulation.SimEvents.C_404012;
import static io.iothubtriage.simulation.SimEvents.C_404104;
import static io.iothubtriage.simulation.SimEvents.C_409002;
import static io.iothubtriage.simulation.SimEvents.C_429001;
import static io.iothubtriage.simulation.SimEvents.C_500001;
import static io.iothubtriage.simulation.SimEvents.C_500008;
import static io.iothubtriage.simulation.SimEvents.CONNECTED;
import static io.iothubtriage.simulation.SimEvents.DISCONNECTED_CLEAN;
import static io.iothubtriage.simulation.SimEvents.error;

/**
 * What one device hit by an incident writes to the Connections log, from the incident's start until the end of the
 * data. Each script is a pure function of (incident, start, end, the device's seeded draws), so it can be replayed for
 * any slice of time. It also declares when the device is away, so background behaviour (renewals, churn) is held back.
 */
final class Scripts {
    static final long FOREVER = Long.MAX_VALUE;

    interface Sink {
        void event(long timeMs, int kind);

        /** The device is away (or busy with the incident) from {@code fromMs} until {@code toMs}. */
        void away(long fromMs, long toMs);
    }

    private Scripts() {
    }

    static void play(Incident incident, long start, long end, Mix.Rng r, Sink out) {
        if (incident instanceof Incident.NetworkLoss n) {
            long drop = start + r.between(0, 180_000);
            out.event(drop, error(C_404104, false));
            if (n.recoverAfter().isPresent()) {
                long back = start + n.recoverAfter().get().toMillis() + r.between(0, 120_000);
                out.event(back, CONNECTED);
                out.away(drop, back);
            } else {
                out.away(drop, FOREVER);
            }
        } else if (incident instanceof Incident.ExpiredCredentials) {
            long drop = start + r.between(0, 120_000);
            out.event(drop, error(C_404104, false));
            long delay = 10_000;
            for (long t = drop + r.between(2_000, 10_000); t < end; t += delay + r.between(0, delay / 5),
                    delay = Math.min(delay * 2, 300_000)) {
                out.event(t, error(C_401003, true));
            }
            out.away(drop, FOREVER);
        } else if (incident instanceof Incident.DuplicateClients) {
            for (long t = start + r.between(0, 60_000); t < end; t += r.between(15_000, 90_000)) {
                out.event(t, error(r.chance(0.25) ? C_409002 : C_400027, false));
                out.event(t + r.between(500, 3_000), CONNECTED);
            }
            out.away(start, FOREVER);
        } else if (incident instanceof Incident.PlatformUpgrade) {
            long drop = start + r.between(0, 360_000);
            out.event(drop, error(C_400029, false));
            long t = drop + r.between(3_000, 8_000);
            long refusals = 1 + r.between(0, 3);
            for (long i = 0, delay = 10_000; i < refusals; i++, delay *= 2) {
                out.event(t, error(C_400030, true));
                t += delay + r.between(0, 5_000);
            }
            out.event(t, CONNECTED);
            out.away(drop, t);
        } else if (incident instanceof Incident.Failover) {
            long drop = start + r.between(0, 30_000);
            out.event(drop, error(C_404104, false));
            long done = start + 360_000 + r.between(0, 90_000);
            long t = drop + r.between(5_000, 20_000);
            for (; t < done; t += r.between(20_000, 40_000)) {
                out.event(t, error(C_404012, true));
            }
            out.event(t, CONNECTED);
            out.away(drop, t);
        } else if (incident instanceof Incident.TransientServiceErrors) {
            long drop = start + r.between(0, 240_000);
            out.event(drop, error(r.chance(0.6) ? C_404104 : C_500001, false));
            long t = drop + r.between(2_000, 10_000);
            long attempts = 1 + r.between(0, 4);
            for (long i = 0; i < attempts; i++, t += r.between(10_000, 40_000)) {
                out.event(t, error(r.chance(0.7) ? C_500008 : C_500001, true));
            }
            out.event(t, CONNECTED);
            out.away(drop, t);
        } else if (incident instanceof Incident.Throttling th && !th.quota()) {
            long drop = start + r.between(0, 120_000);
            out.event(drop, error(C_404104, false));
            long until = start + 720_000 + r.between(0, 300_000);
            long t = drop + r.between(1_000, 5_000);
            for (long delay = 15_000; t < until; t += delay + r.between(0, delay / 4),
                    delay = Math.min(delay * 2, 240_000)) {
                out.event(t, error(C_429001, true));
            }
            out.event(t, CONNECTED);
            out.away(drop, t);
        } else if (incident instanceof Incident.Throttling) {
            long drop = start + r.between(0, 300_000);
            out.event(drop, error(C_403002, false));
            for (long t = drop + r.between(30_000, 90_000); t < end; t += r.between(60_000, 300_000)) {
                out.event(t, error(C_403002, true));
            }
            out.away(drop, FOREVER);
        } else if (incident instanceof Incident.SingleDeviceFailure) {
            long t = start;
            out.event(t, error(C_404104, false));
            while (true) {
                long up = t + r.between(40_000, 90_000);
                if (up >= end) {
                    break;
                }
                out.event(up, CONNECTED);
                t = up + r.between(20_000, 60_000);
                if (t >= end) {
                    break;
                }
                out.event(t, error(C_404104, false));
            }
            out.away(start, FOREVER);
        } else if (incident instanceof Incident.CleanShutdown) {
            long t = start + r.between(0, 120_000);
            out.event(t, DISCONNECTED_CLEAN);
            out.away(t, FOREVER);
        } else {
            throw new IllegalArgumentException("no device script for " + incident);
        }
    }
}
