package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point 1: Jan Kara's interleaving replayed step by step with latches at named points.
 *
 * <pre>
 * CPU0 (compaction, IRQs off, LRU lock)      CPU1 (truncate + unlink)
 * mapping = page_mapping(page)   [stop]
 *                                            delete_from_page_cache: page->mapping = NULL
 *                                            put_page (not the last ref: a pin holds it)
 *                                            evict -> destroy_inode (free per policy)
 * mapping->a_ops->migratepage    [go]        -> use after free?
 * </pre>
 */
class RaceReplayTest {

    /** The stage: one file of one dirty page that another user pins, and two CPU threads. */
    private static final class Stage implements AutoCloseable {
        final Kernel kernel;
        final Cpu cpu0;
        final Cpu cpu1;
        final FileWorkload workload;
        final FileWorkload.File file;
        final Page page;
        final CompactControl cc = new CompactControl();
        final CountDownLatch mappingRead = new CountDownLatch(1);
        final CountDownLatch releaseCompaction = new CountDownLatch(1);
        final CountDownLatch mappingCleared = new CountDownLatch(1);
        final CountDownLatch releaseTruncation = new CountDownLatch(1);
        final CountDownLatch destroyed = new CountDownLatch(1);
        final CountDownLatch freed = new CountDownLatch(1);
        final CountDownLatch compactionDone = new CountDownLatch(1);
        final AtomicBoolean compactionReleased = new AtomicBoolean();
        final AtomicReference<Boolean> cpu0IrqsOffAtFree = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile boolean stopTruncationAtMappingCleared;
        volatile boolean stopCompactionAtDirtyPage;
        final CountDownLatch dirtyPageReached = new CountDownLatch(1);
        final CountDownLatch releaseDirtyPage = new CountDownLatch(1);

        Stage(IsolationCheck check, InodeFreePolicy free) {
            kernel = TestKernels.kernel(check, free);
            cpu0 = kernel.cpu(0);
            cpu1 = kernel.cpu(1);
            workload = new FileWorkload(kernel, FileWorkload.Config.defaults(7).withPages(1, 1).withDirtyAndWriteback(1.0, 0).withPinnedFraction(1.0));
            file = workload.createFile(cpu1);
            page = file.inode().mapping().pageTree[0];
            assertThat(page.pageDirty()).isTrue();
            kernel.setHooks((point, cpu, p, inode) -> {
                switch (point) {
                    case ISOLATE_DIRTY_PAGE:
                        dirtyPageReached.countDown();
                        if (stopCompactionAtDirtyPage) {
                            TestKernels.await(releaseDirtyPage, "the test to let compaction check the page");
                        }
                        break;
                    case ISOLATE_MAPPING_READ:
                        mappingRead.countDown();
                        TestKernels.await(releaseCompaction, "the test to release compaction");
                        break;
                    case TRUNCATE_MAPPING_CLEARED:
                        mappingCleared.countDown();
                        if (stopTruncationAtMappingCleared) {
                            TestKernels.await(releaseTruncation, "the test to release truncation");
                        }
                        break;
                    case EVICT_DESTROY_INODE:
                        destroyed.countDown();
                        break;
                    case INODE_FREED:
                        cpu0IrqsOffAtFree.compareAndSet(null, cpu0.irqsDisabled() && !compactionReleased.get());
                        freed.countDown();
                        break;
                    default:
                        break;
                }
            });
        }

        Thread compaction() {
            return start("cpu0-compaction", cpu0, () -> {
                kernel.compaction.isolateMigratepages(cpu0, cc);
                compactionDone.countDown();
            });
        }

        Thread truncation() {
            return start("cpu1-truncate", cpu1, () -> workload.truncateAndEvict(cpu1, file));
        }

