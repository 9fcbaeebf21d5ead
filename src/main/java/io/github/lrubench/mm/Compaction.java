package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

/**
 * mm/compaction.c (v4.15): the migrate scanner's isolation and compact_zone(), in the mode of the
 * compacting CPU's {@link CompactControl} ({@link CompactMode}: direct async, kcompactd's
 * sync-light, compact_memory's sync).
 *
 * <p>{@link #compactPass} is one round of compact_zone()'s loop; consecutive rounds with the same
 * {@code cc} form one compact_zone() run, which a round ends the way the kernel's does: on
 * contention (COMPACT_CONTENDED: ISOLATE_ABORT, or -ENOMEM from migrate_pages()) or when the
 * migrate scanner has gone through the zone (COMPACT_COMPLETE). The next round then starts a new
 * run with compact_zone()'s prologue (migrate_prep_local()).
 *
 * <p>Simplifications: no free scanner (migration takes free frames from the zone's free list), so
 * the scanners "meet" at the zone's end; no buddy allocator, so no COMPACT_SUCCESS (a free page of
 * cc->order never ends a run: every run is one that had to go through the zone, the heaviest); no
 * pageblock skip bits or migratetypes. need_resched() is the CPU's ({@link Cpu#needResched()}, set
 * by v4.15's RCU through resched_cpu()): async compaction aborts on it (compact_should_abort(),
 * compact_unlock_should_abort(): cc->contended, COMPACT_CONTENDED), the other modes reschedule;
 * every lock break still calls cond_resched(), which reports an RCU-sched quiescent state only
 * once the grace period is old enough to have set rcu_urgent_qs (see
 * {@link #isolateMigratepagesBlock}). try_to_compact_pages() stops after a zone when
 * {@code prio == COMPACT_PRIO_ASYNC && need_resched()}; with the model's one zone it stops there
 * anyway.
 */
public final class Compaction {

    /** SWAP_CLUSTER_MAX: the LRU lock is dropped every this many pfns. */
    public static final int SWAP_CLUSTER_MAX = 32;

    /** isolate_migrate_t (mm/compaction.c, v4.15). */
    enum IsolateMigrate {
        /** Abort compaction now. */
        ISOLATE_ABORT,
        /** No pages isolated, continue scanning. */
        ISOLATE_NONE,
        /** Pages isolated, migrate. */
        ISOLATE_SUCCESS
    }

    private final Zone zone;
    private final Swap swap;
    private final Vmscan vmscan;
    private final Migrate migrate;
    /**
     * SWAP_CLUSTER_MAX - 1 as a mask: the kernel's {@code low_pfn % SWAP_CLUSTER_MAX} is a
     * compile-time power of two, so an AND; a variable modulo would cost an integer division per
     * pfn. Configurable (powers of two) only to show what longer IRQ-off holds cost.
     */
    private final int lockBreakMask;

    Compaction(Zone zone, Swap swap, Vmscan vmscan, Migrate migrate, int lockBreakPfns) {
        this.zone = zone;
        this.swap = swap;
        this.lockBreakMask = lockBreakPfns - 1;
        this.vmscan = vmscan;
        this.migrate = migrate;
    }

    /** block_start_pfn(pfn, order) (mm/compaction.c, v4.15): round_down(pfn, 1UL << order). */
    static int blockStartPfn(int pfn, int order) {
        return pfn & -(1 << order);
    }

    /** block_end_pfn(pfn, order) (mm/compaction.c, v4.15): ALIGN(pfn + 1, 1UL << order). */
    static int blockEndPfn(int pfn, int order) {
        return blockStartPfn(pfn, order) + (1 << order);
    }

