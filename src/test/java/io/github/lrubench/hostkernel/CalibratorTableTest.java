package io.github.lrubench.hostkernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console table: one row per type, and a note when the passes moved few of the pages the trials kept. */
class CalibratorTableTest {

    static Calibration calibration(long migratedPerTrial) {
        return calibration(migratedPerTrial, null);
    }

    /** {@code elsewhere}: what other tasks migrated in each trial, from the trace; null: untraced. */
    static Calibration calibration(long migratedPerTrial, Long elsewhere) {
        Calibration.Context ctx = new Calibration.Context("6.18.44-fc-v595", "madvise", "20", true, 2, 24_684_096, 24_352_172,
                "/dev/shm", "tmpfs", 1L << 30, 11, Calibrator.MIN_MIGRATED_PAGES, Calibrator.CONFIDENCE);
        List<Calibration.Trial> trials = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            long wall = 150_000_000L + i * 1_000_000L;
            trials.add(new Calibration.Trial(PageType.PAGE_CACHE_DIRTY, i, i == 0, wall,
                    Map.of("pgmigrate_success", migratedPerTrial, "pgmigrate_fail", 34L, "compact_migrate_scanned", 15 * migratedPerTrial,
                            "compact_free_scanned", 2 * migratedPerTrial),
                    new long[]{167_125, 8_044, 2_187, 1_241, 594, 246, 87, 34, 26, 6, 863}, new long[11], migratedPerTrial,
                    (double) wall / migratedPerTrial, i > 0 && migratedPerTrial >= Calibrator.MIN_MIGRATED_PAGES, elsewhere));
        }
        Calibration.Summary s = ReferenceSummary.summarize(PageType.PAGE_CACHE_DIRTY, trials);
        return new Calibration(true, null, ctx, List.of(s), trials, null, null);
    }

    @Test
    void aRowPerTypeWithTheShareOfKeptPagesMoved() {
        String table = Calibrator.table(calibration(104_858)); // 80% of the 131,072 pages a 1 GiB trial keeps
        assertThat(table).contains("PAGE_CACHE_DIRTY   10/10 ").contains("1483 [1450, 1516]") // walls 151..160 ms: median 155.5, x2 152, x9 159, over 104,858.contains("   80% ")
                .contains("15.00").contains("PAGE_CACHE_DIRTY #2 before")
                .doesNotContain("note:");
    }

    @Test
    void passesThatEndEarlyAreSaidToBeSo() {
        String table = Calibrator.table(calibration(2_400));
        assertThat(table).contains("    2% ").contains("note: compaction moved under 25% of the pages each trial kept (PAGE_CACHE_DIRTY 2%)");
    }

    /** Whose migrations are counted is said (issue 22 #4): the writes' own, with the others' share; or vmstat's, all of it. */
    @Test
    void theTableSaysWhoseMigrationsItCounts() {
        assertThat(Calibrator.table(calibration(10_000, 500L)))
                .contains("migrated = the write's own compaction, from its trace events: 100,000 pages; other tasks migrated 5,000 "
                        + "meanwhile (4.8% of all), left out;");
        assertThat(Calibrator.table(calibration(10_000, null)))
                .contains("migrated = /proc/vmstat's pgmigrate_success, which also counts compaction elsewhere");
    }
}
