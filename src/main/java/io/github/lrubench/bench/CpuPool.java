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
