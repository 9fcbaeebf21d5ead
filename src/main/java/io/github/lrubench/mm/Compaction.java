package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

/**
 * mm/compaction.c (v4.15): the migrate scanner's isolation and compact_zone(), in the mode of the
 * compacting CPU's {@link CompactControl} ({@link CompactMode}: direct async, kcompactd's
 * sync-light, compact_memory's sync).
 *
 * <p>{@link #compactPass} is one round of compact_zone()'s loop; consecutive rounds with the same
 * {@code cc} form one compact_zone() run, which a round ends the way the kernel's
 * __compact_finished() does: on contention (COMPACT_CONTENDED: ISOLATE_ABORT, or -ENOMEM from
 * migrate_pages() before the scanners met), when the migrate and free scanners met
 * (COMPACT_COMPLETE / COMPACT_PARTIAL_SKIPPED), or when a free block of cc->order is there
 * (COMPACT_SUCCESS). The next round then starts a new run with compact_zone()'s prologue.
 *
 * <p>The migrate scanner goes only through pageblocks isolation_suitable() (no skip bit, unless
 * cc->ignore_skip_hint) and suitable_migration_source() (async direct compaction: the request's
 * migratetype); a pageblock it scans whole without isolating a page gets its skip bit
 * (update_pageblock_skip()). The free scanner takes targets from the top of the zone down
 * ({@link Zone#isolateFreePage}), never from the migrate scanner's pageblock or below.
 *
 * <p>need_resched() is the CPU's ({@link Cpu#needResched()}, set by v4.15's RCU through
 * resched_cpu()): async compaction aborts on it (compact_should_abort(),
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

    /** KernelConfig.compactionWatermark(): compaction_suitable()'s order-0 parts are checked. */
    private final boolean watermarkChecks;

    Compaction(Zone zone, Swap swap, Vmscan vmscan, Migrate migrate, int lockBreakPfns, boolean watermarkChecks) {
        this.watermarkChecks = watermarkChecks;
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
        if (compactShouldAbort(cpu, cc)) {
            return lowPfn; // the caller sees cc->contended: ISOLATE_ABORT
        }
        final int order = cc.order;
        final int validPfn = lowPfn < endPfn ? lowPfn : -1; // valid_page: the first pfn looked at
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
        // "Update the pageblock-skip information and cached scanner pfn, if the whole pageblock
        // was scanned without isolating any page."
        if (lowPfn == endPfn && validPfn >= 0) {
            updatePageblockSkip(cc, validPfn, nrIsolated);
        }
        cc.scanned += nrScanned; // cc->total_migrate_scanned
        return lowPfn;
    }

    /**
     * compact_should_abort() (mm/compaction.c, v4.15): with need_resched() set, "async compaction
     * aborts if contended" (cc->contended, returns true); the other modes cond_resched() and go on.
     */
    private static boolean compactShouldAbort(Cpu cpu, CompactControl cc) {
        if (!cpu.needResched()) {
            return false;
        }
        if (cc.mode.migrateMode() == CompactMode.MigrateMode.ASYNC) {
            cc.contended = true;
            return true;
        }
        cpu.condResched();
        return false;
    }

    /**
     * update_pageblock_skip(cc, valid_page, nr_isolated, true) (mm/compaction.c, v4.15): "If no
     * pages were isolated then mark this pageblock to be skipped in the future", and move the
     * zone's cached migrate pfn up to it (async's, and sync's too unless async). cc->no_set_skip_hint
     * is false in every modelled mode. A skip_on_failure block given up counts: its isolated pages
     * went back and nr_isolated was zeroed.
     */
    private void updatePageblockSkip(CompactControl cc, int pfn, int nrIsolated) {
        if (nrIsolated != 0) {
            return;
        }
        zone.setPageblockSkip(pfn);
        if (pfn > zone.compactCachedMigratePfn[0]) {
            zone.compactCachedMigratePfn[0] = pfn;
        }
        if (cc.mode.migrateMode() != CompactMode.MigrateMode.ASYNC && pfn > zone.compactCachedMigratePfn[1]) {
            zone.compactCachedMigratePfn[1] = pfn;
        }
    }

    /**
     * isolation_suitable() (mm/compaction.c, v4.15): "Returns true if the pageblock should be
     * scanned for pages to isolate": no skip bit, or cc->ignore_skip_hint.
     */
    private boolean isolationSuitable(CompactControl cc, int pfn) {
        return cc.mode.ignoreSkipHint() || !zone.pageblockSkip(pfn);
    }

    /**
     * suitable_migration_source() (mm/compaction.c, v4.15): pageblock_skip_persistent() (a compound
     * page of pageblock_order: none here) is false; anything but async direct compaction scans
     * every pageblock ({@code (cc->mode != MIGRATE_ASYNC) || !cc->direct_compaction}); async
     * direct compaction only those of its request's migratetype, MOVABLE for a movable request
     * (is_migrate_movable(): MOVABLE or CMA; no CMA here).
     */
    static boolean suitableMigrationSource(CompactControl cc, int blockMigratetype) {
        if (cc.mode.migrateMode() != CompactMode.MigrateMode.ASYNC || !cc.mode.direct()) {
            return true;
        }
        return blockMigratetype == cc.mode.migratetype();
    }

    /**
     * isolate_migratepages() (mm/compaction.c, v4.15): from cc.migratePfn, pageblock by pageblock
     * up to (not into) the free scanner's, pass over those not isolation_suitable() or not
     * suitable_migration_source(); isolate from the first that is, then stop ("Either we isolated
     * something and proceed with migration. Or we failed and compact_zone should decide"). Its
     * isolate_mode is cc's ({@code cc->mode != MIGRATE_SYNC ? ISOLATE_ASYNC_MIGRATE : 0},
     * {@link CompactMode}).
     */
    IsolateMigrate isolateMigratepages(Cpu cpu, CompactControl cc) {
        int lowPfn = cc.migratePfn;
        int blockEnd = blockEndPfn(lowPfn, Zone.PAGEBLOCK_ORDER);
        // "Iterate over whole pageblocks until we find the first suitable. Do not cross the free scanner."
        for (; blockEnd <= freeScannerPfn(cc); lowPfn = blockEnd, blockEnd += Zone.PAGEBLOCK_NR_PAGES) {
            // "This can potentially iterate a massively long zone with many pageblocks unsuitable,
            // so periodically check if we need to schedule, or even abort async compaction."
            if (lowPfn % (SWAP_CLUSTER_MAX * Zone.PAGEBLOCK_NR_PAGES) == 0 && compactShouldAbort(cpu, cc)) {
                break; // cc->contended: compact_finished() ends the run COMPACT_CONTENDED
            }
            if (!isolationSuitable(cc, lowPfn)) { // "If isolation recently failed, do not retry"
                cc.pageblocksSkipHint++;
                continue;
            }
            // "For async compaction, also only scan in MOVABLE blocks."
            if (!suitableMigrationSource(cc, zone.pageblockMigratetype(lowPfn))) {
                cc.pageblocksUnsuitable++;
                continue;
            }
            lowPfn = isolateMigratepagesBlock(cpu, cc, lowPfn, blockEnd);
            if (cc.contended) {
                return IsolateMigrate.ISOLATE_ABORT; // "if (!low_pfn || cc->contended)"
            }
            break;
        }
        cc.migratePfn = lowPfn; // "Record where migration scanner will be restarted."
        return cc.nrMigratepages != 0 ? IsolateMigrate.ISOLATE_SUCCESS : IsolateMigrate.ISOLATE_NONE;
    }

    /** cc->free_pfn as the kernel keeps it: the start of the free scanner's pageblock. */
    private int freeScannerPfn(CompactControl cc) {
        return (Math.min(cc.freePfn, zone.nrPages()) - 1) & -Zone.PAGEBLOCK_NR_PAGES;
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
            // try_to_compact_pages() (async: prio > MIN_COMPACT_PRIORITY) and kcompactd_do_work()
            // ask compaction_deferred() first; compact_memory's compact_node() does not.
            if (cc.order >= 0 && compactionDeferred(cc.order)) {
                cc.compactionsDeferred++;
                return 0;
            }
            CompactResult suitable = compactZoneBegin(cpu, cc);
            if (suitable != CompactResult.COMPACT_CONTINUE) { // "Compaction is likely to fail"
                compactZoneEnd(cc, suitable);
                return 0;
            }
        }
        cc.passes++;
        long migratedBefore = cc.migrated;
        switch (isolateMigratepages(cpu, cc)) {
            case ISOLATE_ABORT:
                migrate.putbackMovablePages(cpu, cc);
                compactZoneEnd(cc, CompactResult.COMPACT_CONTENDED);
                return 0;
            case ISOLATE_NONE:
                break; // "there might still be unflushed migrations from previous cc->order aligned block"
            case ISOLATE_SUCCESS:
                int err = migrate.migratePages(cpu, cc);
                if (err != 0) {
                    migrate.putbackMovablePages(cpu, cc);
                    if (err == Migrate.ENOMEM && !scannersMet(cc)) {
                        compactZoneEnd(cc, CompactResult.COMPACT_CONTENDED);
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
        CompactResult result = compactFinished(cc);
        if (result != CompactResult.COMPACT_CONTINUE) {
            compactZoneEnd(cc, result);
        }
        return (int) (cc.migrated - migratedBefore);
    }

    /** enum compact_result (include/linux/compaction.h, v4.15): the values compact_zone() can reach here. */
    enum CompactResult {
        COMPACT_SKIPPED, COMPACT_CONTINUE, COMPACT_COMPLETE, COMPACT_SUCCESS, COMPACT_CONTENDED
    }

    /** PAGE_ALLOC_COSTLY_ORDER (include/linux/mmzone.h, v4.15). */
    static final int PAGE_ALLOC_COSTLY_ORDER = 3;
    /** sysctl_extfrag_threshold's default (mm/compaction.c, v4.15). */
    static final int SYSCTL_EXTFRAG_THRESHOLD = 500;

    /** compact_gap() (include/linux/compaction.h, v4.15): "it's safer to require twice that amount" (2UL << order). */
    static long compactGap(int order) {
        return 2L << order;
    }

    /**
     * compaction_suitable() (mm/compaction.c, v4.15) with the allocation's alloc_flags taking no
     * reserve (ALLOC_WMARK_MIN: a THP fault's gfp_to_alloc_flags(), and kcompactd's and
     * compact_zone()'s 0): __compaction_suitable(), then for a costly order the fragmentation
     * index: "Only compact if a failure would be due to fragmentation" (COMPACT_NOT_SUITABLE_ZONE,
     * reported as COMPACT_SKIPPED). With the order-0 parts off (KernelConfig.compactionWatermark),
     * only the free block of cc->order is looked at.
     */
    CompactResult compactionSuitable(int order) {
        if (order < 0) { // is_via_compact_memory()
            return CompactResult.COMPACT_CONTINUE;
        }
        if (!watermarkChecks) {
            return order > 0 && (zone.freeBlockOfOrder(order, true) || zone.freeBlockOfOrder(order, false))
                    ? CompactResult.COMPACT_SUCCESS : CompactResult.COMPACT_CONTINUE;
        }
        CompactResult ret = compactionSuitableWatermarks(order);
        if (ret == CompactResult.COMPACT_CONTINUE && order > PAGE_ALLOC_COSTLY_ORDER) {
            int fragindex = zone.fragmentationIndex(order);
            if (fragindex >= 0 && fragindex <= SYSCTL_EXTFRAG_THRESHOLD) {
                ret = CompactResult.COMPACT_SKIPPED; // COMPACT_NOT_SUITABLE_ZONE
            }
        }
        return ret;
    }

    /**
     * __compaction_suitable() (mm/compaction.c, v4.15): COMPACT_SUCCESS "If watermarks for
     * high-order allocation are already met" (zone_watermark_ok() at cc->order against the min
     * watermark); COMPACT_SKIPPED unless "Watermarks for order-0 must be met for compaction to be
     * able to isolate free pages for migration targets": the low watermark for a costly order, the
     * min one otherwise, plus compact_gap(order); else COMPACT_CONTINUE.
     */
    private CompactResult compactionSuitableWatermarks(int order) {
        if (zone.zoneWatermarkOk(order, zone.watermark[Zone.WMARK_MIN])) {
            return CompactResult.COMPACT_SUCCESS;
        }
        long watermark = order > PAGE_ALLOC_COSTLY_ORDER ? zone.watermark[Zone.WMARK_LOW] : zone.watermark[Zone.WMARK_MIN];
        watermark += compactGap(order);
        if (!zone.zoneWatermarkOk(0, watermark)) {
            return CompactResult.COMPACT_SKIPPED;
        }
        return CompactResult.COMPACT_CONTINUE;
    }

    /**
     * compact_zone()'s prologue (mm/compaction.c, v4.15). {@link #compactionSuitable}: no run on
     * COMPACT_SUCCESS (a free block of cc->order is already there) or COMPACT_SKIPPED ("Compaction
     * is likely to fail"; kcompactd_do_work() asks the same before it calls compact_zone(), with
     * the same answer here).
     * compaction_restarting(): after six failed runs (defer shift at its maximum) and 64
     * deferred wakeups, __reset_isolation_suitable() clears the skip bits; only kcompactd defers
     * here (async direct compaction never calls defer_compaction()). The model's stand-in for kswapd: a direct compaction
     * whose scanners met asked for the skip bits to be flushed, and kswapd, going to sleep before
     * the next compaction, does it ({@link #resetIsolationSuitable}). Then the scanners start at
     * the zone's cached positions (compact_memory: cc->whole_zone, from the zone's start);
     * cc->last_migrated_pfn = 0; migrate_prep_local(), i.e. lru_add_drain() of this CPU's pagevec.
     */
    private CompactResult compactZoneBegin(Cpu cpu, CompactControl cc) {
        CompactResult suitable = compactionSuitable(cc.order);
        if (suitable != CompactResult.COMPACT_CONTINUE) {
            return suitable;
        }
        // "Clear pageblock skip if there were failures recently and compaction is about to be
        // retried after being deferred."
        if (cc.order >= 0 && compactionRestarting(cc.order)) {
            resetIsolationSuitableZone();
        }
        resetIsolationSuitable(); // kswapd_try_to_sleep() -> reset_isolation_suitable(pgdat), see above
        cc.inCompactZone = true;
        cc.contended = false;
        cc.finishingBlock = false;
        int end = zone.nrPages();
        if (cc.order < 0) { // cc->whole_zone
            cc.migratePfn = 0;
            cc.freePfn = end;
        } else {
            cc.migratePfn = zone.compactCachedMigratePfn[cc.mode.migrateMode() != CompactMode.MigrateMode.ASYNC ? 1 : 0];
            cc.freePfn = zone.compactCachedFreePfn;
            if (cc.freePfn <= 0 || cc.freePfn > end) {
                cc.freePfn = end;
                zone.compactCachedFreePfn = end;
            }
            if (cc.migratePfn < 0 || cc.migratePfn >= end) {
                cc.migratePfn = 0;
                zone.compactCachedMigratePfn[0] = 0;
                zone.compactCachedMigratePfn[1] = 0;
            }
        }
        cc.lastMigratedPfn = -1;
        swap.lruAddDrain(cpu); // migrate_prep_local()
        return CompactResult.COMPACT_CONTINUE;
    }

    /**
     * compact_finished() -> __compact_finished() (mm/compaction.c, v4.15), asked after each round:
     * COMPACT_CONTENDED if cc->contended; when the scanners met, reset_cached_positions() ("Let the
     * next compaction start anew"), compact_blockskip_flush for a direct compaction ("the
     * PG_migrate_skip information should be cleared by kswapd when it goes to sleep"), and
     * COMPACT_COMPLETE / COMPACT_PARTIAL_SKIPPED; compact_memory continues; then "Direct compactor:
     * Is a suitable page free?": a free block of cc->order or above on the request's migratetype's
     * lists, or one another migratetype's lists would let it steal (find_suitable_fallback() with
     * can_steal_fallback(): order >= pageblock_order / 2, or any order for a non-movable request),
     * is COMPACT_SUCCESS, except that sync compaction stealing for a non-movable request first
     * finishes its pageblock (cc->finishing_block). COMPACT_NO_SUITABLE_PAGE continues.
     */
    CompactResult compactFinished(CompactControl cc) {
        if (cc.contended) {
            return CompactResult.COMPACT_CONTENDED;
        }
        if (scannersMet(cc)) {
            zone.resetCachedPositions();
            if (cc.mode.direct()) {
                zone.compactBlockskipFlush = true;
            }
            return CompactResult.COMPACT_COMPLETE;
        }
        if (cc.order < 0) { // is_via_compact_memory()
            return CompactResult.COMPACT_CONTINUE;
        }
        boolean aligned = (cc.migratePfn & (Zone.PAGEBLOCK_NR_PAGES - 1)) == 0;
        if (cc.finishingBlock) {
            // "We have finished the pageblock, but better check again that we really succeeded."
            if (!aligned) {
                return CompactResult.COMPACT_CONTINUE;
            }
            cc.finishingBlock = false;
        }
        boolean movable = cc.mode.migratetype() == Zone.MIGRATE_MOVABLE;
        // "Job done if page is free of the right migratetype"
        if (zone.freeBlockOfOrder(cc.order, movable)) {
            return CompactResult.COMPACT_SUCCESS;
        }
        // "Job done if allocation would steal freepages from other migratetype buddy lists."
        if (movable) {
            // "movable pages are OK in any pageblock"; can_steal_fallback() needs order >= pageblock_order / 2
            return zone.freeBlockOfOrder(Math.max(cc.order, Zone.PAGEBLOCK_ORDER / 2), false)
                    ? CompactResult.COMPACT_SUCCESS : CompactResult.COMPACT_CONTINUE;
        }
        if (zone.freeBlockOfOrder(cc.order, true)) {
            // "We are stealing for a non-movable allocation. Make sure we finish compacting the
            // current pageblock first"; async compaction operates on pageblocks of its migratetype.
            if (cc.mode.migrateMode() == CompactMode.MigrateMode.ASYNC || aligned) {
                return CompactResult.COMPACT_SUCCESS;
            }
            cc.finishingBlock = true;
        }
        return CompactResult.COMPACT_CONTINUE;
    }

    /**
     * compact_zone() returns with {@code result}; its caller's bookkeeping of deferral
     * (mm/compaction.c, v4.15): kcompactd_do_work() calls compaction_defer_reset(zone, order, false)
     * on COMPACT_SUCCESS and defer_compaction() when the scanners met ("We use sync migration mode
     * here, so we defer like sync direct compaction does"); try_to_compact_pages() resets on
     * COMPACT_SUCCESS and defers only for a priority other than COMPACT_PRIO_ASYNC, so never for
     * the async direct compaction modelled here.
     */
    private void compactZoneEnd(CompactControl cc, CompactResult result) {
        cc.inCompactZone = false;
        cc.compactions++;
        if (cc.order >= 0 && result == CompactResult.COMPACT_SUCCESS) {
            compactionDeferReset(cc.order);
        } else if (cc.order >= 0 && result == CompactResult.COMPACT_COMPLETE && !cc.mode.direct()) {
            deferCompaction(cc.order);
        }
        switch (result) {
            case COMPACT_COMPLETE -> cc.compactionsComplete++;
            case COMPACT_SUCCESS -> cc.compactionsSuccess++;
            case COMPACT_SKIPPED -> cc.compactionsSkipped++;
            case COMPACT_CONTENDED -> cc.compactionsContended++;
            default -> throw new AssertionError(result);
        }
    }

    /** COMPACT_MAX_DEFER_SHIFT (mm/compaction.c, v4.15): "Do not skip compaction more than 64 times". */
    static final int COMPACT_MAX_DEFER_SHIFT = 6;

    /** defer_compaction() (mm/compaction.c, v4.15). */
    void deferCompaction(int order) {
        zone.compactConsidered = 0;
        zone.compactDeferShift = Math.min(zone.compactDeferShift + 1, COMPACT_MAX_DEFER_SHIFT);
        if (order < zone.compactOrderFailed) {
            zone.compactOrderFailed = order;
        }
    }

    /** compaction_deferred() (mm/compaction.c, v4.15): "Returns true if compaction should be skipped this time". */
    boolean compactionDeferred(int order) {
        int deferLimit = 1 << zone.compactDeferShift;
        if (order < zone.compactOrderFailed) {
            return false;
        }
        if (++zone.compactConsidered >= deferLimit) { // "Avoid possible overflow"
            zone.compactConsidered = deferLimit;
            return false;
        }
        return true;
    }

    /** compaction_defer_reset(zone, order, false) (mm/compaction.c, v4.15): no allocation succeeded yet. */
    void compactionDeferReset(int order) {
        if (order >= zone.compactOrderFailed) {
            zone.compactOrderFailed = order + 1;
        }
    }

    /** compaction_restarting() (mm/compaction.c, v4.15): "Returns true if restarting compaction after many failures". */
    boolean compactionRestarting(int order) {
        if (order < zone.compactOrderFailed) {
            return false;
        }
        return zone.compactDeferShift == COMPACT_MAX_DEFER_SHIFT
                && zone.compactConsidered >= 1 << zone.compactDeferShift;
    }

    /**
     * reset_isolation_suitable(pgdat) (mm/compaction.c, v4.15), as kswapd_try_to_sleep() calls it
     * (mm/vmscan.c): "Only flush if a full compaction finished recently"
     * (zone->compact_blockskip_flush), then __reset_isolation_suitable().
     */
    public void resetIsolationSuitable() {
        if (zone.compactBlockskipFlush) {
            resetIsolationSuitableZone();
        }
    }

    /**
     * __reset_isolation_suitable() (mm/compaction.c, v4.15): clear compact_blockskip_flush, "Walk
     * the zone and mark every pageblock as suitable for isolation" (clear_pageblock_skip(), except
     * pageblock_skip_persistent() ones: none here), reset_cached_positions().
     */
    void resetIsolationSuitableZone() {
        zone.compactBlockskipFlush = false;
        for (int pfn = 0; pfn < zone.nrPages(); pfn += Zone.PAGEBLOCK_NR_PAGES) {
            zone.clearPageblockSkip(pfn);
        }
        zone.resetCachedPositions();
    }

    /**
     * compact_scanners_met() (mm/compaction.c, v4.15): "Compaction run completes if the migrate and
     * free scanner meet": {@code (cc->free_pfn >> pageblock_order) <= (cc->migrate_pfn >> pageblock_order)}.
     */
    private boolean scannersMet(CompactControl cc) {
        return freeScannerPfn(cc) >> Zone.PAGEBLOCK_ORDER <= cc.migratePfn >> Zone.PAGEBLOCK_ORDER;
    }
}
