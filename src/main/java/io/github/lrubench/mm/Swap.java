package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * mm/swap.c (v4.15): the per-CPU lru_add pagevecs through which pages reach the LRU, their drains,
 * and release_pages(), the batched put of a pagevec's references. Both take
 * {@code pgdat->lru_lock} once per batch, not once per page.
 *
 * <p>A page added by lru_cache_add() sits in its CPU's pagevec with a reference of the pagevec's
 * and without PG_lru until the pagevec fills (PAGEVEC_SIZE pages) or that CPU drains it
 * (lru_add_drain(): compaction's migrate_prep_local() and check_drain, the first pagevec_release()
 * of a truncation, exit_mmap(), ...). Compaction cannot isolate it meanwhile (!PageLRU), and a
 * truncation whose CPU still holds pages there takes the LRU lock in its pagevec_release(), after
 * clearing page->mapping and before destroy_inode(): Jan Kara's window needs a truncating CPU
 * whose lru_add pagevec is empty.
 *
 * <p>Only the lru_add pagevec is modelled (not lru_rotate, lru_deactivate_file, lru_lazyfree or
 * activate_page: the model has one LRU list and no reclaim). Each CPU's pagevec belongs to the
 * thread driving that CPU; other threads read it only at a quiescent point (the invariant checker)
 * or drain it there ({@link #lruAddDrainAll}).
 */
public final class Swap {

    /**
     * PAGEVEC_SIZE (include/linux/pagevec.h, v4.15): "14 pointers + two long's align the pagevec
     * structure to a power of two" ({@code unsigned long nr; bool percpu_pvec_drained;}).
     */
    public static final int PAGEVEC_SIZE = 14;

    private final Zone zone;
    /** per_cpu(lru_add_pvec): pages holding a reference each, not yet on the LRU. Owner thread only. */
    private final Page[][] lruAddPvec;
    private final int[] lruAddNr;
    /** How often each CPU took the LRU lock in this file's batched paths (for tests). Owner-written. */
    private final long[] lruLockHolds;

    Swap(Zone zone, int nrCpus) {
        this.zone = zone;
        this.lruAddPvec = new Page[nrCpus][PAGEVEC_SIZE];
        this.lruAddNr = new int[nrCpus];
        this.lruLockHolds = new long[nrCpus];
    }

    /**
     * lru_cache_add() -> __lru_cache_add() (mm/swap.c, v4.15): {@code get_page(page); if
     * (!pagevec_add(pvec, page) || PageCompound(page)) __pagevec_lru_add(pvec);}. The caller keeps
     * its own reference; the page reaches the LRU with the pagevec's drain.
     */
    void lruCacheAdd(Cpu cpu, Page page) {
        if (page.pageLru()) {
            // VM_BUG_ON_PAGE(PageLRU(page), page) in lru_cache_add()
            throw new InvariantViolation("pfn " + page.pfn + " added to the LRU twice");
        }
        page.getPage();
        int id = cpu.id();
        lruAddPvec[id][lruAddNr[id]++] = page;
        if (lruAddNr[id] == PAGEVEC_SIZE) { // pagevec_add() returned 0: no space left
            pagevecLruAdd(cpu, id);
        }
    }

    /**
     * __pagevec_lru_add() -> pagevec_lru_move_fn(pvec, __pagevec_lru_add_fn) (mm/swap.c, v4.15):
     * one spin_lock_irqsave(&pgdat->lru_lock) for the whole pagevec, SetPageLRU() and
     * add_page_to_lru_list() for each page, then release_pages() of the pagevec's references.
     */
    private void pagevecLruAdd(Cpu cpu, int id) {
        Page[] pvec = lruAddPvec[id];
        int n = lruAddNr[id];
        int flags = zone.lruLock.spinLockIrqsave(cpu);
        lruLockHolds[cpu.id()]++;
        try {
            for (int i = 0; i < n; i++) {
                Page page = pvec[i];
                if (page.pageLru()) {
                    throw new InvariantViolation("pfn " + page.pfn + " added to the LRU twice");
                }
                page.setBit(Page.PG_LRU); // SetPageLRU()
                zone.addPageToLruList(page);
            }
        } finally {
            zone.lruLock.spinUnlockIrqrestore(cpu, flags);
        }
        lruAddNr[id] = 0; // pagevec_reinit(); release_pages() consumes the array
        releasePages(cpu, pvec, n);
    }

    /**
     * lru_add_drain() -> lru_add_drain_cpu(smp_processor_id()) (mm/swap.c, v4.15):
     * {@code if (pagevec_count(pvec)) __pagevec_lru_add(pvec);}. Takes the LRU lock only if this
     * CPU's pagevec holds pages.
     */
    void lruAddDrain(Cpu cpu) {
        int id = cpu.id();
        if (lruAddNr[id] != 0) {
            pagevecLruAdd(cpu, id);
        }
    }

    /**
     * lru_add_drain_all() (mm/swap.c, v4.15): every CPU's pagevec onto the LRU. The kernel queues
     * lru_add_drain_per_cpu() on each CPU and waits for it; the model runs each drain on the
     * caller, so call it only at a quiescent point (no other thread drives a CPU).
     */
    public void lruAddDrainAll(Cpu caller) {
        for (int id = 0; id < lruAddNr.length; id++) {
            if (lruAddNr[id] != 0) {
                pagevecLruAdd(caller, id);
            }
        }
    }

    /**
     * release_pages() (mm/swap.c, v4.15): put_page_testzero() each page; only a page whose last
     * reference this was is taken off the LRU, under one LRU-lock hold for the batch (dropped every
     * SWAP_CLUSTER_MAX pages to bound the IRQ-off time), and freed after the lock is dropped
     * (free_unref_page_list()). The array's contents are consumed.
     */
    void releasePages(Cpu cpu, Page[] pages, int n) {
        boolean locked = false;
        int flags = 0;
        int lockBatch = 0;
        int nrFree = 0;
        try {
            for (int i = 0; i < n; i++) {
                Page page = pages[i];
                pages[i] = null;
                // "Make sure the IRQ-safe lock-holding time does not get excessive"
                if (locked && ++lockBatch == Compaction.SWAP_CLUSTER_MAX) {
                    zone.lruLock.spinUnlockIrqrestore(cpu, flags);
                    locked = false;
                }
                if (!page.putPageTestzero()) {
                    continue;
                }
                if (page.pageLru()) {
                    if (!locked) {
                        flags = zone.lruLock.spinLockIrqsave(cpu);
                        lruLockHolds[cpu.id()]++;
                        locked = true;
                        lockBatch = 0;
                    }
                    page.clearBit(Page.PG_LRU); // __ClearPageLRU()
                    zone.delPageFromLruList(page);
                }
                pages[nrFree++] = page; // list_add(&page->lru, &pages_to_free)
            }
        } finally {
            if (locked) {
                zone.lruLock.spinUnlockIrqrestore(cpu, flags);
            }
        }
        for (int i = 0; i < nrFree; i++) { // free_unref_page_list()
            zone.freeUnrefPage(cpu, pages[i]);
            pages[i] = null;
        }
    }

    /**
     * pagevec_release() -> __pagevec_release() (include/linux/pagevec.h, mm/swap.c, v4.15):
     * {@code if (!pvec->percpu_pvec_drained) { lru_add_drain(); pvec->percpu_pvec_drained = true; }
     * release_pages(pvec->pages, pagevec_count(pvec)); pagevec_reinit(pvec);}, for a non-empty
     * pagevec. Returns the pagevec's new percpu_pvec_drained.
     */
    boolean pagevecRelease(Cpu cpu, Page[] pages, int n, boolean percpuPvecDrained) {
        if (n == 0) {
            return percpuPvecDrained; // pagevec_release(): if (pagevec_count(pvec))
        }
        if (!percpuPvecDrained) {
            lruAddDrain(cpu);
        }
        releasePages(cpu, pages, n);
        return true;
    }

    /** Pages waiting in this CPU's lru_add pagevec. */
    public int lruAddPvecCount(Cpu cpu) {
        return lruAddNr[cpu.id()];
    }

    /** Times this CPU took the LRU lock in a pagevec drain or release_pages(). */
    public long lruLockHolds(Cpu cpu) {
        return lruLockHolds[cpu.id()];
    }

    /** Every page in every CPU's lru_add pagevec; for the invariant checker at a quiescent point. */
    void forEachPagevecPage(Consumer<Page> action) {
        for (int id = 0; id < lruAddNr.length; id++) {
            Arrays.stream(lruAddPvec[id], 0, lruAddNr[id]).forEach(action);
        }
    }
}
