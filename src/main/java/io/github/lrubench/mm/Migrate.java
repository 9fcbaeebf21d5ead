package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.Delay;

/**
 * mm/migrate.c (v4.15): migrate_pages() of compaction's isolated pages in MIGRATE_ASYNC mode.
 *
 * <p>Simplifications: one pass over the list (the kernel retries -EAGAIN pages up to ten passes;
 * here they go straight back to the LRU, as they would after the tenth). Page-cache pages are never
 * mapped; an anonymous page is mapped by exactly one pte, so try_to_unmap() just drops that pte's
 * reference and remove_migration_ptes() points the pte at the new page (the old one if the move
 * failed) with a new reference. What that leaves out (the rmap walk, the page-table work, the
 * TLB-flush IPIs) is what {@link KernelConfig#migrateExtraNs()} stands for, spent on every page
 * migration locks and finds not under writeback, mapped or not.
 */
public final class Migrate {

    /** MIGRATEPAGE_SUCCESS and the errors unmap_and_move() distinguishes. */
    static final int MIGRATEPAGE_SUCCESS = 0;
    static final int EAGAIN = -11;
    static final int EBUSY = -16;
    static final int ENOMEM = -12;

    private final Zone zone;
    private final long extraNs;

    Migrate(Zone zone, long extraNs) {
        this.zone = zone;
        this.extraNs = extraNs;
    }

    /**
     * migrate_pages(&cc->migratepages, compaction_alloc, compaction_free, cc, MIGRATE_ASYNC,
     * MR_COMPACTION) (mm/migrate.c, v4.15). Empties the list; returns the pages migrated.
     */
    public int migratePages(Cpu cpu, CompactControl cc) {
        int migrated = 0;
        Page page;
        while ((page = cc.listPop()) != null) {
            cpu.condResched(); // migrate_pages() has a cond_resched() per page: an RCU-sched QS
            int rc = unmapAndMove(cpu, cc, page);
            if (rc == MIGRATEPAGE_SUCCESS) {
                migrated++;
            } else if (rc == ENOMEM) {
                // Out of free frames: the rest goes back (compact_zone's putback_movable_pages()).
                putbackMovablePages(cpu, cc);
                break;
            }
        }
        return migrated;
    }

    /** putback_movable_pages() (mm/migrate.c, v4.15): every isolated page back on the LRU. */
    public void putbackMovablePages(Cpu cpu, CompactControl cc) {
        Page page;
        while ((page = cc.listPop()) != null) {
            zone.putbackLruPage(cpu, page);
        }
    }

    /**
     * unmap_and_move() (mm/migrate.c, v4.15). The page comes off the isolated list with the
     * isolation reference; on success that reference frees it, otherwise it goes back to the LRU.
     */
    private int unmapAndMove(Cpu cpu, CompactControl cc, Page page) {
        Page newpage = compactionAlloc(cpu);
        if (newpage == null) {
            zone.putbackLruPage(cpu, page);
            return ENOMEM;
        }
        int rc;
        if (page.pageCount() == 1) {
            // "page was freed from under us. So we are done." Truncated while isolated: only our
            // reference is left, and putting it frees the page.
            rc = MIGRATEPAGE_SUCCESS;
            cc.freedUnderUs++;
            compactionFree(cpu, newpage);
            zone.putPage(cpu, page);
            return rc;
        }
        rc = unmapAndMoveLocked(cpu, page, newpage);
        if (rc == MIGRATEPAGE_SUCCESS) {
            cc.migrated++;
            zone.putPage(cpu, page);          // the isolation reference: frees the old frame
            zone.putbackLruPage(cpu, newpage); // the new page joins the LRU, alloc ref dropped
        } else {
            cc.migrateFailed++;
            zone.putbackLruPage(cpu, page);
            compactionFree(cpu, newpage);
        }
        return rc;
    }

