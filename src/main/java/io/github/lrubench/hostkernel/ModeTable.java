package io.github.lrubench.hostkernel;

import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;

import java.util.Locale;
import java.util.Optional;

/**
 * calibrate's console table by mode: how long compaction takes per compaction, per pfn scanned,
 * per page isolated and per page migrated, and what that makes of the check. The check runs
 * somewhere between once per isolated page and once per scanned pfn, so its overhead c × checks /
 * time lies between c / (ns per isolated page) and c / (ns per scanned pfn); the break-even c is
 * the c at which the larger of those reaches 1%.
 */
public final class ModeTable {
    /** "Minimal": the overhead Mel Gorman's argument is held to. */
    public static final double THRESHOLD = 0.01;

    private ModeTable() {
    }

    public static String of(Calibration c) {
        if (c.modes() == null || c.modes().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n%-40s %7s %12s  %-24s %-20s %-20s %-20s %s%n", "mode",
                "counted", "compactions", "ms/compaction [95% CI]", "ns/scanned pfn", "ns/isolated page", "ns/migrated page",
                "break-even c (1%), ns"));
        c.summary(PageType.PAGE_CACHE_DIRTY).ifPresent(s -> sb.append(s.counted() == 0
                ? String.format(Locale.ROOT, "%-40s not measured: %s%n", CompactionMode.SYNC.description(), ReferenceTable.uncounted(c, s))
                : String.format(Locale.ROOT, "%-40s %3d/%-3d %12s  %-24s %-20s %-20s %-20s %s%n",
                CompactionMode.SYNC.description(), s.counted(), s.trials(), "", "", "", "",
                Format.interval(new Interval(s.medianNsPerMigratedPage(), s.low(), s.high()), false), "(compact_memory, per migrated page)")));
        for (Calibration.Mode m : c.modes()) {
            if (!m.measured()) {
                sb.append(String.format(Locale.ROOT, "%-40s not measured: %s%n", m.mode().label(), m.reason()));
                continue;
            }
            Calibration.ModeSummary s = m.summary();
            if (s.counted() == 0) { // no figure to give: never NaN as data (issue 22 #6)
                sb.append(String.format(Locale.ROOT, "%-40s not measured: %s%n", m.mode().label(), uncounted(m)));
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-40s %3d/%-3d %12s  %-24s %-20s %-20s %-20s %s%n", m.mode().label(), s.counted(),
                    s.trials(), s.compactions() == 0 ? "0" : String.format(Locale.ROOT, "%5d (%3.0f%%)", s.compactions(), 100 * s.successShare()), Format.interval(scaled(s.nsPerCompaction(), 1e-6), false),
                    Format.interval(s.nsPerScannedPfn(), false), Format.interval(s.nsPerIsolatedPage(), false), Format.interval(s.nsPerMigratedPage(), false),
                    breakEven(s).map(b -> String.format(Locale.ROOT, "%.1f (checks = scanned) .. %.1f (= isolated)", b[0], b[1])).orElse("n/a")));
            if (s.overheadIfTaken() != null) {
                sb.append(String.format(Locale.ROOT, "%-40s overhead with c = %s ns: %s (checks = isolated) .. %s (checks = scanned); "
                                + "per migrated page %s%n", "", Format.interval(m.checkCost(), false), percent(s.overheadIfTaken()),
                        percent(s.overheadIfScanned()), percent(s.overheadPerMigratedPage())));
            }
        }
        sb.append(String.format(Locale.ROOT, "(medians over counted trials of each trial's time over its count; counted: not the warm-up, "
                + "at least %,d pages isolated, no trace events lost; compactions: matched begin/end pairs, with the share that ended "
                + "COMPACT_SUCCESS; checks lie between the pages isolated and the pfns scanned)%n",
                c.context() == null ? Calibrator.MIN_MIGRATED_PAGES : c.context().minMigratedPages()));
        return sb.toString();
    }

    /** Why a measured mode has no figure: none of its trials counted, and what kept each out. */
    static String uncounted(Calibration.Mode m) {
        java.util.List<Calibration.ModeTrial> trials = m.trials() == null ? java.util.List.of() : m.trials();
        long warmups = trials.stream().filter(Calibration.ModeTrial::warmup).count();
        long lost = trials.stream().filter(t -> !t.warmup() && t.lostEvents() > 0).count();
        long few = trials.stream().filter(t -> !t.warmup() && t.lostEvents() == 0 && !t.counted()).count();
        return String.format(Locale.ROOT, "no counted trial of %d (%d warm-up, %d isolated too few pages, %d lost trace events)",
                trials.size(), warmups, few, lost);
    }

    /** The c, ns, at which the overhead reaches {@link #THRESHOLD}: {at the scanned bound, at the isolated bound}. */
    public static Optional<double[]> breakEven(Calibration.ModeSummary s) {
        double scanned = s.nsPerScannedPfn().estimate(), taken = s.nsPerIsolatedPage().estimate();
        if (!(scanned > 0) || !(taken > 0)) {
            return Optional.empty();
        }
        return Optional.of(new double[]{THRESHOLD * scanned, THRESHOLD * taken});
    }

    private static Interval scaled(Interval i, double k) {
        return new Interval(i.estimate() * k, i.low() * k, i.high() * k);
    }

    /** A fraction as a percent rounded to its interval (the report's rule). */
    private static String percent(Interval o) {
        return o == null ? "n/a" : Format.share(o, false);
    }
}
