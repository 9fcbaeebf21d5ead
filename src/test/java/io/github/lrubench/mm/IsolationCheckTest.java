package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Point 5 and the other branches of __isolate_lru_page()'s dirty-page check. */
class IsolationCheckTest {

    /**
     * A kernel with one dirty anonymous page (page_mapping() == NULL) on the LRU. An anonymous
     * page is dirtied the kernel's way: migrated once, its dirty pte moved to the page.
     */
    private static Page dirtyAnonPage(Kernel k, Cpu cpu) {
        FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(1));
        assertThat(w.populateAnon(cpu, 1)).isEqualTo(1);
        AnonPte pte = w.anonPtes().get(0);
        assertThat(pte.page().pageDirty()).as("do_anonymous_page() dirties the pte, not the page").isFalse();
        CompactControl cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
        k.compaction.compactPass(cpu, cc);
        assertThat(cc.migrated).isEqualTo(1);
        k.swap.lruAddDrain(cpu); // the new page waits in this CPU's pagevec until drained
        Page page = pte.page();
        assertThat(page.pageAnon()).isTrue();
        assertThat(page.pageDirty()).isTrue();
        assertThat(page.pageLru()).isTrue();
        assertThat(page.mapping()).isNull();
        return page;
    }

    @Test
    void v416InversionRefusesADirtyPageWithNoMapping() {
        try (Kernel k = TestKernels.kernel(IsolationCheck.PAGE_LOCK_V4_16, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu = k.cpu(0);
            Page page = dirtyAnonPage(k, cpu);
            CompactControl cc = new CompactControl();
            int rc = TestKernels.underLruLock(k, cpu, () -> k.vmscan.isolateLruPage(cpu, page, cc));
            assertThat(rc).isEqualTo(Vmscan.EBUSY);
            assertThat(cc.skippedInverted).isEqualTo(1);
            assertThat(page.pageLru()).as("still on the LRU").isTrue();
            assertThat(page.pageLocked()).as("trylock released").isFalse();
        }
    }

    /** The corrected check and the original, from the enum (no spelled names in tests: ArchitectureTest). */
    static Stream<IsolationCheck> correctedCheckAndTheOriginal() {
        return Stream.of(IsolationCheck.PAGE_LOCK, IsolationCheck.NONE);
    }

    @ParameterizedTest
    @MethodSource("correctedCheckAndTheOriginal")
    void correctedCheckAndTheOriginalIsolateIt(IsolationCheck check) {
        try (Kernel k = TestKernels.kernel(check, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu = k.cpu(0);
            Page page = dirtyAnonPage(k, cpu);
            CompactControl cc = new CompactControl();
            int rc = TestKernels.underLruLock(k, cpu, () -> k.vmscan.isolateLruPage(cpu, page, cc));
            assertThat(rc).isZero();
            assertThat(cc.skippedInverted).isZero();
            assertThat(page.pageLru()).as("PG_lru cleared by isolation").isFalse();
            assertThat(page.pageCount()).as("pte + isolation reference").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(IsolationCheck.class)
    void everyCheckRefusesADirtyPageOfAFilesystemWithoutMigratepage(IsolationCheck check) {
        try (Kernel k = TestKernels.kernel(check, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(1.0, 0)
                    .withNoMigratepageFraction(1.0));
            FileWorkload.File f = w.createFile(cpu);
            Page page = f.inode().mapping().pageTree[0];
            CompactControl cc = new CompactControl();
            int rc = TestKernels.underLruLock(k, cpu, () -> k.vmscan.isolateLruPage(cpu, page, cc));
            assertThat(rc).isEqualTo(Vmscan.EBUSY);
            assertThat(cc.skippedNoMigratepage).isEqualTo(1);
        }
    }

    @Test
    void pageLockCheckSkipsAPageWhoseLockIsBusy() {
        try (Kernel k = TestKernels.kernel(IsolationCheck.PAGE_LOCK, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(1.0, 0));
            Page page = w.createFile(cpu).inode().mapping().pageTree[0];
            assertThat(Filemap.trylockPage(page)).isTrue(); // e.g. truncation holds it
            CompactControl cc = new CompactControl();
            int rc = TestKernels.underLruLock(k, cpu, () -> k.vmscan.isolateLruPage(cpu, page, cc));
            assertThat(rc).isEqualTo(Vmscan.EBUSY);
            assertThat(cc.skippedTrylock).isEqualTo(1);
            Filemap.unlockPage(page);
        }
    }

    @Test
    void writebackPagesAreSkippedInAsyncMode() {
        try (Kernel k = TestKernels.kernel(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE)) {
            Cpu cpu = k.cpu(0);
            FileWorkload w = new FileWorkload(k, FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(0, 1.0));
            Page page = w.createFile(cpu).inode().mapping().pageTree[0];
            assertThat(page.pageWriteback()).isTrue();
            CompactControl cc = new CompactControl();
            int rc = TestKernels.underLruLock(k, cpu, () -> k.vmscan.isolateLruPage(cpu, page, cc));
            assertThat(rc).isEqualTo(Vmscan.EBUSY);
            assertThat(cc.skippedWriteback).isEqualTo(1);
            assertThat(cc.dirtyChecked).isZero();
        }
    }
}
