package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What ends and steers v4.15's compaction (mm/compaction.c): __compact_finished()'s
 * COMPACT_SUCCESS at the first free block of the requested order (and compaction_suitable()'s,
 * before a run), suitable_migration_source() (async direct compaction scans only pageblocks of its
 * request's migratetype), and the pageblock skip bits: set by update_pageblock_skip() on a
 * pageblock scanned whole without isolating a page, honoured by isolation_suitable(), cleared by
 * __reset_isolation_suitable() when compaction_restarting() after deferral, or by kswapd's
 * reset_isolation_suitable() once a direct compaction's scanners met (compact_blockskip_flush).
 *
 * <p>The zone: three pageblocks, the last pfn of pageblocks 1 and 2 taken by unmovable pages
 * ({@link Ballast}), one-page files from pfn 0.
 */
class CompactionStopsTest {

    private static final class Zone3 implements AutoCloseable {
        final Kernel k = TestKernels.fragmented(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(3));
        final Cpu cpu = k.cpu(0);
        final FileWorkload w;
        final List<Page> pages = new ArrayList<>();

        Zone3(int files, double writeback) {
            w = new FileWorkload(k, FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(0, writeback));
            for (int i = 0; i < files; i++) {
                Page p = w.createFile(cpu).inode().mapping().pageAt(0);
                assertThat(p.pfn()).isEqualTo(i);
                pages.add(p);
            }
        }

        @Override
        public void close() {
            k.swap.lruAddDrain(cpu);
            cpu.idleEnter();
            k.close();
        }
    }

    @Test
    void aThpCompactionEndsAtTheFirstFreePageblock() {
        try (Zone3 z = new Zone3(CompactControl.COMPACT_CLUSTER_MAX, 0)) {
            CompactControl cc = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9);
            // One round: 32 pages isolated ("Avoid isolating too much") and migrated to the top of
            // the zone; pageblock 0 is then free, and __compact_finished() says COMPACT_SUCCESS
            // although the scanners are far apart.
            assertThat(z.k.compaction.compactPass(z.cpu, cc)).isEqualTo(CompactControl.COMPACT_CLUSTER_MAX);
            assertThat(cc.passes).isEqualTo(1);
            assertThat(cc.compactions).isEqualTo(1);
            assertThat(cc.compactionsSuccess).as("COMPACT_SUCCESS").isEqualTo(1);
            assertThat(cc.compactionsComplete + cc.compactionsContended).isZero();
            assertThat(cc.migratePfn).as("the scanner stopped where it was").isEqualTo(CompactControl.COMPACT_CLUSTER_MAX);
            assertThat(z.k.zone.freeBlockOfOrder(9, true)).isTrue();
            // The next allocation would take that pageblock; while it is free, compaction_suitable()
            // answers COMPACT_SUCCESS before a run scans anything.
            long scanned = cc.scanned;
            z.k.compaction.compactPass(z.cpu, cc);
            assertThat(cc.compactionsSuccess).isEqualTo(2);
            assertThat(cc.passes).as("no round ran").isEqualTo(1);
            assertThat(cc.scanned).isEqualTo(scanned);
            z.k.swap.lruAddDrain(z.cpu);
            Invariants.check(z.k, z.w, cc);
            z.w.verifyContents();
        }
    }

    @Test
    void aThpFaultTakesTheFreedPageblockSoTheNextThpCompactionScansAgain() {
        try (Zone3 z = new Zone3(CompactControl.COMPACT_CLUSTER_MAX, 0)) {
            CompactControl cc = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9);
            z.k.compaction.compactPass(z.cpu, cc);
            assertThat(cc.compactionsSuccess).as("pageblock 0 freed: COMPACT_SUCCESS").isEqualTo(1);
            int free = z.k.zone.nrFreePages();
            // get_page_from_freelist() at order 9: the whole free pageblock, refcount 1 each.
            int thp = z.k.zone.allocHugePage(z.cpu);
            assertThat(thp).isZero();
            assertThat(z.k.zone.nrFreePages()).isEqualTo(free - Zone.PAGEBLOCK_NR_PAGES);
            assertThat(z.k.zone.freeBlockOfOrder(9, true)).isFalse();
            assertThat(z.k.zone.allocHugePage(z.cpu)).as("no second free pageblock: a small page instead").isEqualTo(-1);
            Invariants.check(z.k, z.w, cc);
            // With the block taken, compaction_suitable() no longer answers COMPACT_SUCCESS (on this
            // small zone it answers COMPACT_SKIPPED: too little is free for another THP).
            z.k.compaction.compactPass(z.cpu, cc);
            assertThat(cc.compactionsSuccess).as("no COMPACT_SUCCESS without a free pageblock").isEqualTo(1);
            assertThat(cc.compactions).isEqualTo(2);
            // The process unmaps it: its 512 pages are free again.
            z.k.zone.freeHugePage(z.cpu, thp);
            assertThat(z.k.zone.nrFreePages()).isGreaterThanOrEqualTo(free);
            assertThatThrownBy(() -> z.k.zone.freeHugePage(z.cpu, thp)).isInstanceOf(IllegalArgumentException.class);
            z.k.swap.lruAddDrain(z.cpu);
            Invariants.check(z.k, z.w, cc);
            z.w.verifyContents();
        }
    }

    @Test
    void asyncDirectCompactionPassesNonMovablePageblocksOverWhileKcompactdScansThem() {
        try (Zone3 z = new Zone3(16, 0)) {
            z.k.zone.setPageblockMigratetype(0, Zone.MIGRATE_UNMOVABLE);
            CompactControl direct = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9);
            z.k.compaction.compactPass(z.cpu, direct);
            assertThat(direct.pageblocksUnsuitable).as("suitable_migration_source(): not MOVABLE").isEqualTo(1);
            assertThat(direct.isolated).isZero();
            assertThat(direct.scanned).as("only pageblock 1's pfns looked at").isEqualTo(Zone.PAGEBLOCK_NR_PAGES);
            assertThat(z.pages).allMatch(Page::pageLru);
            // kcompactd is not direct compaction: "(cc->mode != MIGRATE_ASYNC) || !cc->direct_compaction".
            CompactControl kcompactd = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
            z.k.compaction.compactPass(z.cpu, kcompactd);
            assertThat(kcompactd.pageblocksUnsuitable).isZero();
            assertThat(kcompactd.migrated).isEqualTo(16);
            z.k.swap.lruAddDrain(z.cpu);
            Invariants.check(z.k, z.w, direct, kcompactd);
        }
    }

    @Test
    void aPageblockThatIsolatedNothingIsSkippedUntilCompactionRestartsAfterDeferral() {
        // Every page under writeback: kcompactd (ISOLATE_ASYNC_MIGRATE) refuses them all.
        try (Zone3 z = new Zone3(16, 1.0)) {
            CompactControl cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
            z.k.compaction.compactPass(z.cpu, cc);
            assertThat(cc.skippedWriteback).isEqualTo(16);
            assertThat(z.k.zone.pageblockSkip(0)).as("update_pageblock_skip()").isTrue();
            while (cc.inCompactZone) {
                z.k.compaction.compactPass(z.cpu, cc);
            }
            assertThat(cc.compactionsComplete).as("the scanners met").isEqualTo(1);
            assertThat(z.k.zone.compactBlockskipFlush).as("kcompactd asks kswapd for no flush").isFalse();
            z.pages.forEach(Filemap::endPageWriteback); // migratable from now on
            // Each run that ends with the scanners met defers kcompactd (defer_compaction()): 1, 3,
            // 7, 15, 31 and 63 wakeups skipped after runs 1 to 6; runs 2 to 6 pass pageblock 0 over
            // for its skip bit; the wakeup after the 63rd deferral finds compaction_restarting(),
            // clears every skip bit (__reset_isolation_suitable()) and migrates the pages.
            for (int i = 0; i < 1000 && cc.migrated == 0; i++) {
                z.k.compaction.compactPass(z.cpu, cc);
                if (cc.migrated == 0) {
                    assertThat(z.k.zone.pageblockSkip(0)).as("still skipped").isTrue();
                }
            }
            assertThat(cc.compactionsDeferred).isEqualTo(1 + 3 + 7 + 15 + 31 + 63);
            assertThat(cc.compactionsComplete).isEqualTo(6);
            assertThat(cc.pageblocksSkipHint).as("pageblock 0 honoured in runs 2 to 6, and 1 too").isEqualTo(2 * 5);
            assertThat(cc.migrated).isEqualTo(16);
            z.k.swap.lruAddDrain(z.cpu);
            Invariants.check(z.k, z.w, cc);
        }
    }

    @Test
    void aDirectCompactionWhoseScannersMetHasKswapdClearTheSkipBits() {
        try (Zone3 z = new Zone3(16, 0)) {
            z.k.swap.lruAddDrain(z.cpu);
            z.pages.get(3).setBit(Page.PG_WRITEBACK); // async isolation refuses it: the THP block is given up
            CompactControl cc = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9);
            while (cc.compactions == 0) {
                z.k.compaction.compactPass(z.cpu, cc);
            }
            assertThat(cc.blocksSkipped).isPositive();
            assertThat(cc.putBackOnFailure).isEqualTo(3);
            assertThat(cc.compactionsComplete).isEqualTo(1);
            assertThat(z.k.zone.pageblockSkip(0)).as("given up whole: nr_isolated was zeroed").isTrue();
            assertThat(z.k.zone.compactBlockskipFlush).as("a direct compaction's scanners met").isTrue();
            // kswapd goes to sleep before the next compaction: reset_isolation_suitable().
            long skippedBefore = cc.pageblocksSkipHint;
            long scanned = cc.scanned;
            z.k.compaction.compactPass(z.cpu, cc);
            assertThat(z.k.zone.compactBlockskipFlush).isFalse();
            assertThat(cc.pageblocksSkipHint).as("pageblock 0 scanned again").isEqualTo(skippedBefore);
            assertThat(cc.scanned - scanned).as("up to the refused pfn 3").isEqualTo(4);
            assertThat(cc.compactionsDeferred).as("async direct compaction never defers").isZero();
            Invariants.check(z.k, z.w, cc);
        }
    }

    /**
     * __compaction_suitable(): a THP is a costly order, so compaction runs only if the zone has
     * more than its low watermark plus compact_gap(9) = 1024 free pages; at exactly that many it
     * answers COMPACT_SKIPPED and compact_zone() does not run (nor is compaction deferred for it).
     * Zone3: 3 pageblocks, 6 MiB: min_free_kbytes int_sqrt(6144 * 16) = 313, min 78, low 97.
     */
    @Test
    void aThpCompactionIsSkippedUnlessTheLowWatermarkPlusCompactGapIsFree() {
        int low = 97;
        int nrPages = 3 * Zone.PAGEBLOCK_NR_PAGES;
        int files = nrPages - 2 - (low + 1024); // two Ballast pages; free == low + compact_gap(9)
        try (Zone3 z = new Zone3(files, 0)) {
            assertThat(z.k.zone.watermark(Zone.WMARK_LOW)).isEqualTo(low);
            assertThat(z.k.zone.nrFreePages()).isEqualTo(low + 1024);
            CompactControl cc = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9);
            assertThat(z.k.compaction.compactPass(z.cpu, cc)).isZero();
            assertThat(cc.compactionsSkipped).as("COMPACT_SKIPPED").isEqualTo(1);
            assertThat(cc.compactions).isEqualTo(1);
            assertThat(cc.passes + cc.scanned + cc.isolated).as("no round ran").isZero();
            assertThat(z.k.zone.compactDeferShift).as("not deferred").isZero();
            // One page more free: the run starts and isolates.
            z.w.truncateAndEvict(z.cpu, z.w.files().get(files - 1));
            z.k.compaction.compactPass(z.cpu, cc);
            assertThat(cc.compactionsSkipped).isEqualTo(1);
            assertThat(cc.passes).isEqualTo(1);
            assertThat(cc.isolated).isPositive();
        }
    }

    /**
     * compaction_suitable()'s fragmentation index for a costly order: six pageblocks whose upper
     * halves are taken (Ballast), so the 1536 free pages (over low 137 + 1024) are six free order-8
     * blocks: index 1000 - (1000 + 1536 * 1000 / 512) / 6 = 334, at or below
     * sysctl_extfrag_threshold (500): a THP would fail for a lack of memory, not fragmentation,
     * COMPACT_SKIPPED. The same number of free pages scattered one by one (every other pfn taken):
     * index 1000 - 4000 / 1536 = 998, and compaction runs.
     */
    @Test
    void aThpCompactionIsSkippedWhenTheFragmentationIndexBlamesALackOfMemory() {
        for (boolean scattered : new boolean[] {false, true}) {
            try (Kernel k = new Kernel(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(6))) {
                Cpu cpu = k.cpu(0);
                for (int pfn = 0; pfn < k.zone.nrPages(); pfn++) {
                    boolean take = scattered ? (pfn & 1) == 1 : (pfn & (Zone.PAGEBLOCK_NR_PAGES / 2)) != 0;
                    if (take) {
                        Ballast.occupy(k, cpu, pfn);
                    }
                }
                assertThat(k.zone.nrFreePages()).isEqualTo(1536);
                assertThat(k.zone.watermark(Zone.WMARK_LOW)).isEqualTo(137);
                assertThat(k.zone.fragmentationIndex(9)).isEqualTo(scattered ? 998 : 334);
                CompactControl cc = new CompactControl(CompactMode.DIRECT_ASYNC_ORDER9);
                k.compaction.compactPass(cpu, cc);
                assertThat(cc.compactionsSkipped).as(scattered ? "scattered: compacts" : "COMPACT_SKIPPED").isEqualTo(scattered ? 0 : 1);
                assertThat(cc.passes).isEqualTo(scattered ? 1 : 0);
                cpu.idleEnter();
            }
        }
    }
}