    /**
     * isolate_migratepages_block() (mm/compaction.c, v4.15) for [lowPfn, endPfn) inside one
     * pageblock, in cc's mode. Cheap lockless checks first; the LRU lock is taken lazily (async:
     * compact_trylock_irqsave() only trylocks, and contention ends the whole compaction; sync-light
     * and sync: spin_lock_irqsave()), dropped every SWAP_CLUSTER_MAX pfns; isolation stops at
     * COMPACT_CLUSTER_MAX pages. In direct async compaction ({@code skip_on_failure}) a page that
     * cannot be isolated ({@code goto isolate_fail}) puts back everything isolated from its
     * cc->order-aligned block and skips the rest of that block, and a block isolated whole is
     * migrated before the next is scanned. Returns the pfn to resume from.
     */
    public int isolateMigratepagesBlock(Cpu cpu, CompactControl cc, int lowPfn, int endPfn) {
        // too_many_isolated() is not modelled: one compacting CPU isolates at most 32 pages.
        final Page[] memmap = zone.memmap;
        final boolean async = cc.mode.migrateMode() == CompactMode.MigrateMode.ASYNC;
        // compact_should_abort() (mm/compaction.c, v4.15): "async compaction aborts if contended"
        // (need_resched()); otherwise cond_resched(). The caller sees cc->contended: ISOLATE_ABORT.
        if (cpu.needResched()) {
            if (async) {
                cc.contended = true;
                return lowPfn;
            }
            cpu.condResched();
        }
        final int order = cc.order;
        boolean locked = false;
        int flags = 0;
        int nrScanned = 0;
        int nrIsolated = 0;
        boolean skipOnFailure = false;
        int nextSkipPfn = 0;
        if (cc.mode.skipOnFailure()) { // cc->direct_compaction && (cc->mode == MIGRATE_ASYNC)
            skipOnFailure = true;
            nextSkipPfn = blockEndPfn(lowPfn, order);
        }
        for (; lowPfn < endPfn; lowPfn++) {
            if (skipOnFailure && lowPfn >= nextSkipPfn) {
                // "We have isolated all migration candidates in the previous order-aligned block,
                // and did not skip it due to failure. We should migrate the pages now"
                if (nrIsolated != 0) {
                    break;
                }
                nextSkipPfn = blockEndPfn(lowPfn, order);
            }
            // compact_unlock_should_abort() (mm/compaction.c, v4.15): drop the lock (IRQs back on,
            // so a pending tick is taken; with CONFIG_PREEMPT a pending need_resched preempts
            // there); if need_resched(), async compaction aborts (cc->contended) and the others
            // cond_resched(). The model calls cond_resched() at every lock break even without
            // need_resched: rcu_all_qs() reports only once rcu_urgent_qs is set (a grace period
            // older than jiffies_till_sched_qs), at most one pass earlier than the kernel's
            // per-page cond_resched() in migrate_pages() would (see README, Simplifications).
            if ((lowPfn & lockBreakMask) == 0) {
                if (locked) {
                    zone.lruLock.spinUnlockIrqrestore(cpu, flags);
                    locked = false;
                }
                if (async && cpu.needResched()) {
                    cc.contended = true;
                    break;
                }
                cpu.condResched();
            }
            nrScanned++;
            Page page = memmap[lowPfn];
            // One READ_ONCE of page->flags serves the PageBuddy/PageCompound/PageLRU tests; the
            // kernel reads flags and _mapcount separately, a difference of one L1 hit.
            long pf = page.flagsWord();
            if ((pf & (1L << Page.PG_BUDDY)) != 0) {
                continue; // free page: order 0 here, so nothing to skip ahead
            }
            boolean isolated;
            // PageCompound() and __PageMovable(): no compound or non-LRU movable pages modelled.
            if ((pf & (1L << Page.PG_LRU)) == 0) {
                isolated = false; // !PageLRU: goto isolate_fail (a page in a pagevec, isolated, ...)
            } else if (page.mapping() == null && page.pageCount() > page.pageMapcount()) {
                // "Migration will fail if an anonymous page is pinned": no mapping and a reference
                // beyond the mapcount. A truncated page somebody still holds is caught here too.
                isolated = false;
            } else {
                // !(cc->gfp_mask & __GFP_FS): compaction runs with GFP_KERNEL here.
                boolean lruRecheckFailed = false;
                if (!locked) {
                    if (async) {
                        flags = zone.lruLock.spinTrylockIrqsave(cpu); // compact_trylock_irqsave()
                        if (flags < 0) {
                            cc.contended = true;
                            cc.lockContended++;
                            break;
                        }
                    } else {
                        flags = zone.lruLock.spinLockIrqsave(cpu); // compact_trylock_irqsave(), sync
                    }
                    locked = true;
                    lruRecheckFailed = !page.pageLru(); // "Recheck PageLRU and PageCompound under lock"
                }
                isolated = !lruRecheckFailed && vmscan.isolateLruPage(cpu, page, cc) == 0;
            }
            if (isolated) {
                zone.delPageFromLruList(page);
                cc.listAdd(page);
                cc.isolated++;
                nrIsolated++;
                if (cc.lastMigratedPfn < 0) {
                    cc.lastMigratedPfn = lowPfn; // "Record where we could have freed pages by migration"
                }
                if (cc.nrMigratepages == CompactControl.COMPACT_CLUSTER_MAX) {
                    ++lowPfn; // "Avoid isolating too much"
                    break;
                }
                continue;
            }
            // isolate_fail:
            if (!skipOnFailure) {
                continue;
            }
            if (nrIsolated != 0) {
                // "We have isolated some pages, but then failed. Release them instead of
                // migrating, as we cannot form the cc->order buddy page anyway."
                if (locked) {
                    zone.lruLock.spinUnlockIrqrestore(cpu, flags);
                    locked = false;
                }
                migrate.putbackMovablePages(cpu, cc);
                cc.putBackOnFailure += nrIsolated;
                cc.lastMigratedPfn = -1;
                nrIsolated = 0;
            }
            if (lowPfn < nextSkipPfn) {
                cc.blocksSkipped++;
                lowPfn = nextSkipPfn - 1;
                nextSkipPfn += 1 << order;
            }
        }
        if (lowPfn > endPfn) {
            lowPfn = endPfn; // the block skip could have taken us past the range
        }
        if (locked) {
            zone.lruLock.spinUnlockIrqrestore(cpu, flags);
        }
        cc.scanned += nrScanned; // cc->total_migrate_scanned
        return lowPfn;
    }

