package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Kthread;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the grace-period kthread runs. Its body, rcu_gp_kthread() (kernel/rcu/tree.c, v4.15), is
 * {@link RcuEngine}'s and runs on a Java daemon thread of its own; for a tick-driven flavour each
 * run of it also occupies a simulated CPU ({@link Kthread}): the body calls {@link #runOnCpu()}
 * when it wakes with work (a grace period to start, a force-quiescent-state scan, a grace period
 * every CPU has reported), and {@link #sleep} takes it off that CPU. On a busy CPU that run
 * preempts the task at its next scheduling point, a context switch and so a quiescent state there,
 * and the task waits while the kthread runs. PREEMPT_CONTRACT's kthread stands for no kernel
 * thread's scheduling and runs on no CPU.
 */
final class GpKthread {

    private final Thread thread;
    /** The kthread's task on the simulated CPUs, or null (PREEMPT_CONTRACT). */
    private final Kthread task;
    private volatile boolean stopRequested;

    GpKthread(String name, Runnable body, Kthread task) {
        this.task = task;
        this.thread = new Thread(() -> {
            try {
                body.run();
            } finally {
                sleepTask(); // kthread_stop() or an abort: leave the CPU to its task
            }
        }, name);
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

    /**
     * On the kthread, woken with work: try_to_wake_up() put it on a CPU, and this returns once it
     * runs there ({@link Kthread#wakeUp}); kthread_stop() ends a wait for a busy CPU.
     */
    void runOnCpu() {
        if (task != null) {
            task.wakeUp(() -> stopRequested);
        }
    }

    /** On the kthread: leaves its CPU, then sleeps at most {@code nanos}, less if woken (or spuriously). */
    void sleep(long nanos) {
        sleepTask();
        LockSupport.parkNanos(this, nanos);
    }

    private void sleepTask() {
        if (task != null) {
            task.sleep();
        }
    }

    /** Runs of the kthread that preempted a busy CPU's task (0 for PREEMPT_CONTRACT). */
    long preemptions() {
        return task == null ? 0 : task.preemptions();
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
