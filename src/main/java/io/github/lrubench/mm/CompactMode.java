package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.Delay;

/**
 * Who compacts, and so with which {@code struct compact_control} (mm/internal.h, v4.15): the
 * migration mode, the order, and whether it is direct compaction. The three callers of
 * compact_zone() in v4.15 (mm/compaction.c) set them as follows, and the mode alone decides what
 * the isolation path does:
 *
 * <pre>
 * caller                                   cc->mode            cc->order   direct  isolate_mode (isolate_migratepages())
 * try_to_compact_pages()/compact_zone_order() MIGRATE_ASYNC    alloc order  yes    ISOLATE_ASYNC_MIGRATE
 *   (prio COMPACT_PRIO_ASYNC, the first try)
 * kcompactd_do_work()                      MIGRATE_SYNC_LIGHT  kcompactd_max_order no ISOLATE_ASYNC_MIGRATE
 * compact_node() (/proc/sys/vm/compact_memory) MIGRATE_SYNC    -1           no     0
 * </pre>
 *
 * {@code (cc->mode != MIGRATE_SYNC ? ISOLATE_ASYNC_MIGRATE : 0)} (isolate_migratepages(), since
 * v4.7): the dirty-page check of __isolate_lru_page(), and with it Jan Kara's race and both fixes,
 * runs in direct async compaction <em>and</em> in kcompactd's sync-light compaction; only
 * compact_memory's full sync compaction never reads the mapping there.
 *
 * <p>Direct compaction never runs for order 0 in v4.15: {@code __alloc_pages_direct_compact()}
 * starts with {@code if (!order) return NULL;}. Its small-order case here is order 3,
 * PAGE_ALLOC_COSTLY_ORDER, the largest order the allocator keeps retrying for (slab pages, network
 * buffers). Direct compaction escalates to MIGRATE_SYNC_LIGHT on retries (should_compact_retry());
 * that case isolates like kcompactd and migrates like it except that it never sleeps in
 * lock_page() (PF_MEMALLOC); it is not a separate mode here.
 */
public enum CompactMode {
    /**
     * Direct compaction for a THP allocation (order 9, HPAGE_PMD_ORDER: one pageblock), async: the
     * LRU lock only trylocked, contention ends the compaction, and {@code skip_on_failure}: one
     * page that cannot be isolated or migrated costs its whole 2 MiB block.
     */
    DIRECT_ASYNC_ORDER9(MigrateMode.ASYNC, 9, true, Zone.MIGRATE_MOVABLE, false, "direct-compact-thp"),
    /**
     * Direct async compaction for an order-3 allocation (PAGE_ALLOC_COSTLY_ORDER): blocks of 8
     * pages. Taken as a movable request, as the THP one (a slab or network-buffer allocation would
     * be MIGRATE_UNMOVABLE, and async direct compaction would then scan only unmovable pageblocks).
     */
    DIRECT_ASYNC_ORDER3(MigrateMode.ASYNC, 3, true, Zone.MIGRATE_MOVABLE, false, "direct-compact-order3"),
    /**
     * kcompactd woken by kswapd for a THP-order allocation: MIGRATE_SYNC_LIGHT, spin_lock_irqsave()
     * on the LRU lock, no skip_on_failure, and migration may sleep in lock_page() on its forced
     * passes.
     */
    KCOMPACTD_SYNC_LIGHT(MigrateMode.SYNC_LIGHT, 9, false, Zone.MIGRATE_UNMOVABLE, false, "kcompactd0"),
    /**
     * A write to /proc/sys/vm/compact_memory: compact_node(), MIGRATE_SYNC, order -1, the whole
     * zone. No ISOLATE_ASYNC_MIGRATE: no writeback or dirty-page check in __isolate_lru_page(), so
     * no mapping read and no race; migration waits for writeback and writes dirty pages out.
     */
    COMPACT_MEMORY_SYNC(MigrateMode.SYNC, -1, false, Zone.MIGRATE_UNMOVABLE, true, "sysctl-compact_memory");

    /**
     * The time a task that compacts on its way (a THP fault, an allocation, a write to
     * compact_memory) spends in user space before it compacts again: the faulting process
     * touching each 4 KiB page of the 2 MiB it asked for once (512 pages, about 200 ns each). An
     * assumption, not a measurement: it sets how often a tick lands in user mode.
     */
    public static final long USER_PHASE_NANOS = 100_000;

