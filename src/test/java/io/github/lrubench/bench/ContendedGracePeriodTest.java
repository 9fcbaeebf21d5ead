package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.KernelClock;
import io.github.lrubench.mm.CompactControl;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.FileWorkload;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.Kernel;
import io.github.lrubench.mm.KernelConfig;
import io.github.lrubench.rcu.RcuConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GracePeriodBenchmark's contended workload, behaviour only: an RCU-sched grace period that
 * synchronize_sched() on the truncating CPU waits for is held for as long as the compacting CPU
 * stays in the kernel without a preemption point, and ends once that CPU passes one, on either
 * kernel: the return to user space (a tick in user mode, or exit_to_usermode_loop()'s schedule()
 * with need_resched set), or need_resched met at the LRU lock's spin_unlock_irqrestore() on
 * CONFIG_PREEMPT=y. RcuConfig takes away the engine's own recruiting (rcu_urgent_qs after
 * jiffies_till_sched_qs, resched_cpu() halfway to the stall warning), so nothing else can end it:
 * the held phase is not a race against those timers. Per-path engine tests are rcu/RcuEngineTest's;
 * these run the model's compaction, truncation and return to user that the benchmark runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ContendedGracePeriodTest {

    /** Generous cap for a grace period that must end: it takes a few jiffies (4 ms each). */
    private static final long END_CAP_MILLIS = 30_000;
    /** Jiffies the held phase lasts: longer than any grace period the benchmark measures at p99. */
    private static final long HELD_JIFFIES = 25;

    private final ExecutorService compactor = Executors.newSingleThreadExecutor(named("test-compactor"));
    private final ExecutorService syncer = Executors.newSingleThreadExecutor(named("test-syncer"));
    private volatile boolean stop;
    private Kernel kernel;
    private Future<?> compacting;

    @AfterEach
    void shutdown() throws Exception {
        stop = true;
        if (compacting != null) {
            compacting.get(END_CAP_MILLIS, TimeUnit.MILLISECONDS);
        }
        compactor.shutdownNow();
        syncer.shutdownNow();
        if (kernel != null) {
            kernel.close();
        }
    }

    /** The two kernels: RCU_SCHED on CONFIG_PREEMPT=n, Huang Ying's call_rcu_sched() on CONFIG_PREEMPT=y. */
    enum Kernels {
        PREEMPT_N(InodeFreePolicy.RCU_SCHED),
        PREEMPT_Y(InodeFreePolicy.RCU_SCHED_PREEMPT);

        final InodeFreePolicy free;

        Kernels(InodeFreePolicy free) {
            this.free = free;
        }
    }

    /** What the compacting task does at each step. */
    private volatile Phase phase = Phase.KERNEL_ONLY;

    private enum Phase {
        /** Compaction passes back to back, never leaving the kernel (as the race stress compacts). */
        KERNEL_ONLY,
        /** The benchmark's step: once a compact_zone() run ends, the return to user space and a tick there. */
        RETURN_TO_USER
    }

    @ParameterizedTest
    @EnumSource(Kernels.class)
    void theGracePeriodEndsOnceTheCompactingTaskReturnsToUserMode(Kernels k) throws Exception {
        Machine m = boot(k.free);
        Future<?> gp = heldGracePeriod(m);
        phase = Phase.RETURN_TO_USER; // a tick lands in user mode: rcu_check_callbacks(1)
        assertThat(within(END_CAP_MILLIS, gp::isDone)).as("the grace period ends after a tick in user mode").isTrue();
        gp.get();
    }

    /**
     * need_resched set on the compacting CPU (resched_curr() from a wake-up there), at every jiffy:
     * the synchronize_sched() may wait for a second grace period (its CPU's earlier inode
     * callbacks asked for the first), and a switch before the CPU noticed a grace period does not
     * count for it (rcu_sched_qs() needs cpu_no_qs). CONFIG_PREEMPT=y: the task never leaves the
     * kernel; it is preempted at the LRU lock's spin_unlock_irqrestore() (or any irqrestore or
     * preempt_enable()). CONFIG_PREEMPT=n: nothing preempts it there; async compaction aborts
     * (compact_unlock_should_abort()), and the schedule() comes at migrate_pages()' cond_resched()
     * or at the return to user space, whose user mode here is too short for a tick.
     */
    @ParameterizedTest
    @EnumSource(Kernels.class)
    void theGracePeriodEndsOnceNeedReschedMeetsAPreemptionPoint(Kernels k) throws Exception {
        Machine m = boot(k.free);
        Future<?> gp = heldGracePeriod(m);
        if (k == Kernels.PREEMPT_N) {
            userTicks = false;
            phase = Phase.RETURN_TO_USER;
        }
        KernelClock clock = kernel.smp().clock();
        boolean ended = within(END_CAP_MILLIS, () -> {
            long j = clock.jiffies();
            m.compactCpu.reschedCpu();
            within(END_CAP_MILLIS, () -> gp.isDone() || clock.jiffies() != j);
            return gp.isDone();
        });
        assertThat(ended).as("the grace period ends once need_resched meets a preemption point").isTrue();
        gp.get();
        // The last need_resched is answered by __schedule() (clear_tsk_need_resched()), not by a
        // user-mode tick that the short user mode may also catch.
        assertThat(within(END_CAP_MILLIS, () -> !m.compactCpu.needResched())).as("answered by a schedule()").isTrue();
        if (k == Kernels.PREEMPT_Y) {
            assertThat(phase).as("without leaving the kernel").isEqualTo(Phase.KERNEL_ONLY);
        }
    }

    /** Whether the return to user waits there for a tick (false: user mode as short as the code between two calls). */
    private volatile boolean userTicks = true;

    /** The benchmark's contended machine with the engine's own recruiting switched off. */
    private record Machine(Kernel kernel, Cpu compactCpu, Cpu syncCpu, FileWorkload files, CompactControl cc) {
    }

    private Machine boot(InodeFreePolicy free) {
        kernel = new Kernel(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(Models.CONTENDED_ZONE_PAGEBLOCKS).withCheck(IsolationCheck.NONE).withFree(free),
                RcuConfig.defaults().withJiffiesTillSchedQs(RcuConfig.MAX_JIFFIES).withStallTimeout(RcuConfig.MAX_TIMEOUT));
        CpuPool cpus = new CpuPool(kernel);
        Cpu compactCpu = cpus.takeIdle();
        Cpu syncCpu = cpus.takeIdle();
        syncCpu.idleExit();
        FileWorkload files = Models.contendedFiles(kernel, syncCpu);
        syncCpu.idleEnter();
        Machine m = new Machine(kernel, compactCpu, syncCpu, files, new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9));
        compacting = compactor.submit(() -> compact(m));
        // Online before any grace period is asked for: an idle CPU would be found quiescent.
        assertThat(within(END_CAP_MILLIS, compactCpu::rcuWatching)).isTrue();
        return m;
    }

    private void compact(Machine m) {
        Cpu cpu = m.compactCpu;
        cpu.idleExit();
        KernelClock clock = kernel.smp().clock();
        while (!stop) {
            long runs = m.cc.compactions;
            if (phase == Phase.KERNEL_ONLY) {
                kernel.compaction().compactPass(cpu, m.cc);
                if (m.cc.compactions != runs) {
                    // The fault's THP taken and dropped without leaving the kernel: else the block
                    // a compaction freed stays free and every later run ends in
                    // compaction_suitable(), with no lock taken and so no preemption point.
                    Models.thpUnmap(kernel, cpu, Models.thpFault(kernel, cpu, m.cc));
                }
                continue;
            }
            kernel.compaction().compactPass(cpu, m.cc);
            if (m.cc.compactions != runs) {
                int thp = Models.thpFault(kernel, cpu, m.cc);
                // CompactMode.betweenCompactions(), its user phase lasting until a tick has
                // interrupted it (userTicks), so the test does not wait on the 2.5% chance that a
                // 100 us phase holds one.
                cpu.exitToUserMode();
                long j = clock.jiffies();
                while (userTicks && clock.jiffies() == j && !stop) {
                    Thread.onSpinWait();
                }
                cpu.enterFromUserMode();
                Models.thpUnmap(kernel, cpu, thp);
            }
        }
        cpu.idleEnter();
    }

    /**
     * The truncating CPU truncates as the benchmark does, then calls synchronize_sched(); the grace
     * period it waits for is still held {@link #HELD_JIFFIES} jiffies later.
     */
    private Future<?> heldGracePeriod(Machine m) {
        Future<?> gp = syncer.submit(() -> {
            m.syncCpu.idleExit();
            for (int i = 0; i < GracePeriodBenchmark.TRUNCATES_PER_SYNC; i++) {
                m.files.step(m.syncCpu);
            }
            kernel.rcuSched().synchronize(m.syncCpu);
            m.syncCpu.idleEnter();
        });
        assertThat(heldFor(m, HELD_JIFFIES, gp)).as("held while the compacting CPU stays in the kernel").isTrue();
        return gp;
    }

    /** True if {@code gp} is still waiting once {@code jiffies} more jiffies of the model's clock have passed. */
    private boolean heldFor(Machine m, long jiffies, Future<?> gp) {
        KernelClock clock = m.kernel.smp().clock();
        long until = clock.jiffies() + jiffies;
        within(END_CAP_MILLIS, () -> gp.isDone() || clock.jiffies() - until >= 0);
        return !gp.isDone();
    }

    /** Polls {@code condition} every millisecond, at least {@code millis} ms in all; its last answer. */
    private static boolean within(long millis, BooleanSupplier condition) {
        for (long waited = 0; waited < millis && !condition.getAsBoolean(); waited++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return condition.getAsBoolean();
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
