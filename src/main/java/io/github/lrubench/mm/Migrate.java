package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.Delay;

/**
 * mm/migrate.c (v4.15): migrate_pages() of compaction's isolated pages in the compaction's
 * migration mode (cc->mode).
 *
 * <p>Up to ten passes over the list, as the kernel makes: a page that returns -EAGAIN stays on the
 * list for the next pass, and from the fourth pass on ({@code pass > 2}, "force") a sync-light or
 * sync migration sleeps in lock_page() for a busy page lock, unless it runs as direct compaction
 * (PF_MEMALLOC). Only MIGRATE_SYNC waits for writeback and writes a dirty page of a filesystem
 * without migratepage out (writeout()). Pages still on the list after the last pass are the
 * caller's to put back (compact_zone()).
 *
 * <p>Page-cache pages are never mapped; an anonymous page is mapped by exactly one pte, so
 * try_to_unmap() drops that pte's reference and moves its dirty bit to the page, and
 * remove_migration_ptes() points the pte (clean again) at the new page (the old one if the move
 * failed) with a new reference. What that leaves out (the anon_vma and rmap walk, the page-table
 * work, the TLB-flush IPIs) is what {@link KernelConfig#migrateExtraNs()} stands for, spent only
 * on a mapped page: __unmap_and_move() (mm/migrate.c, v4.15) calls try_to_unmap() and
 * remove_migration_ptes() only {@code if (page_mapped(page))}, and takes an anon_vma only for an
 * anonymous page; an unmapped page-cache page goes straight to move_to_new_page().
 */
public final class Migrate {

    /** MIGRATEPAGE_SUCCESS and the errors unmap_and_move() distinguishes. */
    static final int MIGRATEPAGE_SUCCESS = 0;
    static final int EAGAIN = -11;
    static final int EBUSY = -16;
    static final int ENOMEM = -12;
    /** migrate_pages()'s {@code for (pass = 0; pass < 10 && retry; pass++)}. */
    static final int MIGRATE_PASSES = 10;

    private final Zone zone;
    private final Vmscan vmscan;
    private final long extraNs;
    /** Busy work asked so far for unmapping mapped pages ({@link #extraNs} each); for tests. */
    long extraNsCharged;

    Migrate(Zone zone, Vmscan vmscan, long extraNs) {
        this.zone = zone;
        this.vmscan = vmscan;
        this.extraNs = extraNs;
    }

    /**
     * migrate_pages(&cc->migratepages, compaction_alloc, compaction_free, cc, cc->mode,
     * MR_COMPACTION) (mm/migrate.c, v4.15). Returns the number of pages not migrated (0: the list
     * is empty), or -ENOMEM when no free frame was left; what is still on the list then is the
     * caller's to put back.
     */
    public int migratePages(Cpu cpu, CompactControl cc) {
        int retry = 1;
        int nrFailed = 0;
        for (int pass = 0; pass < MIGRATE_PASSES && retry != 0; pass++) {
            retry = 0;
            boolean force = pass > 2;
            for (int n = cc.nrMigratepages; n > 0; n--) {
                cpu.condResched(); // one per page: a quiescent state only once rcu_urgent_qs is set
                Page page = cc.listPop();
                int rc = unmapAndMove(cpu, cc, page, force);
                switch (rc) {
                    case ENOMEM:
                        cc.listAdd(page); // still on cc->migratepages
                        return ENOMEM;
                    case EAGAIN:
                        retry++;
                        cc.listAddTail(page);
                        break;
                    case MIGRATEPAGE_SUCCESS:
                        break;
                    default:
                        nrFailed++; // "Permanent failure (-EBUSY, -ENOSYS, etc.)"
                        break;
                }
            }
        }
        cc.migrateFailed += nrFailed + retry;
        return nrFailed + retry;
    }

