package io.github.lrubench.report;

import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.CompactionMode;
import io.github.lrubench.hostkernel.ModeTable;
import io.github.lrubench.hostkernel.Overheads;
import io.github.lrubench.hostkernel.PageType;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.RatioStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The verdict on a real kernel, by compaction mode: the check's overhead is c × (checks run) /
 * (time compaction spent), in each mode that runs it. The checks lie between the pages isolated
 * (each passed the check) and the pfns scanned (free pfns included), so each mode gets two
 * overheads, c / (ns per isolated page) and c / (ns per scanned pfn); the larger decides whether
 * "minimal" holds. MIGRATE_SYNC (compact_memory) runs no check and stays as the reference, per
 * migrated page.
 */
final class KernelModes {

    /** One mode's figures (fractions for overheads, ns for times); intervals NaN where not computed. */
    record Row(String label, boolean measured, String reason, int counted, int trials, int compactions, double successShare,
               Interval nsPerIsolated, Interval nsPerScanned, Interval nsPerMigrated, Interval overheadIsolated,
               Interval overheadScanned, Interval overheadPerMigrated, double breakEvenScanned, double breakEvenIsolated) {
    }

    /** What the verdict says of a mode's overhead interval(s). */
    enum Judgement {
        MINIMAL, NOT_MINIMAL, CANNOT_TELL, NO_DATA;

        /** From the overhead if checks = isolated (smaller) and if checks = scanned (larger). */
        static Judgement of(Interval fewest, Interval most) {
            if (!Double.isFinite(fewest.estimate()) || !Double.isFinite(most.estimate())) {
                return NO_DATA; // no counted trial
            }
            double hiMost = most.hasBounds() ? most.high() : most.estimate();
            double loFewest = fewest.hasBounds() ? fewest.low() : fewest.estimate();
            if (hiMost < ModeTable.THRESHOLD) {
                return MINIMAL;
            }
            if (loFewest >= ModeTable.THRESHOLD) {
                return NOT_MINIMAL;
            }
            return CANNOT_TELL;
        }
    }

    private KernelModes() {
    }

    /** A row for a time per check measured elsewhere, taken as exact: c over it, c's interval carried. */
    static Row other(OtherSystemCost o, double c, double[] cDraws) {
        Interval t = new Interval(o.ns(), Double.NaN, Double.NaN);
        Interval overhead = Overheads.of(c, cDraws, new double[]{o.ns()}, RatioStats.SEED);
        return new Row(o.per().option() + ": " + o.label(), true, null, 0, 0, 0, Double.NaN, t, t, nan(), overhead, overhead, nan(),
                ModeTable.THRESHOLD * o.ns(), ModeTable.THRESHOLD * o.ns());
    }

    /** The rows, computed from the calibration and c (with its draws); empty when the file has no modes. */
    static List<Row> rows(Calibration cal, double c, double[] cDraws) {
        List<Row> rows = new ArrayList<>();
        if (cal == null || cal.modes() == null) {
            return rows;
        }
        for (Calibration.Mode m : cal.modes()) {
            if (!m.measured()) {
                rows.add(new Row(m.mode().label(), false, m.reason(), 0, 0, 0, Double.NaN, nan(), nan(), nan(), nan(), nan(), nan(), Double.NaN, Double.NaN));
                continue;
            }
            Calibration.ModeSummary s = m.summary();
            double[] be = ModeTable.breakEven(s).orElse(new double[]{Double.NaN, Double.NaN});
            Overheads.OfMode o = Overheads.ofMode(m.trials(), c, cDraws); // the figures calibrate prints with the same c
            rows.add(new Row(m.mode().label(), true, null, s.counted(), s.trials(), s.compactions(), s.successShare(), s.nsPerIsolatedPage(),
                    s.nsPerScannedPfn(), s.nsPerMigratedPage(), o.ifIsolated(), o.ifScanned(), o.perMigratedPage(), be[0], be[1]));
        }
        return rows;
    }

