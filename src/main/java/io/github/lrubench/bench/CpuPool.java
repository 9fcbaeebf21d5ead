package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.Kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands a {@link Kernel}'s simulated CPUs to the benchmark's threads, one each, in id order: the one
 * way a benchmark binds a thread to a CPU. RCU-sched waits for every online CPU, so a CPU is online
 * only while a thread drives it: every CPU starts idle (an idle CPU is offline for RCU), and a
 * thread brings its CPU back to idle whenever it may wait in JMH, or a grace period another thread
 * waits for could never end. A thread that drives its CPU for whole iterations extends
 * {@link CpuThread}.
 *
 * <p>JMH runs a {@code Scope.Group} state's teardown in the <em>first</em> thread of the group to
 * get there, while another may still be inside its last operation: a group-level iteration
 * teardown would check the model's invariants against a half-done operation, and a trial teardown
 * that shut the machine down would put a CPU to idle under the thread still driving it (a lost
 * update of its dynticks counter left it "in the kernel" for good: rcu_sched stalls and a
 * close() that gave up after 30 s, in three default runs). So the pool knows when the last
 * driving thread went offline ({@link #onQuiescence}) and lets a shutdown wait for every CPU to be
 * idle ({@link #awaitIdle}).
 */
final class CpuPool {

    /** How long a shutdown waits for the group's other threads to finish their last operation. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final Kernel kernel;
    private int next;
    /** Threads between their iteration's online() and offline(); the last one out runs the hook. */
    private final AtomicInteger driving = new AtomicInteger();
    private volatile Runnable atQuiescence = () -> { };

    /** Every CPU of {@code kernel} goes idle until a thread takes it. */
    CpuPool(Kernel kernel) {
        this.kernel = kernel;
        for (Cpu cpu : kernel.smp().cpus()) {
            cpu.idleEnter();
        }
    }

    /** The next CPU, online: the taking thread's trial setup may already run on it. */
    synchronized Cpu take() {
        Cpu cpu = takeIdle();
        cpu.idleExit();
        return cpu;
    }

    /**
     * The next CPU, left idle: for a thread that brings it online only around its own work, or
     * never (a caller of synchronize_sched() need not be a reader).
     */
    synchronized Cpu takeIdle() {
        return kernel.cpu(next++);
    }

    /**
     * Runs {@code action} in the last {@link CpuThread} to go offline at the end of an iteration:
     * every driving thread has then finished its last operation, and none starts the next
     * iteration before that thread returns (JMH waits for every thread of an iteration).
     */
    void onQuiescence(Runnable action) {
        atQuiescence = action;
    }

    /** A thread starts driving its CPU for an iteration. */
    void startedDriving() {
        driving.incrementAndGet();
    }

    /**
     * A thread stopped driving its CPU (already idle). The atomic decrement orders each thread's
     * operations before the last one's check.
     */
    void stoppedDriving() {
        if (driving.decrementAndGet() == 0) {
            atQuiescence.run();
        }
    }

    /**
     * Waits until every CPU is idle, i.e. every thread of the group finished its last operation and
     * went offline itself, so that the machine can be shut down under no thread's feet. Polls
     * every millisecond (a teardown, never measured).
     *
     * @throws IllegalStateException naming the CPUs still online, and their tasks' stacks, after {@code cap}
     */
    void awaitIdle(Duration cap) {
        long deadline = System.nanoTime() + cap.toNanos();
        while (true) {
            List<Cpu> online = new ArrayList<>();
            for (Cpu cpu : kernel.smp().cpus()) {
                if (cpu.rcuWatching()) {
                    online.add(cpu);
                }
            }
            if (online.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                StringBuilder sb = new StringBuilder("shutdown: CPUs still driven after " + cap.toSeconds() + " s:");
                for (Cpu cpu : online) {
                    sb.append(' ').append(cpu);
                    Thread t = cpu.task();
                    if (t != null) {
                        for (StackTraceElement e : t.getStackTrace()) {
                            sb.append("\n    at ").append(e);
                        }
                    }
                }
                throw new IllegalStateException(sb.toString());
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
