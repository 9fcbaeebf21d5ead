package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Small helpers shared by the mm tests. */
final class TestKernels {

    private TestKernels() {
    }

    static Kernel kernel(IsolationCheck check, InodeFreePolicy free) {
        return new Kernel(KernelConfig.defaults().withNrPageblocks(1).withCheck(check).withFree(free));
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
