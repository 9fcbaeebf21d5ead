package io.github.lrubench.mm;

/**
 * Axis 1: what __isolate_lru_page() (mm/vmscan.c) does with a dirty page in ISOLATE_ASYNC_MIGRATE
 * mode before it may isolate it.
 */
public enum IsolationCheck {
    /**
     * v4.15, before the fix: {@code mapping = page_mapping(page); if (mapping &&
     * !mapping->a_ops->migratepage) return -EBUSY;} with no lock, racing with truncation.
     */
    NONE,
    /**
     * Mel Gorman's fix (69d763fc6d3a, v4.16) as corrected by Hugh Dickins (145e1a71e090):
     * {@code if (!trylock_page(page)) return -EBUSY; mapping = page_mapping(page);
     * migrate_dirty = !mapping || mapping->a_ops->migratepage; unlock_page(page);}
     */
    PAGE_LOCK,
    /**
     * The same as it shipped in v4.16, with the inverted condition
     * {@code migrate_dirty = mapping && mapping->a_ops->migratepage}: a dirty page with no
     * mapping is refused too.
     */
    PAGE_LOCK_V4_16;

    /** True if this check alone closes the race (it reads the mapping under the page lock). */
    public boolean takesPageLock() {
        return this != NONE;
    }
}
