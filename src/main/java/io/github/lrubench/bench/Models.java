package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.CompactControl;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.FileWorkload;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.Kernel;
import io.github.lrubench.mm.Zone;
import io.github.lrubench.mm.KernelConfig;
import io.github.lrubench.mm.Page;
import io.github.lrubench.mm.Compaction;

/** Model set-ups shared by the benchmarks (no JMH here, so tests can build the same models). */
final class Models {

    private static boolean warmed;
    /** Compaction rounds per isolation check, shared among the compaction modes. */
    private static final int WARM_PASSES = 20_000;

    private Models() {
    }

    /**
     * One pageblock of 512 one-page files in which nothing can be isolated, so a scan covers all
     * 512 pfns and every dirty page runs the whole check: {@code dirtyPercent}% of the pages are
     * dirty pages of a filesystem without migratepage (refused after the check, as a dirty page
     * of such a filesystem is), the rest are under writeback (skipped before the check). The check
     * costs the same whether its answer is yes or no; refusing keeps the pageblock unchanged
     * between invocations, so no per-invocation setup is needed.
     */
    static Kernel unisolatablePageblock(IsolationCheck check, int dirtyPercent, int lockBreakPfns) {
        return unisolatablePageblock(check, dirtyPercent, lockBreakPfns, InodeFreePolicy.IMMEDIATE);
    }

