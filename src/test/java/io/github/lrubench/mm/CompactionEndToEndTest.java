package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.race.TwoCpuRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Point 7: compaction end to end. Pages really move (migrated > 0), every file and anonymous page
 * still holds the bytes written into it, and the "nothing lost" invariants hold; run concurrently
 * with truncation, everything comes back to the free list at the end.
 */
class CompactionEndToEndTest {

    /** Files of 1..8 pages: half dirty, 5% under writeback, 10% pinned by another user. */
    private static final FileWorkload.Config MIXED = FileWorkload.Config.defaults(2018).withPinnedFraction(0.1);
    private static final int PAGEBLOCKS = 4;

    /**
     * These zones hold 256 free pages: v4.15 would not compact them for a THP
     * (compaction_suitable() wants the low watermark plus compact_gap(9) = 1024 free pages), so
     * its order-0 checks are off here and the runs go through the scanners, which is what these
     * tests check (nothing lost, contents kept). CompactionStopsTest checks those rules.
     */
    private static KernelConfig smallZone() {
        return KernelConfig.defaults().withCompactionWatermark(false);
    }

    static Stream<Arguments> checksAndModes() {
        return Stream.of(IsolationCheck.values())
                .flatMap(c -> Stream.of(CompactMode.values()).map(m -> Arguments.of(c, m)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("checksAndModes")
    void singleCpuCompactionMovesPagesAndKeepsTheirContents(IsolationCheck check, CompactMode mode) {
        KernelConfig kc = smallZone().withNrCpus(1).withNrPageblocks(PAGEBLOCKS).withCheck(check);
        try (Kernel k = new Kernel(kc)) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, MIXED);
            assertThat(w.populate(cpu, 256)).isPositive();
            assertThat(w.populateAnon(cpu, 200)).isEqualTo(200);
            Ballast.noFreeBlockOfOrder(k, cpu, 3); // or an order-3 allocation would not compact
            Invariants.check(k, w);
            CompactControl cc = new CompactControl(mode);
            // A round scans at most the rest of one pageblock and stops after 32 isolated pages, so
            // run rounds until four compact_zone() runs ended (bounded). A run ends when the
            // scanners meet, on contention, or COMPACT_SUCCESS once it freed a block of its order;
            // nothing allocates that block here, so every later run ends COMPACT_SUCCESS at once.
            for (int i = 0; i < 10_000 && cc.compactions < 4; i++) {
                k.compaction.compactPass(cpu, cc);
                Invariants.check(k, w, cc);
            }
            assertThat(cc.compactions).as("compact_zone() runs").isEqualTo(4);
            assertThat(cc.compactions).isEqualTo(cc.compactionsComplete + cc.compactionsContended + cc.compactionsSuccess
                    + cc.compactionsSkipped);
            if (mode == CompactMode.DIRECT_ASYNC_ORDER9) {
                // Every 2 MiB block holds a page under writeback or a pinned one: THP compaction
                // gives each block up, returning what it isolated from it.
                assertThat(cc.blocksSkipped).as("blocks skipped").isPositive();
                assertThat(cc.putBackOnFailure).as("pages put back").isPositive();
            } else {
                assertThat(cc.migrated).as("pages migrated").isPositive();
            }
            if (!mode.skipOnFailure()) {
                assertThat(cc.blocksSkipped + cc.putBackOnFailure + cc.blocksSkippedMigrateFailed).isZero();
            }
            assertThat(cc.uafDetected).isZero();
            w.verifyContents();
            Invariants.check(k, w, cc);
            cpu.idleEnter();
        }
    }

    @Test
    void concurrentPageLockWithRcuSchedLosesNothing() {
        concurrent(IsolationCheck.PAGE_LOCK, InodeFreePolicy.RCU_SCHED);
    }

    @Test
    void concurrentRacyKernelLosesNothingEither() {
        concurrent(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE);
    }

    @Test
    void concurrentDirectThpCompactionWithTheV416CheckLosesNothing() {
        concurrent(IsolationCheck.PAGE_LOCK_V4_16, InodeFreePolicy.IMMEDIATE, CompactMode.DIRECT_ASYNC_ORDER9);
    }

    @Test
    void concurrentSyncCompactionLosesNothing() {
        concurrent(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE, CompactMode.COMPACT_MEMORY_SYNC);
    }

    private static void concurrent(IsolationCheck check, InodeFreePolicy free) {
        concurrent(check, free, CompactMode.KCOMPACTD_SYNC_LIGHT);
    }

    /**
     * CPU 0 compacts for about a second while CPU 1 truncates, unlinks and creates files; then
     * both stop, the invariants and contents are checked, and after evicting everything and
     * draining every CPU's pagevec (lru_add_drain_all()) every page must be free and every inode
     * returned to the slab.
     */
    private static void concurrent(IsolationCheck check, InodeFreePolicy free, CompactMode mode) {
        KernelConfig kc = smallZone().withNrCpus(2).withNrPageblocks(PAGEBLOCKS)
                .withCheck(check).withFree(free);
        try (Kernel k = new Kernel(kc)) {
            Cpu cpu0 = k.cpu(0);
            Cpu cpu1 = k.cpu(1);
            FileWorkload w = new FileWorkload(k, MIXED);
            w.populate(cpu1, 256);
            w.populateAnon(cpu1, 200);
            CompactControl cc = new CompactControl(mode);
            long[] steps = {0};
            TwoCpuRun.run(java.time.Duration.ofSeconds(1), cpu0, () -> k.compaction.compactPass(cpu0, cc), () -> {
                w.step(cpu1);
                steps[0]++;
            });
            assertThat(steps[0]).as("truncate/create steps").isPositive();
            assertThat(cc.passes).isPositive();
            assertThat(cc.migrated + cc.freedUnderUs).as("pages migrated").isPositive();
            Invariants.check(k, w, cc);
            w.verifyContents();

            w.evictAll(cpu1);
            w.exitMm(cpu1);
            k.swap.lruAddDrainAll(cpu1); // the compacting CPU's pagevec still holds pages it put back
            k.rcuBarrierAll(cpu1);
            Invariants.check(k, w, cc);
            assertThat(k.zone.nrFreePages()).as("free pages").isEqualTo(k.zone.nrPages());
            assertThat(k.inodeCache.liveCount()).as("live inodes").isZero();
            assertThat(k.vfs().inodesFreed()).isEqualTo(k.vfs().inodesDestroyed());
            if (InodeFreePolicy.isSafe(check, free)) {
                assertThat(cc.uafDetected).isZero();
            }
            cpu1.idleEnter();
        }
    }
}