    /**
     * isolate_migratepages() (mm/compaction.c, v4.15): from cc.migratePfn to the end of its
     * pageblock, then stop ("Either we isolated something and proceed with migration. Or we
     * failed and compact_zone should decide"). Its isolate_mode is cc's
     * ({@code cc->mode != MIGRATE_SYNC ? ISOLATE_ASYNC_MIGRATE : 0}, {@link CompactMode}).
     */
    IsolateMigrate isolateMigratepages(Cpu cpu, CompactControl cc) {
        int lowPfn = cc.migratePfn;
        if (lowPfn >= zone.nrPages()) {
            lowPfn = 0; // a caller driving the scanner without compact_zone(): wrap
        }
        int blockEnd = (lowPfn / Zone.PAGEBLOCK_NR_PAGES + 1) * Zone.PAGEBLOCK_NR_PAGES;
        lowPfn = isolateMigratepagesBlock(cpu, cc, lowPfn, blockEnd);
        if (cc.contended) {
            return IsolateMigrate.ISOLATE_ABORT; // "if (!low_pfn || cc->contended)"
        }
        cc.migratePfn = lowPfn; // "Record where migration scanner will be restarted."
        return cc.nrMigratepages != 0 ? IsolateMigrate.ISOLATE_SUCCESS : IsolateMigrate.ISOLATE_NONE;
    }