    /**
     * The same pageblock on the kernel {@code free} belongs to ({@link InodeFreePolicy#preemptibleKernel()}):
     * nothing is freed in it, so the policy only picks CONFIG_PREEMPT. IMMEDIATE and RCU_SCHED
     * build the same CONFIG_PREEMPT=n model.
     */
    static Kernel unisolatablePageblock(IsolationCheck check, int dirtyPercent, int lockBreakPfns, InodeFreePolicy free) {
        Kernel k = new Kernel(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(1).withCheck(check)
                .withFree(free).withLockBreakPfns(lockBreakPfns));
        double dirty = dirtyPercent / 100.0;
        FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(BenchDefaults.SEED).withPages(1, 1)
                .withDirtyAndWriteback(dirty, 1.0 - dirty).withNoMigratepageFraction(1.0));
        w.populate(k.cpu(0), 0);
        if (k.zone().nrLruPages() != k.zone().nrPages()) {
            throw new IllegalStateException("pageblock not full: " + k.zone().nrLruPages() + " LRU pages");
        }
        return k;
    }

    /**
     * The pageblock of {@link #unisolatablePageblock} with exactly {@code dirtyPages} dirty pages
     * placed by {@code layout}, the rest under writeback: built all dirty, then writeback started
     * on the others (clear_page_dirty_for_io() + set_page_writeback()) by pfn. The workload's own
     * record of writeback in flight is not updated: nothing here ever completes I/O or truncates,
     * and the pageblock stays as built for the trial.
     */
    static Kernel layoutPageblock(IsolationCheck check, int dirtyPages, PairedCheckBenchmark.Layout layout) {
        int n = Zone.PAGEBLOCK_NR_PAGES;
        if (dirtyPages < 0 || dirtyPages > n) {
            throw new IllegalArgumentException("dirtyPages must be in 0.." + n + ", was " + dirtyPages);
        }
        Kernel k = unisolatablePageblock(check, 100, Compaction.SWAP_CLUSTER_MAX);
        boolean[] dirty = layout.dirtyPfns(dirtyPages, n);
        for (int pfn = 0; pfn < n; pfn++) {
            if (!dirty[pfn]) {
                Page page = k.zone().pfnToPage(pfn);
                page.clearBit(Page.PG_DIRTY);
                page.setBit(Page.PG_WRITEBACK);
            }
        }
        return k;
    }

    /**
     * The contended workload's zone: 16 pageblocks (32 MiB, low watermark 226 pages), large enough
     * that v4.15 compacts it for a THP with a quarter of it free (compaction_suitable() wants
     * 226 + 1024 free pages).
     */
    static final int CONTENDED_ZONE_PAGEBLOCKS = 16;
    /**
     * Writeback a file's write started completes once the truncating task has written this many
     * further files (end_page_writeback(), {@link FileWorkload.Config#writebackFiles()}): a disk
     * that keeps up with the writer, so that the pages under writeback are the newest files'.
     */
    static final int CONTENDED_WRITEBACK_FILES = 16;

    /**
     * The contended workload's files on {@code k} (a zone of {@link #CONTENDED_ZONE_PAGEBLOCKS}),
     * written from {@code cpu} (online): small files of 1 to 4 pages, half of their pages pinned by
     * another user from just before truncation until after evict() (the condition of Jan Kara's
     * trace), writeback that completes {@link #CONTENDED_WRITEBACK_FILES} files later, with a long-lived process's anonymous
     * memory, an eighth of the pages, faulted in between them so that it is spread over the zone as
     * they are (page_mapping() is NULL for these; once a migration has moved the pte's dirty bit to
     * one, the v4.16 inversion refuses it). Then a quarter of the zone is freed by unlinking files
     * at random: free memory in small holes over every file pageblock, no free pageblock,
     * fragmentation index near 1000: a zone v4.15 compacts for a THP, and one compaction can
     * succeed in.
     */
    static FileWorkload contendedFiles(Kernel k, Cpu cpu) {
        FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(BenchDefaults.SEED + cpu.id()).withPages(1, 4)
                .withPinnedFraction(0.5).withPinAt(FileWorkload.PinAt.TRUNCATE).withWritebackFiles(CONTENDED_WRITEBACK_FILES));
        w.populateWithAnon(cpu, 0, 1.0 / 8);
        w.fragment(cpu, k.zone().nrPages() / 4);
        return w;
    }

    /**
     * One step of a compacting task as the contended benchmarks drive it: a compaction pass and,
     * once it ended a compact_zone() run, what the task does before the next run
     * ({@link CompactMode#betweenCompactions}: a THP fault returns to user space for
     * {@link CompactMode#USER_PHASE_NANOS}, kcompactd sleeps).
     */
    static int compactStep(Kernel k, Cpu cpu, CompactControl cc) {
        long runs = cc.compactions;
        int migrated = k.compaction().compactPass(cpu, cc);
        if (cc.compactions != runs) {
            int thp = thpFault(k, cpu, cc);
            cc.mode().betweenCompactions(cpu, CompactMode.USER_PHASE_NANOS);
            thpUnmap(k, cpu, thp);
        }
        return migrated;
    }

    /**
     * After a compact_zone() run at pageblock order, the THP fault it was for allocates the block
     * the compaction freed, if any ({@link Zone#allocHugePage}; else it falls back to a small
     * page): the faulting task itself after {@link CompactMode#DIRECT_ASYNC_ORDER9}; after
     * {@link CompactMode#KCOMPACTD_SYNC_LIGHT}, the fault whose failed high-order allocation woke
     * kswapd and so kcompactd (wakeup_kcompactd()), retried. Without it the freed block would stay
     * free and every later compaction end at compaction_suitable() (kcompactd would not even be
     * woken: kcompactd_node_suitable()). Returns its first pfn, or -1.
     */
    static int thpFault(Kernel k, Cpu cpu, CompactControl cc) {
        return cc.mode().order() == Zone.PAGEBLOCK_ORDER ? k.zone().allocHugePage(cpu) : -1;
    }

    /** The process unmaps the THP {@link #thpFault} gave it after its user phase (no-op for -1). */
    static void thpUnmap(Kernel k, Cpu cpu, int thp) {
        if (thp >= 0) {
            k.zone().freeHugePage(cpu, thp);
        }
    }

    /**
     * Runs every isolation check's code path, in every compaction mode, in this JVM before the
     * measured model is built, so the JIT compiles the shared code (the check's switch and the
     * mode's branches above all) from a profile that has seen all of them, whichever {@code check}
     * and {@code mode} the fork measures. Without it each fork specialises the
     * whole path for its one check and the variants differ by code layout, not by the check: a run
     * showed PAGE_LOCK 5% faster than NONE with no dirty page at all. C compiles one variant per
     * kernel; here every variant gets the same compiled code and differs only in what it executes.
     */
    static synchronized void warmAllChecks() {
        if (warmed) {
            return; // once per JVM: a fork measures one trial; an in-process run needs it once
        }
        warmed = true;
        for (IsolationCheck c : IsolationCheck.values()) {
            for (CompactMode mode : CompactMode.values()) {
                // compaction_suitable()'s order-0 checks off: this small zone must run every mode's path
                try (Kernel k = new Kernel(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(2).withCheck(c)
                        .withFree(InodeFreePolicy.IMMEDIATE).withCompactionWatermark(false))) {
                    Cpu cpu = k.cpu(0);
                    FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(BenchDefaults.SEED).withNoMigratepageFraction(0.1));
                    w.populate(cpu, k.zone().nrPages() / 4);
                    w.populateAnon(cpu, 64);
                    CompactControl cc = new CompactControl(mode);
                    for (int i = 0; i < WARM_PASSES / CompactMode.values().length; i++) {
                        k.compaction().compactPass(cpu, cc);
                    }
                    w.evictAll(cpu);
                    w.exitMm(cpu);
                }
            }
        }
    }

    static void checkPercent(int dirtyPercent) {
        if (dirtyPercent < 0 || dirtyPercent > 100) {
            throw new IllegalArgumentException("dirtyPercent must be in 0..100, was " + dirtyPercent);
        }
    }
}
