package io.github.lrubench.race;

import io.github.lrubench.kernel.Cpu;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives two simulated CPUs for a bounded time: one repeating a compaction step, the other a
 * truncating task's step, started together. The compacting CPU goes idle when it stops (so it
 * holds no grace period); the truncating CPU stays online for the caller, who owns it again after
 * this returns (Thread.join() publishes everything both threads did).
 */
public final class TwoCpuRun {

    private TwoCpuRun() {
    }

    /** Runs both loops until {@code duration} has passed or one fails; rethrows the first failure. */
    public static void run(Duration duration, Cpu compactCpu, Runnable compactStep, Runnable truncateStep) {
        long deadline = System.nanoTime() + duration.toNanos();
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread compactor = new Thread(() -> loop(start, deadline, failure, compactStep, compactCpu), "cpu0-kcompactd");
        Thread truncator = new Thread(() -> loop(start, deadline, failure, truncateStep, null), "cpu1-truncate");
        compactor.start();
        truncator.start();
        start.countDown();
        join(compactor);
        join(truncator);
        if (failure.get() != null) {
            throw new IllegalStateException("a simulated CPU failed: " + failure.get(), failure.get());
        }
    }

    private static void loop(CountDownLatch start, long deadline, AtomicReference<Throwable> failure,
                             Runnable step, Cpu idleWhenDone) {
        try {
            start.await();
            while (System.nanoTime() - deadline < 0 && failure.get() == null) {
                step.run();
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            if (idleWhenDone != null) {
                idleWhenDone.idleEnter();
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + t.getName(), e);
        }
    }
}
