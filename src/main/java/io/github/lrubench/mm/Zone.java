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
 *   <li>The buddy allocator is an order-0 LIFO free list under {@code zone->lock}, with the free
 *       blocks it would hold merged counted per order and pageblock migratetype; compaction's free
 *       scanner ({@link #isolateFreePage}) takes its targets from the top of the zone without its
 *       per-pfn cost, so a pass measures the migrate scanner, isolation and migration.</li>
 *   <li>The pageblock bits (migratetype, PB_migrate_skip) and compaction's cached scanner pfns,
 *       skip-flush flag and deferral state are the zone's, as in v4.15.</li>
 *  </ul>
 * Pages reach the list through the per-CPU lru_add pagevecs of {@link Swap}.
 * Page contents (4 KiB per pfn) live in one backing array so that migration copies real bytes.
 */
public final class Zone {

    /** PAGE_SIZE on x86-64. */
    public static final int PAGE_SIZE = 4096;
    /** pageblock_order on x86-64 with THP (HPAGE_PMD_ORDER). */
    public static final int PAGEBLOCK_ORDER = 9;
    /** pageblock_nr_pages with 4 KiB pages and 2 MiB pageblocks (pageblock_order 9). */
    public static final int PAGEBLOCK_NR_PAGES = 1 << PAGEBLOCK_ORDER;

    /** enum migratetype (include/linux/mmzone.h, v4.15): the two the model uses, with their values. */
    public static final int MIGRATE_UNMOVABLE = 0;
    public static final int MIGRATE_MOVABLE = 1;

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
    /**
     * The free list, LIFO: links by pfn, {@code nrPages} the head. Doubly linked so that the free
     * scanner can take any free page out without disturbing the order the rest come back in.
     */
    private final int[] freeNext;
    private final int[] freePrev;
    private final boolean[] isFree;
    private final int freeHead;
    private int nrFree;
    /**
     * Free pages per order-aligned block, {@code freeInBlock[k][pfn >> k]} for k in 1..pageblock_order:
     * a block of 2^k free pages is one the buddy allocator holds merged at order k or above
     * (__free_one_page() merges every free buddy pair below pageblock_order; the model has no
     * pcp lists that would hold pages back unmerged). Guarded by lock.
     */
    private final int[][] freeInBlock;
    /**
     * Wholly free order-k blocks, by the migratetype of their pageblock (index 0: MIGRATE_MOVABLE,
     * 1: any other): what the free_area[k].free_list[mt] lists hold, at order k or merged above.
     * Written under lock, read without it as compact_finished() reads the free lists.
     */
    private final int[][] freeBlocks;

    /** The pageblock bits (include/linux/pageblock-flags.h, v4.15): migratetype and PB_migrate_skip. */
    private final byte[] pageblockMigratetype;
    private final boolean[] pageblockSkip;
    /**
     * zone->compact_cached_migrate_pfn[2] ([0] async, [1] sync) and zone->compact_cached_free_pfn
     * (include/linux/mmzone.h, v4.15): where the next compact_zone() starts its scanners.
     */
    final int[] compactCachedMigratePfn = new int[2];
    int compactCachedFreePfn;
    /** zone->compact_blockskip_flush: a direct compaction's scanners met; kswapd clears the skip bits. */
    boolean compactBlockskipFlush;
    /** enum zone_watermarks (include/linux/mmzone.h, v4.15): indices into {@link #watermark}. */
    static final int WMARK_MIN = 0, WMARK_LOW = 1, WMARK_HIGH = 2;
    /** watermark_scale_factor's default (mm/page_alloc.c, v4.15): 0.1% of the zone, in 1/10000. */
    static final int WATERMARK_SCALE_FACTOR = 10;
    /**
     * zone->watermark[] in pages, as __setup_per_zone_wmarks() sets them at boot for a machine
     * whose only lowmem is this zone (so pages_min is all the zone's): see {@link #setupPerZoneWmarks}.
     */
    final int[] watermark = new int[3];
    /** zone->compact_considered, compact_defer_shift, compact_order_failed (include/linux/mmzone.h, v4.15). */
    int compactConsidered;
    int compactDeferShift;
    int compactOrderFailed;

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
        freeNext = new int[nrPages + 1];
        freePrev = new int[nrPages + 1];
        isFree = new boolean[nrPages];
        freeHead = nrPages;
        freeNext[freeHead] = freeHead;
        freePrev[freeHead] = freeHead;
        freeInBlock = new int[PAGEBLOCK_ORDER + 1][];
        freeBlocks = new int[PAGEBLOCK_ORDER + 1][2];
        for (int k = 1; k <= PAGEBLOCK_ORDER; k++) {
            freeInBlock[k] = new int[nrPages >> k];
        }
        // memmap_init_zone() (mm/page_alloc.c, v4.15): every pageblock starts MIGRATE_MOVABLE.
        pageblockMigratetype = new byte[nrPageblocks];
        java.util.Arrays.fill(pageblockMigratetype, (byte) MIGRATE_MOVABLE);
        pageblockSkip = new boolean[nrPageblocks];
        resetCachedPositions();
        setupPerZoneWmarks();
        // Boot: every page free (memblock_free_all). Pushed high pfn first so that allocation
        // fills the zone from low pfns, leaving the high end free as after a fresh boot.
        for (int pfn = nrPages - 1; pfn >= 0; pfn--) {
            Page p = memmap[pfn];
            p.resetFlags(1L << Page.PG_BUDDY);
            pushFree(pfn);
        }
    }

    /**
     * init_per_zone_wmark_min() then __setup_per_zone_wmarks() (mm/page_alloc.c, v4.15), for a
     * machine whose lowmem is this zone alone: min_free_kbytes = int_sqrt(lowmem_kbytes * 16),
     * clamped to 128..65536; WMARK_MIN = min_free_kbytes >> (PAGE_SHIFT - 10) pages (the zone's
     * share of pages_min is all of it); tmp = max(min >> 2, managed * watermark_scale_factor /
     * 10000); WMARK_LOW = min + tmp, WMARK_HIGH = min + 2 * tmp. All pages count as managed. A
     * 32 MiB zone (16 pageblocks): min_free_kbytes 724, min 181, low 226, high 271 pages.
     */
    private void setupPerZoneWmarks() {
        long lowmemKbytes = (long) nrPages() * (PAGE_SIZE / 1024);
        int minFreeKbytes = (int) Math.max(128, Math.min(65536, (long) Math.sqrt((double) (lowmemKbytes * 16))));
        int min = minFreeKbytes >> 2; // PAGE_SHIFT - 10 = 2
        int tmp = Math.max(min >> 2, (int) ((long) nrPages() * WATERMARK_SCALE_FACTOR / 10000));
        watermark[WMARK_MIN] = min;
        watermark[WMARK_LOW] = min + tmp;
        watermark[WMARK_HIGH] = min + 2 * tmp;
    }

    /** min_wmark_pages(), low_wmark_pages(), high_wmark_pages() by index (include/linux/mmzone.h, v4.15). */
    public int watermark(int which) {
        return watermark[which];
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
            pfn = freeNext[freeHead];
            removeFree(pfn);
        } finally {
            lock.spinUnlockIrqrestore(cpu, flags);
        }
        return postAllocHook(memmap[pfn]);
    }

    /** Pfns taken for good by {@link Ballast}: allocated, off the LRU, never freed. */
    final java.util.BitSet ballast = new java.util.BitSet();

    /** Takes the given free pfn off the free list for good (a setup step: {@link Ballast}). */
    Page allocBallast(Cpu cpu, int pfn) {
        ballast.set(pfn);
        int flags = lock.spinLockIrqsave(cpu);
        try {
            if (!isFree[pfn]) {
                throw new IllegalStateException("pfn " + pfn + " is not free");
            }
            removeFree(pfn);
        } finally {
            lock.spinUnlockIrqrestore(cpu, flags);
        }
        return postAllocHook(memmap[pfn]);
    }

    /** Pfns of the transparent huge pages faults hold ({@link #allocHugePage}). */
    final java.util.BitSet hugePages = new java.util.BitSet();

    /**
     * A THP fault's allocation once direct compaction returned (mm/page_alloc.c, v4.15:
     * __alloc_pages_direct_compact() -> get_page_from_freelist() at HPAGE_PMD_ORDER, 9), reduced
     * to what compaction needs: if __zone_watermark_ok() at order 9 holds against the min
     * watermark (the slow path's ALLOC_WMARK_MIN), __rmqueue_smallest() takes a wholly free
     * MIGRATE_MOVABLE pageblock off the free lists (the lowest such; the buddy allocator takes the
     * head of its free_area[9] list). Returns its first pfn, or -1 if there is none, as a fault then
     * falls back to a small page. The pages keep refcount 1 until {@link #freeHugePage}.
     */
    public int allocHugePage(Cpu cpu) {
        int start = -1;
        int flags = lock.spinLockIrqsave(cpu);
        try {
            if (!zoneWatermarkOk(PAGEBLOCK_ORDER, watermark[WMARK_MIN])) {
                return -1;
            }
            for (int pb = 0; pb < nrPageblocks(); pb++) {
                if (freeInBlock[PAGEBLOCK_ORDER][pb] == PAGEBLOCK_NR_PAGES && pageblockMigratetype[pb] == MIGRATE_MOVABLE) {
                    start = pb << PAGEBLOCK_ORDER;
                    break;
                }
            }
            if (start < 0) {
                return -1;
            }
            for (int pfn = start; pfn < start + PAGEBLOCK_NR_PAGES; pfn++) {
                removeFree(pfn);
            }
            hugePages.set(start, start + PAGEBLOCK_NR_PAGES);
        } finally {
            lock.spinUnlockIrqrestore(cpu, flags);
        }
        for (int pfn = start; pfn < start + PAGEBLOCK_NR_PAGES; pfn++) {
            postAllocHook(memmap[pfn]);
        }
        return start;
    }

    /**
     * The THP's last put_page() -> __put_compound_page() -> free_compound_page() (mm/swap.c,
     * mm/page_alloc.c, v4.15): its 512 pages go back to the free list. The buddy allocator would
     * keep them one order-9 block, which order-0 allocations split only when no smaller block is
     * free (__rmqueue_smallest()); the model's last-freed-first list hands them out first. Simplification
     * said in README (Model, issue 20 §3): it is what keeps a THP fault needing compaction. One
     * zone->lock hold for the whole block, as free_one_page() at order 9 takes it once.
     */
    public void freeHugePage(Cpu cpu, int start) {
        if (start < 0 || (start & (PAGEBLOCK_NR_PAGES - 1)) != 0 || !hugePages.get(start)) {
            throw new IllegalArgumentException("pfn " + start + " does not start a huge page");
        }
        for (int pfn = start; pfn < start + PAGEBLOCK_NR_PAGES; pfn++) {
            memmap[pfn].setPageCount(0);
            freePagesPrepare(memmap[pfn]);
        }
        int flags = lock.spinLockIrqsave(cpu);
        try {
            hugePages.clear(start, start + PAGEBLOCK_NR_PAGES);
            for (int pfn = start; pfn < start + PAGEBLOCK_NR_PAGES; pfn++) {
                pushFree(pfn);
            }
        } finally {
            lock.spinUnlockIrqrestore(cpu, flags);
        }
    }

    /** post_alloc_hook() for a page just taken off the free list: refcount 1, clean flags. */
    private Page postAllocHook(Page page) {
        int pfn = page.pfn;
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
        freePagesPrepare(page);
        int flags = lock.spinLockIrqsave(cpu);
        try {
            pushFree(page.pfn);
        } finally {
            lock.spinUnlockIrqrestore(cpu, flags);
        }
    }

    /** free_pages_prepare() (mm/page_alloc.c, v4.15): free_pages_check(), then the page is a free buddy page. */
    private static void freePagesPrepare(Page page) {
        if (page.pageLru() || page.mapping() != null || page.pageLocked()) {
            throw new InvariantViolation("freeing pfn " + page.pfn + " in a bad state (free_pages_check): " + page);
        }
        page.resetFlags(1L << Page.PG_BUDDY);
        page.lruNext = null;
        page.lruPrev = null;
    }

    /**
     * isolate_freepages() (mm/compaction.c, v4.15) for one target page, the free scanner reduced to
     * what decides where migration puts pages: it walks pageblocks down from {@code freePfn} to
     * {@code lowPfn} (pageblock_end_pfn(cc->migrate_pfn): never the migrate scanner's pageblock or
     * below), only those isolation_suitable() (unless {@code ignoreSkipHint}) and
     * suitable_migration_target() (MIGRATE_MOVABLE, and not one free block of pageblock_order,
     * "If the page is a large free page, then disallow migration"), and takes the highest free page
     * there. A pageblock it went through without finding one gets its skip bit
     * (update_pageblock_skip(cc, valid_page, total_isolated, false)). Its cost (isolate_freepages_block()
     * scanning pfn by pfn, split_free_page()) is left out, as before: the model measures the migrate
     * side. Returns the page with refcount 1, or null ({@code cc->free_pfn} then stands at the
     * migrate scanner: the scanners met). Moves {@code cc.freePfn} down: here the lowest pfn the
     * scanner has gone through (the kernel's cc->free_pfn is the start of its pageblock).
     */
    Page isolateFreePage(Cpu cpu, CompactControl cc, int lowPfn) {
        final boolean ignoreSkipHint = cc.mode.ignoreSkipHint();
        int pfn = -1;
        int flags = lock.spinLockIrqsave(cpu);
        try {
            int freePfn = Math.min(cc.freePfn, nrPages());
            while (freePfn > lowPfn) {
                int blockStart = (freePfn - 1) & -PAGEBLOCK_NR_PAGES;
                int pb = blockStart >> PAGEBLOCK_ORDER;
                if ((ignoreSkipHint || !pageblockSkip[pb]) && pageblockMigratetype[pb] == MIGRATE_MOVABLE
                        && freeInBlock[PAGEBLOCK_ORDER][pb] != PAGEBLOCK_NR_PAGES) {
                    for (int p = freePfn - 1; p >= blockStart; p--) {
                        if (isFree[p]) {
                            pfn = p;
                            break;
                        }
                    }
                    if (pfn >= 0) {
                        freePfn = pfn; // the scanner has gone through the pfns above it
                        removeFree(pfn);
                        break;
                    }
                    if (freePfn == blockStart + PAGEBLOCK_NR_PAGES) { // cc->no_set_skip_hint: never in these modes
                        // update_pageblock_skip(cc, valid_page, 0, false): a whole block, nothing free
                        pageblockSkip[pb] = true;
                        compactCachedFreePfn = Math.min(compactCachedFreePfn, blockStart);
                    }
                }
                freePfn = blockStart;
            }
            cc.freePfn = freePfn;
        } finally {
            lock.spinUnlockIrqrestore(cpu, flags);
        }
        return pfn >= 0 ? postAllocHook(memmap[pfn]) : null;
    }

    private void pushFree(int pfn) {
        int first = freeNext[freeHead];
        freeNext[pfn] = first;
        freePrev[pfn] = freeHead;
        freePrev[first] = pfn;
        freeNext[freeHead] = pfn;
        isFree[pfn] = true;
        nrFree++;
        int mtClass = pageblockMigratetype[pfn >> PAGEBLOCK_ORDER] == MIGRATE_MOVABLE ? 0 : 1;
        for (int k = 1; k <= PAGEBLOCK_ORDER; k++) {
            if (++freeInBlock[k][pfn >> k] == 1 << k) {
                freeBlocks[k][mtClass]++;
            }
        }
    }

    private void removeFree(int pfn) {
        freeNext[freePrev[pfn]] = freeNext[pfn];
        freePrev[freeNext[pfn]] = freePrev[pfn];
        isFree[pfn] = false;
        nrFree--;
        int mtClass = pageblockMigratetype[pfn >> PAGEBLOCK_ORDER] == MIGRATE_MOVABLE ? 0 : 1;
        for (int k = 1; k <= PAGEBLOCK_ORDER; k++) {
            if (freeInBlock[k][pfn >> k]-- == 1 << k) {
                freeBlocks[k][mtClass]--;
            }
        }
    }

    /**
     * Whether the buddy allocator holds a free block of order {@code order} or above, on the free
     * lists of a MIGRATE_MOVABLE pageblock ({@code movable}) or of any other: !list_empty() of
     * zone->free_area[o].free_list[mt] for some o >= order. Orders above pageblock_order are
     * wholly free pageblocks, so order 9 answers for them. Read without zone->lock, as
     * __compact_finished() and __zone_watermark_ok() read the lists.
     */
    boolean freeBlockOfOrder(int order, boolean movable) {
        int k = Math.max(1, Math.min(order, PAGEBLOCK_ORDER));
        return order == 0 ? nrFree > 0 : freeBlocks[k][movable ? 0 : 1] > 0;
    }

    /**
     * __zone_watermark_ok() (mm/page_alloc.c, v4.15) with alloc_flags that take no reserve
     * (no ALLOC_HIGH / ALLOC_HARDER / ALLOC_OOM), lowmem_reserve 0 (the zone is its own classzone)
     * and no CMA or highatomic pages: "free_pages -= (1 << order) - 1", false if that is at or
     * below {@code mark}; at order 0 true; above it, true if a free block of the order or above
     * is on any migratetype's list (MIGRATE_PCPTYPES). Reads nr_free without zone->lock, as the
     * kernel does.
     */
    boolean zoneWatermarkOk(int order, long mark) {
        long freePages = nrFree - ((1L << order) - 1);
        if (freePages <= mark) {
            return false;
        }
        return order == 0 || freeBlockOfOrder(order, true) || freeBlockOfOrder(order, false);
    }

    /**
     * fragmentation_index() (mm/vmstat.c, v4.15): fill_contig_page_info() then
     * __fragmentation_index(). The buddy allocator's free blocks are the maximal free aligned
     * blocks: at order k &lt; pageblock_order, the wholly free order-k blocks whose order-(k+1)
     * block is not wholly free; free pageblocks count as order-9 blocks (the kernel merges a pair
     * into one order-10 block; when one exists the index is -1000 either way). 0 with no free
     * block, -1000 if a block of the order is free, else 1000 - (1000 + free_pages * 1000 /
     * requested) / free_blocks_total: towards 0 the failure is a lack of memory, towards 1000
     * fragmentation. Reads the counts without zone->lock.
     */
    int fragmentationIndex(int order) {
        long freeBlocksTotal = 0;
        long wholeBelow = nrFree; // wholly free order-0 "blocks": the free pages
        for (int k = 1; k <= PAGEBLOCK_ORDER; k++) {
            long whole = freeBlocks[k][0] + freeBlocks[k][1];
            freeBlocksTotal += wholeBelow - 2 * whole; // order k-1 blocks whose buddy is not free
            wholeBelow = whole;
        }
        freeBlocksTotal += wholeBelow;
        if (freeBlocksTotal <= 0) {
            return 0;
        }
        int k = Math.min(order, PAGEBLOCK_ORDER);
        long suitable = k == 0 ? nrFree : freeBlocks[k][0] + freeBlocks[k][1];
        if (suitable > 0) {
            return -1000; // "Fragmentation index only makes sense when a request would fail"
        }
        long requested = 1L << order;
        return (int) (1000 - (1000 + nrFree * 1000L / requested) / freeBlocksTotal);
    }

    // ---- pageblock flags: include/linux/pageblock-flags.h, mm/page_alloc.c (v4.15) ----

    /** get_pageblock_migratetype(pfn_to_page(pfn)). */
    public int pageblockMigratetype(int pfn) {
        return pageblockMigratetype[pfn >> PAGEBLOCK_ORDER];
    }

    /**
     * set_pageblock_migratetype() (mm/page_alloc.c, v4.15): a setup step (the model allocates only
     * movable pages and never steals a pageblock, so a non-movable pageblock exists only if set up
     * so). Its free blocks move to the new migratetype's lists, as move_freepages_block() would
     * move them.
     */
    void setPageblockMigratetype(int pfn, int migratetype) {
        int pb = pfn >> PAGEBLOCK_ORDER;
        int from = pageblockMigratetype[pb] == MIGRATE_MOVABLE ? 0 : 1;
        int to = migratetype == MIGRATE_MOVABLE ? 0 : 1;
        for (int k = 1; k <= PAGEBLOCK_ORDER; k++) {
            for (int b = (pb << PAGEBLOCK_ORDER) >> k; b < ((pb + 1) << PAGEBLOCK_ORDER) >> k; b++) {
                if (freeInBlock[k][b] == 1 << k) {
                    freeBlocks[k][from]--;
                    freeBlocks[k][to]++;
                }
            }
        }
        pageblockMigratetype[pb] = (byte) migratetype;
    }

    /** get_pageblock_skip(pfn_to_page(pfn)): PB_migrate_skip. */
    public boolean pageblockSkip(int pfn) {
        return pageblockSkip[pfn >> PAGEBLOCK_ORDER];
    }

    /** set_pageblock_skip(). */
    void setPageblockSkip(int pfn) {
        pageblockSkip[pfn >> PAGEBLOCK_ORDER] = true;
    }

    /** clear_pageblock_skip(). */
    void clearPageblockSkip(int pfn) {
        pageblockSkip[pfn >> PAGEBLOCK_ORDER] = false;
    }

    /**
     * reset_cached_positions() (mm/compaction.c, v4.15): both migrate scanners at the zone's
     * start, the free scanner at its last pageblock.
     */
    void resetCachedPositions() {
        compactCachedMigratePfn[0] = 0;
        compactCachedMigratePfn[1] = 0;
        compactCachedFreePfn = nrPages(); // the model's cc->free_pfn is the scanner's exclusive upper bound
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
        int[] pfns = new int[nrFree];
        int n = 0;
        for (int pfn = freeNext[freeHead]; pfn != freeHead && n < pfns.length; pfn = freeNext[pfn]) {
            pfns[n++] = pfn;
        }
        return n == pfns.length ? pfns : java.util.Arrays.copyOf(pfns, n);
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
