package io.github.lrubench.hostkernel;

/**
 * Who compacts on the host kernel, and in which migration mode. v4.15's isolate_migratepages()
 * sets ISOLATE_ASYNC_MIGRATE, and with it runs the page-lock check on every dirty page the migrate
 * scanner reaches, whenever {@code cc->mode != MIGRATE_SYNC} (mm/compaction.c, v4.15); modern
 * kernels keep that line. So the check runs in {@link #DIRECT_ASYNC} and {@link #SYNC_LIGHT} and
 * never in {@link #SYNC}.
 */
public enum CompactionMode {
    /** A write to /proc/sys/vm/compact_memory: compact_nodes(), MIGRATE_SYNC, every zone. */
    SYNC("MIGRATE_SYNC (compact_memory)", "MIGRATE_SYNC: runs no check", false),
    /** Direct compaction for a THP fault in a MADV_HUGEPAGE region: MIGRATE_ASYNC. */
    DIRECT_ASYNC("direct MIGRATE_ASYNC (THP fault)", "direct async compaction for a THP fault", true),
    /** kcompactd's proactive compaction (compaction_proactiveness, 5.9+): MIGRATE_SYNC_LIGHT. */
    SYNC_LIGHT("kcompactd MIGRATE_SYNC_LIGHT (proactive)", "kcompactd's proactive sync-light compaction", true);

    private final String label;
    private final String description;
    private final boolean runsCheck;

    CompactionMode(String label, String description, boolean runsCheck) {
        this.label = label;
        this.description = description;
        this.runsCheck = runsCheck;
    }

    /** How a table names it. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Whether isolation in this mode runs the page-lock check (ISOLATE_ASYNC_MIGRATE). */
    public boolean runsCheck() {
        return runsCheck;
    }
}
