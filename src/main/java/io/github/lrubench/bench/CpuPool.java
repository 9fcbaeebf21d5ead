package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.Kernel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands a {@link Kernel}'s simulated CPUs to the benchmark's threads, one each, in id order: the one
 * way a benchmark binds a thread to a CPU. RCU-sched waits for every online CPU, so a CPU is online
 * only while a thread drives it: every CPU starts idle (an idle CPU is offline for RCU), and a
 * thread brings its CPU back to idle whenever it may wait in JMH, or a grace period another thread
 * waits for could never end. A thread that drives its CPU for whole iterations extends
 * {@link CpuThread}.
 *
 * <p>JMH ends an iteration with a barrier (every thread's last operation is done), then each
 * thread runs its own teardown ({@link CpuThread#offline}) and, after the last iteration, the
 * <em>first</em> thread of the group to get there runs the {@code Scope.Group} state's trial
 * teardown, while another may still be putting its CPU to idle. A shutdown that idled every CPU
 * then raced that thread's own idleEnter(): in three default runs the CPU's dynticks counter was
 * left odd, RCU saw it in the kernel for good, and close() gave up after 30 s. A group's shutdown
 * therefore waits for every CPU to be idle ({@link #awaitIdle}) before it closes the kernel (and
 * Cpu.idleEnter() is now safe against a second caller anyway).
 */
final class CpuPool {

    /** How long a shutdown waits for the group's other threads to put their CPUs to idle. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final Kernel kernel;
    private int next;

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
     * Waits until every CPU is idle, i.e. every thread of the group went offline itself, so that
     * the machine can be shut down under no thread's feet. Polls every millisecond (a teardown,
     * never measured).
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
