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
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;


/**
 * Question: what is the check's overhead against the heavy operation Mel Gorman points to, a whole
 * compaction pass, and how does it depend on what a migration really costs?
 *
 * <p>Kernel: one round of compact_zone() (mm/compaction.c, v4.15) in the given {@code compactMode}
 * ({@link CompactMode}; the suite's default is direct async compaction for a THP, where the check
 * runs and one unisolatable page costs its 2 MiB block): isolate_migratepages() up to
 * COMPACT_CLUSTER_MAX (32) pages from the current pageblock, then migrate_pages() in the mode's
 * migration mode (trylock, move the page-cache slot with the refcount frozen, copy 4 KiB, free the
 * old frame, put the new page on the LRU through the CPU's pagevec); consecutive rounds form
 * compact_zone() runs. The zone is 4 pageblocks, 3/4 full of small files; passes run in a steady
 * state. v4.15 would not compact so small a zone for a THP (compaction_suitable() wants the low
 * watermark plus compact_gap(9) = 1024 free pages, it has 512), so compaction_suitable()'s
 * order-0 checks are off here ({@code KernelConfig.withCompactionWatermark(false)}): the benchmark
 * measures what a round costs, not whether the zone is worth one. {@code migrateExtraNs} adds busy work per migrated page for
 * what the Java model leaves out (try_to_unmap, TLB-flush IPIs, rmap walk, cold-cache copies):
 * read the overhead as a curve over it, not as one number.
 *
 * <p>Secondary figures ({@code @AuxCounters}, OPERATIONS, so in this mode they read as ns per
 * event): {@code migratedPage} is the measured ns per migrated page, {@code isolatedPage} the ns
 * per isolated page.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar CompactionPassBenchmark -p free=IMMEDIATE -p compactMode=DIRECT_ASYNC_ORDER9}
 */
@State(Scope.Thread)
public class CompactionPassBenchmark extends JmhDefaults {

    @Param
    public IsolationCheck check;

    /**
     * A pass frees no inode (no truncation runs here) and both RCU engines run whatever the policy,
     * so one policy answers it; the parameter stays for the report's grouping.
     */
    @Param({"IMMEDIATE"})
    public InodeFreePolicy free;

    /** The modes whose rounds carry the check: direct async compaction for a THP, and kcompactd. */
    @Param({"DIRECT_ASYNC_ORDER9", "KCOMPACTD_SYNC_LIGHT"})
    public CompactMode compactMode;

    @Param({"0", "10", "50", "100"})
    public int dirtyPercent;

    @Param({"0", "1000", "4000"})
    public long migrateExtraNs;

    private Kernel kernel;
    private Compaction compaction;
    private Cpu cpu;
    private FileWorkload workload;
    CompactControl cc;

    /** Per-iteration event counts, read by JMH as rates of the primary time (ns per event here). */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class PassCounters {
        /** Pages migrated. */
        public long migratedPage;
        /** Pages isolated. */
        public long isolatedPage;

        @Setup(Level.Iteration)
        public void reset() {
            migratedPage = 0;
            isolatedPage = 0;
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        Models.checkPercent(dirtyPercent);
        Models.warmAllChecks();
        kernel = new Kernel(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(4).withCheck(check)
                .withFree(free).withMigrateExtraNs(migrateExtraNs).withCompactionWatermark(false)); // see the class javadoc
        cpu = new CpuPool(kernel).take();
        double dirty = dirtyPercent / 100.0;
        workload = new FileWorkload(kernel, FileWorkload.Config.defaults(BenchDefaults.SEED).withDirtyAndWriteback(dirty, 0));
        workload.populate(cpu, kernel.zone().nrPages() / 4);
        compaction = kernel.compaction();
        cc = new CompactControl(compactMode);
    }

    @Benchmark
    public int compactPass(PassCounters counters) {
        long isolatedBefore = cc.isolated;
        int migrated = compaction.compactPass(cpu, cc);
        counters.migratedPage += migrated;
        counters.isolatedPage += cc.isolated - isolatedBefore;
        return migrated;
    }

    @TearDown(Level.Iteration)
    public void checkInvariants() {
        if (cc.uafDetected != 0) {
            throw new IllegalStateException("use after free without a truncating CPU: " + cc.uafDetected);
        }
        Invariants.check(kernel, workload, cc);
        workload.verifyContents();
    }

    @TearDown(Level.Trial)
    public void shutdown() {
        kernel.close();
    }
}
