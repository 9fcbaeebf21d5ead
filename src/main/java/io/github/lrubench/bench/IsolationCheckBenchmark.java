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
import io.github.lrubench.mm.Page;
import io.github.lrubench.mm.Vmscan;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;


/**
 * Question: how many nanoseconds does each isolation check add per dirty page, uncontended?
 *
 * <p>Kernel: __isolate_lru_page(page, ISOLATE_ASYNC_MIGRATE) (mm/vmscan.c; the isolate mode of
 * direct async and kcompactd's compaction, {@link CompactMode}) on one dirty page of a
 * filesystem without migratepage, so the page is refused after the full check and the state never
 * changes: NONE reads page->mapping and mapping->a_ops->migratepage; PAGE_LOCK and
 * PAGE_LOCK_V4_16 wrap the same reads in trylock_page()/unlock_page(). The LRU lock the kernel
 * holds around the call is left out: it is the same for every check. Compare the difference
 * PAGE_LOCK - NONE with {@link FloorBenchmark#trylockUnlockPair}.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar IsolationCheckBenchmark}
 */
@State(Scope.Thread)
public class IsolationCheckBenchmark extends JmhDefaults {

    @Param
    public IsolationCheck check;

    private Kernel kernel;
    private Vmscan vmscan;
    private Cpu cpu;
    private Page page;
    private CompactControl cc;

    @Setup(Level.Trial)
    public void setup() {
        Models.warmAllChecks();
        kernel = new Kernel(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(1).withCheck(check)
                .withFree(InodeFreePolicy.IMMEDIATE));
        cpu = new CpuPool(kernel).take();
        FileWorkload w = new FileWorkload(kernel, FileWorkload.Config.defaults(BenchDefaults.SEED).withPages(1, 1)
                .withDirtyAndWriteback(1.0, 0).withNoMigratepageFraction(1.0));
        page = w.createFile(cpu).inode().mapping().pageAt(0);
        vmscan = kernel.vmscan();
        cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
    }

    @Benchmark
    public int isolateDirtyPage() {
        return vmscan.isolateLruPage(cpu, page, cc);
    }

    @TearDown(Level.Iteration)
    public void checkInvariants() {
        if (cc.uafDetected != 0 || page.pageLocked() || !page.pageLru()) {
            throw new IllegalStateException("model broken: " + page);
        }
        Invariants.check(kernel, null, cc);
    }

    @TearDown(Level.Trial)
    public void shutdown() {
        kernel.close();
    }
}
