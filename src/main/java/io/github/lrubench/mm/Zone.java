package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.SpinLock;

/**
 * One zone with its memmap, page contents, free list and (node) LRU list: struct zone and the
 * parts of pg_data_t compaction touches (include/linux/mmzone.h, v4.15).
 *
 * <p>Simplifications, each harmless for the race and the costs measured:
 * <ul>
 *   <li>One LRU list (inactive file) instead of the five per lruvec, no memcg: isolation locks
 *       the same {@code pgdat->lru_lock} whichever list a page is on.</li>
 *   <li>The buddy allocator is an order-0 LIFO free list under {@code zone->lock}; compaction's
 *       free scanner ({@code isolate_freepages}) is replaced by taking frames from that list, so
 *       a pass measures the migrate scanner, isolation and migration, which is where the check is.</li>
 *  </ul>
 * Pages reach the list through the per-CPU lru_add pagevecs of {@link Swap}.
 * Page contents (4 KiB per pfn) live in one backing array so that migration copies real bytes.
 */
public final class Zone {

    /** PAGE_SIZE on x86-64. */
    public static final int PAGE_SIZE = 4096;
    /** pageblock_nr_pages with 4 KiB pages and 2 MiB pageblocks (pageblock_order 9). */
    public static final int PAGEBLOCK_NR_PAGES = 512;

    final Page[] memmap;
    /** Page contents: pfn * PAGE_SIZE is the first byte of a page. */
    final byte[] backing;

    /** zone_lru_lock(zone) = &zone->zone_pgdat->lru_lock (v4.15), taken with IRQs off. */
    final SpinLock lruLock = new SpinLock("pgdat->lru_lock");
    /** The LRU list head; a sentinel page that is never in the memmap. Guarded by lruLock. */
    private final Page lruHead = new Page(-1);
    private int nrLru;

    /** zone->lock, guards the free list. */
    final SpinLock lock = new SpinLock("zone->lock");
    private final int[] freeList;
    private int nrFree;

    Zone(int nrPageblocks) {
        if (nrPageblocks < 1 || nrPageblocks > 256) {
            throw new IllegalArgumentException("nrPageblocks must be in 1..256, was " + nrPageblocks);
        }
        int nrPages = nrPageblocks * PAGEBLOCK_NR_PAGES;
        memmap = new Page[nrPages];
        for (int pfn = 0; pfn < nrPages; pfn++) {
            memmap[pfn] = new Page(pfn);
        }
        backing = new byte[nrPages * PAGE_SIZE];
        lruHead.lruNext = lruHead;
        lruHead.lruPrev = lruHead;
        freeList = new int[nrPages];
        // Boot: every page free (memblock_free_all). Pushed high pfn first so that allocation
        // fills the zone from low pfns, leaving the high end free as after a fresh boot.
        for (int pfn = nrPages - 1; pfn >= 0; pfn--) {
            Page p = memmap[pfn];
            p.resetFlags(1L << Page.PG_BUDDY);
            freeList[nrFree++] = pfn;
        }
    }

    /** zone->spanned_pages. */
    public int nrPages() {
        return memmap.length;
    }

    public int nrPageblocks() {
        return memmap.length / PAGEBLOCK_NR_PAGES;
    }

    /** pfn_to_page(). */
    public Page pfnToPage(int pfn) {
        return memmap[pfn];
    }

    // ---- buddy allocator stand-in: mm/page_alloc.c (v4.15) ----

    /**
     * alloc_pages(GFP_HIGHUSER_MOVABLE, 0) reduced to the order-0 free list; returns null when the
     * zone is full. The page comes back with refcount 1 and clean flags (post_alloc_hook()).
     */
    Page allocPage(Cpu cpu) {
        int flags = lock.spinLockIrqsave(cpu);
        int pfn;
        try {
            if (nrFree == 0) {
                return null;
            }
            pfn = freeList[--nrFree];
        } finally {
            lock.spinUnlockIrqrestore(cpu, flags);
        }
        Page page = memmap[pfn];
        if (!page.pageBuddy() || page.pageCount() != 0) {
            throw new InvariantViolation("allocated pfn " + pfn + " was not free: " + page);
        }
        page.resetFlags(0);
        page.setMapping(null);
        page.anonPte = null;
        page.lruNext = null;
        page.lruPrev = null;
        page.setPageCount(1);
        return page;
    }

