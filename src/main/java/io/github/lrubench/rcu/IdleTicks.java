package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.KernelClock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The scheduler ticks an idle CPU still takes while it has RCU callbacks: v4.15's rcu_needs_cpu()
 * (kernel/rcu/tree_plugin.h, !CONFIG_RCU_FAST_NO_HZ) returns rcu_cpu_has_callbacks(), so the
 * NO_HZ idle loop keeps that CPU's tick, and each tick's RCU_SOFTIRQ starts the grace period its
 * callbacks need and invokes the ready ones, with no batch limit (rcu_do_batch() stops at blimit
 * only when the CPU is not in its idle task). The model's idle CPUs have no thread, so one
 * daemon thread per engine plays those ticks, once a jiffy, for every CPU that is idle and has
 * callbacks; it parks while no CPU has any ({@link #wake()} on the first callback queued).
 *
 * <p>What it runs for a CPU is the engine's ({@code softirq}), under that CPU's
 * {@link CallbackList#claimSoftirq()}, so a CPU leaving idle meanwhile never runs its
 * callbacks on two threads at once.
 */
final class IdleTicks {

    private final Thread thread;
    private final Cpu[] cpus;
    private final CallbackList[] lists;
    private final KernelClock clock;
    private final IntConsumer softirq;
    private volatile boolean stop;

    IdleTicks(String name, Cpu[] cpus, CallbackList[] lists, KernelClock clock, IntConsumer softirq) {
        this.cpus = cpus;
        this.lists = lists;
        this.clock = clock;
        this.softirq = softirq;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** A callback was queued on an empty list: ticks are needed again if that CPU idles. */
    void wake() {
        LockSupport.unpark(thread);
    }

    void stop() {
        stop = true;
        wake();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!stop) {
            long j = clock.jiffies();
            boolean any = false;
            for (int cpu = 0; cpu < cpus.length; cpu++) {
                if (lists[cpu].size() == 0) {
                    continue;
                }
                any = true;
                if (!cpus[cpu].rcuWatching()) { // idle (dynticks even): its tick is this one
                    softirq.accept(cpu);
                }
            }
            if (any) {
                // Until the next jiffy: a NO_HZ idle CPU kept ticking takes one tick a jiffy.
                long wait = clock.nanosUntil(j + 1);
                LockSupport.parkNanos(this, Math.max(wait, 20_000));
            } else {
                LockSupport.parkNanos(this, clock.tickNanos() * 25);
            }
        }
    }
}
