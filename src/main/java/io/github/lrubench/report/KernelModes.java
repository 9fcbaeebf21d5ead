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
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The verdict on a real kernel, by compaction mode: the check's overhead is c × (checks run) /
 * (time compaction spent), in each mode that runs it. The checks lie between the pages isolated
 * (each passed the check) and the pfns scanned (free pfns included), so each mode gets two
 * overheads, c / (ns per isolated page) and c / (ns per scanned pfn); the larger decides whether
 * "minimal" holds. MIGRATE_SYNC (compact_memory) runs no check and stays as the reference, per
 * migrated page.
 */
final class KernelModes implements ReportSection<KernelModes.Verdict> {

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
            // t's interval from the same bootstrap replicates the overhead pairs with c (calibration.json's are order statistics)
            Overheads.OfMode t = Overheads.timesOfMode(m.trials());
            rows.add(new Row(m.mode().label(), true, null, s.counted(), s.trials(), s.compactions(), s.successShare(), t.ifIsolated(),
                    t.ifScanned(), t.perMigratedPage(), o.ifIsolated(), o.ifScanned(), o.perMigratedPage(), be[0], be[1]));
        }
        return rows;
    }

    private static Interval nan() {
        return new Interval(Double.NaN, Double.NaN, Double.NaN);
    }

    /** What the run's calibration.json gives the verdict by mode. */
    enum Source {
        /** No calibration.json in the run. */
        ABSENT,
        /** calibration.json says why the host kernel was not measured. */
        NOT_MEASURED,
        /** A calibration.json from before the measurement by mode: compact_memory alone. */
        NO_MODES,
        MEASURED
    }

    /** The MIGRATE_SYNC reference row: compact_memory, per migrated page, one check per page moved. */
    record Reference(String mode, int counted, int trials, Interval overheadPerMigrated, Interval nsPerMigrated) {
    }

    /** How a measured mode was driven, and how much dirty page cache it wrote. */
    record How(String mode, String how, long fillMiB) {
    }

    /**
     * The section's figures; absent (no section) without c, whose absence the per-page section reports.
     *
     * @param c         this run's c with its interval
     * @param reason    why the host kernel was not measured, for {@link Source#NOT_MEASURED}
     * @param rows      the measured and unmeasured modes, then the {@code --t-check} times
     * @param judged    each measured row's label by its judgement, in row order
     */
    record Verdict(Interval c, Source source, String reason, Reference reference, List<Row> rows,
                   Map<Judgement, List<String>> judged, List<How> how) {
    }

    @Override
    public Verdict compute(Report.Inputs in) {
        return verdict(in.calibration(), CheckCost.of(new SuiteResults(in.results())),
                in.others().stream().filter(o -> o.per() == OtherSystemCost.Per.CHECK).toList());
    }

    /** The verdict from a calibration, c and times per check from elsewhere; null without c. */
    static Verdict verdict(Optional<Calibration> calibration, CheckCost cost, List<OtherSystemCost> perCheck) {
        if (cost == null) {
            return null;
        }
        Calibration cal = calibration.filter(Calibration::measured).filter(k -> k.modes() != null).orElse(null);
        Source source = calibration.isEmpty() ? Source.ABSENT : !calibration.get().measured() ? Source.NOT_MEASURED
                : cal == null ? Source.NO_MODES : Source.MEASURED;
        List<Row> rows = rows(cal, cost.ns(), cost.replicates());
        perCheck.forEach(o -> rows.add(other(o, cost.ns(), cost.replicates())));
        // the per-migrated-page table's own bootstrap (its seed, its percentile interval for t): one figure, printed alike in both tables
        Reference reference = cal == null ? null : cal.summary(PageType.PAGE_CACHE_DIRTY).map(s -> {
            double[] reps = RealKernelVerdict.medianReplicates(cal, s.type(), RealKernelVerdict.seed(cal, s.type()));
            Interval t = RatioStats.percentileInterval(s.medianNsPerMigratedPage(), reps);
            return new Reference(CompactionMode.SYNC.description(), s.counted(), s.trials(),
                    RealKernelVerdict.overhead(1.0, cost.ns(), cost.replicates(), new RealKernelVerdict.Point("", s.medianNsPerMigratedPage(),
                            t, reps, "")), t);
        }).orElse(null);
        Map<Judgement, List<String>> judged = new EnumMap<>(Judgement.class);
        for (Judgement j : Judgement.values()) {
            judged.put(j, new ArrayList<>());
        }
        rows.stream().filter(Row::measured).forEach(r -> judged.get(Judgement.of(r.overheadIsolated(), r.overheadScanned())).add(r.label()));
        List<How> how = cal == null ? List.of() : cal.modes().stream().filter(Calibration.Mode::measured)
                .map(m -> new How(m.mode().label(), m.how(), m.fillBytes() >> 20)).toList();
        return new Verdict(cost.interval(), source, calibration.map(Calibration::reason).orElse(null), reference, List.copyOf(rows),
                judged, how);
    }

    @Override
    public void print(Verdict v, Markdown md) {
        if (v == null) {
            return;
        }
        md.heading(2, "The verdict on a real kernel, by compaction mode");
        switch (v.source()) {
            case ABSENT -> md.para("calibration.json is not in this run (made before the calibration step, or with `--no-calibrate`): "
                    + "no verdict on this machine's kernel.");
            case NOT_MEASURED -> md.para("Host kernel: not measured: " + v.reason() + ". So no verdict on this machine's kernel.");
            case NO_MODES -> md.para("This run's calibration.json predates the measurement by mode: it holds only `compact_memory`, which runs "
                    + "MIGRATE_SYNC and so never the check. No verdict on a real kernel where the check runs; `scripts/calibrate` "
                    + "measures direct async and sync-light compaction.");
            case MEASURED -> { }
        }
        if (v.rows().isEmpty()) {
            return;
        }
        String threshold = FigureFormat.fixed(100 * ModeTable.THRESHOLD, 0) + "%";
        md.para("v4.15's `isolate_migratepages()` sets `ISOLATE_ASYNC_MIGRATE`, and so runs the check on every "
                + "dirty LRU page the migrate scanner reaches, whenever `cc->mode != MIGRATE_SYNC`: in direct compaction (async first, "
                + "sync-light on retries), in kcompactd and in proactive compaction (sync-light). There the check's overhead is "
                + "**c × (checks run) / (time compaction spent)**. The checks lie between the pages isolated (each passed through "
                + "the check) and the pfns scanned (the free pfns among them included), so each mode has two overheads: c over the "
                + "time per isolated page, and c over the time per scanned pfn, which is the larger. c = "
                + FigureFormat.interval(v.c()) + " ns" + " is this run's; "
                + "the host kernel's times are per trial (its compaction time over its count), median over the counted trials, "
                + "and each overhead's interval pairs draws of c with a bootstrap of that median; a `--t-check` time is taken as "
                + "exact.");
        md.tableHeader(List.of("mode", "runs the check", "counted trials", "compactions (ended COMPACT_SUCCESS)",
                "ns per isolated page [95% CI]", "ns per scanned pfn", "overhead, checks = isolated", "overhead, checks = scanned",
                "per migrated page (old unit)", "break-even c at 1%, ns (scanned .. isolated)"), "llrrrrrrrr");
        Reference ref = v.reference();
        if (ref != null) {
            md.row(List.of(ref.mode() + " (`compact_memory`, the reference)", "no", ref.counted() + "/" + ref.trials(), "–", "–", "–",
                    "–", "–", FigureFormat.fractionPercent(ref.overheadPerMigrated()) + " at " + FigureFormat.duration(ref.nsPerMigrated())
                            + " per migrated page", "–"));
        }
        for (Row r : v.rows()) {
            if (!r.measured()) {
                md.text("| " + r.label() + " | yes | not measured: " + r.reason().replace("|", "/") + " | | | | | | | |").line();
                continue;
            }
            if (r.trials() > 0 && r.counted() == 0) { // no figure to give: not measured, never n/a as data (issue 22 #6)
                md.text("| " + r.label().replace("|", "/") + " | yes | not measured: 0 of " + r.trials() + " trials counted | | | | | | | |").line();
                continue;
            }
            md.row(List.of(r.label().replace("|", "/"), "yes",
                    r.trials() == 0 ? "–" : r.counted() + "/" + r.trials(),
                    r.trials() == 0 ? "–" : r.compactions() == 0 ? "0" : r.compactions() + " (" + FigureFormat.fixed(100 * r.successShare(), 0) + "%)",
                    FigureFormat.bySize(r.nsPerIsolated()), FigureFormat.bySize(r.nsPerScanned()),
                    FigureFormat.fractionPercent(r.overheadIsolated()), FigureFormat.fractionPercent(r.overheadScanned()),
                    r.overheadPerMigrated().estimate() >= 0 ? FigureFormat.fractionPercent(r.overheadPerMigrated()) : "–",
                    FigureFormat.bySize(r.breakEvenScanned()) + " .. " + FigureFormat.bySize(r.breakEvenIsolated())));
        }
        md.line().text("**Verdict by mode.** ");
        List<String> minimal = v.judged().get(Judgement.MINIMAL), not = v.judged().get(Judgement.NOT_MINIMAL),
                unsure = v.judged().get(Judgement.CANNOT_TELL), none = v.judged().get(Judgement.NO_DATA);
        if (!minimal.isEmpty()) {
            md.text("In " + String.join(" and ", minimal) + " the check stays under " + threshold + " of compaction time even if every scanned pfn "
                    + "was checked (whole 95% interval): there the data backs \"minimal\". ");
        }
        if (!not.isEmpty()) {
            md.text("In " + String.join(" and ", not) + " the check costs " + threshold + " or more of compaction time even if only the isolated "
                    + "pages were checked: there it is not \"minimal\". ");
        }
        if (!unsure.isEmpty()) {
            md.text("In " + String.join(" and ", unsure) + " the intervals straddle " + threshold + ": this measurement cannot tell. ");
        }
        if (!none.isEmpty()) {
            md.text(String.join(" and ", none) + " counted no trial: no verdict there. ");
        }
        if (minimal.isEmpty() && not.isEmpty() && unsure.isEmpty()) {
            md.text("No mode that runs the check was measured, so there is no verdict where the check runs. ");
        }
        md.para("The break-even c is the cost per check at which the overhead would reach 1%; any c below the smaller of "
                + "a mode's two figures keeps it under 1% there. MIGRATE_SYNC is the reference: `compact_memory` runs no check, "
                + "and its \"per migrated page\" figure is the unit earlier reports used.");
        if (!v.how().isEmpty()) {
            md.para("How each mode was driven: " + String.join("; ", v.how().stream()
                    .map(h -> h.mode() + ": " + h.how() + " (" + h.fillMiB() + " MiB of dirty page cache written, every other page freed)")
                    .toList()) + ".");
        }
    }
}
