package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Cpu;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * wakeme_after_rcu() and its completion, kernel/rcu/update.c v4.15: the marker callback that
 * synchronize() queues, and the wait of the task that queued it (wait_rcu_gp()). rcuBarrier() and
 * close() use it as _rcu_barrier()'s {@code barrier_cpu_count} and completion (kernel/rcu/tree.c,
 * v4.15): one marker per CPU with callbacks ({@link #expect()}), and the initial count the caller
 * drops with one {@link #run()} of its own. Created on the waiting thread; run() by the softirq of
 * the CPU the marker was queued on.
 */
final class GpWaiter implements Runnable {

    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Thread thread = Thread.currentThread();
    private final String engine;
    private final int spinIterations;
    private final BooleanSupplier aborted;
    private volatile boolean done;
    /** Markers still to run, plus one: barrier_cpu_count's atomic_set(..., 1). */
    private final AtomicInteger remaining = new AtomicInteger(1);

    /** @param aborted whether the engine gave up its grace periods (close() timed out) */
    GpWaiter(String engine, int spinIterations, BooleanSupplier aborted) {
        this.engine = engine;
        this.spinIterations = spinIterations;
        this.aborted = aborted;
    }

    /** One more marker to wait for: _rcu_barrier()'s atomic_inc(&rsp->barrier_cpu_count). */
    void expect() {
        remaining.incrementAndGet();
    }

    /**
     * wakeme_after_rcu() (kernel/rcu/update.c, v4.15), or rcu_barrier_callback()'s
     * atomic_dec_and_test() (kernel/rcu/tree.c, v4.15): the last one complete()s the waiter.
     */
    @Override
    public void run() {
        if (remaining.decrementAndGet() == 0) {
            done = true;
            LockSupport.unpark(thread);
        }
    }

    /**
     * wait_rcu_gp() (a macro, include/linux/rcupdate_wait.h) -> __wait_rcu_gp() (kernel/rcu/update.c, v4.15): queues this waiter with {@code queue} from the
     * running task, then sleeps until it has run. The sleeping task's CPU switches away and, with
     * nothing else to run, idles until the task runs again: modelled as idle for the wait, else the
     * caller's own CPU would hold the grace period it waits for. Queued before the sleep, as
     * v4.15 does, so the grace period starts at that CPU's next tick (taken from idle, since
     * rcu_needs_cpu() keeps the tick of a CPU with callbacks), not at once.
     */
    void waitRcuGp(Cpu caller, Runnable queue) {
        boolean wasOnline = caller.rcuWatching();
        queue.run();
        if (wasOnline) {
            caller.idleEnter();
        }
        try {
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
