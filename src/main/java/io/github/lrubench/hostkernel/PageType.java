package io.github.lrubench.hostkernel;

/**
 * The kinds of page a calibration fragments memory with; compaction then migrates pages of that
 * kind. The check under study runs on dirty page cache, so that is the figure the verdict uses;
 * the others show how much the cost per migrated page depends on what is migrated.
 */
public enum PageType {
    /** File pages written and then written back (fsync): clean, unmapped. Needs a disk filesystem. */
    PAGE_CACHE_CLEAN("page cache, unmapped, clean"),
    /** File pages written and not yet written back: dirty, unmapped (on tmpfs every file page is). */
    PAGE_CACHE_DIRTY("page cache, unmapped, dirty"),
    /** File pages mapped into this process (FileChannel.map), so migration must unmap them and flush TLBs. */
    PAGE_CACHE_MAPPED("page cache, mapped"),
    /** Anonymous memory of this process (a direct buffer big enough to be its own mmap). */
    ANON("anonymous, mapped");

    private final String label;

    PageType(String label) {
        this.label = label;
    }

    /** How a report names it. */
    public String label() {
        return label;
    }
}