    /** putback_movable_pages() (mm/migrate.c, v4.15): every isolated page back to the LRU (via this CPU's pagevec). */
    public void putbackMovablePages(Cpu cpu, CompactControl cc) {
        Page page;
        while ((page = cc.listPop()) != null) {
            vmscan.putbackLruPage(cpu, page);
        }
    }

    /**
     * unmap_and_move() (mm/migrate.c, v4.15). The page comes off the isolated list with the
     * isolation reference; on success that reference frees it; on a permanent failure it goes back
     * to the LRU; on -EAGAIN or -ENOMEM the caller keeps it on the list.
     */
    private int unmapAndMove(Cpu cpu, CompactControl cc, Page page, boolean force) {
        Page newpage = compactionAlloc(cpu, cc);
        if (newpage == null) {
            return ENOMEM;
        }
        if (page.pageCount() == 1) {
            // "page was freed from under us. So we are done." Truncated while isolated: only our
            // reference is left, and putting it frees the page.
            cc.freedUnderUs++;
            compactionFree(cpu, newpage);
            zone.putPage(cpu, page);
            return MIGRATEPAGE_SUCCESS;
        }
        int rc = unmapAndMoveLocked(cpu, cc.mode, page, newpage, force);
        if (rc == MIGRATEPAGE_SUCCESS) {
            cc.migrated++;
            zone.putPage(cpu, page); // the isolation reference: frees the old frame
        } else {
            if (rc != EAGAIN) {
                vmscan.putbackLruPage(cpu, page);
            }
            compactionFree(cpu, newpage); // put_new
        }
        return rc;
    }

    /**
     * __unmap_and_move() (mm/migrate.c, v4.15). The page lock: a trylock, and only on a forced pass
     * of a non-async, non-direct migration lock_page(). Writeback: -EBUSY unless MIGRATE_SYNC,
     * which waits for it on a forced pass. On success the new page goes to the LRU
     * (putback_lru_page(newpage)) before the caller drops the old one.
     */
    private int unmapAndMoveLocked(Cpu cpu, CompactMode mode, Page page, Page newpage, boolean force) {
        if (!Filemap.trylockPage(page)) {
            if (!force || mode.migrateMode() == CompactMode.MigrateMode.ASYNC) {
                return EAGAIN;
            }
            if (mode.direct()) {
                return EAGAIN; // current->flags & PF_MEMALLOC: "not safe for direct compaction to call lock_page"
            }
            Filemap.lockPage(cpu, page);
        }
        int rc;
        try {
            if (page.pageWriteback()) {
                // "Only in the case of a full synchronous migration is it necessary to wait for
                // PageWriteback."
                if (mode.migrateMode() != CompactMode.MigrateMode.SYNC) {
                    return EBUSY;
                }
                if (!force) {
                    return EAGAIN;
                }
                Filemap.waitOnPageWriteback(cpu, page); // sleeps in io_schedule(), as truncation's wait does
            }
            if (!Filemap.trylockPage(newpage)) {
                throw new InvariantViolation("a newly allocated page is locked: " + newpage);
            }
            try {
                AnonPte pte = page.anonPte;
                if (pte != null) {
                    // page_mapped(page): what the Java model leaves out of unmapping, the anon_vma
                    // and rmap walk, the page-table work and the TLB-flush IPIs, then establish
                    // migration ptes. An unmapped page-cache page needs none of it.
                    extraNsCharged += extraNs;
                    Delay.ndelay(extraNs);
                    tryToUnmap(page, pte);
                }
                rc = moveToNewPage(cpu, mode, newpage, page);
                if (pte != null) {
                    removeMigrationPtes(pte, rc == MIGRATEPAGE_SUCCESS ? newpage : page);
                }
            } finally {
                Filemap.unlockPage(newpage);
            }
        } finally {
            Filemap.unlockPage(page);
        }
        if (rc == MIGRATEPAGE_SUCCESS) {
            vmscan.putbackLruPage(cpu, newpage); // the new page joins the LRU, alloc ref dropped
        }
        return rc;
    }