    /**
     * One round of compact_zone()'s loop (mm/compaction.c, v4.15), starting a compact_zone() run
     * first if none is in progress: isolate_migratepages(); on ISOLATE_ABORT
     * putback_movable_pages() and COMPACT_CONTENDED; on ISOLATE_SUCCESS migrate_pages(), and if a
     * page was not migrated putback_movable_pages() and, in direct async compaction, skip the rest
     * of the cc->order-aligned block; then check_drain and compact_finished(). Returns the number
     * of pages migrated.
     */
    public int compactPass(Cpu cpu, CompactControl cc) {
        if (!cc.inCompactZone) {
            compactZoneBegin(cpu, cc);
        }
        cc.passes++;
        long migratedBefore = cc.migrated;
        switch (isolateMigratepages(cpu, cc)) {
            case ISOLATE_ABORT:
                migrate.putbackMovablePages(cpu, cc);
                compactZoneEnd(cc, false);
                return 0;
            case ISOLATE_NONE:
                break; // "there might still be unflushed migrations from previous cc->order aligned block"
            case ISOLATE_SUCCESS:
                int err = migrate.migratePages(cpu, cc);
                if (err != 0) {
                    migrate.putbackMovablePages(cpu, cc);
                    if (err == Migrate.ENOMEM && !scannersMet(cc)) {
                        compactZoneEnd(cc, false);
                        return (int) (cc.migrated - migratedBefore);
                    }
                    if (cc.mode.skipOnFailure()) {
                        // "We failed to migrate at least one page in the current order-aligned
                        // block, so skip the rest of it."
                        cc.migratePfn = blockEndPfn(cc.migratePfn - 1, cc.order);
                        cc.lastMigratedPfn = -1; // "Draining pcplists is useless in this case"
                        cc.blocksSkippedMigrateFailed++;
                    }
                }
                break;
            default:
                throw new AssertionError();
        }
        // check_drain: "Has the migration scanner moved away from the previous cc->order aligned
        // block where we migrated from? If yes, flush the pages that were freed"
        if (cc.order > 0 && cc.lastMigratedPfn >= 0
                && cc.lastMigratedPfn < blockStartPfn(cc.migratePfn, cc.order)) {
            swap.lruAddDrain(cpu); // lru_add_drain_cpu(cpu); drain_local_pages(): no pcp lists here
            cc.lastMigratedPfn = -1;
        }
        // compact_finished(), asked before the next round.
        if (cc.contended || scannersMet(cc)) {
            compactZoneEnd(cc, !cc.contended);
        }
        return (int) (cc.migrated - migratedBefore);
    }

    /**
     * compact_zone()'s prologue (mm/compaction.c, v4.15): the scanner starts where the last run
     * stopped (zone->compact_cached_migrate_pfn), or at the zone's start for compact_memory
     * (cc->whole_zone); cc->last_migrated_pfn = 0; migrate_prep_local(), i.e. lru_add_drain() of
     * this CPU's pagevec.
     */
    private void compactZoneBegin(Cpu cpu, CompactControl cc) {
        cc.inCompactZone = true;
        cc.contended = false;
        if (cc.order < 0 || cc.migratePfn >= zone.nrPages()) { // whole_zone, or an out-of-zone cached pfn
            cc.migratePfn = 0;
        }
        cc.lastMigratedPfn = -1;
        swap.lruAddDrain(cpu); // migrate_prep_local()
    }

    /**
     * compact_finished() (mm/compaction.c, v4.15) without COMPACT_SUCCESS: COMPACT_CONTENDED if
     * cc->contended, COMPACT_COMPLETE when the scanners met; compact_zone() returns.
     */
    private void compactZoneEnd(CompactControl cc, boolean complete) {
        cc.inCompactZone = false;
        cc.compactions++;
        if (complete) {
            cc.compactionsComplete++;
            cc.migratePfn = 0; // reset_cached_positions(): "Let the next compaction start anew."
        } else {
            cc.compactionsContended++;
        }
    }

    /** compact_scanners_met() (mm/compaction.c, v4.15), with the free scanner standing at the zone's end. */
    private boolean scannersMet(CompactControl cc) {
        return cc.migratePfn >= zone.nrPages();
    }
}
