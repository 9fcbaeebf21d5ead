package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.ModeTable;
import io.github.lrubench.hostkernel.Overheads;
import io.github.lrubench.hostkernel.PageType;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.Metric;
import io.github.lrubench.results.RatioStats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.bench.SuiteParam.MIGRATE_EXTRA_NS;
import static io.github.lrubench.mm.IsolationCheck.NONE;

/**
 * The verdict where it matters, on a real kernel. The check adds c per dirty page it runs on; a
 * compaction pass runs it on the dirty share p of the pages it isolates and moves, and costs t per
 * migrated page in all, so the overhead is p·c / t. c is this run's (well resolved) measurement;
 * t comes from the host kernel (calibration.json), from other machines ({@code --t-page}), and,
 * for comparison, from the Java model's own pass, which is far cheaper than a kernel's.
 */
final class RealKernelVerdict implements ReportSection<RealKernelVerdict.Figures> {
    /** "Minimal": the overhead Mel Gorman's argument is held to. */
    static final double THRESHOLD = ModeTable.THRESHOLD;
    /** Dirty shares of the isolated pages the verdict is stated at. */
    static final double[] DIRTY_SHARES = {0.10, 0.50, 1.00};
    /** Chart file stem. */
    static final String CHART = "verdict-real-kernel";

    /** A cost per migrated page with where it comes from and, where measured, its bootstrap replicates. */
    record Point(String label, double t, Interval tInterval, double[] tReplicates, String note) {
    }

    /** A cost per migrated page and the check's overhead on it at each of {@link #DIRTY_SHARES}, in that order. */
    record PointRow(Point point, List<Interval> overheads) {
        Interval at(double share) {
            for (int i = 0; i < DIRTY_SHARES.length; i++) {
                if (DIRTY_SHARES[i] == share) {
                    return overheads.get(i);
                }
            }
            throw new IllegalArgumentException("no overhead at dirty share " + share);
        }
    }

    /**
     * The section's figures.
     *
     * @param c           this run's c with its interval, null when the run cannot give it
     * @param cSource     how c was measured
     * @param source      what the run's calibration.json gives (absent, not measured, measured)
     * @param reason      why the host kernel was not measured
     * @param context     the measured host kernel, null unless measured
     * @param rows        every cost per migrated page: the host kernel's MIGRATE_SYNC per page type, --t-page, the Java model
     * @param dirtyKernel the host kernel's row for dirty page cache, null without it
     * @param chart       the overhead against t, null without c
     */
    record Figures(Interval c, String cSource, KernelModes.Source source, String reason, Calibration.Context context,
                   List<PointRow> rows, PointRow dirtyKernel, ChartSpec chart) {
    }

    @Override
    public Figures compute(Report.Inputs in) {
        SuiteResults run = new SuiteResults(in.results());
        Optional<Calibration> calibration = in.calibration();
        KernelModes.Source source = calibration.isEmpty() ? KernelModes.Source.ABSENT
                : calibration.get().measured() ? KernelModes.Source.MEASURED : KernelModes.Source.NOT_MEASURED;
        String reason = calibration.map(Calibration::reason).orElse(null);
        CheckCost cost = CheckCost.of(run);
        if (cost == null) {
            return new Figures(null, null, source, reason, null, List.of(), null, null);
        }
        double c = cost.ns();
        double[] cReps = cost.replicates();
        List<Point> points = new ArrayList<>();
        Point dirtyKernel = null;
        Calibration.Context context = null;
        if (source == KernelModes.Source.MEASURED) {
            Calibration cal = calibration.get();
            context = cal.context();
            for (Calibration.Summary s : cal.summaries()) {
                double[] reps = medianReplicates(cal, s.type(), seed(cal, s.type()));
                // t's interval: the percentile interval of the bootstrap replicates the overhead pairs with c (one method for both)
                Point p = new Point("host kernel, MIGRATE_SYNC (runs no check): " + s.type().label(), s.medianNsPerMigratedPage(),
                        RatioStats.percentileInterval(s.medianNsPerMigratedPage(), reps), reps,
                        s.counted() + " counted trials; " + FigureFormat.num(s.migrateScannedPerMigrated()) + " pfns scanned and "
                                + FigureFormat.num(s.freeScannedPerMigrated()) + " free pfns scanned per migrated page; "
                                + FigureFormat.num(s.migrationFailuresPerTrial()) + " migration failures per trial; "
                                + FigureFormat.fixed(100 * s.tooFewShare(), 0) + "% of trials too few pages");
                points.add(p);
                if (s.type() == PageType.PAGE_CACHE_DIRTY && s.counted() > 0 && s.medianNsPerMigratedPage() > 0) {
                    dirtyKernel = p; // a type with no counted trial is not measured, not a figure for the sentence below
                }
            }
        }
        for (OtherSystemCost tp : in.others().stream().filter(o -> o.per() == OtherSystemCost.Per.MIGRATED_PAGE).toList()) {
            points.add(new Point("--t-page: " + tp.label(), tp.ns(), new Interval(tp.ns(), Double.NaN, Double.NaN),
                    new double[0], "given on the command line"));
        }
        Point model = modelPoint(run);
        if (model != null) {
            points.add(model);
        }
        List<PointRow> rows = new ArrayList<>();
        PointRow dirtyRow = null;
        for (Point p : points) {
            PointRow row = new PointRow(p, Arrays.stream(DIRTY_SHARES).mapToObj(share -> overhead(share, c, cReps, p)).toList());
            rows.add(row);
            if (p == dirtyKernel) {
                dirtyRow = row;
            }
        }
        List<ChartPoint> drawn = rows.stream().map(r -> new ChartPoint(r.point().label(), r.point().tInterval(), r.at(1.0))).toList();
        return new Figures(cost.interval(), cost.source(), source, reason, context, List.copyOf(rows), dirtyRow,
                chart(cost.interval(), drawn, modelRange(run)));
    }

