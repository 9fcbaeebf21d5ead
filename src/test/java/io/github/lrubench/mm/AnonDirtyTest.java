package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous pages become dirty the way v4.15 makes them dirty: do_anonymous_page() dirties the
 * pte, not the page (mm/memory.c); try_to_unmap_one() moves the pte's dirty bit to the page
 * (mm/rmap.c); migrate_page_states() carries PG_dirty to the new page (mm/migrate.c). So the dirty
 * anonymous pages the v4.16 inversion refuses are exactly those migrated before.
 */
class AnonDirtyTest {

    private static final int ANON = 8;

    /**
     * kcompactd's isolation of the pageblocks holding the anonymous pages, then migrate_pages(), driven directly: a
     * compact_zone() run moves pages to the top of the zone, past where its migrate scanner goes
     * (the free scanner's pageblock), so a second run would not see them again; the dirty-bit
     * history needs every anonymous page migrated twice. The free scanner takes targets from the
     * top down, above pageblock 0 (cc->migrate_pfn set back to 0 for it).
     */
    private static void compactWholeZone(Kernel k, Cpu cpu, CompactControl cc, FileWorkload w) {
        w.anonPtes().stream().mapToInt(pte -> Compaction.blockStartPfn(pte.page().pfn(), Zone.PAGEBLOCK_ORDER))
                .distinct().forEach(pfn -> k.compaction.isolateMigratepagesBlock(cpu, cc, pfn, pfn + Zone.PAGEBLOCK_NR_PAGES));
        cc.migratePfn = 0;
        cc.freePfn = k.zone.nrPages();
        assertThat(k.migrate.migratePages(cpu, cc)).isZero();
        k.swap.lruAddDrain(cpu); // the new pages wait in this CPU's pagevec until drained
    }

    private static Kernel kernel(IsolationCheck check) {
        return TestKernels.fragmented(KernelConfig.defaults().withNrCpus(1).withNrPageblocks(3).withCheck(check));
    }

    @Test
    void anAnonymousPageIsDirtiedOnlyByTheUnmapOfItsDirtyPteAndStaysDirtyAcrossMigrations() {
        try (Kernel k = kernel(IsolationCheck.NONE)) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(5).withDirtyAndWriteback(1.0, 0));
            assertThat(w.populateAnon(cpu, ANON)).isEqualTo(ANON);
            List<AnonPte> ptes = w.anonPtes();
            for (AnonPte pte : ptes) {
                assertThat(pte.dirty()).as("the write fault dirtied the pte").isTrue();
                assertThat(pte.page().pageDirty()).as("not the page (dirtyFraction does not apply)").isFalse();
            }
            CompactControl cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
            Page[] first = ptes.stream().map(AnonPte::page).toArray(Page[]::new);
            compactWholeZone(k, cpu, cc, w);
            assertThat(cc.migrated).isEqualTo(ANON);
            for (int i = 0; i < ANON; i++) {
                AnonPte pte = ptes.get(i);
                assertThat(pte.page()).as("migrated").isNotSameAs(first[i]);
                assertThat(pte.page().pageDirty()).as("try_to_unmap() moved the pte's dirty bit to the page").isTrue();
                assertThat(pte.dirty()).as("remove_migration_pte(): the new pte is clean").isFalse();
            }
            // Second migration: the ptes are clean now, PG_dirty comes only from the old page.
            Page[] second = ptes.stream().map(AnonPte::page).toArray(Page[]::new);
            compactWholeZone(k, cpu, cc, w);
            for (int i = 0; i < ANON; i++) {
                assertThat(ptes.get(i).page()).isNotSameAs(second[i]);
                assertThat(ptes.get(i).page().pageDirty()).as("migrate_page_states() carried PG_dirty").isTrue();
            }
            w.verifyContents();
            Invariants.check(k, w, cc);
            cpu.idleEnter();
        }
    }

    /**
     * The v4.16 inversion refuses a dirty anonymous page, and an anonymous page is dirty once it
     * has migrated: the first compaction moves every page (clean: no check), the second refuses
     * every one. The refusals follow the migration history, not a configured share.
     */
    @Test
    void theV416InversionRefusesExactlyTheAnonymousPagesMigratedBefore() {
        try (Kernel k = kernel(IsolationCheck.PAGE_LOCK_V4_16)) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(5));
            w.populateAnon(cpu, ANON);
            CompactControl cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
            compactWholeZone(k, cpu, cc, w);
            assertThat(cc.migrated).isEqualTo(ANON);
            assertThat(cc.dirtyChecked + cc.skippedInverted).as("clean pages never reach the check").isZero();
            compactWholeZone(k, cpu, cc, w);
            assertThat(cc.migrated).as("nothing moved the second time").isEqualTo(ANON);
            assertThat(cc.skippedInverted).as("every page migrated once is refused").isEqualTo(ANON);
            Invariants.check(k, w, cc);
            cpu.idleEnter();
        }
    }
}
