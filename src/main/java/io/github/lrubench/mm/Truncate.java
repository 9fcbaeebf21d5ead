package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

/**
 * mm/truncate.c (v4.15): removing a file's pages from the page cache.
 */
public final class Truncate {

    private final Swap swap;
    private final Filemap filemap;

    Truncate(Swap swap, Filemap filemap) {
        this.swap = swap;
        this.filemap = filemap;
    }

    /**
     * truncate_inode_pages_range(mapping, 0, -1) (mm/truncate.c, v4.15): a first pass that takes
     * only pages it can trylock and deletes them in batches, then a second pass that sleeps in
     * lock_page() for the rest (pages locked by migration, under writeback) until none is left.
     * Writeback is not simulated as I/O: a page under writeback completes it while the task sleeps
     * in wait_on_page_writeback()'s io_schedule(), a context switch.
     *
     * <p>One pagevec ({@code pagevec_init(&pvec)}) serves both passes, so only its first
     * pagevec_release() drains this CPU's lru_add pagevec (lru_add_drain()), taking the LRU lock
     * if that holds pages: after the first batch's page->mapping was cleared, before the caller's
     * destroy_inode(). The lookup references go in release_pages(), which takes the LRU lock once
     * per batch and only for pages whose last reference that was.
     */
    public void truncateInodePagesRange(Cpu cpu, AddressSpace mapping) {
        if (mapping.nrpages() == 0) {
            return;
        }
        Page[] pvec = new Page[Swap.PAGEVEC_SIZE];
        Page[] lockedPvec = new Page[Swap.PAGEVEC_SIZE];
        boolean percpuPvecDrained = false;
        long index = 0;
        int n;
        while ((n = filemap.findGetEntries(cpu, mapping, index, pvec)) > 0) {
            int nrLocked = 0;
            for (int i = 0; i < n; i++) {
                Page page = pvec[i];
                index = page.index;
                if (!Filemap.trylockPage(page)) {
                    continue;
                }
                if (page.pageWriteback() || page.mapping() != mapping) {
                    Filemap.unlockPage(page);
                    continue;
                }
                lockedPvec[nrLocked++] = page;
            }
            for (int i = 0; i < nrLocked; i++) {
                truncateCleanupPage(lockedPvec[i]);
            }
            filemap.deleteFromPageCacheBatch(cpu, mapping, lockedPvec, nrLocked);
            for (int i = 0; i < nrLocked; i++) {
                Filemap.unlockPage(lockedPvec[i]);
            }
            percpuPvecDrained = swap.pagevecRelease(cpu, pvec, n, percpuPvecDrained);
            cpu.condResched();
            index++;
        }

        index = 0;
        for (;;) {
            cpu.condResched();
            n = filemap.findGetEntries(cpu, mapping, index, pvec);
            if (n == 0) {
                if (index == 0) {
                    break; // "If all gaps have been filled, we're done"
                }
                index = 0;
                continue;
            }
            for (int i = 0; i < n; i++) {
                Page page = pvec[i];
                index = page.index;
                Filemap.lockPage(cpu, page);
                Filemap.waitOnPageWriteback(cpu, page); // sleeps in io_schedule() if under writeback
                truncateInodePage(cpu, mapping, page);
                Filemap.unlockPage(page);
            }
            percpuPvecDrained = swap.pagevecRelease(cpu, pvec, n, percpuPvecDrained);
            index++;
        }
    }

    /** truncate_inode_pages_final() (mm/truncate.c, v4.15), called from evict(). */
    public void truncateInodePagesFinal(Cpu cpu, AddressSpace mapping) {
        truncateInodePagesRange(cpu, mapping);
    }

    /** truncate_inode_page() (mm/truncate.c, v4.15). Page locked by the caller. */
    private void truncateInodePage(Cpu cpu, AddressSpace mapping, Page page) {
        if (page.mapping() != mapping) {
            return; // -EIO: migrated or truncated meanwhile
        }
        truncateCleanupPage(page);
        filemap.deleteFromPageCache(cpu, page);
    }

    /**
     * truncate_cleanup_page() (mm/truncate.c, v4.15): no mapped ptes or buffers here, so it comes
     * down to cancel_dirty_page(): the page stops being dirty before it leaves the cache.
     */
    private static void truncateCleanupPage(Page page) {
        page.clearBit(Page.PG_DIRTY);
    }
}