    /** __unmap_and_move() (mm/migrate.c, v4.15) for an unmapped page-cache page, async mode. */
    private int unmapAndMoveLocked(Cpu cpu, Page page, Page newpage) {
        if (!Filemap.trylockPage(page)) {
            return EAGAIN; // MIGRATE_ASYNC never waits for the page lock
        }
        int rc;
        try {
            if (page.pageWriteback()) {
                return EBUSY; // only MIGRATE_SYNC waits for writeback
            }
            // What the Java model leaves out: the rmap walk, TLB-flush IPIs, the page-table work.
            Delay.ndelay(extraNs);
            AnonPte pte = page.anonPte;
            if (pte != null) {
                tryToUnmap(page, pte);
            }
            if (!Filemap.trylockPage(newpage)) {
                throw new InvariantViolation("a newly allocated page is locked: " + newpage);
            }
            try {
                rc = moveToNewPage(cpu, newpage, page);
                if (pte != null) {
                    removeMigrationPtes(pte, rc == MIGRATEPAGE_SUCCESS ? newpage : page);
                }
            } finally {
                Filemap.unlockPage(newpage);
            }
        } finally {
            Filemap.unlockPage(page);
        }
        return rc;
    }

    /**
     * try_to_unmap(page, TTU_MIGRATION) (mm/rmap.c, v4.15) for the one pte of an anonymous page:
     * the pte becomes a migration entry and its reference on the page is dropped (never the last:
     * the isolation reference remains).
     */
    private static void tryToUnmap(Page page, AnonPte pte) {
        page.anonPte = null;
        if (page.putPageTestzero()) {
            throw new InvariantViolation("try_to_unmap() dropped the last reference of pfn " + page.pfn);
        }
    }

    /** remove_migration_ptes() (mm/migrate.c, v4.15): the pte maps {@code target} again. */
    private static void removeMigrationPtes(AnonPte pte, Page target) {
        target.getPage();
        target.anonPte = pte;
        pte.page = target;
    }

    /**
     * move_to_new_page() (mm/migrate.c, v4.15). The page lock is held, so the mapping is stable:
     * migration dereferences a_ops safely, which is exactly what the isolation path could not.
     */
    private int moveToNewPage(Cpu cpu, Page newpage, Page page) {
        AddressSpace mapping = page.mapping();
        int rc;
        if (mapping == null) {
            rc = migratePage(cpu, null, newpage, page);
        } else if (mapping.aOps().migratepage) {
            rc = migratePage(cpu, mapping, newpage, page); // ext4: buffer_migrate_page -> migrate_page
        } else {
            rc = fallbackMigratePage(cpu, mapping, newpage, page);
        }
        if (rc == MIGRATEPAGE_SUCCESS) {
            // "old pagecache page->mapping must be cleared before page is freed"
            page.setMapping(null);
        }
        return rc;
    }

    /** fallback_migrate_page() (mm/migrate.c, v4.15): a dirty page needs writeout, which async mode refuses. */
    private int fallbackMigratePage(Cpu cpu, AddressSpace mapping, Page newpage, Page page) {
        if (page.pageDirty()) {
            return EBUSY;
        }
        return migratePage(cpu, mapping, newpage, page);
    }

    /** migrate_page() (mm/migrate.c, v4.15): move the cache slot, then copy contents and state. */
    private int migratePage(Cpu cpu, AddressSpace mapping, Page newpage, Page page) {
        int rc = migratePageMoveMapping(cpu, mapping, newpage, page);
        if (rc != MIGRATEPAGE_SUCCESS) {
            return rc;
        }
        zone.copyHighpage(newpage, page); // migrate_page_copy() -> copy_highpage()
        // migrate_page_states(): the flags that matter here. For a page-cache page the dirty
        // bit already moved under tree_lock; an anonymous page's moves here.
        newpage.setBit(Page.PG_UPTODATE);
        if (page.pageAnon()) {
            newpage.setBit(Page.PG_ANON);
        }
        if (page.pageDirty()) {
            page.clearBit(Page.PG_DIRTY);
            newpage.setBit(Page.PG_DIRTY);
        }
        return MIGRATEPAGE_SUCCESS;
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

    /** compaction_alloc() (mm/compaction.c, v4.15), with the free scanner replaced by the free list. */
    private Page compactionAlloc(Cpu cpu) {
        return zone.allocPage(cpu);
    }

    /** compaction_free() (mm/compaction.c, v4.15): an unused target frame goes back. */
    private void compactionFree(Cpu cpu, Page newpage) {
        zone.putPage(cpu, newpage);
    }
}
