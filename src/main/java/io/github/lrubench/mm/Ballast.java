package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

/**
 * Setup for a zone that compaction has a reason to compact: an unmovable, long-lived allocation (a
 * page table, a slab page, a driver's buffer) at a chosen pfn. v4.15 compacts only a fragmented
 * zone: compact_zone() returns COMPACT_SUCCESS at once if a free block of cc->order is already
 * there (compaction_suitable()), and a zone of one pageblock is never compacted at all (the free
 * scanner starts in the migrate scanner's pageblock, so the scanners have met before they start).
 * A test or a race stress whose files fill the low pfns of a fresh zone leaves its upper
 * pageblocks wholly free; one such page in each makes the zone one an allocation of that order
 * has to compact, as a real zone after long uptime is (an unmovable page that fell back into a
 * movable pageblock).
 *
 * <p>The page is not on the LRU and has no mapping: the migrate scanner passes it by (!PageLRU,
 * isolate_fail), and it is never freed. {@link Invariants} accounts it as such.
 */
public final class Ballast {

    private Ballast() {
    }

    /** Takes free {@code pfn} for good; returns its page (refcount 1). */
    public static Page occupy(Kernel kernel, Cpu cpu, int pfn) {
        return kernel.zone.allocBallast(cpu, pfn);
    }

    /** Occupies the zone's last pfn: the top pageblock of a zone whose low pfns are in use is then not free. */
    public static Page occupyLastPage(Kernel kernel, Cpu cpu) {
        return occupy(kernel, cpu, kernel.zone.nrPages() - 1);
    }

    /**
     * Occupies the last pfn of every wholly free {@code 1 << order} block, so that
     * compaction_suitable() finds no free block of that order (or above) and compacts.
     */
    public static void noFreeBlockOfOrder(Kernel kernel, Cpu cpu, int order) {
        Zone zone = kernel.zone;
        java.util.BitSet free = new java.util.BitSet();
        for (int pfn : zone.freePfnsSnapshot()) {
            free.set(pfn);
        }
        int size = 1 << order;
        for (int start = 0; start < zone.nrPages(); start += size) {
            if (free.nextClearBit(start) >= start + size) {
                occupy(kernel, cpu, start + size - 1);
            }
        }
    }
}
