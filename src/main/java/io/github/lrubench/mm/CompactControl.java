package io.github.lrubench.mm;

/**
 * struct compact_control (mm/internal.h, v4.15) for one compacting CPU, in MIGRATE_ASYNC mode,
 * plus the event counters the benchmarks report. Owned by one thread: plain fields.
 */
public final class CompactControl {

    /** COMPACT_CLUSTER_MAX = SWAP_CLUSTER_MAX (include/linux/swap.h). */
    public static final int COMPACT_CLUSTER_MAX = 32;

    /** cc->migratepages, linked through page.lruNext (a private list: no lock needed). */
    Page migratepagesHead;
    Page migratepagesTail;
    /** cc->nr_migratepages. */
    int nrMigratepages;
    /** cc->migrate_pfn: where the migrate scanner resumes. */
    int migratePfn;
    /** cc->contended: the LRU lock was contended (async compaction gives up on the block). */
    boolean contended;

    // ---- event counters (not in the kernel; vmstat has some of them as COMPACT* events) ----

    /** pfns the migrate scanner looked at (COMPACTMIGRATE_SCANNED). */
    public long scanned;
    /** Pages isolated (COMPACTISOLATED, migrate side). */
    public long isolated;
    /** Dirty pages that reached the isolation check. */
    public long dirtyChecked;
    /** Dirty pages skipped because trylock_page() failed (the page lock was busy). */
    public long skippedTrylock;
    /** Dirty pages refused only by the v4.16 inversion (no mapping). */
    public long skippedInverted;
    /** Dirty pages refused because their mapping has no migratepage. */
    public long skippedNoMigratepage;
    /** Pages skipped because they were under writeback. */
    public long skippedWriteback;
    /** Times the LRU lock trylock failed and async compaction gave up on a block. */
    public long lockContended;
    /** Uses after free this CPU committed (a_ops read from a freed, poisoned inode). */
    public long uafDetected;
    /** Pages migrated (COMPACTSUCCESS-like, per page: PGMIGRATE_SUCCESS). */
    public long migrated;
    /** Pages whose migration failed and that went back to the LRU (PGMIGRATE_FAIL). */
    public long migrateFailed;
    /** Isolated pages found truncated under us and freed by migration ("freed from under us"). */
    public long freedUnderUs;
    /** Compaction passes run. */
    public long passes;

    public CompactControl() {
    }

    /** Isolated pages not yet migrated or put back. */
    public int nrMigratepages() {
        return nrMigratepages;
    }

    void listAdd(Page page) {
        page.lruPrev = null;
        page.lruNext = migratepagesHead;
        migratepagesHead = page;
        if (migratepagesTail == null) {
            migratepagesTail = page;
        }
        nrMigratepages++;
    }

    /** Removes and returns the first isolated page, or null. */
    Page listPop() {
        Page p = migratepagesHead;
        if (p != null) {
            migratepagesHead = p.lruNext;
            if (migratepagesHead == null) {
                migratepagesTail = null;
            }
            p.lruNext = null;
            nrMigratepages--;
        }
        return p;
    }

    /** Visits the isolated pages (invariant checker, quiescent point only). */
    void forEachIsolated(java.util.function.Consumer<Page> action) {
        for (Page p = migratepagesHead; p != null; p = p.lruNext) {
            action.accept(p);
        }
    }

    /** Zeroes the event counters (per benchmark iteration). */
    public void resetCounters() {
        scanned = isolated = dirtyChecked = skippedTrylock = skippedInverted = 0;
        skippedNoMigratepage = skippedWriteback = lockContended = uafDetected = 0;
        migrated = migrateFailed = freedUnderUs = passes = 0;
    }
}
