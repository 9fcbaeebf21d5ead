package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.Kernel;

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
 * teardown, while another may still be putting its CPU to idle. Kernel.close() idling every CPU
 * then raced that thread's own idleEnter(): in three default runs the CPU's dynticks counter was
 * left odd, RCU saw it in the kernel for good, and close() gave up after 30 s. Cpu.idleEnter()
 * now claims the transition atomically, so the two may meet.
 */
final class CpuPool {

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
}
