package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.CompactControl;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.FileWorkload;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.Invariants;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.Kernel;
import io.github.lrubench.mm.KernelConfig;
import io.github.lrubench.rcu.Rcu;
import io.github.lrubench.rcu.RcuStats;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Question: what does deferring the inode free cost the free side, in throughput and in memory?
 *
 * <p>Kernel: a task truncating and unlinking small files (truncate_inode_pages_range(), evict(),
 * destroy_inode()) and writing new ones, while kcompactd on the other CPU runs sync-light compaction
 * rounds, i.e. IRQ-off isolation sections under the LRU lock (with the corrected page-lock check,
 * safe under every free policy). The zone (4 pageblocks, a quarter free) is one v4.15's kcompactd
 * would not compact for a THP (compaction_suitable(): low watermark plus 1024 free pages), so
 * compaction_suitable()'s order-0 checks are off: the rounds stand for the isolation sections a
 * compacting CPU runs. IMMEDIATE, a hypothetical, frees in place; the others queue an
 * RCU callback. RCU_SCHED's grace period waits for the compacting CPU's IRQ-off sections by
 * contract, v4.15's PREEMPT_RCU's because that CPU takes no tick in them, PREEMPT_RCU_CONTRACT's not
 * at all; the tick-driven ones last jiffies, as in v4.15. Costs of a deferred free are stated
 * against PREEMPT_RCU, the call_rcu() of a preemptible v4.15 kernel.
 *
 * <p>Primary: {@code truncate} operations per second (one unlink + one new file). Secondary
 * ({@code @AuxCounters} EVENTS, which JMH sums over iterations and forks: divide by the number of
 * measurement iterations times forks for a per-iteration peak): {@code peakDeferredInodes}, the
 * most inodes waiting for a grace period at once during an iteration, and {@code peakDeferredBytes},
 * the memory they held (576 bytes per struct inode, v4.15 x86-64).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar InodeFreeBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InodeFreeBenchmark extends JmhDefaults {

    @State(Scope.Group)
    public static class Machine {
        @Param
        public InodeFreePolicy free;

        Kernel kernel;
        Cpu compactCpu;
        Cpu truncCpu;
        CompactControl cc;
        FileWorkload workload;

        @Setup(Level.Trial)
        public void boot() {
            kernel = new Kernel(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(4)
                    .withCheck(IsolationCheck.PAGE_LOCK).withFree(free).withCompactionWatermark(false)); // see the class javadoc
            CpuPool cpus = new CpuPool(kernel);
            compactCpu = cpus.takeIdle();
            truncCpu = cpus.take(); // online to write the files, idle again before the first iteration
            cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
            workload = new FileWorkload(kernel, FileWorkload.Config.defaults(BenchDefaults.SEED).withPages(1, 4));
            workload.populate(truncCpu, kernel.zone().nrPages() / 4);
            truncCpu.idleEnter();
        }

        @Setup(Level.Iteration)
        public void resetStats() {
            Rcu rcu = kernel.freeRcu();
            if (rcu != null) {
                rcu.resetStats();
            }
        }

        /** After JMH's barrier before teardown: every thread's operations are done. */
        @TearDown(Level.Iteration)
        public void checkInvariants() {
            Invariants.check(kernel, workload, cc);
        }

        @TearDown(Level.Trial)
        public void shutdown() {
            kernel.close();
        }

        RcuStats stats() {
            Rcu rcu = kernel.freeRcu();
            return rcu == null ? null : rcu.stats();
        }
    }

    /** The compacting thread (kcompactd). */
    @State(Scope.Thread)
    public static class Compactor extends CpuThread {
        @Setup(Level.Trial)
        public void bind(Machine m) {
            bind(m.compactCpu);
        }
    }

    /** The truncating thread: a task that unlinks and writes files. */
    @State(Scope.Thread)
    public static class Truncator extends CpuThread {
        @Setup(Level.Trial)
        public void bind(Machine m) {
            bind(m.truncCpu);
        }
    }

    /** Peak deferred inodes and bytes of the iteration, reported by the truncating thread only. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class DeferredMemory {
        Machine machine;

        public long peakDeferredInodes() {
            RcuStats s = machine == null ? null : machine.stats();
            return s == null ? 0 : s.peakBacklog();
        }

        public long peakDeferredBytes() {
            RcuStats s = machine == null ? null : machine.stats();
            return s == null ? 0 : s.peakDeferredBytes();
        }
    }

    @Benchmark
    @Group("free")
    @GroupThreads(1)
    public void truncate(Machine m, Truncator t, DeferredMemory d) {
        d.machine = m;
        m.workload.step(t.cpu);
    }

    @Benchmark
    @Group("free")
    @GroupThreads(1)
    public int isolate(Machine m, Compactor c) {
        return Models.compactStep(m.kernel, c.cpu, m.cc); // kcompactd sleeps between runs
    }
}
