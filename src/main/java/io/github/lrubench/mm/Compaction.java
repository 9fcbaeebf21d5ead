package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

/**
 * mm/compaction.c (v4.15): the migrate scanner's isolation and one round of compact_zone().
 */
public final class Compaction {

    /** SWAP_CLUSTER_MAX: the LRU lock is dropped every this many pfns. */
    public static final int SWAP_CLUSTER_MAX = 32;

    private final Zone zone;
    private final Vmscan vmscan;
    private final Migrate migrate;
    /**
     * SWAP_CLUSTER_MAX - 1 as a mask: the kernel's {@code low_pfn % SWAP_CLUSTER_MAX} is a
     * compile-time power of two, so an AND; a variable modulo would cost an integer division per
     * pfn. Configurable (powers of two) only to show what longer IRQ-off holds cost.
     */
    private final int lockBreakMask;

    Compaction(Zone zone, Vmscan vmscan, Migrate migrate, int lockBreakPfns) {
        this.zone = zone;
        this.lockBreakMask = lockBreakPfns - 1;
        this.vmscan = vmscan;
        this.migrate = migrate;
    }

    /**
     * isolate_migratepages_block() (mm/compaction.c, v4.15) in MIGRATE_ASYNC mode with
     * ISOLATE_ASYNC_MIGRATE, for [lowPfn, endPfn) inside one pageblock. Cheap lockless checks
     * first; the LRU lock is taken lazily, with a trylock (async compaction gives up on
     * contention), dropped every SWAP_CLUSTER_MAX pfns with a cond_resched(); isolation stops at
     * COMPACT_CLUSTER_MAX pages. Returns the pfn to resume from.
     */
    public int isolateMigratepagesBlock(Cpu cpu, CompactControl cc, int lowPfn, int endPfn) {
        // too_many_isolated() is not modelled: one compacting CPU isolates at most 32 pages.
        final Page[] memmap = zone.memmap;
        final int startPfn = lowPfn;
        boolean locked = false;
        int flags = 0;
        for (; lowPfn < endPfn; lowPfn++) {
            // compact_unlock_should_abort(): drop the lock (IRQs back on). v4.15 reschedules here
            // only if need_resched() (async compaction then aborts the block); the model reports
            // an RCU-sched quiescent state at every lock break, the earliest the kernel could,
            // which favours RCU-sched (see README, Simplifications).
            if ((lowPfn & lockBreakMask) == 0) {
                if (locked) {
                    zone.lruLock.spinUnlockIrqrestore(cpu, flags);
                    locked = false;
                }
                cpu.condResched();
            }
            Page page = memmap[lowPfn];
            // One READ_ONCE of page->flags serves the PageBuddy/PageCompound/PageLRU tests; the
            // kernel reads flags and _mapcount separately, a difference of one L1 hit.
            long pf = page.flagsWord();
            if ((pf & (1L << Page.PG_BUDDY)) != 0) {
                continue; // free page: order 0 here, so nothing to skip ahead
            }
            // PageCompound() and __PageMovable(): no compound or non-LRU movable pages modelled.
            if ((pf & (1L << Page.PG_LRU)) == 0) {
                continue;
            }
            // "Migration will fail if an anonymous page is pinned": no mapping and a reference
            // beyond the mapcount. A truncated page somebody still holds is caught here too.
            if (page.mapping() == null && page.pageCount() > page.pageMapcount()) {
                continue;
            }
            // !(cc->gfp_mask & __GFP_FS): compaction runs with GFP_KERNEL here.
            if (!locked) {
                flags = zone.lruLock.spinTrylockIrqsave(cpu); // compact_trylock_irqsave()
                if (flags < 0) {
                    cc.contended = true;
                    cc.lockContended++;
                    break;
                }
                locked = true;
                if (!page.pageLru()) {
                    continue; // recheck PageLRU under the lock
                }
            }
            if (vmscan.isolateLruPage(cpu, page, cc) != 0) {
                continue;
            }
            zone.delPageFromLruList(page);
            cc.listAdd(page);
            cc.isolated++;
            if (cc.nrMigratepages == CompactControl.COMPACT_CLUSTER_MAX) {
                ++lowPfn;
                break;
            }
        }
        if (locked) {
            zone.lruLock.spinUnlockIrqrestore(cpu, flags);
        }
        cc.scanned += lowPfn - startPfn; // nr_scanned, a local in the kernel too
        return lowPfn;
    }

    /**
     * isolate_migratepages() (mm/compaction.c, v4.15): from cc.migratePfn to the end of its
     * pageblock, then stop ("Either we isolated something and proceed with migration. Or we
     * failed and compact_zone should decide"). The scanner wraps at the zone end instead of
     * meeting the free scanner, so passes can run forever.
     */
    public void isolateMigratepages(Cpu cpu, CompactControl cc) {
        int lowPfn = cc.migratePfn;
        if (lowPfn >= zone.nrPages()) {
            lowPfn = 0;
        }
        int blockEnd = (lowPfn / Zone.PAGEBLOCK_NR_PAGES + 1) * Zone.PAGEBLOCK_NR_PAGES;
        lowPfn = isolateMigratepagesBlock(cpu, cc, lowPfn, blockEnd);
        cc.migratePfn = lowPfn >= zone.nrPages() ? 0 : lowPfn;
    }

    /**
     * One round of compact_zone()'s loop (mm/compaction.c, v4.15): isolate_migratepages(), then
     * migrate_pages(), and on ISOLATE_ABORT (LRU lock contended) putback_movable_pages().
     * Returns the number of pages migrated.
     */
    public int compactPass(Cpu cpu, CompactControl cc) {
        cc.contended = false;
        cc.passes++;
        isolateMigratepages(cpu, cc);
        if (cc.contended) {
            migrate.putbackMovablePages(cpu, cc);
            return 0;
        }
        return migrate.migratePages(cpu, cc);
    }
}
