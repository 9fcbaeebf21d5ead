package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compaction's modes as v4.15 runs them (mm/compaction.c, mm/vmscan.c, mm/migrate.c): direct
 * async compaction's skip_on_failure and its abort on contention, which mode runs the isolation
 * check, and what sync-light and sync migration do that async does not.
 */
class CompactModeTest {

    /**
     * One pageblock whose first 16 pfns hold 16 one-page files, clean and migratable, except pfn 3,
     * under writeback: the one page async isolation refuses. The rest of the pageblock is free.
     */
    private static final class Block implements AutoCloseable {
        final Kernel k = TestKernels.fragmented(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(3));
        final Cpu cpu = k.cpu(0);
        final FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(0, 0));

        Block() {
            for (int i = 0; i < 16; i++) {
                assertThat(w.createFile(cpu).inode().mapping().pageAt(0).pfn()).isEqualTo(i);
            }
            k.zone.pfnToPage(3).setBit(Page.PG_WRITEBACK);
            assertThat(k.zone.nrLruPages()).isEqualTo(16);
        }

        List<Integer> isolatedPfns(CompactControl cc) {
            List<Integer> pfns = new ArrayList<>();
            cc.forEachIsolated(p -> pfns.add(p.pfn()));
            pfns.sort(null);
            return pfns;
        }