    private static Interval nan() {
        return new Interval(Double.NaN, Double.NaN, Double.NaN);
    }

    static final String HEADING = "## The verdict on a real kernel, by compaction mode\n\n";

    /**
     * The section: the modes this run's calibration measured and the times per check given with
     * {@code --t-check}; empty without c (the per-page section says what is missing).
     */
    static String markdown(Optional<Calibration> calibration, CheckCost cost, List<OtherSystemCost> perCheck) {
        if (cost == null) {
            return "";
        }
        StringBuilder md = new StringBuilder(HEADING);
        Calibration cal = calibration.filter(Calibration::measured).filter(k -> k.modes() != null).orElse(null);
        if (calibration.isEmpty()) {
            md.append("calibration.json is not in this run (made before the calibration step, or with `--no-calibrate`): "
                    + "no verdict on this machine's kernel.\n\n");
        } else if (!calibration.get().measured()) {
            md.append("Host kernel: not measured: ").append(calibration.get().reason()).append(". So no verdict on this machine's kernel.\n\n");
        } else if (cal == null) {
            md.append("This run's calibration.json predates the measurement by mode: it holds only `compact_memory`, which runs "
                    + "MIGRATE_SYNC and so never the check. No verdict on a real kernel where the check runs; `scripts/calibrate` "
                    + "measures direct async and sync-light compaction.\n\n");
        }
        List<Row> rows = rows(cal, cost.ns(), cost.replicates());
        perCheck.forEach(o -> rows.add(other(o, cost.ns(), cost.replicates())));
        if (rows.isEmpty()) {
            return md.toString();
        }
        md.append(String.format(Locale.ROOT, "v4.15's `isolate_migratepages()` sets `ISOLATE_ASYNC_MIGRATE`, and so runs the check on every "
                + "dirty LRU page the migrate scanner reaches, whenever `cc->mode != MIGRATE_SYNC`: in direct compaction (async first, "
                + "sync-light on retries), in kcompactd and in proactive compaction (sync-light). There the check's overhead is "
                + "**c × (checks run) / (time compaction spent)**. The checks lie between the pages isolated (each passed through "
                + "the check) and the pfns scanned (the free pfns among them included), so each mode has two overheads: c over the "
                + "time per isolated page, and c over the time per scanned pfn, which is the larger. c = %s ns %s is this run's; "
                + "the host kernel's times are per trial (its compaction time over its count), median over the counted trials, "
                + "and each overhead's interval pairs draws of c with a bootstrap of that median; a `--t-check` time is taken as "
                + "exact.%n%n", fmt(cost.ns()), bracket(cost.interval())));
        md.append("| mode | runs the check | counted trials | compactions (ended COMPACT_SUCCESS) | ns per isolated page [95% CI] "
                + "| ns per scanned pfn | overhead, checks = isolated | overhead, checks = scanned | per migrated page (old unit) "
                + "| break-even c at 1%, ns (scanned .. isolated) |\n|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        if (cal != null) {
            cal.summary(PageType.PAGE_CACHE_DIRTY).ifPresent(s -> md.append(String.format(Locale.ROOT,
                    "| %s (`compact_memory`, the reference) | no | %d/%d | – | – | – | – | – | %s at %s per migrated page | – |%n",
                    CompactionMode.SYNC.description(), s.counted(), s.trials(), percent(RealKernelVerdict.overhead(1.0, cost.ns(), cost.replicates(),
                            new RealKernelVerdict.Point("", s.medianNsPerMigratedPage(), new Interval(s.medianNsPerMigratedPage(), s.low(), s.high()),
                                    RealKernelVerdict.medianReplicates(cal, PageType.PAGE_CACHE_DIRTY, RatioStats.SEED), ""))),
                    RealKernelVerdict.us(s.medianNsPerMigratedPage()))));
        }
        for (Row r : rows) {
            if (!r.measured()) {
                md.append("| ").append(r.label()).append(" | yes | not measured: ").append(r.reason().replace("|", "/"))
                        .append(" | | | | | | | |\n");
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | yes | %s | %s | %s | %s | %s | %s | %s | %s .. %s |%n", r.label().replace("|", "/"),
                    r.trials() == 0 ? "–" : r.counted() + "/" + r.trials(),
                    r.trials() == 0 ? "–" : String.format(Locale.ROOT, "%d (%.0f%%)", r.compactions(), 100 * r.successShare()),
                    ns(r.nsPerIsolated()), ns(r.nsPerScanned()), percent(r.overheadIsolated()), percent(r.overheadScanned()),
                    r.overheadPerMigrated().estimate() >= 0 ? percent(r.overheadPerMigrated()) : "–",
                    fmt(r.breakEvenScanned()), fmt(r.breakEvenIsolated())));
        }
        md.append("\n**Verdict by mode.** ");
        List<String> minimal = new ArrayList<>(), not = new ArrayList<>(), unsure = new ArrayList<>(), none = new ArrayList<>();
        for (Row r : rows) {
            if (!r.measured()) {
                continue;
            }
            switch (Judgement.of(r.overheadIsolated(), r.overheadScanned())) {
                case MINIMAL -> minimal.add(r.label());
                case NOT_MINIMAL -> not.add(r.label());
                case CANNOT_TELL -> unsure.add(r.label());
                case NO_DATA -> none.add(r.label());
            }
        }
        if (!minimal.isEmpty()) {
            md.append(String.format(Locale.ROOT, "In %s the check stays under %.0f%% of compaction time even if every scanned pfn "
                    + "was checked (whole 95%% interval): there the data backs \"minimal\". ", String.join(" and ", minimal), 100 * ModeTable.THRESHOLD));
        }
        if (!not.isEmpty()) {
            md.append(String.format(Locale.ROOT, "In %s the check costs %.0f%% or more of compaction time even if only the isolated "
                    + "pages were checked: there it is not \"minimal\". ", String.join(" and ", not), 100 * ModeTable.THRESHOLD));
        }
        if (!unsure.isEmpty()) {
            md.append(String.format(Locale.ROOT, "In %s the intervals straddle %.0f%%: this measurement cannot tell. ",
                    String.join(" and ", unsure), 100 * ModeTable.THRESHOLD));
        }
        if (!none.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%s counted no trial: no verdict there. ", String.join(" and ", none)));
        }
        if (minimal.isEmpty() && not.isEmpty() && unsure.isEmpty()) {
            md.append("No mode that runs the check was measured, so there is no verdict where the check runs. ");
        }
        md.append("The break-even c is the cost per check at which the overhead would reach 1%; any c below the smaller of "
                + "a mode's two figures keeps it under 1% there. MIGRATE_SYNC is the reference: `compact_memory` runs no check, "
                + "and its \"per migrated page\" figure is the unit earlier reports used.\n\n");
        if (cal != null && cal.modes().stream().anyMatch(Calibration.Mode::measured)) {
            md.append("How each mode was driven: ").append(howAll(cal)).append("\n\n");
        }
        return md.toString();
    }

    private static String howAll(Calibration cal) {
        List<String> parts = new ArrayList<>();
        for (Calibration.Mode m : cal.modes()) {
            if (m.measured()) {
                parts.add(m.mode().label() + ": " + m.how() + " (" + (m.fillBytes() >> 20) + " MiB of dirty page cache written, every other page freed)");
            }
        }
        return String.join("; ", parts) + ".";
    }

    private static int maxCounted(List<Row> rows) {
        return rows.stream().mapToInt(Row::counted).max().orElse(0);
    }

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v) : "n/a";
    }

    private static String bracket(Interval i) {
        return i.hasBounds() ? "[" + fmt(i.low()) + ", " + fmt(i.high()) + "]" : "";
    }

    private static String ns(Interval i) {
        return fmt(i.estimate()) + (i.hasBounds() ? " [" + fmt(i.low()) + ", " + fmt(i.high()) + "]" : "");
    }

    private static String percent(Interval o) {
        return RealKernelVerdict.percent(o);
    }
}
