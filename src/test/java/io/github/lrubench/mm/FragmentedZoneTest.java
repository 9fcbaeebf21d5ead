package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zone ContendedCompactionBenchmark builds (FileWorkload.populateWithAnon, then fragment) is
 * one v4.15 compacts for a THP: enough free pages over the low watermark plus compact_gap(9), no
 * free pageblock, a fragmentation index that blames fragmentation, and free and anonymous pages in
 * every pageblock.
 */
class FragmentedZoneTest {

    @Test
    void theContendedBenchmarksZoneIsOneV415CompactsForAThp() {
        try (Kernel k = new Kernel(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(16))) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(7).withPages(1, 4).withPinnedFraction(0.5));
            int nrPages = k.zone.nrPages();
            w.populateWithAnon(cpu, 0, 1.0 / 8);
            assertThat(w.anonPtes().size()).isBetween(nrPages / 8 - 8, nrPages / 8 + 8);
            w.fragment(cpu, nrPages / 4);
            assertThat(k.zone.nrFreePages()).isBetween(nrPages / 4, nrPages / 4 + 4);
            assertThat(k.zone.watermark(Zone.WMARK_LOW)).isEqualTo(226);
            assertThat(k.zone.freeBlockOfOrder(Zone.PAGEBLOCK_ORDER, true)).as("no free pageblock").isFalse();
            assertThat(k.zone.fragmentationIndex(Zone.PAGEBLOCK_ORDER)).isGreaterThan(Compaction.SYSCTL_EXTFRAG_THRESHOLD);
            assertThat(k.compaction.compactionSuitable(Zone.PAGEBLOCK_ORDER)).isEqualTo(Compaction.CompactResult.COMPACT_CONTINUE);
            int[] free = new int[k.zone.nrPageblocks()];
            for (int pfn : k.zone.freePfnsSnapshot()) {
                free[pfn >> Zone.PAGEBLOCK_ORDER]++;
            }
            int[] anon = new int[k.zone.nrPageblocks()];
            w.anonPtes().forEach(pte -> anon[pte.page.pfn >> Zone.PAGEBLOCK_ORDER]++);
            for (int pb = 0; pb < free.length; pb++) {
                assertThat(free[pb]).as("free pages in pageblock " + pb).isBetween(1, Zone.PAGEBLOCK_NR_PAGES / 2);
                assertThat(anon[pb]).as("anonymous pages in pageblock " + pb).isPositive();
            }
            w.evictAll(cpu);
            w.exitMm(cpu);
            cpu.idleEnter();
        }
    }
}
