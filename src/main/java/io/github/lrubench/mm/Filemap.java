package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.rcu.Rcu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The page cache and the page lock: mm/filemap.c (v4.15).
 *
 * <p>Writers of the page tree hold {@code tree_lock} with IRQs off, as in the kernel; lookups
 * (find_get_page(), find_get_entries()) are lockless, under rcu_read_lock() with a speculative
 * reference, as in the kernel: slots are read with acquire (rcu_dereference()) and published with
 * release (rcu_assign_pointer()), a reference is taken only if the count is not zero, and the slot
 * is read again to see that the page did not move meanwhile.
 */
public final class Filemap {

    /** Slot accesses of {@code mapping->page_tree} for the lockless lookups. */
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Page[].class);

    /** PAGE_WAIT_TABLE_SIZE: the hashed wait queues unlock_page() wakes (mm/filemap.c). */
    private static final int PAGE_WAIT_TABLE_BITS = 8;
    private static final Object[] PAGE_WAIT_TABLE = new Object[1 << PAGE_WAIT_TABLE_BITS];

    static {
        for (int i = 0; i < PAGE_WAIT_TABLE.length; i++) {
            PAGE_WAIT_TABLE[i] = new Object();
        }
    }

    private final RaceHookSlot hookSlot;
    private final Zone zone;
    /** lru_cache_add() of the add path. */
    private final Swap swap;
    /**
     * The flavour rcu_read_lock() belongs to on this kernel: preemptible RCU's with
     * CONFIG_PREEMPT_RCU (its readers hold preemptible-RCU grace periods), RCU-sched's
     * preempt_disable() without (a region no RCU-sched quiescent state can fall in).
     */
    private final Rcu rcu;

    Filemap(RaceHookSlot hookSlot, Zone zone, Swap swap, Rcu rcu) {
        this.hookSlot = hookSlot;
        this.zone = zone;
        this.swap = swap;
        this.rcu = rcu;
    }

    /** page_waitqueue(page): hash_ptr(page, PAGE_WAIT_TABLE_BITS). */
    private static Object pageWaitqueue(Page page) {
        return PAGE_WAIT_TABLE[(page.pfn * 0x9E3779B1) >>> (32 - PAGE_WAIT_TABLE_BITS)];
    }

    // ---- the page lock: include/linux/pagemap.h and mm/filemap.c (v4.15) ----

    /** trylock_page(): test_and_set_bit_lock(PG_locked), acquire. Never sleeps. */
    public static boolean trylockPage(Page page) {
        return !page.testAndSetBitLock(Page.PG_LOCKED);
    }

    /**
     * lock_page() -> __lock_page() -> wait_on_page_bit_common(): sleeps until the page lock is
     * ours. might_sleep() first, so calling it with IRQs off is the kernel's splat.
     */
    public static void lockPage(Cpu cpu, Page page) {
        cpu.mightSleep("lock_page()");
        while (!trylockPage(page)) {
            Object q = pageWaitqueue(page);
            synchronized (q) {
                // SetPageWaiters before re-testing, under the queue lock, so an unlocker that
                // clears PG_locked after this point sees PG_waiters and takes the queue lock to
                // wake us; one that cleared it before is seen by the re-test (same word, RMW order).
                page.setBit(Page.PG_WAITERS);
                if (page.pageLocked()) {
                    try {
                        // io_schedule(): the task sleeps, its CPU switches away, a quiescent
                        // state for every RCU flavour (rcu_note_context_switch()).
                        cpu.noteContextSwitch();
                        q.wait(10); // the timeout only bounds a lost wake-up in a broken model
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return; // TASK_KILLABLE-like bail-out only when the harness interrupts
                    }
                }
            }
        }
    }

    /**
     * unlock_page(): clear_bit_unlock_is_negative_byte(PG_locked) (release), and wake_up_page()
     * only if PG_waiters was set, so an uncontended unlock is a single atomic.
     */
    public static void unlockPage(Page page) {
        if (page.clearBitUnlockIsNegativeByte(Page.PG_LOCKED)) {
            wakeUpPageBit(page);
        }
    }

    /** wake_up_page_bit(): clears PG_waiters and wakes every sleeper on the hashed queue. */
    private static void wakeUpPageBit(Page page) {
        Object q = pageWaitqueue(page);
        synchronized (q) {
            page.clearBit(Page.PG_WAITERS);
            q.notifyAll();
        }
    }

    // ---- page cache insert/delete ----

    /**
     * add_to_page_cache_lru() (mm/filemap.c, v4.15) for a newly allocated page: the page cache
     * takes a reference, the page is locked, inserted under tree_lock, then lru_cache_add(): into
     * this CPU's lru_add pagevec, on the LRU at its next drain.
     * The caller holds its allocation reference and drops it afterwards, as
     * grab_cache_page_write_begin()'s caller does.
     */
    void addToPageCacheLru(Cpu cpu, Page page, AddressSpace mapping, long index) {
        page.nonAtomicLockForNewPage();
        page.getPage(); // the page cache's reference
        page.index = index;
        int flags = mapping.treeLock.spinLockIrqsave(cpu);
        try {
            if (mapping.pageTree[(int) index] != null) {
                throw new InvariantViolation("index " + index + " of " + mapping.host + " already populated");
            }
            SLOT.setRelease(mapping.pageTree, (int) index, page); // radix_tree_insert(): rcu_assign_pointer()
            mapping.setNrpages(mapping.nrpages() + 1);
            page.setMapping(mapping); // release: slot and index are visible before the mapping
        } finally {
            mapping.treeLock.spinUnlockIrqrestore(cpu, flags);
        }
        swap.lruCacheAdd(cpu, page);
        unlockPage(page);
    }

    /**
     * __delete_from_page_cache() -> page_cache_tree_delete() (mm/filemap.c, v4.15): empties the
     * slot and clears {@code page->mapping}. Caller holds the page lock and tree_lock.
     */
    void pageCacheTreeDelete(AddressSpace mapping, Page page) {
        // Clearing needs no release: a lockless reader that still sees the page rechecks the slot
        // after taking its reference.
        SLOT.setOpaque(mapping.pageTree, (int) page.index, (Page) null);
        mapping.setNrpages(mapping.nrpages() - 1);
        page.setMapping(null);
    }

    /**
     * delete_from_page_cache() (mm/filemap.c, v4.15): under tree_lock with IRQs off, remove the
     * page from the cache; then page_cache_free_page() drops the cache's reference. The caller
     * holds the page lock and its own reference.
     */
    void deleteFromPageCache(Cpu cpu, Page page) {
        AddressSpace mapping = page.mapping();
        int flags = mapping.treeLock.spinLockIrqsave(cpu);
        try {
            pageCacheTreeDelete(mapping, page);
        } finally {
            mapping.treeLock.spinUnlockIrqrestore(cpu, flags);
        }
        hookSlot.at(RacePoint.TRUNCATE_MAPPING_CLEARED, cpu, page, mapping.host);
        pageCacheFreePage(cpu, page, mapping.host);
    }

    /**
     * delete_from_page_cache_batch() (mm/filemap.c, v4.15): one tree_lock hold for a pagevec of
     * locked pages, then page_cache_free_page() for each.
     */
    void deleteFromPageCacheBatch(Cpu cpu, AddressSpace mapping, Page[] pvec, int count) {
        if (count == 0) {
            return;
        }
        int flags = mapping.treeLock.spinLockIrqsave(cpu);
        try {
            for (int i = 0; i < count; i++) {
                pageCacheTreeDelete(mapping, pvec[i]);
            }
        } finally {
            mapping.treeLock.spinUnlockIrqrestore(cpu, flags);
        }
        for (int i = 0; i < count; i++) {
            hookSlot.at(RacePoint.TRUNCATE_MAPPING_CLEARED, cpu, pvec[i], mapping.host);
            pageCacheFreePage(cpu, pvec[i], mapping.host);
        }
    }

    /** page_cache_free_page(): put_page() of the page cache's reference ("not the last ref"). */
    private void pageCacheFreePage(Cpu cpu, Page page, Inode host) {
        zone.putPage(cpu, page);
        hookSlot.at(RacePoint.TRUNCATE_PUT_PAGE, cpu, page, host);
    }

    /**
     * find_get_page() -> pagecache_get_page(mapping, index, 0, 0) -> find_get_entry()
     * (mm/filemap.c, v4.15): the page at {@code index} with a reference taken, or null. Lockless,
     * under rcu_read_lock().
     */
    public Page findGetPage(Cpu cpu, AddressSpace mapping, long index) {
        Page[] tree = mapping.pageTree;
        if (index < 0 || index >= tree.length) {
            return null;
        }
        rcu.readLock(cpu);
        try {
            return speculativeGet(cpu, tree, (int) index);
        } finally {
            rcu.readUnlock(cpu);
        }
    }

    /**
     * find_get_entries() / pagevec_lookup_entries() (mm/filemap.c, v4.15): up to
     * {@code pvec.length} pages from {@code start}, each with a reference; their indices are
     * page.index. Returns how many. Lockless, under one rcu_read_lock() for the whole walk.
     */
    int findGetEntries(Cpu cpu, AddressSpace mapping, long start, Page[] pvec) {
        int n = 0;
        Page[] tree = mapping.pageTree;
        rcu.readLock(cpu);
        try {
            for (long i = Math.max(0, start); i < tree.length && n < pvec.length; i++) {
                Page page = speculativeGet(cpu, tree, (int) i);
                if (page != null) {
                    pvec[n++] = page;
                }
            }
        } finally {
            rcu.readUnlock(cpu);
        }
        return n;
    }

    /**
     * The {@code repeat:} loop of find_get_entry() and find_get_entries() (mm/filemap.c, v4.15)
     * for one slot: radix_tree_deref_slot(), page_cache_get_speculative() (a page being freed, or
     * frozen by migration, has count 0: try again), then "Has the page moved?" (truncated,
     * migrated, or freed and reused since the slot was read: put_page() and try again).
     */
    private Page speculativeGet(Cpu cpu, Page[] tree, int i) {
        for (;;) {
            Page page = (Page) SLOT.getAcquire(tree, i);
            if (page == null) {
                return null;
            }
            if (!page.getPageUnlessZero()) {
                Thread.onSpinWait();
                continue;
            }
            if (page != (Page) SLOT.getAcquire(tree, i)) {
                zone.putPage(cpu, page);
                continue;
            }
            return page;
        }
    }

    /**
     * Tests only: a task sleeping in wait_on_page_writeback() waits for another CPU's
     * end_page_writeback() wake-up (a lost wake-up shows as a waiter that never returns). Off (the
     * model's normal run): the model has no device, so I/O still in flight when a task sleeps for
     * it (a file truncated by its own writer before {@link FileWorkload.Config#writebackFiles()}
     * more files, migration's writeout()) completes during that sleep, at once, as a real device
     * completes it while the task sleeps in io_schedule(); no time is charged for the I/O, so
     * compact_memory's MIGRATE_SYNC per-page cost does not become a disk's latency.
     */
    static volatile boolean awaitWakeUp;

    /**
     * wait_on_page_writeback() (include/linux/pagemap.h, v4.15) -> wait_on_page_bit() ->
     * wait_on_page_bit_common() (mm/filemap.c): while PG_writeback is set the task sleeps in
     * io_schedule() ({@link Cpu#ioSchedule()}, a context switch) with PG_waiters set, on the
     * page's hashed wait queue, until end_page_writeback() wakes it ({@link #endPageWriteback}).
     * Unless a test waits for the wake-up ({@link #awaitWakeUp}), the I/O completes during the sleep.
     */
    static void waitOnPageWriteback(Cpu cpu, Page page) {
        cpu.mightSleep("wait_on_page_writeback()");
        if (!page.pageWriteback()) {
            return;
        }
        cpu.ioSchedule();
        if (awaitWakeUp) {
            Object q = pageWaitqueue(page);
            synchronized (q) {
                // SetPageWaiters under the queue lock before re-testing the bit, as in lockPage():
                // a completion that clears PG_writeback after this sees PG_waiters and takes the
                // lock to wake us; one before it is seen by the re-test.
                while (page.pageWriteback()) {
                    page.setBit(Page.PG_WAITERS);
                    if (!page.pageWriteback()) {
                        break;
                    }
                    try {
                        q.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
        endPageWriteback(page);
    }

    /**
     * end_page_writeback() (mm/filemap.c, v4.15), without the writeback accounting and
     * rotate_reclaimable_page(): test_clear_page_writeback(), smp_mb__after_atomic(), then
     * wake_up_page(page, PG_writeback), which takes the wait queue's lock only if PG_waiters is
     * set. The kernel BUG()s on a page not under writeback; here the I/O may be completed by its
     * bounded latency and by its sleeping waiter (see {@link #awaitWakeUp}), so the second is a
     * no-op: each I/O completes, and wakes, once.
     */
    static void endPageWriteback(Page page) {
        if (page.testAndClearBit(Page.PG_WRITEBACK) && page.testBit(Page.PG_WAITERS)) {
            wakeUpPageBit(page); // the RMW above is a full barrier: PG_waiters is read after it
        }
    }
}
