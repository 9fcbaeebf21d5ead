package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Small helpers shared by the mm tests. */
final class TestKernels {

    private TestKernels() {
    }

    /**
     * Three pageblocks, the last pfn of pageblocks 1 and 2 taken by an unmovable page ({@link Ballast}): v4.15
     * never compacts a zone of one pageblock (the scanners meet at once), nor one with a free
     * pageblock (compaction_suitable() answers COMPACT_SUCCESS). Files fill pageblock 0 from pfn 0,
     * the migrate scanner's; the free scanner takes its targets from pageblock 2 (never from
     * pageblock_end_pfn(cc->migrate_pfn) or below, so pageblock 1 is where the scanners meet).
     */
    static Kernel kernel(IsolationCheck check, InodeFreePolicy free) {
        return fragmented(KernelConfig.defaults().withNrPageblocks(3).withCheck(check).withFree(free));
    }

    /**
     * A kernel of {@code config} in which no pageblock but the first is free: the last pfn of every
     * other one is taken by an unmovable page ({@link Ballast}).
     */
    static Kernel fragmented(KernelConfig config) {
        Kernel k = new Kernel(config);
        for (int pb = 1; pb < k.zone.nrPageblocks(); pb++) {
            Ballast.occupy(k, k.cpu(0), (pb + 1) * Zone.PAGEBLOCK_NR_PAGES - 1);
        }
        return k;
    }

    /** Takes the LRU lock with IRQs off, as compaction does, around {@code body}. */
    static int underLruLock(Kernel k, Cpu cpu, java.util.function.IntSupplier body) {
        int flags = k.zone.lruLock.spinLockIrqsave(cpu);
        try {
            return body.getAsInt();
        } finally {
            k.zone.lruLock.spinUnlockIrqrestore(cpu, flags);
        }
    }

    static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** True if the latch opened within {@code millis}. */
    static boolean opensWithin(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
