package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.CompactControl;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.Compaction;
import io.github.lrubench.mm.Invariants;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.Kernel;
import io.github.lrubench.mm.Zone;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;


/**
 * Question: what does the isolation check add to the migrate scanner, per pfn scanned, as the
 * share of dirty pages grows?
 *
 * <p>Kernel: isolate_migratepages_block() (mm/compaction.c, v4.15) over one 512-pfn pageblock in
 * kcompactd's sync-light mode (ISOLATE_ASYNC_MIGRATE, so every dirty page runs the check; no
 * skip_on_failure, which in direct async compaction would give up the pageblock at its first
 * refused page; uncontended, its spin_lock_irqsave() costs what the async trylock does): lockless PageBuddy/PageLRU/pinned checks, the LRU lock taken with IRQs off and
 * dropped every 32 pfns with cond_resched(), __isolate_lru_page() on every LRU page. The pageblock
 * is built so that nothing gets isolated (see {@code Models.unisolatablePageblock}): the scan
 * covers all 512 pfns every invocation and the model is unchanged afterwards. The loop over pfns
 * is the kernel's own loop, reported per pfn with {@code @OperationsPerInvocation(512)}; its
 * return value is sunk. Compare with {@link FloorBenchmark#scan512} (same dirty share at 50).
 *
 * <p>Run: {@code java -jar target/benchmarks.jar PageblockIsolationBenchmark -p dirtyPercent=50}
 */
@State(Scope.Thread)
public class PageblockIsolationBenchmark extends JmhDefaults {

    @Param
    public IsolationCheck check;

    @Param({"0", "10", "50", "100"})
    public int dirtyPercent;

    private Kernel kernel;
    private Compaction compaction;
    private Cpu cpu;
    private CompactControl cc;
    private int endPfn;

    @Setup(Level.Trial)
    public void setup() {
        Models.checkPercent(dirtyPercent);
        Models.warmAllChecks();
        kernel = Models.unisolatablePageblock(check, dirtyPercent, Compaction.SWAP_CLUSTER_MAX);
        cpu = new CpuPool(kernel).take(); // the model's second CPU stays idle
        compaction = kernel.compaction();
        cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
        endPfn = Zone.PAGEBLOCK_NR_PAGES;
    }

    @Benchmark
    @OperationsPerInvocation(Zone.PAGEBLOCK_NR_PAGES)
    public int scanPageblock() {
        return compaction.isolateMigratepagesBlock(cpu, cc, 0, endPfn);
    }

    @TearDown(Level.Iteration)
    public void checkInvariants() {
        if (cc.nrMigratepages() != 0 || cc.uafDetected != 0) {
            throw new IllegalStateException("the pageblock must stay unisolated: " + cc.nrMigratepages()
                    + " isolated, " + cc.uafDetected + " use after free");
        }
        Invariants.check(kernel, null, cc);
    }

    @TearDown(Level.Trial)
    public void shutdown() {
        kernel.close();
    }
}
