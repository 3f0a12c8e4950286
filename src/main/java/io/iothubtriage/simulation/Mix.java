package io.iothubtriage.simulation;

/**
 * Stateless, seeded randomness: every random choice of the simulator is a hash of (seed, device, what, which), so any
 * slice of time can be generated on its own and the same scenario always yields the same rows.
 */
final class Mix {
    private Mix() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long a, long b, long salt) {
        return mix(seed ^ mix(a * 0x9E3779B97F4A7C15L ^ mix(b + 0x632BE59BD9B4E019L) ^ (salt * 0xC2B2AE3D27D4EB4FL)));
    }

    /** A double in [0, 1). */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A long in [lo, hi). */
    static long between(long h, long lo, long hi) {
        return lo + Math.floorMod(h, hi - lo);
    }

    /** A small sequential generator for scripts that need many draws for one device. */
    static final class Rng {
        private long state;

        Rng reseed(long seed) {
            state = seed;
            return this;
        }

        long next() {
            state += 0x9E3779B97F4A7C15L;
            return mix(state);
        }

        double unit() {
            return Mix.unit(next());
        }

        long between(long lo, long hi) {
            return Mix.between(next(), lo, hi);
        }

        boolean chance(double p) {
            return unit() < p;
        }
    }
}
