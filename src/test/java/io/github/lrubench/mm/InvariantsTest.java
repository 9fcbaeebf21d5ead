package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.rcu.Mutations;
import io.github.lrubench.rcu.RcuConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Point 6: the "nothing lost" checker catches planted violations, each named by pfn or inode, and
 * passes a clean model (so it is not a checker that always throws).
 */
class InvariantsTest {

    private static final FileWorkload.Config FILES = FileWorkload.Config.defaults(11).withPages(2, 4).withWritebackFraction(0.1);

    @Test
    void cleanModelPasses() {
        try (Kernel k = TestKernels.kernel(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu0 = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FILES);
            w.populate(cpu0, 64);
            w.populateAnon(cpu0, 16);
            CompactControl cc = new CompactControl();
            k.compaction.isolateMigratepages(cpu0, cc); // leave pages isolated: they count too
            assertThat(cc.nrMigratepages()).isPositive();
            assertThatCode(() -> Invariants.check(k, w, cc)).doesNotThrowAnyException();
            k.migrate.putbackMovablePages(cpu0, cc);
            assertThatCode(() -> Invariants.check(k, w, cc)).doesNotThrowAnyException();
            cpu0.idleEnter();
        }
    }

    @Test
    void pageDroppedFromTheLruWithoutIsolationIsLost() {
        try (Kernel k = TestKernels.kernel(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu0 = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FILES);
            FileWorkload.File f = w.createFile(cpu0);
            Page page = f.inode().mapping().pageTree[1];
            Invariants.check(k, w);
            // Off the list and PG_lru cleared, but on nobody's isolated list: a leaked page.
            int flags = k.zone.lruLock.spinLockIrqsave(cpu0);
            try {
                k.zone.delPageFromLruList(page);
                page.clearBit(Page.PG_LRU);
            } finally {
                k.zone.lruLock.spinUnlockIrqrestore(cpu0, flags);
            }
            assertThatThrownBy(() -> Invariants.check(k, w))
                    .isInstanceOf(InvariantViolation.class)
                    .hasMessageContaining("pfn " + page.pfn() + " is lost");
            cpu0.idleEnter();
        }
    }

    @Test
    void refcountLeakNamesThePfn() {
        try (Kernel k = TestKernels.kernel(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu0 = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FILES);
            FileWorkload.File f = w.createFile(cpu0);
            Page page = f.inode().mapping().pageTree[0];
            Invariants.check(k, w);
            page.getPage(); // a reference nobody will ever put
            assertThatThrownBy(() -> Invariants.check(k, w))
                    .isInstanceOf(InvariantViolation.class)
                    .hasMessageContaining("pfn " + page.pfn() + " has refcount 2, expected 1");
            cpu0.idleEnter();
        }
    }

    @Test
    void aPageInAPagevecIsAccountedWithItsReference() {
        try (Kernel k = TestKernels.kernel(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu0 = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FILES.withDrainAfterWrite(false));
            FileWorkload.File f = w.createFile(cpu0);
            Page page = f.inode().mapping().pageTree[0];
            assertThat(page.pageLru()).as("still in CPU 0's lru_add pagevec").isFalse();
            assertThatCode(() -> Invariants.check(k, w)).as("neither on the LRU nor lost").doesNotThrowAnyException();
            page.putPageTestzero(); // the pagevec's reference dropped behind its back
            assertThatThrownBy(() -> Invariants.check(k, w))
                    .isInstanceOf(InvariantViolation.class)
                    .hasMessageContaining("pfn " + page.pfn() + " has refcount 1, expected 2")
                    .hasMessageContaining("pagevec 1");
            cpu0.idleEnter();
        }
    }

    @Test
    void callbackRunBeforeItsGracePeriodIsCaught() {
        assertThatThrownBy(() -> evictWhileCpu0HasIrqsOff(Mutations.NO_WAIT))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("before their grace period");
    }

    @Test
    void theSameSequenceWithACorrectEnginePasses() {
        assertThatCode(() -> evictWhileCpu0HasIrqsOff(RcuConfig.Mutation.NONE)).doesNotThrowAnyException();
    }

    /**
     * CPU 0 sits in an IRQ-off section (an RCU-sched reader, as compaction under the LRU lock)
     * while CPU 1 evicts a file with call_rcu_sched(). A correct engine holds the free until CPU 0
     * leaves; a NO_WAIT engine frees at once, which the engine's oracle counts and the checker
     * reports.
     */
    private static void evictWhileCpu0HasIrqsOff(RcuConfig.Mutation mutation) {
        KernelConfig kc = KernelConfig.defaults().withNrPageblocks(1).withFree(InodeFreePolicy.RCU_SCHED);
        try (Kernel k = new Kernel(kc, RcuConfig.defaults().withMutation(mutation))) {
            Cpu cpu0 = k.cpu(0);
            Cpu cpu1 = k.cpu(1);
            FileWorkload w = new FileWorkload(k, FILES);
            FileWorkload.File f = w.createFile(cpu1);
            w.createFile(cpu1);
            int flags = cpu0.localIrqSave();
            try {
                w.truncateAndEvict(cpu1, f);
                // The truncating task is done: CPU 1 idles, and the tick it keeps for its callback
                // starts the grace period (v4.15 starts it at the queuing CPU's next tick).
                cpu1.idleEnter();
                long deadline = System.nanoTime() + (mutation == RcuConfig.Mutation.NONE ? 200 : 5_000) * 1_000_000L;
                while (k.vfs().inodesFreed() == 0 && System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                }
                if (mutation == RcuConfig.Mutation.NONE) {
                    assertThat(k.vfs().inodesFreed()).as("freed while CPU 0 had IRQs off").isZero();
                } else {
                    assertThat(k.vfs().inodesFreed()).as("the broken engine ran the callback").isEqualTo(1);
                }
            } finally {
                cpu0.localIrqRestore(flags);
            }
            // CPU 0 is done: idle, so it holds no grace period (an online CPU that never reports
            // a quiescent state would hold the barrier's grace period forever).
            cpu0.idleEnter();
            k.rcuBarrierAll(cpu1);
            assertThat(k.vfs().inodesFreed()).isEqualTo(1);
            Invariants.check(k, w);
            cpu1.idleEnter();
        }
    }
}
