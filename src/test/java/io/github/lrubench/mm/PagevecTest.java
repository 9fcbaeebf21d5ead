package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-CPU lru_add pagevecs and release_pages() (mm/swap.c, v4.15): pages reach the LRU a
 * pagevec at a time, under one LRU-lock hold, and are never lost on the way; release_pages()
 * takes the lock once for a batch of last references.
 */
class PagevecTest {

    /** One-page clean files whose pages stay in the writer's pagevec. */
    private static final FileWorkload.Config UNDRAINED = FileWorkload.Config.defaults(3).withPages(1, 1)
            .withDirtyAndWriteback(0, 0).withDrainAfterWrite(false);

    @Test
    void pagesReachTheLruOnePagevecAtATimeUnderOneLockHold() {
        try (Kernel k = TestKernels.fragmented(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(3))) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, UNDRAINED);
            for (int i = 1; i < Swap.PAGEVEC_SIZE; i++) {
                w.createFile(cpu);
                assertThat(k.swap.lruAddPvecCount(cpu)).isEqualTo(i);
                assertThat(k.zone.nrLruPages()).as("nothing on the LRU before the pagevec is full").isZero();
                assertThat(k.swap.lruLockHolds(cpu)).isZero();
                // Every page is accounted for while in the pagevec: free, LRU, pagevec or isolated.
                Invariants.check(k, w);
            }
            w.createFile(cpu); // the 14th: pagevec_add() finds it full, __pagevec_lru_add()
            assertThat(k.swap.lruAddPvecCount(cpu)).isZero();
            assertThat(k.zone.nrLruPages()).isEqualTo(Swap.PAGEVEC_SIZE);
            assertThat(k.swap.lruLockHolds(cpu)).as("one LRU-lock hold for the pagevec").isEqualTo(1);
            assertThat(k.zone.pfnToPage(0).pageCount()).as("the pagevec's reference is gone").isEqualTo(1);
            Invariants.check(k, w);
            cpu.idleEnter();
        }
    }

    @Test
    void compactionCannotIsolateAPageStillInAPagevecAndDrainsOnlyItsOwn() {
        try (Kernel k = TestKernels.fragmented(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(3))) {
            Cpu writer = k.cpu(1);
            Cpu compactor = k.cpu(0);
            FileWorkload w = new FileWorkload(k, UNDRAINED);
            w.createFile(writer);
            CompactControl cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
            k.compaction.compactPass(compactor, cc); // migrate_prep_local() drains CPU 0's pagevec only
            assertThat(cc.isolated).as("!PageLRU: the page is in CPU 1's pagevec").isZero();
            assertThat(k.zone.pageblockSkip(0)).as("scanned whole, nothing isolated: update_pageblock_skip()").isTrue();
            k.swap.lruAddDrain(writer);
            while (cc.inCompactZone) {
                k.compaction.compactPass(compactor, cc); // the run goes on to where the scanners meet
            }
            // kcompactd honours the skip bit: until it is cleared (kswapd's reset_isolation_suitable()
            // after a direct compaction's scanners met, or compaction_restarting()), pageblock 0 is
            // not scanned again.
            // The run that found nothing deferred kcompactd's next wakeup (defer_compaction()).
            k.compaction.resetIsolationSuitableZone();
            for (int i = 0; i < 4 && cc.migrated == 0; i++) {
                k.compaction.compactPass(compactor, cc);
            }
            assertThat(cc.compactionsDeferred).isEqualTo(1);
            assertThat(cc.migrated).isEqualTo(1);
            // putback_lru_page() put the new page into the compacting CPU's pagevec; check_drain
            // drained it when the scanner left the order-aligned block it had migrated from.
            assertThat(k.swap.lruAddPvecCount(compactor)).isZero();
            assertThat(k.swap.lruLockHolds(compactor)).as("check_drain's lru_add_drain_cpu()").isEqualTo(1);
            assertThat(k.zone.nrLruPages()).isEqualTo(1);
            Invariants.check(k, w, cc);
            w.verifyContents();
            compactor.idleEnter();
            writer.idleEnter();
        }
    }

    @Test
    void truncationReleasesABatchOfLastReferencesUnderOneLockHold() {
        try (Kernel k = TestKernels.fragmented(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(3))) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(3).withPages(Swap.PAGEVEC_SIZE, Swap.PAGEVEC_SIZE)
                    .withDirtyAndWriteback(0, 0));
            FileWorkload.File f = w.createFile(cpu); // drained after the write: one hold
            assertThat(k.zone.nrLruPages()).isEqualTo(Swap.PAGEVEC_SIZE);
            long holds = k.swap.lruLockHolds(cpu);
            w.truncateAndEvict(cpu, f);
            // pagevec_release(): lru_add_drain() finds the pagevec empty (no lock), then
            // release_pages() of 14 last references takes the lock once.
            assertThat(k.swap.lruLockHolds(cpu) - holds).isEqualTo(1);
            assertThat(k.zone.nrFreePages()).isEqualTo(k.zone.nrPages() - k.zone.ballast.cardinality());
            Invariants.check(k, w);
            cpu.idleEnter();
        }
    }

    @Test
    void aTruncatingCpuDrainsItsPagevecBeforeTheInodeIsFreed() {
        try (Kernel k = TestKernels.fragmented(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(3))) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, UNDRAINED.withPinnedFraction(1.0));
            FileWorkload.File a = w.createFile(cpu);
            w.createFile(cpu);
            assertThat(k.swap.lruAddPvecCount(cpu)).isEqualTo(2);
            long holds = k.swap.lruLockHolds(cpu);
            boolean[] pagevecDrainedBeforeDestroy = {false};
            k.setHooks((point, c, p, inode) -> {
                if (point == RacePoint.EVICT_DESTROY_INODE) {
                    pagevecDrainedBeforeDestroy[0] = k.swap.lruAddPvecCount(cpu) == 0 && k.swap.lruLockHolds(cpu) == holds + 1;
                }
            });
            w.truncateAndEvict(cpu, a);
            assertThat(pagevecDrainedBeforeDestroy[0]).as("lru_add_drain() under the LRU lock, before destroy_inode()").isTrue();
            Invariants.check(k, w);
            cpu.idleEnter();
        }
    }
}