    @Override
    public void print(Figures f, Markdown md) {
        md.heading(2, "Per migrated page: the MIGRATE_SYNC reference, other systems and the Java model");
        if (f.c() == null) {
            if (f.source() == KernelModes.Source.NOT_MEASURED) {
                md.para("Host kernel: not measured: " + f.reason());
            }
            md.para("Needs the check's cost per dirty page (`PageblockIsolationBenchmark` or "
                    + "`IsolationCheckBenchmark`): not in this run.");
            return;
        }
        double c = f.c().estimate();
        String threshold = FigureFormat.fixed(THRESHOLD * 100, 0) + "%";
        md.para("The check costs c = " + FigureFormat.interval(f.c()) + " ns per dirty page (" + f.cSource()
                + "). A compaction pass runs it on the dirty share p of the pages it isolates and moves, and costs t per migrated page "
                + "in all, so it adds p·c per migrated page: **overhead = p·c / t**. \"Minimal\" is taken as under " + threshold
                + ", which the check stays under wherever t > p·c / " + threshold + ": " + FigureFormat.micros(c / THRESHOLD)
                + " at 100% dirty, " + FigureFormat.micros(0.5 * c / THRESHOLD) + " at 50%, " + FigureFormat.micros(0.1 * c / THRESHOLD)
                + " at 10%.");
        switch (f.source()) {
            case ABSENT -> md.para("Host kernel: calibration.json not in this run (runs made before the calibration step existed, "
                    + "or with `--no-calibrate`).");
            case NOT_MEASURED -> md.para("Host kernel: not measured: " + f.reason());
            default -> {
                Calibration.Context ctx = f.context();
                md.para("Host kernel: " + ctx.kernelRelease() + ", " + (ctx.hypervisor() ? "a VM" : "bare metal") + ", " + ctx.cores()
                        + " cores, " + FigureFormat.num(ctx.memTotalKb() / 1024.0 / 1024.0) + " GiB; transparent hugepages " + ctx.transparentHugepage()
                        + ", compaction_proactiveness " + (ctx.compactionProactiveness() == null ? "(absent)" : ctx.compactionProactiveness())
                        + ". MIGRATE_SYNC reference: `/proc/sys/vm/compact_memory` written after fragmenting " + (ctx.sizeBytes() >> 20)
                        + " MiB on " + ctx.dir() + " (" + ctx.fileSystem() + ") per trial, " + ctx.trialsPerType()
                        + " trials per page type (the first discarded), a trial counted when it migrated at least "
                        + ctx.minMigratedPages() + " pages.");
            }
        }
        md.tableHeader(List.of("where t comes from", "t per migrated page [95% CI]", "overhead at 10% dirty", "at 50%", "at 100%", "notes"),
                "lrrrrl");
        for (PointRow r : f.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(r.point().label());
            if (!(r.point().t() > 0) || Double.isInfinite(r.point().t())) { // NaN or non-positive: not data (issue 22 #6)
                cells.add("not measured: no counted trial");
                r.overheads().forEach(o -> cells.add("–"));
            } else {
                cells.add(FigureFormat.duration(r.point().tInterval()));
                r.overheads().forEach(o -> cells.add(FigureFormat.fractionPercent(o)));
            }
            cells.add(r.point().note());
            md.row(cells);
        }
        md.line().para("Overhead intervals carry both c's uncertainty (draws from its t distribution) and t's: for the host kernel "
                + "the bootstrap of the median over its trials, whose percentile interval is the one printed for t (one method for "
                + "both), and for the Java model draws from the t distribution of its fork means; each replicate pairs one of each. "
                + "A `--t-page` figure is taken as exact.");
        md.text("**Per migrated page, MIGRATE_SYNC.** ");
        PointRow k = f.dirtyKernel();
        if (k == null) {
            md.text("No host-kernel MIGRATE_SYNC figure for dirty page cache in this run; "
                    + "place a system by its own t with `--t-page`.");
        } else {
            Calibration.Context ctx = f.context();
            md.text("On this machine's kernel (" + ctx.kernelRelease() + ", " + (ctx.hypervisor() ? "VM" : "bare metal") + ") a `compact_memory` "
                    + "pass costs " + FigureFormat.duration(k.point().tInterval())
                    + " per migrated page for dirty page cache; one check per migrated page would be " + FigureFormat.fractionPercent(k.at(1.0))
                    + " of it at 100% dirty, " + FigureFormat.fractionPercent(k.at(0.5)) + " at 50% and "
                    + FigureFormat.fractionPercent(k.at(0.1)) + " at 10%. "
                    + "That pass runs MIGRATE_SYNC, which runs no check, and counts one check per page moved where direct async "
                    + "compaction checks every page it scans: it is the unit earlier reports used, not the verdict (see the table by "
                    + "mode above).");
        }
        md.line().line();
        md.para("What t includes: `compact_memory` runs `compact_nodes()` in `MIGRATE_SYNC` over every zone (the source line in "
                + "`compact_node()` sets `.mode = MIGRATE_SYNC`; ftrace's `mm_compaction_begin` prints \"sync\" for every mode but "
                + "async, so it cannot tell sync from sync-light), so the time covers the migrate scanner, the free scanner and "
                + "migration of the pages that moved. The check runs in every other mode, where compaction also scans and puts "
                + "back pages it does not move: per migrated page is the wrong unit for it, kept here to place other systems "
                + "measured that way (`--t-page`). The Java model's pass is a lower bound on t: it leaves out the free scanner, "
                + "TLB flushes and cold memory.");
        md.image("overhead against the cost per migrated page", CHART);
    }