    /**
     * try_to_unmap(page, TTU_MIGRATION) -> try_to_unmap_one() (mm/rmap.c, v4.15) for the one pte
     * of an anonymous page: {@code pteval = ptep_clear_flush(...)}; "Move the dirty bit to the
     * page. Now the pte is gone.": {@code if (pte_dirty(pteval)) set_page_dirty(page);}; the pte
     * becomes a migration entry and its reference on the page is dropped (never the last: the
     * isolation reference remains). The page lock is held, so the pte has no other writer here.
     */
    private static void tryToUnmap(Page page, AnonPte pte) {
        boolean pteDirty = pte.dirty;
        pte.dirty = false;
        page.anonPte = null;
        if (pteDirty) {
            page.setBit(Page.PG_DIRTY); // set_page_dirty() of an anonymous page: TestSetPageDirty()
        }
        if (page.putPageTestzero()) {
            throw new InvariantViolation("try_to_unmap() dropped the last reference of pfn " + page.pfn);
        }
    }

    /**
     * remove_migration_ptes() -> remove_migration_pte() (mm/migrate.c, v4.15): the pte maps
     * {@code target} again, {@code pte_mkold(mk_pte(new, ...))}: clean until the process writes.
     */
    private static void removeMigrationPtes(AnonPte pte, Page target) {
        target.getPage();
        target.anonPte = pte;
        pte.dirty = false;
        pte.page = target;
    }

    /**
     * move_to_new_page() (mm/migrate.c, v4.15). The page lock is held, so the mapping is stable:
     * migration dereferences a_ops safely, which is exactly what the isolation path could not.
     */
    private int moveToNewPage(Cpu cpu, CompactMode mode, Page newpage, Page page) {
        AddressSpace mapping = page.mapping();
        int rc;
        if (mapping == null) {
            rc = migratePage(cpu, null, newpage, page);
        } else if (mapping.aOps().migratepage) {
            rc = migratePage(cpu, mapping, newpage, page); // ext4: buffer_migrate_page -> migrate_page
        } else {
            rc = fallbackMigratePage(cpu, mode, mapping, newpage, page);
        }
        if (rc == MIGRATEPAGE_SUCCESS) {
            // "old pagecache page->mapping must be cleared before page is freed"
            page.setMapping(null);
        }
        return rc;
    }

    /**
     * fallback_migrate_page() (mm/migrate.c, v4.15): a dirty page needs writeout, "Only writeback
     * pages in full synchronous migration": -EBUSY otherwise.
     */
    private int fallbackMigratePage(Cpu cpu, CompactMode mode, AddressSpace mapping, Page newpage, Page page) {
        if (page.pageDirty()) {
            if (mode.migrateMode() != CompactMode.MigrateMode.SYNC) {
                return EBUSY;
            }
            return writeout(cpu, page);
        }
        // page_has_private(): no buffer heads in the model.
        return migratePage(cpu, mapping, newpage, page);
    }

    /**
     * writeout() (mm/migrate.c, v4.15): clear_page_dirty_for_io(), then ->writepage(), which
     * starts writeback and unlocks the page; lock_page() again; -EAGAIN ("the migration attempt
     * cannot be successful"). A later forced pass waits for the writeback and migrates the clean
     * page. Every filesystem here has writepage; page-cache pages are never mapped, so
     * remove_migration_ptes(page, page) has nothing to do.
     */
    private static int writeout(Cpu cpu, Page page) {
        if (!page.testAndClearBit(Page.PG_DIRTY)) { // clear_page_dirty_for_io()
            return EAGAIN; // "Someone else already triggered a write"
        }
        page.setBit(Page.PG_WRITEBACK); // ->writepage(): set_page_writeback(), I/O submitted
        Filemap.unlockPage(page);
        Filemap.lockPage(cpu, page); // "unlocked. Relock"
        return EAGAIN;
    }