    /**
     * What the compacting task does once a compact_zone() run has ended, before the next one.
     * try_to_compact_pages() (mm/compaction.c, v4.15) has no further zone to try in the model
     * (it would stop anyway on {@code prio == COMPACT_PRIO_ASYNC && need_resched()}). Direct
     * compaction's fault or allocation falls back and returns to user space, as compact_memory's
     * write() does: prepare_exit_to_usermode() (a schedule() first if need_resched is set), a
     * user-mode phase of {@code userNanos} in which a tick is a quiescent state for every flavour,
     * and the next fault or system call. kcompactd sleeps: kcompactd() waits in
     * wait_event_freezable() (mm/compaction.c, v4.15) for kswapd's next wakeup_kcompactd(), a
     * schedule() and so a context switch; the model's kswapd wakes it at once.
     */
    public void betweenCompactions(Cpu cpu, long userNanos) {
        if (this == KCOMPACTD_SYNC_LIGHT) {
            cpu.noteContextSwitch();
            return;
        }
        cpu.exitToUserMode();
        Delay.ndelay(userNanos);
        cpu.enterFromUserMode();
    }

    /** enum migrate_mode (include/linux/migrate_mode.h, v4.15), without MIGRATE_SYNC_NO_COPY. */
    public enum MigrateMode {
        ASYNC, SYNC_LIGHT, SYNC
    }

    private final MigrateMode migrateMode;
    private final int order;
    private final boolean direct;
    private final int migratetype;
    private final boolean ignoreSkipHint;
    private final String taskName;

    CompactMode(MigrateMode migrateMode, int order, boolean direct, int migratetype, boolean ignoreSkipHint, String taskName) {
        this.migrateMode = migrateMode;
        this.order = order;
        this.direct = direct;
        this.migratetype = migratetype;
        this.ignoreSkipHint = ignoreSkipHint;
        this.taskName = taskName;
    }

    /**
     * cc->migratetype, gfpflags_to_migratetype(cc->gfp_mask) (include/linux/gfp.h, v4.15): a THP
     * fault's GFP_TRANSHUGE has __GFP_MOVABLE; kcompactd_do_work() and compact_node() compact with
     * GFP_KERNEL, MIGRATE_UNMOVABLE. It decides which pageblocks async direct compaction scans
     * (suitable_migration_source()) and which free blocks end a compaction (__compact_finished()).
     */
    public int migratetype() {
        return migratetype;
    }

    /**
     * cc->ignore_skip_hint (mm/compaction.c, v4.15): compact_zone_order() sets it only at
     * MIN_COMPACT_PRIORITY, never for the async first try; kcompactd_do_work() sets it false (since
     * "mm, compaction: kcompactd should not ignore pageblock skip", merged for v4.15);
     * compact_node() sets it true. cc->no_set_skip_hint is false in all three (only
     * alloc_contig_range() sets it): every mode sets skip bits.
     */
    public boolean ignoreSkipHint() {
        return ignoreSkipHint;
    }

    /** cc->mode. */
    public MigrateMode migrateMode() {
        return migrateMode;
    }

    /** cc->order; -1 for compact_memory ({@code is_via_compact_memory()}). */
    public int order() {
        return order;
    }

    /** cc->direct_compaction: compaction in the allocating task's context (PF_MEMALLOC set). */
    public boolean direct() {
        return direct;
    }

    /** isolate_mode & ISOLATE_ASYNC_MIGRATE, as isolate_migratepages() (v4.15) sets it. */
    public boolean isolateAsyncMigrate() {
        return migrateMode != MigrateMode.SYNC;
    }

    /**
     * {@code skip_on_failure} of isolate_migratepages_block() (v4.15):
     * {@code cc->direct_compaction && (cc->mode == MIGRATE_ASYNC)}.
     */
    public boolean skipOnFailure() {
        return direct && migrateMode == MigrateMode.ASYNC;
    }

    /** What runs it, to name the thread that drives a compacting CPU. */
    public String taskName() {
        return taskName;
    }
}