    @Override
    public List<ChartSpec> charts(Figures f) {
        return f.chart() == null ? List.of() : List.of(f.chart());
    }

    /** p·c/t with the interval of paired replicates (c's bootstrap with t's, where t has one). */
    static Interval overhead(double share, double c, double[] cReps, Point p) {
        double point = share * c / p.t();
        if (cReps.length == 0) {
            return new Interval(point, Double.NaN, Double.NaN);
        }
        double[] reps = new double[cReps.length];
        for (int i = 0; i < reps.length; i++) {
            double t = p.tReplicates().length == 0 ? p.t() : p.tReplicates()[i % p.tReplicates().length];
            reps[i] = share * cReps[i] / t;
        }
        return RatioStats.percentileInterval(point, reps);
    }

    /** Bootstrap replicates of the median ns per migrated page over a page type's counted trials. */
    /** The bootstrap seed of a page type's median: one per type, so every table that shows it shows the same interval. */
    static long seed(Calibration cal, PageType type) {
        List<Calibration.Summary> s = cal.summaries();
        for (int k = 0; k < s.size(); k++) {
            if (s.get(k).type() == type) {
                return RatioStats.SEED + k + 1; // the order the table has always drawn them in
            }
        }
        throw new IllegalArgumentException("no " + type + " in the calibration");
    }

    static double[] medianReplicates(Calibration cal, PageType type, long seed) {
        double[] v = cal.trials().stream().filter(t -> t.type() == type && t.counted())
                .mapToDouble(Calibration.Trial::nsPerMigratedPage).toArray();
        return v.length == 0 ? new double[0] : Overheads.medianReplicates(v, seed);
    }

    /** The Java model's own pass per migrated page: CompactionPassBenchmark's migratedPage at no added delay, NONE, all dirty. */
    static Point modelPoint(SuiteResults run) {
        BenchmarkResult r = run.one(SuiteBenchmark.COMPACT_PASS, Map.of(CHECK, NONE, DIRTY_PERCENT, 100, MIGRATE_EXTRA_NS, 0));
        Metric m = r == null ? null : SuiteResults.metric(r, SuiteMetric.MIGRATED_PAGE);
        if (m == null || !(m.score() > 0)) {
            return null;
        }
        ForkStats.Estimate t = ForkStats.estimate(m); // over fork means, its draws carried into the overhead like c's
        return new Point("the Java model's own pass", t.mean(), t.interval(), t.draws(RatioStats.SEED + 101),
                "no free scanner, no TLB flush, hot caches: a lower bound");
    }

