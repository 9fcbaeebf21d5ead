package io.github.lrubench.rcu;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the grace-period kthread runs: a Java daemon thread of its own, not a simulated CPU, so it
 * takes no ticks and holds no grace period. Its body, rcu_gp_kthread() (kernel/rcu/tree.c, v4.15),
 * is {@link RcuEngine}'s; how it sleeps, is woken and is stopped is here, the seam for running it
 * as a task on a simulated CPU.
 */
final class GpKthread {

    private final Thread thread;
    private volatile boolean stopRequested;

    GpKthread(String name, Runnable body) {
        this.thread = new Thread(body, name);
        thread.setDaemon(true);
    }

    /** kthread_run() (include/linux/kthread.h, v4.15): starts the body; Thread.start() publishes the engine's final fields to it. */
    void start() {
        thread.start();
    }

    /** swake_up() (kernel/sched/swait.c, v4.15): ends the kthread's current sleep, or its next one. */
    void wake() {
        LockSupport.unpark(thread);
    }

    /** On the kthread: sleeps at most {@code nanos}, less if woken (or spuriously). */
    void sleep(long nanos) {
        LockSupport.parkNanos(this, nanos);
    }

    /** kthread_should_stop() (kernel/kthread.c, v4.15). */
    boolean shouldStop() {
        return stopRequested;
    }

    /** kthread_stop() (kernel/kthread.c, v4.15), bounded: asks the body to return and waits up to {@code timeout}. */
    void stop(Duration timeout) {
        stopRequested = true;
        wake();
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return thread.getName();
    }
}
