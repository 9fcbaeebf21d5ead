package io.github.lrubench.mm;

/**
 * struct compact_control (mm/internal.h, v4.15) for one compacting CPU: its {@link CompactMode}
 * (cc->mode, cc->order, cc->direct_compaction), the state of the compact_zone() run in progress,
 * plus the event counters the benchmarks report. Owned by one thread: plain fields.
 *
 * <p>The scanners' positions between compact_zone() runs are the zone's
 * (zone->compact_cached_migrate_pfn[], compact_cached_free_pfn), as are the pageblock skip bits:
 * see {@link Zone}.
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
    /**
     * cc->free_pfn: how far down the free scanner has come (the lowest pfn it has gone through; the
     * kernel's is that pfn's pageblock start). Before any compact_zone() prologue, the zone's end.
     */
    int freePfn = Integer.MAX_VALUE;
    /** cc->finishing_block: a non-movable request found a fallback block; finish this pageblock first. */
    boolean finishingBlock;
    /** cc->contended: async compaction found the LRU lock contended; the compaction ends (COMPACT_CONTENDED). */
    boolean contended;
    /** cc->mode, cc->order, cc->direct_compaction. */
    final CompactMode mode;
    /** cc->order; -1 for compact_memory. */
    final int order;
    /** cc->last_migrated_pfn: the lowest pfn isolated since the last drain; -1 for none (the kernel's 0). */
    int lastMigratedPfn = -1;
    /** Inside a compact_zone() run (its prologue, migrate_prep_local(), has run). */
    boolean inCompactZone;

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
    /** Times the LRU lock trylock failed in async compaction (each ends the compaction: ISOLATE_ABORT). */
    public long lockContended;
    /**
     * Pages isolated and then put back unmigrated by skip_on_failure (direct async compaction): a
     * later page of the same cc->order-aligned block could not be isolated, so the block cannot
     * become a free page of that order and everything isolated from it goes back.
     */
    public long putBackOnFailure;
    /**
     * cc->order-aligned blocks whose rest isolate_migratepages_block() skipped after a page of it
     * could not be isolated (skip_on_failure, direct async compaction only).
     */
    public long blocksSkipped;
    /**
     * cc->order-aligned blocks whose rest compact_zone() skipped because a page of it failed to
     * migrate (direct async compaction only).
     */
    public long blocksSkippedMigrateFailed;
    /** compact_zone() runs ended (each with one of the reasons below). */
    public long compactions;
    /** ... ended COMPACT_CONTENDED: ISOLATE_ABORT on LRU-lock contention, or -ENOMEM from migrate_pages(). */
    public long compactionsContended;
    /**
     * ... ended because the scanners met (COMPACT_COMPLETE when the run started at the zone's
     * start, COMPACT_PARTIAL_SKIPPED otherwise).
     */
    public long compactionsComplete;
    /**
     * ... ended COMPACT_SUCCESS: a free block of cc->order was there (__compact_finished(), or
     * compaction_suitable() before the run scanned anything).
     */
    public long compactionsSuccess;
    /**
     * ... not run: compaction_suitable() said COMPACT_SKIPPED (too few free pages over the
     * watermark for compaction's targets, or a costly order whose failure the fragmentation index
     * puts down to a lack of memory).
     */
    public long compactionsSkipped;
    /** Compactions not run because compaction_deferred() said so (kcompactd_do_work(), try_to_compact_pages()). */
    public long compactionsDeferred;
    /** Pageblocks isolate_migratepages() passed over for their skip bit (isolation_suitable()). */
    public long pageblocksSkipHint;
    /** Pageblocks isolate_migratepages() passed over as not suitable_migration_source() (async direct: wrong migratetype). */
    public long pageblocksUnsuitable;
    /** Uses after free this CPU committed (a_ops read from a freed, poisoned inode). */
    public long uafDetected;
    /** Pages migrated (COMPACTSUCCESS-like, per page: PGMIGRATE_SUCCESS). */
    public long migrated;
    /** Pages whose migration failed for good (-EBUSY etc.) or after ten passes (PGMIGRATE_FAIL). */
    public long migrateFailed;
    /** Isolated pages found truncated under us and freed by migration ("freed from under us"). */
    public long freedUnderUs;
    /** Rounds of compact_zone()'s loop run (one isolate_migratepages() + migrate_pages() each). */
    public long passes;

    /** kcompactd's compact_control: the background compaction every kernel runs. */
    public CompactControl() {
        this(CompactMode.KCOMPACTD_SYNC_LIGHT);
    }

    public CompactControl(CompactMode mode) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.order = mode.order();
    }

    public CompactMode mode() {
        return mode;
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

    /** list_add_tail(): migrate_pages() keeps an -EAGAIN page on the list for its next pass. */
    void listAddTail(Page page) {
        page.lruNext = null;
        page.lruPrev = null;
        if (migratepagesTail == null) {
            migratepagesHead = page;
        } else {
            migratepagesTail.lruNext = page;
        }
        migratepagesTail = page;
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
        putBackOnFailure = blocksSkipped = blocksSkippedMigrateFailed = 0;
        compactions = compactionsContended = compactionsComplete = compactionsSuccess = compactionsSkipped = 0;
        pageblocksSkipHint = pageblocksUnsuitable = compactionsDeferred = 0;
    }
}
