package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.CompactControl;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.Compaction;
import io.github.lrubench.mm.FileWorkload;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.Invariants;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.Kernel;
import io.github.lrubench.mm.KernelConfig;
import io.github.lrubench.mm.Zone;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.TimeUnit;

/**
 * Question: how long is an RCU-sched grace period, against the IRQ-off section's length and under
 * the contended workload, on either kernel? It is what Huang Ying's alternative (call_rcu_sched()
 * in destroy_inode()) makes every inode free wait for, and it explains why the kernel breaks the
 * LRU lock every 32 pfns.
 *
 * <p>Kernel: synchronize_sched() (kernel/rcu/tree.c, v4.15) on one CPU while the other runs, by
 * {@code workload}:
 * <ul>
 *   <li>{@link Workload#IRQ_OFF_SCAN}: the migrate scanner (isolate_migratepages_block(),
 *   mm/compaction.c) with the LRU lock, and so IRQs, held for {@code pfnsPerLockHold} pfns between
 *   lock breaks, then idle until the next scan, as kcompactd sleeps between runs. Every dirty page
 *   runs the page-lock check and is refused (see {@code Models.unisolatablePageblock}), so each
 *   section has a fixed length. The scanning CPU reports nothing while it scans (its ticks land in
 *   kernel mode, or wait while IRQs are off), so a grace period ends at the first
 *   force-quiescent-state scan (every jiffy) that finds it idle, or idle since the previous scan.
 *   The IRQ-off section's length therefore matters only through how long the CPU is busy. Nothing
 *   is freed: {@code free} only picks the kernel (RCU_SCHED, the default, is the CONFIG_PREEMPT=n
 *   kernel this workload always ran on; RCU_SCHED_PREEMPT and PREEMPT_RCU build the same
 *   CONFIG_PREEMPT=y kernel).</li>
 *   <li>{@link Workload#CONTENDED}: ContendedCompactionBenchmark's workload. The compacting CPU
 *   never idles while measured: round after round of direct async compaction for a THP
 *   (compact_zone() with {@code pfnsPerLockHold} pfns per LRU-lock hold), and between two runs the
 *   fault's return to user space for {@link CompactMode#USER_PHASE_NANOS}
 *   ({@link CompactMode#betweenCompactions}). The other CPU truncates and unlinks
 *   {@link #TRUNCATES_PER_SYNC} files (freeing their inodes through {@code free}: call_rcu_sched()
 *   for RCU_SCHED and RCU_SCHED_PREEMPT, queued on this CPU, call_rcu() for PREEMPT_RCU) and then
 *   calls synchronize_sched(). The isolation check is v4.15's (none): Huang Ying's change is the
 *   fix on that kernel. The kernel's preemption model is {@code free}'s
 *   ({@link InodeFreePolicy#preemptibleKernel()}): RCU_SCHED is CONFIG_PREEMPT=n, where the
 *   compacting CPU's quiescent states are a tick in user mode, a schedule() at the return to user
 *   or at migrate_pages()' cond_resched() once need_resched is set, and cond_resched() once the
 *   grace period is older than jiffies_till_sched_qs; RCU_SCHED_PREEMPT and PREEMPT_RCU are
 *   CONFIG_PREEMPT=y, where cond_resched() gives nothing and need_resched is answered at the next
 *   preemption point (the LRU lock's spin_unlock_irqrestore()).</li>
 * </ul>
 *
 * <p>Why synchronize_sched() and not call_rcu_sched() to its callback: the caller sleeps through
 * its wait, as every synchronize_sched() caller does, so its own CPU is quiescent and the latency
 * is the grace period the compacting CPU allows, plus what any caller pays: the wait for the
 * caller CPU's next tick to start it (or for the grace period the CPU's earlier inode callbacks
 * started to end first: rcu_cbs_completed()), and the tick that runs wakeme_after_rcu(). It is
 * comparable across both workloads. A call_rcu_sched() callback's latency would also wait for the
 * truncating CPU's own quiescent states and the callback batching of a busy CPU (blimit), which is
 * the free side's cost: InodeFreeBenchmark's peak deferred inodes measure that.
 *
 * <p>Grace periods take jiffies, as in v4.15: HZ=250, one jiffy is 4 ms; the force-quiescent-state
 * scans come every jiffy (jiffies_till_first_fqs and jiffies_till_next_fqs on two CPUs), and
 * jiffies_till_sched_qs is HZ/10, 25 jiffies (100 ms). "A few jiffies" is 2 to 4, 8 to 16 ms:
 * the tick that starts the grace period, the tick at which the CPU reports the quiescent state it
 * passed (or the scan that sees it), and the tick that runs the wake-up. The distribution is
 * measured in SampleTime mode (percentiles in the results, µs); the {@code scan} member's samples
 * are the scanner's scans (IRQ_OFF_SCAN) or nothing of use (CONTENDED, see {@link #scan}), never
 * grace periods.
 *
 * <p>Threads: one {@code @Group} of 1 + 1, which fills this 2-core machine (the RCU grace-period
 * thread and the timer compete with both).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar GracePeriodBenchmark} (every workload, lock-hold
 * length and kernel); the suite's default profile runs v4.15's 32 pfns on every kernel under both
 * workloads (smoke on the preemptible kernel's two): under CONTENDED, RCU_SCHED_PREEMPT against PREEMPT_RCU is Huang Ying's
 * proposal under load on the preemptible kernel; under IRQ_OFF_SCAN nothing is freed, and the same
 * pair is the same kernel doing the same work (an A/A). {@code -p workload=CONTENDED -p pfnsPerLockHold=32}
 * is the contended answer for v4.15's lock breaks.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GracePeriodBenchmark extends JmhDefaults {

    /** Unlinks (FileWorkload steps) the truncating CPU does before each synchronize_sched() under CONTENDED. */
    static final int TRUNCATES_PER_SYNC = 16;

    /** What the CPU that does not call synchronize_sched() runs. */
    public enum Workload {
        /** The migrate scanner's fixed-length IRQ-off sections over one pageblock, idle between scans. */
        IRQ_OFF_SCAN,
        /** Direct async THP compaction with its user phase, against a truncating CPU (the contended workload). */
        CONTENDED
    }

    @State(Scope.Group)
    public static class Machine {
        @Param
        public Workload workload;

        /** 32: v4.15's SWAP_CLUSTER_MAX; 128 and 512: hypothetical longer IRQ-off holds. */
        @Param({"32", "128", "512"})
        public int pfnsPerLockHold;

        /** Picks the kernel (CONFIG_PREEMPT) and, under CONTENDED, how the truncated inodes are freed. */
        @Param({"RCU_SCHED", "RCU_SCHED_PREEMPT", "PREEMPT_RCU"})
        public InodeFreePolicy free;

        Kernel kernel;
        Compaction compaction;
        Cpu scanCpu;
        Cpu syncCpu;
        /** CONTENDED: the truncating CPU's files. */
        FileWorkload files;
        /** CONTENDED: the compacting task's compact_control. */
        CompactControl cc;
        /**
         * The synchronize_sched() caller is inside its call: once JMH stops measuring, the
         * compacting CPU keeps compacting while it is, then idles (see {@link #scan}).
         */
        volatile boolean syncInProgress;

        @Setup(Level.Trial)
        public void boot() {
            if (workload == Workload.IRQ_OFF_SCAN) {
                kernel = Models.unisolatablePageblock(IsolationCheck.PAGE_LOCK, 50, pfnsPerLockHold, free);
            } else {
                kernel = new Kernel(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(Models.CONTENDED_ZONE_PAGEBLOCKS).withCheck(IsolationCheck.NONE)
                        .withFree(free).withLockBreakPfns(pfnsPerLockHold));
                cc = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9);
            }
            compaction = kernel.compaction();
            // Both start idle: the scanner or compactor comes online for its work (see scan()), and
            // the caller of synchronize_sched() need not be a reader.
            CpuPool cpus = new CpuPool(kernel);
            scanCpu = cpus.takeIdle();
            syncCpu = cpus.takeIdle();
            if (workload == Workload.CONTENDED) {
                syncCpu.idleExit(); // online to write the files, idle again before the first iteration
                files = Models.contendedFiles(kernel, syncCpu);
                syncCpu.idleEnter();
            }
        }

        /** After JMH's barrier before teardown: both threads are between operations. */
        @TearDown(Level.Iteration)
        public void checkInvariants() {
            if (workload == Workload.CONTENDED) {
                Invariants.check(kernel, files, cc);
            }
        }

        @TearDown(Level.Trial)
        public void shutdown() {
            kernel.close();
        }
    }

    /** The scanning (or compacting) thread's compact_control and CPU state. */
    @State(Scope.Thread)
    public static class Scanner {
        CompactControl cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
        Cpu cpu;

        @Setup(Level.Trial)
        public void bind(Machine m) {
            cpu = m.scanCpu;
        }

        /** Idle while the thread waits in JMH between iterations (scan() brings it online). */
        @TearDown(Level.Iteration)
        public void offline() {
            cpu.idleEnter();
        }
    }

    /** The synchronize_sched() caller's CPU; under CONTENDED it truncates before each call. */
    @State(Scope.Thread)
    public static class Syncer {
        Cpu cpu;
        boolean contended;
        FileWorkload files;

        @Setup(Level.Trial)
        public void bind(Machine m) {
            cpu = m.syncCpu;
            contended = m.workload == Workload.CONTENDED;
            files = m.files;
        }

        /**
         * CONTENDED: {@link #TRUNCATES_PER_SYNC} unlinks before each synchronize_sched(), outside
         * the sample (a grace period lasts milliseconds, far above Level.Invocation's overhead).
         */
        @Setup(Level.Invocation)
        public void truncate() {
            if (contended) {
                cpu.idleExit();
                for (int i = 0; i < TRUNCATES_PER_SYNC; i++) {
                    files.step(cpu);
                }
            }
        }

        /** Idle while the thread waits in JMH between iterations. */
        @TearDown(Level.Iteration)
        public void offline() {
            cpu.idleEnter();
        }
    }

    /**
     * synchronize_sched() from the other CPU: one grace period per operation. Under CONTENDED the
     * caller is online (it has just truncated), so the grace period starts at its next tick;
     * under IRQ_OFF_SCAN it is idle, so at once.
     */
    @Benchmark
    @Group("gp")
    @GroupThreads(1)
    public void synchronizeSched(Machine m, Syncer s) {
        m.syncInProgress = true;
        m.kernel.rcuSched().synchronize(s.cpu);
        m.syncInProgress = false;
    }

    /**
     * IRQ_OFF_SCAN: the migrate scanner over the pageblock, nothing isolated, IRQ-off sections of
     * fixed length. The CPU comes out of idle for the scan and goes back after it, as kcompactd
     * sleeps between runs: a thread parked in JMH's end-of-iteration barrier must not hold grace
     * periods, or the other thread's synchronize_sched() would never return.
     *
     * <p>CONTENDED: the compacting task for the whole iteration, in one call: compaction steps
     * (a pass, and the return to user space once a compact_zone() run ended) until JMH stops the
     * measurement ({@link Control#stopMeasurement}, set with the iteration's end) and the other
     * thread is out of synchronize_sched(); then the CPU idles and the call returns. So the CPU
     * never idles while measured, and its thread never parks in JMH's barrier (or between two
     * calls) holding the grace period the other thread waits for: returning after each step, it
     * did once in a default run, its last step done just before the iteration ended, and the other
     * thread's warm-down call waited for good. Under CONTENDED {@code scan}'s samples therefore
     * say nothing (one call per iteration, started before the measurement); the compactor's rates
     * are ContendedCompactionBenchmark's business.
     */
    @Benchmark
    @Group("gp")
    @GroupThreads(1)
    public int scan(Machine m, Scanner s, Control control) {
        Cpu cpu = s.cpu;
        cpu.idleExit();
        if (m.workload == Workload.IRQ_OFF_SCAN) {
            int pfn = m.compaction.isolateMigratepagesBlock(cpu, s.cc, 0, Zone.PAGEBLOCK_NR_PAGES);
            cpu.idleEnter();
            return pfn;
        }
        int migrated = 0;
        do {
            migrated += Models.compactStep(m.kernel, cpu, m.cc);
        } while (!control.stopMeasurement || m.syncInProgress);
        // Store, fence (idleEnter()): a synchronize_sched() the other thread starts after the load
        // above finds this CPU idle, or idle since, at its scans.
        cpu.idleEnter();
        return migrated;
    }
}