    /** migrate_page() (mm/migrate.c, v4.15): move the cache slot, then copy contents and state. */
    private int migratePage(Cpu cpu, AddressSpace mapping, Page newpage, Page page) {
        int rc = migratePageMoveMapping(cpu, mapping, newpage, page);
        if (rc != MIGRATEPAGE_SUCCESS) {
            return rc;
        }
        zone.copyHighpage(newpage, page); // migrate_page_copy() -> copy_highpage()
        migratePageStates(newpage, page);
        return MIGRATEPAGE_SUCCESS;
    }

    /**
     * migrate_page_states() (mm/migrate.c, v4.15), the flags that matter here. A page-cache page's
     * dirty bit already moved under tree_lock; an anonymous page's is carried here: "Move dirty on
     * pages not done by migrate_page_move_mapping()": {@code if (PageDirty(page))
     * SetPageDirty(newpage);} (the old page is freed next, flags and all).
     */
    private static void migratePageStates(Page newpage, Page page) {
        if (page.testBit(Page.PG_UPTODATE)) {
            newpage.setBit(Page.PG_UPTODATE);
        }
        if (page.pageAnon()) {
            newpage.setBit(Page.PG_ANON); // page_add_anon_rmap() by remove_migration_pte() in the kernel
        }
        if (page.pageDirty()) {
            newpage.setBit(Page.PG_DIRTY);
        }
    }

    /**
     * migrate_page_move_mapping() (mm/migrate.c, v4.15): under tree_lock with IRQs off, freeze the
     * old page's refcount at its expected value (page cache + isolation), point the slot at the new
     * page, hand it the cache reference and the dirty bit, and unfreeze the old page at one less.
     */
    private int migratePageMoveMapping(Cpu cpu, AddressSpace mapping, Page newpage, Page page) {
        int expectedCount = 1; // the isolation reference
        if (mapping == null) {
            // An anonymous page (already unmapped), or a page truncated while we waited: only our
            // reference may remain, and there is no cache slot to move.
            if (page.pageCount() != expectedCount) {
                return EAGAIN;
            }
            newpage.index = page.index;
            return MIGRATEPAGE_SUCCESS;
        }
        int flags = mapping.treeLock.spinLockIrqsave(cpu); // spin_lock_irq(&mapping->tree_lock)
        try {
            expectedCount += 1; // the page cache's reference (no buffer heads: page_has_private 0)
            int slot = (int) page.index;
            if (page.pageCount() != expectedCount || mapping.pageTree[slot] != page) {
                return EAGAIN;
            }
            if (!page.pageRefFreeze(expectedCount)) {
                return EAGAIN;
            }
            // No turning back from here: nobody else holds or can take a reference.
            newpage.index = page.index;
            newpage.setMapping(mapping);
            newpage.getPage(); // add cache reference
            if (page.pageDirty()) {
                // "Move dirty while page refs frozen and newpage not yet exposed"
                page.clearBit(Page.PG_DIRTY);
                newpage.setBit(Page.PG_DIRTY);
            }
            mapping.pageTree[slot] = newpage; // radix_tree_replace_slot()
            page.pageRefUnfreeze(expectedCount - 1);
        } finally {
            mapping.treeLock.spinUnlockIrqrestore(cpu, flags);
        }
        return MIGRATEPAGE_SUCCESS;
    }

    /**
     * compaction_alloc() (mm/compaction.c, v4.15): a page the free scanner isolated
     * (isolate_freepages()), never below pageblock_end_pfn(cc->migrate_pfn); null when the scanners
     * met, and migrate_pages() returns -ENOMEM.
     */
    private Page compactionAlloc(Cpu cpu, CompactControl cc) {
        return zone.isolateFreePage(cpu, cc, Compaction.blockEndPfn(cc.migratePfn, Zone.PAGEBLOCK_ORDER));
    }

    /** compaction_free() (mm/compaction.c, v4.15): an unused target frame goes back. */
    private void compactionFree(Cpu cpu, Page newpage) {
        zone.putPage(cpu, newpage);
    }
}
