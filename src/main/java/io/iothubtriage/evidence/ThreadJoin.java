package io.iothubtriage.evidence;

/** Waiting for a helper thread of the reading or the aggregation to end. */
final class ThreadJoin {

    private ThreadJoin() {
    }

    /**
     * Waits for {@code thread} to end even if this thread is interrupted meanwhile (the helper still holds the file or
     * the aggregator's state, which must not be used or closed under it), then restores the interrupt flag.
     */
    static void uninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
