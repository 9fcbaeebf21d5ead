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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Question: under real contention, what does each fix cost each side, how many pages does the
 * page lock make compaction skip, and which combinations read a freed inode?
 *
 * <p>Kernel: one CPU compacts in the given {@code compactMode} (direct async compaction for a THP or an
 * order-3 allocation, kcompactd's sync-light compaction, or compact_memory's sync compaction:
 * {@link CompactMode}), round after round of compact_zone() (isolate_migratepages() +
 * migrate_pages()), while a task on another CPU truncates and unlinks files
 * (truncate_inode_pages_range(), evict(), destroy_inode() with the free policy) and writes new
 * ones. Half of the file pages are pinned by another user from just before their file's
 * truncation until after its eviction ({@link FileWorkload.PinAt#TRUNCATE}), the condition of Jan
 * Kara's trace ("put_page: not the last ref"); the writeback (5% of the pages) a file's write
 * starts completes {@link Models#CONTENDED_WRITEBACK_FILES} files later. A THP fault allocates the
 * pageblock its compaction freed, if any, and unmaps it after its user phase
 * ({@link Models#compactStep}). A long-lived process's anonymous memory sits in the same
 * zone, dirtied by its first migration. {@code windowNs} widens the window between page_mapping()
 * and the a_ops dereference as a preempted vCPU does.
 *
 * <p>Zone: {@link Models#CONTENDED_ZONE_PAGEBLOCKS} pageblocks (32 MiB), filled with files (1 to 4 pages) and,
 * faulted in between them, an eighth of anonymous memory, then a quarter freed by unlinking files at random
 * ({@link FileWorkload#fragment}): the free memory lies in small holes over the pageblocks, as in a
 * fragmented real zone, and compaction_suitable() lets THP compaction run (226 + 1024 free pages
 * needed, about 2048 there; fragmentation index near 1000). Until issue 20 §3 it was 4 pageblocks
 * with a quarter free at one end, a zone v4.15 would not compact for a THP (see README, Model).
 * Direct async THP compaction isolates about one page per page migrated here; with lifelong pins
 * and writeback that never ended it was about 200 (every pageblock held a page that made
 * skip_on_failure give it up). Nothing allocates the THP a compaction succeeded for, so once one
 * compaction has emptied a pageblock, later ones mostly end at once in compaction_suitable()
 * with COMPACT_SUCCESS (README, Model, issue 20 §3).
 *
 * <p>Counters ({@code @AuxCounters} OPERATIONS, so rates per second with an error; one class per
 * thread role). The compacting thread's: {@code isolated} pages isolated, {@code migrated} pages
 * migrated, {@code skippedTrylock}
 * dirty pages skipped because the page lock was busy, {@code skippedInverted} dirty pages refused
 * only by the v4.16 inversion, {@code uafDetected} reads of a freed inode; what direct async
 * compaction loses on top of a refused page ({@code skip_on_failure}): {@code putBackOnFailure}
 * pages isolated and put back unmigrated because a later page of their cc->order-aligned block
 * failed, {@code blocksSkipped} such blocks abandoned; {@code compactionsContended} whole
 * compactions (compact_zone() runs) ended by contention (the LRU lock, or need_resched() in async
 * compaction). Between two runs the compacting task leaves compaction as its kernel path does
 * ({@link CompactMode#betweenCompactions}: a THP fault returns to user space for
 * {@link CompactMode#USER_PHASE_NANOS}, kcompactd sleeps). The truncating thread's:
 * {@code inodesFreed} inodes freed at once by destroy_inode(), {@code inodesDeferred} inodes
 * handed to call_rcu()/call_rcu_sched().
 *
 * <p>Threads: {@code @GroupThreads} 1 + 1 by default, which fills this 2-core machine (the RCU
 * grace-period thread competes with both); {@code -tg 1,2} etc. override.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar ContendedCompactionBenchmark -p windowNs=0 -p compactMode=DIRECT_ASYNC_ORDER9}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ContendedCompactionBenchmark extends JmhDefaults {

    /** Simulated CPUs available to group threads; idle ones are offline for RCU. */
    static final int MAX_CPUS = 16;

    /** The machine the group shares. */
    @State(Scope.Group)
    public static class Machine {
        @Param
        public IsolationCheck check;

        @Param
        public InodeFreePolicy free;

        @Param
        public CompactMode compactMode;

        @Param({"0", "20000"})
        public long windowNs;

        Kernel kernel;
        CpuPool cpus;
        final List<CompactControl> ccs = new ArrayList<>();
        final List<FileWorkload> workloads = new ArrayList<>();

        @Setup(Level.Trial)
        public void boot() {
            kernel = new Kernel(KernelConfig.defaults().withNrCpus(MAX_CPUS).withNrPageblocks(Models.CONTENDED_ZONE_PAGEBLOCKS).withCheck(check)
                    .withFree(free).withWindowNs(windowNs));
            cpus = new CpuPool(kernel); // CPUs come online when a group thread drives one
        }

        /**
         * Every iteration ends with every CPU between operations (JMH's barrier before teardown):
         * the model must be whole.
         */
        @TearDown(Level.Iteration)
        public synchronized void checkInvariants() {
            Invariants.check(kernel, workloads.isEmpty() ? null : workloads.get(0), ccs.toArray(new CompactControl[0]));
        }

        @TearDown(Level.Trial)
        public void shutdown() {
            kernel.close();
        }
    }

    /**
     * A compacting CPU, its thread named for what it runs ({@link CompactMode#taskName()}: an
     * allocating task in direct compaction, kcompactd, or a writer of compact_memory).
     */
    @State(Scope.Thread)
    public static class Compactor extends CpuThread {
        @Setup(Level.Trial)
        public void bind(Machine m) {
            bind(m.cpus.takeIdle());
            Thread.currentThread().setName("cpu" + cpu.id() + "-" + m.compactMode.taskName());
        }
    }

    /** A truncating CPU: a task that unlinks and writes files. */
    @State(Scope.Thread)
    public static class Truncator extends CpuThread {
        FileWorkload workload;

        @Setup(Level.Trial)
        public void bind(Machine m) {
            Cpu c = m.cpus.take(); // online to write the files, idle again before the first iteration
            workload = Models.contendedFiles(m.kernel, c); // anonymous memory too: skippedInverted
            synchronized (m) {
                m.workloads.add(workload);
            }
            c.idleEnter();
            bind(c);
        }
    }

    /**
     * The compacting thread's compact_control: the model counts its events there, JMH reports them
     * per second of the iteration.
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class CompactorCounters {
        CompactControl cc;

        @Setup(Level.Trial)
        public void register(Machine m) {
            cc = new CompactControl(m.compactMode);
            synchronized (m) {
                m.ccs.add(cc);
            }
        }

        @Setup(Level.Iteration)
        public void reset() {
            cc.resetCounters();
        }

        public long isolated() {
            return cc.isolated;
        }

        public long migrated() {
            return cc.migrated;
        }

        public long skippedTrylock() {
            return cc.skippedTrylock;
        }

        public long skippedInverted() {
            return cc.skippedInverted;
        }

        public long uafDetected() {
            return cc.uafDetected;
        }

        public long putBackOnFailure() {
            return cc.putBackOnFailure;
        }

        public long blocksSkipped() {
            return cc.blocksSkipped;
        }

        public long compactionsContended() {
            return cc.compactionsContended;
        }
    }

    /** The truncating thread's evicted inodes per second, by how destroy_inode() freed them. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class TruncatorCounters {
        long evicted;
        private boolean immediate;

        @Setup(Level.Trial)
        public void bind(Machine m) {
            immediate = m.free == InodeFreePolicy.IMMEDIATE;
        }

        @Setup(Level.Iteration)
        public void reset() {
            evicted = 0;
        }

        public long inodesFreed() {
            return immediate ? evicted : 0;
        }

        public long inodesDeferred() {
            return immediate ? 0 : evicted;
        }
    }

    @Benchmark
    @Group("race")
    @GroupThreads(1)
    public int compact(Machine m, Compactor c, CompactorCounters counters) {
        return Models.compactStep(m.kernel, c.cpu, counters.cc);
    }

    @Benchmark
    @Group("race")
    @GroupThreads(1)
    public long truncate(Machine m, Truncator t, TruncatorCounters counters) {
        t.workload.step(t.cpu);
        return ++counters.evicted;
    }
}