    /** The t range the Java model's pass (NONE) was measured over, all dirty shares and added costs; empty without it. */
    static Optional<MeasuredRange> modelRange(SuiteResults run) {
        double[] t = run.of(Suite.COMPACTION_PASS).stream().filter(r -> SuiteResults.check(r) == NONE)
                .map(r -> SuiteResults.metric(r, SuiteMetric.MIGRATED_PAGE)).filter(m -> m != null && m.score() > 0)
                .mapToDouble(Metric::score).toArray();
        return t.length == 0 ? Optional.empty()
                : Optional.of(new MeasuredRange(Arrays.stream(t).min().orElseThrow(), Arrays.stream(t).max().orElseThrow()));
    }

    /**
     * Where on the t axis the Java model's pass was measured: from {@code tMin} to {@code tMax} ns
     * per migrated page (equal when the model gives one point).
     */
    record MeasuredRange(double tMin, double tMax) {
        static MeasuredRange at(double t) {
            return new MeasuredRange(t, t);
        }
    }

    /**
     * A point as the chart draws it: t with its interval on x, the overhead at 100% dirty (a
     * fraction) with its interval on y; an interval without bounds draws no bar.
     */
    record ChartPoint(String label, Interval t, Interval overhead) {
    }

    /**
     * The verdict curve, from plain values: one curve p·c/t per dirty share with the shaded band
     * p·c_low/t .. p·c_high/t of c's 95% interval, the thresholds as plain reference lines, the
     * points with their intervals, and the range of t the Java model was measured at.
     */
    static ChartSpec chart(Interval c, List<ChartPoint> all, Optional<MeasuredRange> measured) {
        // a median of 0 or Infinity (a t outside the physical range) is not a point, and does not stretch the axis
        List<ChartPoint> points = all.stream().filter(p -> OtherSystemCost.physical(p.t().estimate())).toList();
        double lo = 50, hi = 2e4; // from below the Java model's pass to well past any kernel's per-page cost
        for (ChartPoint p : points) {
            lo = Math.min(lo, p.t().estimate() / 2);
            hi = Math.max(hi, p.t().estimate() * 2);
        }
        if (measured.isPresent() && OtherSystemCost.physical(measured.get().tMin()) && OtherSystemCost.physical(measured.get().tMax())) {
            lo = Math.min(lo, measured.get().tMin() / 2);
            hi = Math.max(hi, measured.get().tMax() * 2);
        }
        // a fixed number of steps of 10^0.025 between the two: bounded by construction, whatever the points
        List<Double> ts = new ArrayList<>();
        int steps = (int) Math.ceil(Math.log10(hi / lo) / 0.025);
        for (int i = 0; i <= steps; i++) {
            ts.add(lo * Math.pow(10, i * 0.025));
        }
        List<ChartSpec.Series> series = new ArrayList<>();
        for (double share : DIRTY_SHARES) {
            String name = String.format(Locale.ROOT, "check at %.0f%% dirty", share * 100);
            List<Double> y = ts.stream().map(t -> 100 * share * c.estimate() / t).toList();
            series.add(c.hasBounds()
                    ? ChartSpec.Series.band(name, ts, y, ts.stream().map(t -> 100 * share * c.low() / t).toList(),
                            ts.stream().map(t -> 100 * share * c.high() / t).toList())
                    : ChartSpec.Series.of(name, ts, y, ChartSpec.Style.CURVE));
        }
        for (ChartPoint p : points) {
            double t = p.t().estimate();
            ChartSpec.Series s = ChartSpec.Series.of(p.label(), List.of(t), List.of(100 * p.overhead().estimate()), ChartSpec.Style.MARKERS);
            if (p.overhead().hasBounds()) {
                s = s.withBounds(List.of(100 * p.overhead().low()), List.of(100 * p.overhead().high()));
            }
            if (p.t().hasBounds()) {
                s = s.withXBounds(List.of(p.t().low()), List.of(p.t().high()));
            }
            series.add(s);
        }
        ChartSpec spec = new ChartSpec(CHART, ChartSpec.Kind.LINE, "page-lock check overhead p·c/t against compaction's cost per migrated page t",
                "t: ns per migrated page, whole compaction (log); points at 100% dirty",
                c.hasBounds() ? "overhead % (log); bands and bars: 95%" : "overhead % (log)", List.of(), series, true, true)
                .withReferences(List.of(ChartSpec.Reference.horizontal(THRESHOLD * 100,
                                String.format(Locale.ROOT, "%.0f%% (\"minimal\")", THRESHOLD * 100)),
                        ChartSpec.Reference.horizontal(THRESHOLD * 10, String.format(Locale.ROOT, "%.1f%%", THRESHOLD * 10))));
        if (measured.isPresent()) {
            MeasuredRange m = measured.get();
            spec = spec.withSpan(new ChartSpec.Span(m.tMin(), m.tMax(), "Java model measured"));
        }
        return spec;
    }
}