        /** Runs {@code body} on {@code cpu}; when the task is done its CPU idles, as a CPU with nothing to run does. */
        private Thread start(String name, Cpu cpu, Runnable body) {
            Thread t = new Thread(() -> {
                try {
                    body.run();
                    cpu.idleEnter();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, name);
            t.start();
            return t;
        }

        void releaseCompaction() {
            compactionReleased.set(true);
            releaseCompaction.countDown();
        }

        /** After both CPUs are done: migrate what was isolated, drain RCU, check invariants. */
        void finish(Thread... threads) throws InterruptedException {
            for (Thread t : threads) {
                t.join(10_000);
                assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
            }
            assertThat(failure.get()).as("no CPU failed").isNull();
            cpu0.idleExit();
            if (kernel.migrate.migratePages(cpu0, cc) != 0) {
                kernel.migrate.putbackMovablePages(cpu0, cc); // as compact_zone() does
            }
            cpu0.idleEnter(); // done compacting: an idle CPU holds no grace period
            kernel.rcuBarrierAll(cpu1);
            Invariants.check(kernel, workload, cc);
            assertThat(file.inode().isFreed()).as("the inode is freed in the end").isTrue();
        }

        @Override
        public void close() {
            kernel.close();
        }
    }

    @ParameterizedTest
    @EnumSource(InodeFreePolicy.class)
    void noCheckReadsTheMappingUnlocked(InodeFreePolicy free) throws Exception {
        try (Stage s = new Stage(IsolationCheck.NONE, free)) {
            Thread c = s.compaction();
            TestKernels.await(s.mappingRead, "compaction to read page->mapping");
            assertThat(s.cpu0.irqsDisabled()).as("CPU0 is inside its IRQ-off section").isTrue();
            assertThat(s.page.mapping()).as("mapping read while still set").isNotNull();

            Thread t = s.truncation();
            TestKernels.await(s.destroyed, "truncation to reach destroy_inode()");
            assertThat(s.page.mapping()).isNull();

            switch (free) {
                case IMMEDIATE:
                    assertThat(s.freed.getCount()).as("freed at once").isZero();
                    break;
                case PREEMPT_RCU_CONTRACT:
                    assertThat(TestKernels.opensWithin(s.freed, 5000))
                            .as("preemptible RCU's contract does not wait for CPU0's IRQ-off section").isTrue();
                    assertThat(s.cpu0IrqsOffAtFree.get()).as("freed while CPU0 still had IRQs off").isTrue();
                    break;
                case PREEMPT_RCU:
                case RCU_SCHED:
                case RCU_SCHED_PREEMPT:
                    // RCU-sched by contract (on either kernel); v4.15's preemptible RCU because CPU0 takes no tick.
                    assertThat(TestKernels.opensWithin(s.freed, 300))
                            .as(free + " holds the free while CPU0 has IRQs off").isFalse();
                    break;
                default:
                    throw new AssertionError(free);
            }

            s.releaseCompaction();
            TestKernels.await(s.compactionDone, "compaction to finish");
            boolean safe = InodeFreePolicy.isSafe(IsolationCheck.NONE, free);
            long expectedUaf = safe ? 0 : 1;
            assertThat(s.cc.uafDetected).as("use after free with " + free).isEqualTo(expectedUaf);
            assertThat(s.kernel.inodeCache.uafReports()).isEqualTo(expectedUaf);
            if (expectedUaf == 1) {
                assertThat(s.kernel.inodeCache.firstUafReport()).contains("use-after-free in __isolate_lru_page");
            }
            if (safe) {
                assertThat(TestKernels.opensWithin(s.freed, 5000)).as("freed once CPU0 left the section").isTrue();
                assertThat(s.cpu0IrqsOffAtFree.get()).as("the callback ran after CPU0 left its IRQ-off section").isFalse();
            }
            s.finish(c, t);
        }
    }

    /** The page lock taken first by compaction: truncation sleeps in lock_page() until it is dropped. */
    @ParameterizedTest
    @EnumSource(InodeFreePolicy.class)
    void pageLockHeldByCompactionKeepsTruncationOut(InodeFreePolicy free) throws Exception {
        for (IsolationCheck check : new IsolationCheck[] {IsolationCheck.PAGE_LOCK, IsolationCheck.PAGE_LOCK_V4_16}) {
            try (Stage s = new Stage(check, free)) {
                Thread c = s.compaction();
                TestKernels.await(s.mappingRead, "compaction to read page->mapping under the page lock");
                assertThat(s.page.pageLocked()).isTrue();
                Thread t = s.truncation();
                assertThat(TestKernels.opensWithin(s.mappingCleared, 300))
                        .as(check + ": truncation cannot clear page->mapping while compaction holds the page lock")
                        .isFalse();
                s.releaseCompaction();
                TestKernels.await(s.compactionDone, "compaction to finish");
                TestKernels.await(s.destroyed, "truncation to finish");
                assertThat(s.cc.uafDetected).as(check + "/" + free).isZero();
                assertThat(s.cc.skippedTrylock).isZero();
                s.finish(c, t);
            }
        }
    }

    /**
     * Jan's order with the fix: compaction passed the lockless checks while the mapping was set,
     * then truncation took the page lock and cleared the mapping; compaction's trylock fails and
     * it skips the page without reading the mapping.
     */
    @ParameterizedTest
    @EnumSource(InodeFreePolicy.class)
    void pageLockHeldByTruncationMakesCompactionSkip(InodeFreePolicy free) throws Exception {
        try (Stage s = new Stage(IsolationCheck.PAGE_LOCK, free)) {
            s.stopCompactionAtDirtyPage = true;
            s.stopTruncationAtMappingCleared = true;
            Thread c = s.compaction();
            TestKernels.await(s.dirtyPageReached, "compaction to reach the dirty page");
            Thread t = s.truncation();
            TestKernels.await(s.mappingCleared, "truncation to clear page->mapping");
            assertThat(s.page.pageLocked()).as("truncation holds the page lock").isTrue();
            s.releaseDirtyPage.countDown();
            TestKernels.await(s.compactionDone, "compaction to finish");
            assertThat(s.cc.skippedTrylock).isEqualTo(1);
            assertThat(s.cc.uafDetected).isZero();
            assertThat(s.mappingRead.getCount()).as("no mapping read without the lock").isEqualTo(1);
            s.releaseTruncation.countDown();
            TestKernels.await(s.destroyed, "truncation to finish");
            s.releaseCompaction();
            s.finish(c, t);
        }
    }

    @Test
    void withoutThePinTheFinalPutNeedsTheLruLockAndTheRaceCannotHappen() throws Exception {
        // Documents why the workload pins pages: truncation's last put (pagevec_release() ->
        // release_pages()) takes the LRU lock, which CPU0 holds during the whole window, so the
        // inode cannot be freed inside it.
        truncationNeedingTheLruLockCannotFreeTheInodeInsideTheWindow(
                FileWorkload.Config.defaults(7).withPages(1, 1).withDirtyAndWriteback(1.0, 0), false);
    }

    @Test
    void aTruncatingCpuWithPagesInItsPagevecNeedsTheLruLockAndTheRaceCannotHappen() throws Exception {
        // The page is pinned, but the truncating CPU has just written another file whose page
        // waits in its lru_add pagevec: the first pagevec_release() of the truncation drains it
        // (lru_add_drain()) under the LRU lock, after clearing page->mapping and before
        // destroy_inode(). Jan Kara's window needs a truncating CPU with an empty pagevec.
        truncationNeedingTheLruLockCannotFreeTheInodeInsideTheWindow(
                FileWorkload.Config.defaults(7).withPages(1, 1).withDirtyAndWriteback(1.0, 0).withPinnedFraction(1.0)
                        .withDrainAfterWrite(false), true);
    }

    private static void truncationNeedingTheLruLockCannotFreeTheInodeInsideTheWindow(FileWorkload.Config config,
                                                                                    boolean writeAnotherFile) throws Exception {
        try (Kernel k = TestKernels.kernel(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE)) {
            FileWorkload w = new FileWorkload(k, config);
            FileWorkload.File f = w.createFile(k.cpu(1));
            k.swap.lruAddDrain(k.cpu(1)); // f's page on the LRU, its mapping set
            if (writeAnotherFile) {
                w.createFile(k.cpu(1));
                assertThat(k.swap.lruAddPvecCount(k.cpu(1))).isEqualTo(1);
            }
            CountDownLatch read = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch destroyed = new CountDownLatch(1);
            k.setHooks((point, cpu, p, inode) -> {
                if (point == RacePoint.ISOLATE_MAPPING_READ) {
                    read.countDown();
                    TestKernels.await(go, "release");
                } else if (point == RacePoint.EVICT_DESTROY_INODE) {
                    destroyed.countDown();
                }
            });
            CompactControl cc = new CompactControl();
            Thread c = new Thread(() -> k.compaction.isolateMigratepages(k.cpu(0), cc));
            c.start();
            TestKernels.await(read, "mapping read");
            Thread t = new Thread(() -> w.truncateAndEvict(k.cpu(1), f));
            t.start();
            assertThat(TestKernels.opensWithin(destroyed, 300)).as("eviction waits for the LRU lock").isFalse();
            go.countDown();
            c.join();
            t.join();
            assertThat(cc.uafDetected).isZero();
        }
    }
}
