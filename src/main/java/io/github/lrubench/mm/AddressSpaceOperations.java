package io.github.lrubench.mm;

/**
 * struct address_space_operations (include/linux/fs.h, v4.15), reduced to the one member the race
 * is about: {@code migratepage}. A filesystem either provides it (ext4, xfs: buffer_migrate_page
 * or migrate_page) or not (then async compaction must not isolate its dirty pages, because the
 * fallback would have to write them back).
 */
public final class AddressSpaceOperations {

    /** A filesystem whose a_ops has migratepage (ext4's ext4_aops: buffer_migrate_page). */
    public static final AddressSpaceOperations WITH_MIGRATEPAGE = new AddressSpaceOperations("ext4_aops", true);

    /** A filesystem without migratepage: dirty pages cannot be migrated asynchronously. */
    public static final AddressSpaceOperations WITHOUT_MIGRATEPAGE = new AddressSpaceOperations("nomigrate_aops", false);

    /**
     * What a_ops reads as after the inode was freed with slab poisoning on: 0x6b6b6b6b6b6b6b6b.
     * Reading it is the use after free that KASAN/slub_debug would report; see {@link InodeCache}.
     */
    public static final AddressSpaceOperations POISON = new AddressSpaceOperations("POISON_FREE 0x6b6b6b6b6b6b6b6b", false);

    private final String name;
    /** a_ops->migratepage != NULL. */
    public final boolean migratepage;

    private AddressSpaceOperations(String name, boolean migratepage) {
        this.name = name;
        this.migratepage = migratepage;
    }

    @Override
    public String toString() {
        return name;
    }
}
