package io.github.lrubench.race;

import io.github.lrubench.kernel.Cpu;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Drives two simulated CPUs, started together, until a stop predicate holds or a time cap passes:
 * one repeating a compaction step, the other a truncating task's step. The compacting CPU goes
 * idle when it stops (so it holds no grace period); the truncating CPU stays online for the
 * caller, who owns it again after this returns (Thread.join() publishes everything both threads
 * did).
 */
public final class TwoCpuRun {

    private TwoCpuRun() {
    }

    /** Runs both loops for {@code duration} (unless one fails first); rethrows the first failure. */
    public static void run(Duration duration, Cpu compactCpu, Runnable compactStep, Runnable truncateStep) {
        run(duration, compactCpu, compactStep, () -> false, truncateStep);
    }

    /**
     * Runs both loops until {@code done} holds, {@code cap} has passed, or one fails; rethrows the
     * first failure. {@code done} is asked on the compacting CPU's thread after each of its steps,
     * so it may read that CPU's plain counters; the truncating CPU finishes its current step.
     *
     * @return true if {@code done} ended the run, false if the cap did
     */
    public static boolean run(Duration cap, Cpu compactCpu, Runnable compactStep, BooleanSupplier done,
                              Runnable truncateStep) {
        long deadline = System.nanoTime() + cap.toNanos();
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread compactor = new Thread(() -> loop(start, deadline, failure, stop, compactStep, done, compactCpu),
                "cpu0-kcompactd");
        Thread truncator = new Thread(() -> loop(start, deadline, failure, stop, truncateStep, () -> false, null),
                "cpu1-truncate");
        compactor.start();
        truncator.start();
        start.countDown();
        join(compactor);
        join(truncator);
        if (failure.get() != null) {
            throw new IllegalStateException("a simulated CPU failed: " + failure.get(), failure.get());
        }
        return stop.get();
    }

    private static void loop(CountDownLatch start, long deadline, AtomicReference<Throwable> failure, AtomicBoolean stop,
                             Runnable step, BooleanSupplier done, Cpu idleWhenDone) {
        try {
            start.await();
            while (System.nanoTime() - deadline < 0 && failure.get() == null && !stop.get()) {
                step.run();
                if (done.getAsBoolean()) {
                    stop.set(true);
                }
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