        @Override
        public void close() {
            cpu.idleEnter();
            k.close();
        }
    }

    @Test
    void skipOnFailurePutsBackTheBlockAndSkipsItsRest() {
        try (Block b = new Block()) {
            CompactControl cc = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER3);
            int next = b.k.compaction.isolateMigratepagesBlock(b.cpu, cc, 0, Zone.PAGEBLOCK_NR_PAGES);
            // pfns 0-2 isolated, pfn 3 refused: 0-2 go back, 4-7 are never looked at; the next
            // 8-page block is isolated whole and migrated before anything else is scanned.
            assertThat(cc.skippedWriteback).isEqualTo(1);
            assertThat(cc.putBackOnFailure).as("pages put back").isEqualTo(3);
            assertThat(cc.blocksSkipped).as("blocks skipped").isEqualTo(1);
            assertThat(b.isolatedPfns(cc)).containsExactly(8, 9, 10, 11, 12, 13, 14, 15);
            assertThat(next).isEqualTo(16);
            assertThat(cc.scanned).as("pfns looked at").isEqualTo(4 + 8);
            for (int pfn = 4; pfn < 8; pfn++) {
                assertThat(b.k.zone.pfnToPage(pfn).pageLru()).as("pfn " + pfn + " untouched").isTrue();
            }
            // putback_lru_page(): into this CPU's pagevec, not yet back on the LRU.
            assertThat(b.k.swap.lruAddPvecCount(b.cpu)).isEqualTo(3);
            Invariants.check(b.k, b.w, cc);
        }
    }

    @Test
    void aThpAllocationLosesTheWholePageblockToOneRefusedPage() {
        try (Block b = new Block()) {
            CompactControl cc = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9);
            int next = b.k.compaction.isolateMigratepagesBlock(b.cpu, cc, 0, Zone.PAGEBLOCK_NR_PAGES);
            assertThat(cc.putBackOnFailure).isEqualTo(3);
            assertThat(cc.blocksSkipped).isEqualTo(1);
            assertThat(cc.nrMigratepages()).isZero();
            assertThat(next).as("the rest of the pageblock skipped").isEqualTo(Zone.PAGEBLOCK_NR_PAGES);
            assertThat(cc.scanned).isEqualTo(4);
            Invariants.check(b.k, b.w, cc);
        }
    }

    @Test
    void kcompactdSkipsOnlyTheRefusedPage() {
        try (Block b = new Block()) {
            CompactControl cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
            b.k.compaction.isolateMigratepagesBlock(b.cpu, cc, 0, Zone.PAGEBLOCK_NR_PAGES);
            assertThat(cc.skippedWriteback).isEqualTo(1);
            assertThat(cc.putBackOnFailure + cc.blocksSkipped).isZero();
            assertThat(b.isolatedPfns(cc)).hasSize(15).doesNotContain(3);
            Invariants.check(b.k, b.w, cc);
        }
    }

    @Test
    void lruLockContentionEndsAWholeDirectCompaction() {
        try (Block b = new Block()) {
            Cpu other = b.k.cpu(1);
            CompactControl cc = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9);
            int flags = b.k.zone.lruLock.spinLockIrqsave(other);
            try {
                assertThat(b.k.compaction.compactPass(b.cpu, cc)).isZero();
            } finally {
                b.k.zone.lruLock.spinUnlockIrqrestore(other, flags);
            }
            assertThat(cc.lockContended).isEqualTo(1);
            assertThat(cc.compactions).as("compact_zone() returned").isEqualTo(1);
            assertThat(cc.compactionsContended).as("COMPACT_CONTENDED").isEqualTo(1);
            assertThat(cc.inCompactZone).isFalse();
            assertThat(cc.nrMigratepages()).isZero();
            // The next rounds make a new compaction, from the zone's cached pfn (nothing moved it);
            // pfn 3 costs it pageblock 0, which gets its skip bit; the scanners meet at
            // pageblock 1 (the free scanner's is 2): COMPACT_COMPLETE.
            for (int i = 0; i < 10 && cc.compactions == 1; i++) {
                b.k.compaction.compactPass(b.cpu, cc);
            }
            assertThat(cc.compactions).isEqualTo(2);
            assertThat(cc.compactionsComplete).isEqualTo(1);
            assertThat(cc.blocksSkipped).isPositive();
            assertThat(b.k.zone.pageblockSkip(0)).isTrue();
            Invariants.check(b.k, b.w, cc);
        }
    }

    @Test
    void kcompactdSpinsOnTheLruLockInsteadOfGivingUp() throws Exception {
        try (Block b = new Block()) {
            Cpu other = b.k.cpu(1);
            CompactControl cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            int flags = b.k.zone.lruLock.spinLockIrqsave(other);
            Thread t;
            try {
                t = new Thread(() -> {
                    try {
                        b.k.compaction.compactPass(b.cpu, cc);
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                    done.countDown();
                }, "cpu0-kcompactd0");
                t.start();
                assertThat(TestKernels.opensWithin(done, 300)).as("spin_lock_irqsave() waits").isFalse();
            } finally {
                b.k.zone.lruLock.spinUnlockIrqrestore(other, flags);
            }
            TestKernels.await(done, "kcompactd's round");
            t.join();
            assertThat(failure.get()).isNull();
            assertThat(cc.lockContended + cc.compactionsContended).isZero();
            assertThat(cc.migrated).isEqualTo(15);
        }
    }

    static Stream<Arguments> modesAndChecks() {
        return Stream.of(CompactMode.values())
                .flatMap(m -> Stream.of(IsolationCheck.values()).map(c -> Arguments.of(m, c)));
    }

    /**
     * {@code cc->mode != MIGRATE_SYNC ? ISOLATE_ASYNC_MIGRATE : 0}: the writeback and dirty-page
     * branch of __isolate_lru_page(), and with it the mapping read the race is about, runs in
     * direct async and kcompactd's sync-light compaction, never in compact_memory's sync one.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndChecks")
    void theModeDecidesWhetherTheCheckRuns(CompactMode mode, IsolationCheck check) {
        try (Kernel k = TestKernels.kernel(check, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(1.0, 0)
                    .withNoMigratepageFraction(1.0));
            Page dirty = w.createFile(cpu).inode().mapping().pageAt(0);
            Page writeback = new FileWorkload(k, FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(0, 1.0))
                    .createFile(cpu).inode().mapping().pageAt(0);
            AtomicInteger mappingReads = new AtomicInteger();
            k.setHooks((point, c, p, inode) -> {
                if (point == RacePoint.ISOLATE_MAPPING_READ) {
                    mappingReads.incrementAndGet();
                }
            });
            CompactControl cc = new CompactControl(mode);
            int rcDirty = TestKernels.underLruLock(k, cpu, () -> k.vmscan.isolateLruPage(cpu, dirty, cc));
            int rcWriteback = TestKernels.underLruLock(k, cpu, () -> k.vmscan.isolateLruPage(cpu, writeback, cc));
            if (mode.isolateAsyncMigrate()) {
                assertThat(rcDirty).as("dirty page of a filesystem without migratepage").isEqualTo(Vmscan.EBUSY);
                assertThat(rcWriteback).isEqualTo(Vmscan.EBUSY);
                assertThat(cc.dirtyChecked).isEqualTo(1);
                assertThat(cc.skippedNoMigratepage).isEqualTo(1);
                assertThat(cc.skippedWriteback).isEqualTo(1);
                assertThat(mappingReads).hasValue(1);
            } else {
                assertThat(rcDirty).as("isolated without looking at its mapping").isZero();
                assertThat(rcWriteback).isZero();
                assertThat(cc.dirtyChecked + cc.skippedNoMigratepage + cc.skippedWriteback + cc.skippedTrylock).isZero();
                assertThat(mappingReads).hasValue(0);
                assertThat(dirty.pageLru()).isFalse();
            }
            cpu.idleEnter();
        }
    }

    /** A page whose lock somebody holds: which migration modes wait for it. */
    @ParameterizedTest
    @EnumSource(CompactMode.class)
    void onlyKcompactdAndCompactMemorySleepInLockPageOnForcedPasses(CompactMode mode) throws Exception {
        try (Kernel k = TestKernels.fragmented(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(3))) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(0, 0));
            Page page = w.createFile(cpu).inode().mapping().pageAt(0);
            // No free block of the mode's order, or compaction_suitable() would not let it compact.
            Ballast.noFreeBlockOfOrder(k, cpu, mode.order() > 0 ? mode.order() : Zone.PAGEBLOCK_ORDER);
            assertThat(Filemap.trylockPage(page)).isTrue(); // e.g. a reader or truncation holds it
            CompactControl cc = new CompactControl(mode);
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    k.compaction.compactPass(cpu, cc);
                } catch (Throwable e) {
                    failure.set(e);
                }
                done.countDown();
            }, "cpu0-" + mode.taskName());
            t.start();
            boolean sleeps = !mode.direct();
            try {
                assertThat(TestKernels.opensWithin(done, sleeps ? 300 : 10_000))
                        .as(mode + (sleeps ? " sleeps in lock_page()" : " gives up after ten trylocks")).isEqualTo(!sleeps);
            } finally {
                Filemap.unlockPage(page);
            }
            TestKernels.await(done, "the compaction round");
            t.join();
            assertThat(failure.get()).isNull();
            if (sleeps) {
                assertThat(cc.migrated).isEqualTo(1);
            } else {
                assertThat(cc.migrated).isZero();
                assertThat(cc.migrateFailed).as("-EAGAIN ten times").isEqualTo(1);
                assertThat(cc.blocksSkippedMigrateFailed).as("rest of the order-aligned block skipped").isEqualTo(1);
            }
            k.swap.lruAddDrainAll(cpu);
            Invariants.check(k, w, cc);
            cpu.idleEnter();
        }
    }

    /**
     * compact_memory's MIGRATE_SYNC isolates a dirty page of a filesystem without migratepage,
     * writes it out (writeout(): -EAGAIN), waits for the writeback on a forced pass and migrates
     * it clean; async and sync-light compaction never isolate it.
     */
    @Test
    void syncCompactionWritesADirtyPageOutAndMigratesIt() {
        try (Kernel k = TestKernels.fragmented(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(3))) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(1.0, 0)
                    .withNoMigratepageFraction(1.0));
            FileWorkload.File f = w.createFile(cpu);
            Page before = f.inode().mapping().pageAt(0);
            CompactControl cc = new CompactControl(CompactMode.COMPACT_MEMORY_SYNC);
            k.compaction.compactPass(cpu, cc);
            Page after = f.inode().mapping().pageAt(0);
            assertThat(cc.migrated).isEqualTo(1);
            assertThat(after).isNotSameAs(before);
            assertThat(after.pageDirty()).as("written out").isFalse();
            assertThat(after.pageWriteback()).isFalse();
            k.swap.lruAddDrain(cpu);
            Invariants.check(k, w, cc);
            w.verifyContents();
            cpu.idleEnter();
        }
    }
}
