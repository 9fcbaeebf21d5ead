package io.github.lrubench.mm;

import io.github.lrubench.kernel.Smp;

import java.util.Objects;

/**
 * How a simulated {@link Kernel} is built. Validated at construction: a bad value is rejected
 * with a message naming the field and its allowed range.
 *
 * @param nrCpus          simulated CPUs (threads that drive the model), 1..{@link Smp#MAX_CPUS}
 * @param nrPageblocks    zone size in 512-page pageblocks, 1..256
 * @param check           the isolation check (axis 1)
 * @param free            the inode free policy (axis 2)
 * @param inodeBytes      bytes one inode holds until freed: 576 (struct inode, v4.15 x86-64) or
 *                        1056 (ext4_inode_info); 64..65536
 * @param slabDebug       poison and quarantine freed inodes so every use after free is counted
 * @param quarantine      freed inodes held back from reuse in debug mode, 0..1_000_000
 * @param windowNs        extra delay between the mapping read and the a_ops dereference in
 *                        __isolate_lru_page() (a preempted vCPU), 0..1 s
 * @param migrateExtraNs  extra busy work per migrated page standing for what the Java model leaves
 *                        out of migration (unmap, TLB-flush IPIs, rmap walk), 0..1 s
 * @param lockBreakPfns   pfns scanned per LRU-lock hold: SWAP_CLUSTER_MAX (32) in the kernel; larger
 *                        values show why (longer IRQ-off sections), a power of two in 1..512
 * @param compactionWatermark compaction_suitable()'s order-0 parts (mm/compaction.c, v4.15), on
 *                        by default: a run only if the zone has its low (costly orders) or min
 *                        watermark plus compact_gap(order) free pages and, for a costly order, a
 *                        fragmentation index above sysctl_extfrag_threshold (else COMPACT_SKIPPED);
 *                        COMPACT_SUCCESS only if the free block leaves the min watermark. Off, a
 *                        run starts whenever no free block of the order is there: for the small
 *                        zones (a few pageblocks) of tests and of benchmarks that measure the
 *                        scanners, which v4.15 would not compact at a THP order (see README, Model)
 */
public record KernelConfig(int nrCpus, int nrPageblocks, IsolationCheck check, InodeFreePolicy free,
                           int inodeBytes, boolean slabDebug, int quarantine, long windowNs,
                           long migrateExtraNs, int lockBreakPfns, boolean compactionWatermark) {

    /** sizeof(struct inode) on x86-64, v4.15. */
    public static final int INODE_BYTES = 576;
    /** sizeof(struct ext4_inode_info) on x86-64, v4.15. */
    public static final int EXT4_INODE_BYTES = 1056;
    private static final long ONE_SECOND_NS = 1_000_000_000L;

    public KernelConfig {
        range("nrCpus", nrCpus, 1, Smp.MAX_CPUS);
        range("nrPageblocks", nrPageblocks, 1, 256);
        Objects.requireNonNull(check, "check must be one of NONE, PAGE_LOCK, PAGE_LOCK_V4_16");
        Objects.requireNonNull(free, "free must be one of " + java.util.Arrays.toString(InodeFreePolicy.values()));
        range("inodeBytes", inodeBytes, 64, 65536);
        range("quarantine", quarantine, 0, 1_000_000);
        range("windowNs", windowNs, 0, ONE_SECOND_NS);
        range("migrateExtraNs", migrateExtraNs, 0, ONE_SECOND_NS);
        range("lockBreakPfns", lockBreakPfns, 1, 512);
        if (Integer.bitCount(lockBreakPfns) != 1) {
            throw new IllegalArgumentException("lockBreakPfns must be a power of two in 1..512, was " + lockBreakPfns);
        }
    }

    /** Two CPUs, 8 pageblocks (16 MiB), the racy v4.15 kernel, slab debugging on, compaction_suitable() whole. */
    public static KernelConfig defaults() {
        return new KernelConfig(2, 8, IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE,
                INODE_BYTES, true, 1024, 0, 0, Compaction.SWAP_CLUSTER_MAX, true);
    }

    public KernelConfig withNrCpus(int v) {
        return new KernelConfig(v, nrPageblocks, check, free, inodeBytes, slabDebug, quarantine, windowNs, migrateExtraNs, lockBreakPfns, compactionWatermark);
    }

    public KernelConfig withNrPageblocks(int v) {
        return new KernelConfig(nrCpus, v, check, free, inodeBytes, slabDebug, quarantine, windowNs, migrateExtraNs, lockBreakPfns, compactionWatermark);
    }

    public KernelConfig withCheck(IsolationCheck v) {
        return new KernelConfig(nrCpus, nrPageblocks, v, free, inodeBytes, slabDebug, quarantine, windowNs, migrateExtraNs, lockBreakPfns, compactionWatermark);
    }

    public KernelConfig withFree(InodeFreePolicy v) {
        return new KernelConfig(nrCpus, nrPageblocks, check, v, inodeBytes, slabDebug, quarantine, windowNs, migrateExtraNs, lockBreakPfns, compactionWatermark);
    }

    public KernelConfig withInodeBytes(int v) {
        return new KernelConfig(nrCpus, nrPageblocks, check, free, v, slabDebug, quarantine, windowNs, migrateExtraNs, lockBreakPfns, compactionWatermark);
    }

    public KernelConfig withSlabDebug(boolean v, int quarantineObjects) {
        return new KernelConfig(nrCpus, nrPageblocks, check, free, inodeBytes, v, quarantineObjects, windowNs, migrateExtraNs, lockBreakPfns, compactionWatermark);
    }

    public KernelConfig withWindowNs(long v) {
        return new KernelConfig(nrCpus, nrPageblocks, check, free, inodeBytes, slabDebug, quarantine, v, migrateExtraNs, lockBreakPfns, compactionWatermark);
    }

    public KernelConfig withMigrateExtraNs(long v) {
        return new KernelConfig(nrCpus, nrPageblocks, check, free, inodeBytes, slabDebug, quarantine, windowNs, v, lockBreakPfns, compactionWatermark);
    }

    public KernelConfig withLockBreakPfns(int v) {
        return new KernelConfig(nrCpus, nrPageblocks, check, free, inodeBytes, slabDebug, quarantine, windowNs, migrateExtraNs, v, compactionWatermark);
    }

    public KernelConfig withCompactionWatermark(boolean v) {
        return new KernelConfig(nrCpus, nrPageblocks, check, free, inodeBytes, slabDebug, quarantine, windowNs, migrateExtraNs, lockBreakPfns, v);
    }

    private static void range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be in " + min + ".." + max + ", was " + value);
        }
    }
}
