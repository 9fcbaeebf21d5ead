package io.github.lrubench.hostkernel;

import io.github.lrubench.results.BadInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Trace text captured on the dev VM (6.18, fixtures/trace/direct-and-kcompactd.txt): a THP-faulting
 * task (pid 2197) compacting directly on CPU 1 while kcompactd (pid 38) runs a compaction on CPU 0,
 * cut so that the task's last begin has no end. The expected sums were computed from the file with
 * awk, not with this parser.
 */
class CompactionTraceTest {
    static final int TASK = 2197, KCOMPACTD = 38;

    static String fixture() throws IOException {
        return Files.readString(FakeProc.fixture("../trace/direct-and-kcompactd.txt"));
    }

    static CompactionTrace trace() throws IOException {
        return CompactionTrace.parse(fixture(), Path.of("trace"));
    }

    @Test
    void matchesADirectTasksCompactionsAndKeepsItsUnendedBeginApart() throws IOException {
        CompactionTrace.Window w = trace().window(p -> p == TASK, 0, Long.MAX_VALUE);
        assertThat(w.matched()).hasSize(5);
        assertThat(w.matched().stream().mapToLong(CompactionTrace.Compaction::nanos).sum()).isEqualTo(5_038_000L);
        CompactionTrace.Work m = w.matched().stream().map(CompactionTrace.Compaction::work)
                .reduce(CompactionTrace.Work.NONE, CompactionTrace.Work::plus);
        assertThat(m.scanned()).isEqualTo(2749);
        assertThat(m.taken()).isEqualTo(1819);
        assertThat(m.migrated()).isEqualTo(1628);
        assertThat(m.migrateModes()).containsExactly("MIGRATE_ASYNC");
        assertThat(w.matched()).allMatch(CompactionTrace.Compaction::async);
        assertThat(w.matched()).filteredOn(CompactionTrace.Compaction::succeeded).hasSize(4); // one partial_skipped
        assertThat(w.attempts()).isEqualTo(6);
        CompactionTrace.Compaction open = w.compactions().get(w.compactions().size() - 1);
        assertThat(open.matched()).isFalse();
        assertThat(open.nanos()).isEqualTo(-1);
        assertThat(open.work().scanned()).isEqualTo(512);
        assertThat(open.work().taken()).isEqualTo(512);
        assertThat(w.unmatched()).isEqualTo(CompactionTrace.Work.NONE); // all the task's work was inside a begin
    }

    @Test
    void anInterleavedSecondTaskIsItsOwn() throws IOException {
        CompactionTrace.Window k = trace().window(p -> p == KCOMPACTD, 0, Long.MAX_VALUE);
        assertThat(k.matched()).hasSize(1);
        CompactionTrace.Compaction c = k.matched().get(0);
        assertThat(c.comm()).isEqualTo("kcompactd0");
        assertThat(c.async()).isFalse(); // the begin prints "sync" ...
        assertThat(c.work().migrateModes()).containsExactly("MIGRATE_SYNC_LIGHT"); // ... mm_migrate_pages says which
        assertThat(c.work().taken()).isEqualTo(269);
        assertThat(c.nanos()).isEqualTo(6_604_842_421_000L - 6_604_839_983_000L);
        assertThat(k.attempts()).isZero();
    }

    @Test
    void workWhoseBeginFellBeforeTheWindowIsUnmatched() throws IOException {
        long afterBegin = 6_604_839_984_000L;
        CompactionTrace.Window k = trace().window(p -> p == KCOMPACTD, afterBegin, Long.MAX_VALUE);
        assertThat(k.matched()).isEmpty();
        assertThat(k.unmatched().taken()).isEqualTo(269);
        assertThat(k.all().taken()).isEqualTo(269);
    }

    @Test
    void lostEventsAreReadFromTheHeader() throws IOException {
        assertThat(trace().lost()).isZero();
        String lossy = fixture().replace("entries-in-buffer/entries-written: 1278/1278", "entries-in-buffer/entries-written: 1278/1300");
        assertThat(CompactionTrace.parse(lossy, Path.of("trace")).lost()).isEqualTo(22);
    }

    @Test
    void aMalformedEventLineIsRefusedNamingIt() {
        String bad = "# tracer: nop\n  frag-1 [001] .....  garbage: mm_compaction_begin: zone_start=0x1\n";
        assertThatThrownBy(() -> CompactionTrace.parse(bad, Path.of("trace")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("line 2");
    }

    @Test
    void windowsAreHalfOpenAndASecondBeginClosesTheFirstUnmatched() throws IOException {
        CompactionTrace t = trace();
        long cut = t.window(p -> p == KCOMPACTD, 0, Long.MAX_VALUE).matched().get(0).endNs();
        // the end event at exactly `cut` belongs to the window that starts there, not the one that ends there
        assertThat(t.window(p -> p == KCOMPACTD, 0, cut).matched()).isEmpty();
        String twice = "# tracer: nop\n"
                + "  a-7 [000] .....  10.000001: mm_compaction_begin: zone_start=0x1 migrate_pfn=0x1 free_pfn=0x2 zone_end=0x3, mode=async\n"
                + "  a-7 [000] .....  10.000002: mm_compaction_isolate_migratepages: range=(0x1 ~ 0x2) nr_scanned=5 nr_taken=3\n"
                + "  a-7 [000] .....  10.000003: mm_compaction_begin: zone_start=0x1 migrate_pfn=0x1 free_pfn=0x2 zone_end=0x3, mode=async\n"
                + "  a-7 [000] .....  10.000009: mm_compaction_end: zone_start=0x1 migrate_pfn=0x1 free_pfn=0x2 zone_end=0x3, mode=async status=success\n";
        CompactionTrace.Window w = CompactionTrace.parse(twice, Path.of("t")).window(p -> true, 0, Long.MAX_VALUE);
        assertThat(w.compactions()).hasSize(2);
        assertThat(w.compactions().get(0).matched()).isFalse();
        assertThat(w.compactions().get(0).work().taken()).isEqualTo(3);
        assertThat(w.matched()).singleElement().satisfies(c -> assertThat(c.nanos()).isEqualTo(6_000));
    }
}
