package io.iothubtriage.evidence;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Numbered tasks run on the calling thread and one helper thread at once, each thread taking the next task not yet
 * taken, so the thread that gets more of the machine does more of them (on a shared machine one of the two is often
 * descheduled for a while). Each thread runs the tasks through its own worker (its own totals), so the tasks need no
 * locking; the caller combines the workers' results afterwards.
 *
 * <p>Failures are not lost: what a task throws on the helper thread is thrown on the calling thread, as it was
 * thrown there, once both threads have stopped; a failure on either thread stops the other one before its next task.
 */
final class TasksOnTwoThreads {

    /** Far beyond any task count, and far enough from overflowing however many takers still increment it. */
    private static final int STOPPED = Integer.MAX_VALUE / 2;

    private final AtomicInteger next = new AtomicInteger();
    private final int tasks;

    private TasksOnTwoThreads(int tasks) {
        this.tasks = tasks;
    }

    /**
     * Runs tasks {@code 0 .. tasks - 1}, each once, through {@code onCaller} (on this thread) or {@code onHelper}
     * (on a new thread named {@code threadName}); returns when all are done.
     */
    static void run(int tasks, IntConsumer onCaller, IntConsumer onHelper, String threadName) {
        new TasksOnTwoThreads(tasks).go(onCaller, onHelper, threadName);
    }

    private void go(IntConsumer onCaller, IntConsumer onHelper, String threadName) {
        Helper helper = new Helper(onHelper);
        Thread thread = new Thread(helper, threadName);
        thread.setDaemon(true);
        thread.start();
        try {
            take(onCaller);
        } catch (RuntimeException | Error e) {
            next.set(STOPPED);
            ThreadJoin.uninterruptibly(thread);
            throw e;
        }
        ThreadJoin.uninterruptibly(thread);
        // join() orders the helper's writes before this read
        Throwable failure = helper.failure;
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException(failure); // an IntConsumer throws nothing checked; kept for completeness
        }
    }

    private void take(IntConsumer worker) {
        for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
            worker.accept(t);
        }
    }

    /** The helper thread's loop; a plain class rather than a lambda (this runs once, in a JVM still cold). */
    private final class Helper implements Runnable {
        private final IntConsumer worker;
        Throwable failure;

        Helper(IntConsumer worker) {
            this.worker = worker;
        }

        @Override
        public void run() {
            try {
                take(worker);
            } catch (Throwable t) {
                failure = t;
                next.set(STOPPED);
            }
        }
    }
}
