package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.Delay;

/**
 * mm/vmscan.c (v4.15): __isolate_lru_page(), the function the race and both fixes are about, and
 * putback_lru_page().
 */
public final class Vmscan {

    /** -EINVAL / -EBUSY as __isolate_lru_page() returns them. */
    public static final int EINVAL = -22;
    public static final int EBUSY = -16;

    private final RaceHookSlot hookSlot;
    private final IsolationCheck check;
    private final long windowNs;
    private final InodeCache inodeCache;
    private final Zone zone;
    private final Swap swap;

    Vmscan(RaceHookSlot hookSlot, InodeCache inodeCache, Zone zone, Swap swap, IsolationCheck check, long windowNs) {
        this.hookSlot = hookSlot;
        this.check = check;
        this.windowNs = windowNs;
        this.inodeCache = inodeCache;
        this.zone = zone;
        this.swap = swap;
    }

    /**
     * __isolate_lru_page(page, isolate_mode) (mm/vmscan.c, v4.15; the dirty-page branch per
     * {@link IsolationCheck}), with the isolate_mode compaction's {@code cc} gives it:
     * ISOLATE_ASYNC_MIGRATE unless cc->mode is MIGRATE_SYNC ({@link CompactMode#isolateAsyncMigrate()}).
     * Called by compaction with the LRU lock held and IRQs off. Returns 0 with a reference taken
     * and PG_lru cleared, or -EINVAL/-EBUSY. The reason for a refusal, which the kernel does not
     * return, is counted in {@code cc}.
     */
    public int isolateLruPage(Cpu cpu, Page page, CompactControl cc) {
        // One READ_ONCE of page->flags for PageLRU/PageWriteback/PageDirty (the kernel's test_bit()s
        // are separate loads of the same word, all L1 hits); the page lock re-reads it atomically.
        long flags = page.flagsWord();
        if ((flags & (1L << Page.PG_LRU)) == 0) {
            return EINVAL;
        }
        // PageUnevictable(): no unevictable pages in the model.
        // "if (mode & ISOLATE_ASYNC_MIGRATE) {": MIGRATE_ASYNC and MIGRATE_SYNC_LIGHT compaction
        // (ISOLATE_CLEAN, reclaim's, went in v4.11).
        if (cc.mode.isolateAsyncMigrate()) {
            // "All the caller can do on PageWriteback is block"
            if ((flags & (1L << Page.PG_WRITEBACK)) != 0) {
                cc.skippedWriteback++;
                return EBUSY;
            }
            if ((flags & (1L << Page.PG_DIRTY)) != 0) {
                cc.dirtyChecked++;
                if (!dirtyPageMayMigrate(cpu, page, cc)) {
                    return EBUSY;
                }
            }
        }
        // ISOLATE_UNMAPPED is not set by compaction.
        if (page.getPageUnlessZero()) {
            // ClearPageLRU(): atomic, under the LRU lock like every other PG_lru change.
            page.clearBit(Page.PG_LRU);
            return 0;
        }
        return EBUSY;
    }

    /**
     * putback_lru_page() (mm/vmscan.c, v4.15) of an evictable page: lru_cache_add() (into this
     * CPU's pagevec), then put_page() of the isolation reference.
     */
    void putbackLruPage(Cpu cpu, Page page) {
        swap.lruCacheAdd(cpu, page);
        zone.putPage(cpu, page); // "drop ref from isolate"
    }

    /** The dirty-page branch of __isolate_lru_page(), per isolation check. */
    private boolean dirtyPageMayMigrate(Cpu cpu, Page page, CompactControl cc) {
        RaceHooks hooks = hookSlot.hooks;
        if (hooks != null) {
            hooks.at(RacePoint.ISOLATE_DIRTY_PAGE, cpu, page, null);
        }
        switch (check) {
            case NONE: {
                // v4.15: no lock. The mapping may be freed between here and the a_ops read.
                AddressSpace mapping = page.mapping();
                mappingRead(cpu, page, mapping, hooks);
                if (mapping != null && !hasMigratepage(cpu, page, mapping, cc, hooks)) {
                    cc.skippedNoMigratepage++;
                    return false;
                }
                return true;
            }
            case PAGE_LOCK:
            case PAGE_LOCK_V4_16: {
                // Only a trylock: with IRQs off, lock_page() would be sleeping in atomic context.
                if (!Filemap.trylockPage(page)) {
                    cc.skippedTrylock++;
                    return false;
                }
                // Under the page lock truncation cannot clear page->mapping, so the inode lives.
                AddressSpace mapping = page.mapping();
                mappingRead(cpu, page, mapping, hooks);
                boolean migrateDirty;
                if (check == IsolationCheck.PAGE_LOCK) {
                    migrateDirty = mapping == null || hasMigratepage(cpu, page, mapping, cc, hooks); // 145e1a71e090
                } else {
                    migrateDirty = mapping != null && hasMigratepage(cpu, page, mapping, cc, hooks); // v4.16 as merged
                }
                Filemap.unlockPage(page);
                if (!migrateDirty) {
                    if (mapping == null) {
                        cc.skippedInverted++;
                    } else {
                        cc.skippedNoMigratepage++;
                    }
                }
                return migrateDirty;
            }
            default:
                throw new AssertionError(check);
        }
    }

    /** The point between {@code page_mapping()} and the a_ops dereference. */
    private void mappingRead(Cpu cpu, Page page, AddressSpace mapping, RaceHooks hooks) {
        if (hooks != null) {
            hooks.at(RacePoint.ISOLATE_MAPPING_READ, cpu, page, mapping == null ? null : mapping.host);
        }
        if (windowNs != 0) {
            Delay.ndelay(windowNs); // a preempted vCPU: the window the race needs, widened
        }
    }

    /**
     * {@code mapping->a_ops->migratepage}: the load from the inode that may have been freed. If
     * it reads slab poison, that is a use after free, reported (counted) as KASAN would.
     */
    private boolean hasMigratepage(Cpu cpu, Page page, AddressSpace mapping, CompactControl cc, RaceHooks hooks) {
        AddressSpaceOperations aOps = mapping.aOps();
        if (hooks != null) {
            hooks.at(RacePoint.ISOLATE_WINDOW_END, cpu, page, mapping.host); // the window closes with this load
        }
        if (aOps == AddressSpaceOperations.POISON) {
            cc.uafDetected++;
            inodeCache.kasanReportUseAfterFree(mapping.host, "__isolate_lru_page");
            return false; // the kernel would oops on the poison pointer; the model counts and refuses
        }
        return aOps.migratepage;
    }
}