    /** free_unref_page() -> the free list (mm/page_alloc.c, v4.15). The refcount is already 0. */
    void freeUnrefPage(Cpu cpu, Page page) {
        if (page.pageLru() || page.mapping() != null || page.pageLocked()) {
            throw new InvariantViolation("freeing pfn " + page.pfn + " in a bad state (free_pages_check): " + page);
        }
        page.resetFlags(1L << Page.PG_BUDDY);
        page.lruNext = null;
        page.lruPrev = null;
        int flags = lock.spinLockIrqsave(cpu);
        try {
            freeList[nrFree++] = page.pfn;
        } finally {
            lock.spinUnlockIrqrestore(cpu, flags);
        }
    }

    /** zone_page_state(zone, NR_FREE_PAGES). */
    public int nrFreePages() {
        return nrFree;
    }

    // ---- put_page() and the LRU: mm/swap.c (v4.15) ----

    /**
     * put_page() -> __put_page() -> __put_single_page() (include/linux/mm.h, mm/swap.c, v4.15):
     * drops a reference; the last one releases the page from the LRU (__page_cache_release(),
     * which takes the LRU lock for this one page) and frees it. The batched put is
     * {@link Swap#releasePages}.
     */
    void putPage(Cpu cpu, Page page) {
        if (page.putPageTestzero()) {
            pageCacheRelease(cpu, page);
            freeUnrefPage(cpu, page);
        }
    }

    /** __page_cache_release() (mm/swap.c, v4.15). */
    private void pageCacheRelease(Cpu cpu, Page page) {
        if (page.pageLru()) {
            int flags = lruLock.spinLockIrqsave(cpu);
            try {
                page.clearBit(Page.PG_LRU);
                delPageFromLruList(page);
            } finally {
                lruLock.spinUnlockIrqrestore(cpu, flags);
            }
        }
    }

    /** add_page_to_lru_list() (include/linux/mm_inline.h). Caller holds lruLock. */
    void addPageToLruList(Page page) {
        Page first = lruHead.lruNext;
        page.lruNext = first;
        page.lruPrev = lruHead;
        first.lruPrev = page;
        lruHead.lruNext = page;
        nrLru++;
    }

    /** del_page_from_lru_list() (include/linux/mm_inline.h). Caller holds lruLock. */
    void delPageFromLruList(Page page) {
        Page prev = page.lruPrev;
        Page next = page.lruNext;
        prev.lruNext = next;
        next.lruPrev = prev;
        page.lruNext = null;
        page.lruPrev = null;
        nrLru--;
    }

    /** Pages on the LRU list. Exact under lruLock or at a quiescent point. */
    public int nrLruPages() {
        return nrLru;
    }

    /** Walks the LRU list; for the invariant checker at a quiescent point. */
    void forEachLruPage(java.util.function.Consumer<Page> action) {
        for (Page p = lruHead.lruNext; p != lruHead; p = p.lruNext) {
            action.accept(p);
        }
    }

    /** Free pfns; for the invariant checker at a quiescent point. */
    int[] freePfnsSnapshot() {
        return java.util.Arrays.copyOf(freeList, nrFree);
    }

    // ---- page contents ----

    /** copy_highpage(to, from): the 4 KiB copy of migrate_page_copy(). */
    void copyHighpage(Page to, Page from) {
        System.arraycopy(backing, from.pfn * PAGE_SIZE, backing, to.pfn * PAGE_SIZE, PAGE_SIZE);
    }

    /** Fills a page with the pattern of (ino, index): what a write() of known data leaves. */
    void fillPage(Page page, long ino, long index) {
        int base = page.pfn * PAGE_SIZE;
        long x = seed(ino, index);
        for (int i = 0; i < PAGE_SIZE; i += 8) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            long v = x;
            for (int b = 0; b < 8; b++) {
                backing[base + i + b] = (byte) v;
                v >>>= 8;
            }
        }
    }

    /** True if the page holds exactly the pattern {@link #fillPage} wrote for (ino, index). */
    boolean pageHolds(Page page, long ino, long index) {
        int base = page.pfn * PAGE_SIZE;
        long x = seed(ino, index);
        for (int i = 0; i < PAGE_SIZE; i += 8) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            long v = x;
            for (int b = 0; b < 8; b++) {
                if (backing[base + i + b] != (byte) v) {
                    return false;
                }
                v >>>= 8;
            }
        }
        return true;
    }

    private static long seed(long ino, long index) {
        return ino * 0x9E3779B97F4A7C15L ^ (index + 1) * 0xC2B2AE3D27D4EB4FL;
    }
}
