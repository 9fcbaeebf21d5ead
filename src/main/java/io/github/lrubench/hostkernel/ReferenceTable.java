package io.github.lrubench.hostkernel;

import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The console table of the MIGRATE_SYNC reference (compact_memory per migrated page, by page type)
 * and the free-block histograms around its first counted trial of each type.
 */
final class ReferenceTable {
    private ReferenceTable() {
    }

    /** The summary table and, per type, the free-block histogram before and after its first counted trial. */
    static String of(Calibration c) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n%-17s %7s  %-28s %6s %11s %11s %10s %7s%n", "page type", "counted",
                "ns/migrated page [95% CI]", "moved", "mscan/migr", "fscan/migr", "fail/trial", "too few"));
        List<String> shortPasses = new ArrayList<>();
        for (Calibration.Summary s : c.summaries()) {
            if (s.counted() == 0) { // no figure to give: never NaN as data (issue 22 #6)
                sb.append(String.format(Locale.ROOT, "%-17s not measured: %s%n", s.type(), uncounted(c, s)));
                continue;
            }
            String ci = Format.interval(new Interval(s.medianNsPerMigratedPage(), s.low(), s.high()), false);
            double moved = movedShare(c, s.type());
            if (moved < SHORT_PASS) {
                shortPasses.add(String.format(Locale.ROOT, "%s %.0f%%", s.type(), 100 * moved));
            }
            sb.append(String.format(Locale.ROOT, "%-17s %3d/%-3d  %-28s %5.0f%% %11.2f %11.2f %10.0f %6.0f%%%n", s.type(), s.counted(), s.trials(),
                    ci, 100 * moved, s.migrateScannedPerMigrated(), s.freeScannedPerMigrated(), s.migrationFailuresPerTrial(), 100 * s.tooFewShare()));
        }
        sb.append(String.format(Locale.ROOT, "(medians over counted trials: not warm-up, at least %,d pages migrated; moved = pages "
                + "migrated per page the trial kept; mscan/fscan = compact_migrate_scanned/compact_free_scanned per migrated page; "
                + "fail = pgmigrate_fail)%n", c.context().minMigratedPages()));
        sb.append(ownCount(c)).append('\n');
        if (!shortPasses.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "note: compaction moved under %.0f%% of the pages each trial kept (%s): its passes ended "
                    + "early, so the fixed cost of scanning every zone weighs on the figure. A kernel with large page-cache folios (ext4 "
                    + "from 6.16) ends a pass at a large folio it finds no free block of that size for (status=contended in ftrace's "
                    + "mm_compaction_end); calibrate again later, or after sync; echo 1 > /proc/sys/vm/drop_caches where that is "
                    + "acceptable.%n", 100 * SHORT_PASS, String.join(", ", shortPasses)));
        }
        sb.append(String.format(Locale.ROOT, "%nfree blocks per order, all zones (/proc/buddyinfo), around the first counted trial of each type:%n"));
        int orders = BuddyInfo.ORDERS;
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-25s", "order"));
        for (int k = 0; k < orders; k++) {
            head.append(String.format(Locale.ROOT, " %8d", k));
        }
        sb.append(head).append('\n');
        for (Calibration.Summary s : c.summaries()) {
            Optional<Calibration.Trial> shown = c.trials().stream().filter(t -> t.type() == s.type() && t.counted()).findFirst()
                    .or(() -> c.trials().stream().filter(t -> t.type() == s.type()).reduce((a, b) -> b));
            shown.ifPresent(t -> {
                sb.append(row(t.type() + " #" + (t.index() + 1) + " before", t.buddyBefore(), orders));
                sb.append(row(t.type() + " #" + (t.index() + 1) + " after", t.buddyAfter(), orders));
            });
        }
        return sb.toString();
    }

    /**
     * Whose migrations the table counts (issue 22 #4): the writes' own, from their events, with what
     * other tasks migrated meanwhile left out and said; or /proc/vmstat's, all compaction, where no
     * trace could be read.
     */
    static String ownCount(Calibration c) {
        List<Calibration.Trial> traced = c.trials().stream().filter(t -> !t.warmup() && t.migratedElsewhere() != null).toList();
        long untraced = c.trials().stream().filter(t -> !t.warmup() && t.migratedElsewhere() == null).count();
        if (traced.isEmpty()) {
            return "migrated = /proc/vmstat's pgmigrate_success, which also counts compaction elsewhere (kcompactd, other processes): "
                    + "no trace was read";
        }
        long own = traced.stream().mapToLong(Calibration.Trial::migrated).sum();
        long elsewhere = traced.stream().mapToLong(Calibration.Trial::migratedElsewhere).sum();
        return String.format(Locale.ROOT, "migrated = the write's own compaction, from its trace events: %,d pages; other tasks migrated "
                + "%,d meanwhile (%.1f%% of all), left out%s; the scan and failure counters are /proc/vmstat's, all compaction",
                own, elsewhere, own + elsewhere == 0 ? 0.0 : 100.0 * elsewhere / (own + elsewhere),
                untraced == 0 ? "" : String.format(Locale.ROOT, " (%d trials untraced: their counts are /proc/vmstat's)", untraced));
    }

    /** Why a page type has no figure: none of its trials counted. */
    static String uncounted(Calibration c, Calibration.Summary s) {
        return String.format(Locale.ROOT, "no counted trial of %d (not the warm-up, at least %,d pages migrated)", s.trials(),
                c.context() == null ? Calibrator.MIN_MIGRATED_PAGES : c.context().minMigratedPages());
    }

    /** Below this share of the kept pages moved, the console says the passes ended early. */
    static final double SHORT_PASS = 0.25;

    /** Median over a type's counted trials of migrated pages per page the trial kept (size / 2); NaN without counted trials. */
    static double movedShare(Calibration c, PageType type) {
        double kept = (double) (c.context().sizeBytes() / 2 / Fragmenter.PAGE);
        return OrderStatistics.median(c.trials().stream().filter(t -> t.type() == type && t.counted())
                .mapToDouble(t -> t.migrated() / kept).toArray());
    }

    private static String row(String label, long[] free, int orders) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-25s", label));
        for (int k = 0; k < Math.max(orders, free.length); k++) {
            sb.append(String.format(Locale.ROOT, " %8d", k < free.length ? free[k] : 0));
        }
        return sb.append('\n').toString();
    }
}
