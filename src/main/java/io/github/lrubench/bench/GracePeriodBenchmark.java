package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.CompactControl;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.Compaction;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.Kernel;
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

import java.util.concurrent.TimeUnit;

/**
 * Question: what does Huang Ying's alternative cost in grace-period latency, and why does the
 * kernel break the LRU lock every 32 pfns?
 *
 * <p>Kernel: synchronize_sched() (kernel/rcu/tree.c, v4.15) on one CPU while the other runs the
 * migrate scanner (isolate_migratepages_block(), mm/compaction.c) with the LRU lock, and so IRQs,
 * held for {@code pfnsPerLockHold} pfns between lock breaks. 32 is v4.15's SWAP_CLUSTER_MAX; 128
 * and 512 are hypothetical (no kernel holds the lock that long), kept to show why it breaks it.
 * Every dirty page runs the page-lock check and is refused (see {@code Models.unisolatablePageblock}),
 * so each section has a fixed length. The distribution is measured in SampleTime mode
 * (percentiles in the results).
 *
 * <p>Grace periods take jiffies, as in v4.15 (HZ=250): the scanning CPU reports nothing while it
 * scans (its ticks land in kernel mode, or wait while IRQs are off, and cond_resched() reports only
 * once a grace period is older than jiffies_till_sched_qs, 100 ms), so a grace period ends at the
 * first force-quiescent-state scan (every jiffy, 4 ms) that finds the scanner idle between two
 * scans or idle since the previous scan. The IRQ-off section's length therefore matters only
 * through how long the CPU is busy; the latency is about one to two jiffies.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar GracePeriodBenchmark}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GracePeriodBenchmark extends JmhDefaults {

    @State(Scope.Group)
    public static class Machine {
        /** 32: v4.15's SWAP_CLUSTER_MAX; 128 and 512: hypothetical longer IRQ-off holds. */
        @Param({"32", "128", "512"})
        public int pfnsPerLockHold;

        Kernel kernel;
        Compaction compaction;
        Cpu scanCpu;
        Cpu syncCpu;

        @Setup(Level.Trial)
        public void boot() {
            kernel = Models.unisolatablePageblock(IsolationCheck.PAGE_LOCK, 50, pfnsPerLockHold);
            compaction = kernel.compaction();
            // Both stay idle: the scanner comes online only around each scan (see scan()), and
            // the caller of synchronize_sched() need not be a reader.
            CpuPool cpus = new CpuPool(kernel);
            scanCpu = cpus.takeIdle();
            syncCpu = cpus.takeIdle();
        }

        @TearDown(Level.Trial)
        public void shutdown() {
            kernel.close();
        }
    }

    /** The scanning thread's compact_control. */
    @State(Scope.Thread)
    public static class Scanner {
        CompactControl cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
    }

    /** synchronize_sched() from the other CPU: one grace period per operation. */
    @Benchmark
    @Group("gp")
    @GroupThreads(1)
    public void synchronizeSched(Machine m) {
        m.kernel.rcuSched().synchronize(m.syncCpu);
    }

    /**
     * The migrate scanner over the pageblock, nothing isolated, IRQ-off sections of fixed length.
     * The CPU comes out of idle for the scan and goes back after it, as kcompactd sleeps between
     * runs: a thread parked in JMH's end-of-iteration barrier must not hold grace periods, or the
     * other thread's synchronize_sched() would never return.
     */
    @Benchmark
    @Group("gp")
    @GroupThreads(1)
    public int scan(Machine m, Scanner s) {
        Cpu cpu = m.scanCpu;
        cpu.idleExit();
        int pfn = m.compaction.isolateMigratepagesBlock(cpu, s.cc, 0, Zone.PAGEBLOCK_NR_PAGES);
        cpu.idleEnter();
        return pfn;
    }
}
