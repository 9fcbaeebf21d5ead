package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Cpu;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * wakeme_after_rcu() and its completion, kernel/rcu/update.c v4.15: the marker callback that
 * synchronize(), rcuBarrier() and close() queue, and the wait of the task that queued it
 * (wait_rcu_gp()). Created on the waiting thread; run() on the grace-period kthread.
 */
final class GpWaiter implements Runnable {

    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Thread thread = Thread.currentThread();
    private final String engine;
    private final int spinIterations;
    private final BooleanSupplier aborted;
    private volatile boolean done;

    /** @param aborted whether the engine gave up its grace periods (close() timed out) */
    GpWaiter(String engine, int spinIterations, BooleanSupplier aborted) {
        this.engine = engine;
        this.spinIterations = spinIterations;
        this.aborted = aborted;
    }

    /** wakeme_after_rcu() (kernel/rcu/update.c, v4.15): complete() the waiter. */
    @Override
    public void run() {
        done = true;
        LockSupport.unpark(thread);
    }

    /**
     * wait_rcu_gp() (kernel/rcu/update.c, v4.15): queues this waiter with {@code queue}, then
     * sleeps until it has run. The sleeping task's CPU switches away and, with nothing else to
     * run, idles until the task runs again: modelled as idle for the wait, else the caller's own
     * CPU would hold the grace period it waits for.
     */
    void waitRcuGp(Cpu caller, Runnable queue) {
        boolean wasOnline = caller.rcuWatching();
        if (wasOnline) {
            caller.idleEnter();
        }
        try {
            queue.run();
            if (!await(Long.MAX_VALUE)) {
                throw new IllegalStateException(engine + " engine stopped before the grace period ended");
            }
        } finally {
            if (wasOnline) {
                caller.idleExit();
            }
        }
    }

    /** Spins briefly, then parks; false if the engine was aborted or the timeout passed. */
    boolean await(long timeoutNanos) {
        long start = System.nanoTime();
        for (int i = 0; i < spinIterations && !done; i++) {
            Thread.onSpinWait();
        }
        while (!done) {
            if (aborted.getAsBoolean() || System.nanoTime() - start > timeoutNanos) {
                return done;
            }
            if (Thread.currentThread().isInterrupted()) {
                // A test timeout or a harness stop: give up the wait (the marker stays queued
                // and runs harmlessly later) rather than hang the build.
                throw new IllegalStateException(engine + ": interrupted while waiting for a grace period");
            }
            // run() unparks us; the bound only covers abort and the timeout.
            LockSupport.parkNanos(this, PARK_NANOS);
        }
        return true;
    }

    @Override
    public String toString() {
        return "wakeme_after_rcu";
    }
}
