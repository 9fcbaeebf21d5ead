package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.SleepInAtomicError;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

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
            });
            waiter.start();
            assertThat(TestKernels.opensWithin(got, 200)).as("lock_page() must wait for the holder").isFalse();
            assertThat(page.testBit(Page.PG_WAITERS)).as("a sleeper sets PG_waiters").isTrue();
            Filemap.unlockPage(page);
            assertThat(TestKernels.opensWithin(got, 5000)).as("unlock_page() wakes the sleeper").isTrue();
            waiter.join();
            assertThat(page.pageLocked()).isFalse();
        }
    }
}
