package io.iothubtriage.evidence;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TasksOnTwoThreadsTest {

    @Test
    void everyTaskRunsOnceOnOneOfTheTwoThreads() {
        int tasks = 10_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        int[] byCaller = new int[1];
        int[] byHelper = new int[1];
        Thread caller = Thread.currentThread();
        String[] helperName = new String[1];

        TasksOnTwoThreads.run(tasks, t -> {
            runs.incrementAndGet(t);
            byCaller[0]++;
        }, t -> {
            runs.incrementAndGet(t);
            byHelper[0]++;
            helperName[0] = Thread.currentThread().getName();
        }, "test helper");

        for (int t = 0; t < tasks; t++) {
            assertThat(runs.get(t)).as("task %d", t).isEqualTo(1);
        }
        assertThat(byCaller[0] + byHelper[0]).isEqualTo(tasks);
        assertThat(Thread.currentThread()).isSameAs(caller);
        if (byHelper[0] > 0) {
            assertThat(helperName[0]).isEqualTo("test helper");
        }
    }

    @Test
    void noTasks() {
        TasksOnTwoThreads.run(0, t -> {
            throw new AssertionError("no task to run");
        }, t -> {
            throw new AssertionError("no task to run");
        }, "test helper");
    }

    @Test
    void aFailureOnTheHelperThreadIsThrownOnTheCaller() {
        CountDownLatch helperStarted = new CountDownLatch(1);
        // the caller waits until the helper has taken a task, so the helper surely fails
        IntConsumer caller = t -> await(helperStarted);
        IntConsumer helper = t -> {
            helperStarted.countDown();
            throw new IllegalStateException("part " + t + " failed");
        };

        assertThatThrownBy(() -> TasksOnTwoThreads.run(2, caller, helper, "test helper"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("part [01] failed");
    }

    @Test
    void anErrorOnTheHelperThreadIsThrownAsItIs() {
        CountDownLatch helperStarted = new CountDownLatch(1);
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");

        assertThatThrownBy(() -> TasksOnTwoThreads.run(2, t -> await(helperStarted), t -> {
            helperStarted.countDown();
            throw oom;
        }, "test helper")).isSameAs(oom);
    }

    @Test
    void aFailureOnTheCallerStopsTheHelperAndIsThrown() {
        CountDownLatch helperStarted = new CountDownLatch(1);
        AtomicIntegerArray runs = new AtomicIntegerArray(1_000);

        assertThatThrownBy(() -> TasksOnTwoThreads.run(1_000, t -> {
            await(helperStarted);
            throw new IllegalArgumentException("caller failed");
        }, t -> {
            runs.incrementAndGet(t);
            helperStarted.countDown();
            sleepQuietly(); // a slow part: the caller fails meanwhile
        }, "test helper")).hasMessage("caller failed");

        // the helper stopped at its next task instead of running all the others
        int ran = 0;
        for (int t = 0; t < 1_000; t++) {
            ran += runs.get(t);
        }
        assertThat(ran).isLessThan(10);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("the helper thread took a task").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
