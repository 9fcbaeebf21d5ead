package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.SleepInAtomicError;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Point 4: lock_page() may sleep, so it is a bug with IRQs off; trylock_page() is fine there. */
class PageLockTest {

    @Test
    void lockPageWithIrqsOffIsSleepingInAtomicContext() {
        try (Kernel k = TestKernels.kernel(IsolationCheck.PAGE_LOCK, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu = k.cpu(0);
            Page page = k.zone.pfnToPage(3);
            int flags = cpu.localIrqSave();
            try {
                assertThatThrownBy(() -> Filemap.lockPage(cpu, page))
                        .isInstanceOf(SleepInAtomicError.class)
                        .hasMessageContaining("sleeping function called from invalid context")
                        .hasMessageContaining("lock_page()")
                        .hasMessageContaining("irqs_disabled(): 1");
                assertThat(page.pageLocked()).as("the failed lock_page() must not have taken the lock").isFalse();
                assertThat(Filemap.trylockPage(page)).as("trylock_page() with IRQs off").isTrue();
                assertThat(Filemap.trylockPage(page)).as("second trylock fails").isFalse();
                Filemap.unlockPage(page);
                assertThat(page.pageLocked()).isFalse();
            } finally {
                cpu.localIrqRestore(flags);
            }
        }
    }

    @Test
    void lockPageUnderSpinlockIsAlsoCaught() {
        try (Kernel k = TestKernels.kernel(IsolationCheck.PAGE_LOCK, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu = k.cpu(0);
            assertThatThrownBy(() -> TestKernels.underLruLock(k, cpu, () -> {
                Filemap.lockPage(cpu, k.zone.pfnToPage(0));
                return 0;
            })).isInstanceOf(SleepInAtomicError.class);
            assertThat(cpu.irqsDisabled()).as("IRQs restored by the unlock").isFalse();
        }
    }

    /** Safety net for the waits below; each normally ends within milliseconds. */
    private static final Duration CAP = Duration.ofSeconds(10);

    @Test
    void lockPageSleepsUntilTheHolderUnlocksAndWakesIt() throws Exception {
        try (Kernel k = TestKernels.kernel(IsolationCheck.PAGE_LOCK, InodeFreePolicy.IMMEDIATE)) {
            Page page = k.zone.pfnToPage(7);
            assertThat(Filemap.trylockPage(page)).isTrue();
            CountDownLatch got = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                Filemap.lockPage(k.cpu(1), page);
                got.countDown();
                Filemap.unlockPage(page);
            }, "lock_page-waiter");
            waiter.start();
            // Asleep on the page's wait queue (PG_waiters set, thread waiting), or already through.
            awaitCondition("the waiter sleeps on the page or returns", () -> {
                Thread.State st = waiter.getState();
                return st == Thread.State.TERMINATED || page.testBit(Page.PG_WAITERS)
                        && (st == Thread.State.WAITING || st == Thread.State.TIMED_WAITING);
            });
            assertThat(got.getCount()).as("lock_page() must wait for the holder").isEqualTo(1);
            assertThat(page.testBit(Page.PG_WAITERS)).as("a sleeper sets PG_waiters").isTrue();
            Filemap.unlockPage(page);
            assertThat(TestKernels.opensWithin(got, CAP.toMillis())).as("unlock_page() wakes the sleeper").isTrue();
            waiter.join(CAP.toMillis());
            assertThat(waiter.isAlive()).as("the waiter unlocked and returned").isFalse();
            assertThat(page.pageLocked()).isFalse();
        }
    }

    private static void awaitCondition(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + CAP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + CAP + ": " + what);
            }
            LockSupport.parkNanos(100_000);
        }
    }
}
