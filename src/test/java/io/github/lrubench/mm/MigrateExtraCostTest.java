package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrateExtraNs} stands for unmapping (the anon_vma and rmap walk, the page-table work, the
 * TLB-flush IPIs), which __unmap_and_move() (mm/migrate.c, v4.15) does only for a mapped page
 * ({@code else if (page_mapped(page))}: try_to_unmap(), then remove_migration_ptes()): an unmapped
 * page-cache page is charged nothing, a mapped anonymous page once per migration.
 */
class MigrateExtraCostTest {

    private static final long EXTRA_NS = 1000;

    @Test
    void onlyMappedPagesPayForUnmapping() {
        KernelConfig kc = KernelConfig.defaults().withNrCpus(1).withNrPageblocks(2).withMigrateExtraNs(EXTRA_NS);
        try (Kernel k = TestKernels.fragmented(kc)) { // pageblock 1 not wholly free: the free scanner's
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(3).withPages(2, 2).withDirtyAndWriteback(0, 0));
            for (int i = 0; i < 5; i++) {
                w.createFile(cpu); // 10 clean, unmapped page-cache pages
            }
            assertThat(w.populateAnon(cpu, 6)).isEqualTo(6); // 6 anonymous pages, one pte each
            CompactControl cc = new CompactControl(CompactMode.COMPACT_MEMORY_SYNC);
            k.compaction.isolateMigratepagesBlock(cpu, cc, 0, Zone.PAGEBLOCK_NR_PAGES);
            assertThat(cc.nrMigratepages()).isEqualTo(16);
            assertThat(k.migrate.migratePages(cpu, cc)).isZero();
            assertThat(cc.migrated).isEqualTo(16);
            assertThat(k.migrate.extraNsCharged).as("charged to the 6 mapped pages only").isEqualTo(6 * EXTRA_NS);
            k.swap.lruAddDrain(cpu);
            w.verifyContents();
            Invariants.check(k, w, cc);
            cpu.idleEnter();
        }
    }
}
