package io.github.lrubench.mm;

import io.github.lrubench.kernel.FlagWord;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * struct page (include/linux/mm_types.h, v4.15), reduced to what compaction, migration and
 * truncation touch: flags, _refcount, mapping, index and the lru links.
 *
 * <p>Flag numbers are those of enum pageflags in v4.15 so that PG_waiters is bit 7, the "negative
 * byte" bit that unlock_page() tests for free. PageBuddy is a page type (a _mapcount value) in
 * v4.15; the model keeps it as a pseudo-flag above the real ones, which changes nothing for the
 * lockless check that reads it.
 */
public final class Page extends FlagWord {

    public static final int PG_LOCKED = 0;
    public static final int PG_UPTODATE = 3;
    public static final int PG_DIRTY = 4;
    public static final int PG_LRU = 5;
    public static final int PG_WAITERS = 7;
    public static final int PG_WRITEBACK = 14;
    /** Stand-in for PageBuddy() (page_type in v4.15): the page is free in the buddy allocator. */
    public static final int PG_BUDDY = 32;
    /**
     * Stand-in for PageAnon() (PAGE_MAPPING_ANON in page->mapping, v4.15): page_mapping() of an
     * anonymous page not in the swap cache is NULL, which is the case the v4.16 inversion refused.
     */
    public static final int PG_ANON = 33;

    private static final VarHandle REFCOUNT;
    private static final VarHandle MAPPING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            REFCOUNT = l.findVarHandle(Page.class, "refcount", int.class);
            MAPPING = l.findVarHandle(Page.class, "mapping", AddressSpace.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** page_to_pfn(). */
    final int pfn;
    /** page->_refcount. */
    private int refcount;
    /** page->mapping: read locklessly by compaction, written under the page lock and tree lock. */
    private AddressSpace mapping;
    /** page->index: offset in the file, in pages. Written under the page lock. */
    long index;
    /** The one pte mapping an anonymous page (stands for the anon_vma rmap walk); null otherwise. */
    AnonPte anonPte;
    /** page->lru: links in the zone LRU list or in compaction's migratepages list. */
    Page lruNext;
    Page lruPrev;

    Page(int pfn) {
        this.pfn = pfn;
    }

    public int pfn() {
        return pfn;
    }

    public long index() {
        return index;
    }

    // ---- mapping ----

    /**
     * page_mapping() (mm/util.c, v4.15) for a page-cache page: READ_ONCE(page->mapping). Opaque:
     * the compiler must re-read it every time (the race is about a stale read) but no ordering
     * is implied, as in the kernel, where nothing orders it against truncation's store.
     */
    public AddressSpace mapping() {
        return (AddressSpace) MAPPING.getOpaque(this);
    }

    /**
     * WRITE_ONCE(page->mapping, m). Release: a lockless reader that sees the new mapping also sees
     * the slot and index written before it (the kernel gets this from the tree lock's release and
     * smp_wmb() in page_cache_tree_insert; here it is made explicit).
     */
    void setMapping(AddressSpace m) {
        MAPPING.setRelease(this, m);
    }

    // ---- refcount: include/linux/page_ref.h (v4.15) ----

    /** page_count(). */
    public int pageCount() {
        return (int) REFCOUNT.getOpaque(this);
    }

    /** get_page(): the caller already holds a reference. */
    void getPage() {
        int old = (int) REFCOUNT.getAndAdd(this, 1);
        if (old <= 0) {
            throw new IllegalStateException("BUG: get_page() on a page with refcount " + old + ", pfn " + pfn);
        }
    }

    /** get_page_unless_zero(): page_ref_add_unless(page, 1, 0). */
    boolean getPageUnlessZero() {
        int c;
        do {
            c = (int) REFCOUNT.getOpaque(this);
            if (c == 0) {
                return false;
            }
        } while (!REFCOUNT.compareAndSet(this, c, c + 1));
        return true;
    }

    /** put_page_testzero(): drops a reference; true when it was the last one. Fully ordered. */
    boolean putPageTestzero() {
        int now = (int) REFCOUNT.getAndAdd(this, -1) - 1;
        if (now < 0) {
            throw new IllegalStateException("BUG: put_page() on a free page, pfn " + pfn);
        }
        return now == 0;
    }

    /** page_ref_freeze(page, count): succeeds only if nobody else holds a reference. */
    boolean pageRefFreeze(int count) {
        return REFCOUNT.compareAndSet(this, count, 0);
    }

    /** page_ref_unfreeze(page, count): release, publishing the new slot before the count. */
    void pageRefUnfreeze(int count) {
        REFCOUNT.setRelease(this, count);
    }

    /** set_page_count(): only for a page nobody else can reach (allocation). */
    void setPageCount(int count) {
        REFCOUNT.setRelease(this, count);
    }

    // ---- flag tests, include/linux/page-flags.h ----

    public boolean pageLocked() {
        return testBit(PG_LOCKED);
    }

    public boolean pageDirty() {
        return testBit(PG_DIRTY);
    }

    public boolean pageLru() {
        return testBit(PG_LRU);
    }

    public boolean pageWriteback() {
        return testBit(PG_WRITEBACK);
    }

    public boolean pageBuddy() {
        return testBit(PG_BUDDY);
    }

    public boolean pageAnon() {
        return testBit(PG_ANON);
    }

    /** page_mapcount(): anonymous pages are mapped by exactly one pte here; page-cache pages by none. */
    public int pageMapcount() {
        return anonPte != null ? 1 : 0;
    }

    /** __SetPageLocked(): non-atomic, for a new page not yet in the page cache or on the LRU. */
    void nonAtomicLockForNewPage() {
        nonAtomicSetBit(PG_LOCKED);
    }

    /** Resets the flags of a page nobody else can reach (post_alloc_hook / free path). */
    void resetFlags(long flags) {
        setFlagsWordUnshared(flags);
    }

    @Override
    public String toString() {
        return "page(pfn " + pfn + ", flags 0x" + Long.toHexString(flagsWord()) + ", count " + pageCount() + ")";
    }
}
