package io.github.lrubench.mm;

/**
 * Named points of Jan Kara's interleaving where a test can stop a simulated CPU
 * (see {@link RaceHooks}). Each names the kernel step it follows.
 */
public enum RacePoint {
    /** __isolate_lru_page(): a dirty page, IRQs off and LRU lock held, before the check runs. */
    ISOLATE_DIRTY_PAGE,
    /** __isolate_lru_page(): {@code mapping = page_mapping(page)} done, a_ops not yet read. */
    ISOLATE_MAPPING_READ,
    /**
     * __isolate_lru_page(): {@code mapping->a_ops} loaded from the mapping read at
     * {@link #ISOLATE_MAPPING_READ} (after any widening delay): the window is over. A stress counts
     * here whether a truncation overlapped the window; every use after free is such a check.
     */
    ISOLATE_WINDOW_END,
    /** __delete_from_page_cache(): {@code page->mapping = NULL} stored, tree lock dropped. */
    TRUNCATE_MAPPING_CLEARED,
    /** page_cache_free_page(): put_page() of the page cache's reference done. */
    TRUNCATE_PUT_PAGE,
    /** evict() -> destroy_inode() returned (the free done or queued, per the free policy). */
    EVICT_DESTROY_INODE,
    /** i_callback() -> kmem_cache_free(): the inode memory is back in the slab (any thread). */
    INODE_FREED
}
