package io.github.lrubench.report;

import io.github.lrubench.bench.PairedCheckBenchmark;
import io.github.lrubench.bench.PairedCheckBenchmark.Cell;
import io.github.lrubench.bench.PairedCheckBenchmark.Layout;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.ModeTable;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.Metric;
import io.github.lrubench.results.RatioStats;
import org.apache.commons.math3.distribution.FDistribution;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * c, the check's cost per dirty page, from {@link PairedCheckBenchmark}: every cell ran in each fork,
 * on the same compiled code, in blocks interleaved ABBA, so each fork gives one value of every
 * contrast and forks are the unit (t interval, n − 1 df). The contrasts: Δ(p) = PAGE_LOCK − NONE
 * at each dirty share p, ns per pfn; c as the slope of Δ over p (each fork's least-squares line
 * through its four Δs); its lack of fit (each fork's deviations at 10% and 50% from its line
 * through 0% and 100%, Hotelling's T² over forks); the control Δ(0), where no check runs; the A/A
 * pair, PAGE_LOCK_V4_16 − PAGE_LOCK at 50% per dirty page, identical work; and clustered minus
 * interleaved at 50%. Then every estimate of c the run holds, against the break-even c of each
 * measured kernel mode.
 */
final class PairedCheckSection implements ReportSection<PairedCheckSection.Figures> {

    /** The A/A target: its whole interval within ±this many ns per dirty page. */
    static final double AA_TARGET_NS = 0.5;
    /** The precision target: c's half-width at most this share of c. */
    static final double HALF_WIDTH_TARGET = 0.25;
    /** The power at which the smallest detectable difference is stated. */
    static final double POWER = 0.80;

    /** Δ at one dirty share: ns per pfn, and per dirty page once the control is taken off (NaN at 0%). */
    record DeltaRow(int dirtyPages, double share, Layout layout, Interval perPfn, Interval perDirtyPage) {
    }

    /** One estimate of c with where it comes from. */
    record Estimate(String label, Interval ns) {
    }

    /** A measured mode's break-even c: the c at which the check reaches 1% of compaction time there, if every scanned pfn (fewest) or only the isolated pages (most) were checked. */
    record BreakEven(String mode, double ifScanned, double ifIsolated) {
    }

    /**
     * The section's figures.
     *
     * @param forks          forks with every cell
     * @param deltas         Δ(p) at 0, 10, 50, 100% interleaved, then 50% clustered
     * @param c              the slope, ns per dirty page, as an estimate (se, df) for the verdict to carry
     * @param intercept      the fit's Δ at 0%, ns per pfn
     * @param deviation10    Δ(10%) minus the line through Δ(0) and Δ(100), ns per pfn
     * @param deviation50    the same at 50%
     * @param lackOfFitF     Hotelling's T² of the two deviations as F(2, forks − 2)
     * @param lackOfFitP     its p-value
     * @param control        Δ(0), ns per pfn
     * @param controlDetectable the smallest |Δ(0)| the design detects at {@link #POWER}
     * @param aa             (PAGE_LOCK_V4_16 − PAGE_LOCK) at 50%, ns per dirty page
     * @param aaDetectable   the smallest A/A difference it detects
     * @param layout         clustered minus interleaved c at 50%, ns per dirty page
     * @param layoutDetectable the smallest such difference it detects
     * @param estimates      every estimate of c in the run, the paired slope first
     * @param breakEven      each measured mode's break-even c (empty without a calibration by mode)
     */
    record Figures(int forks, List<DeltaRow> deltas, ForkStats.Estimate c, Interval intercept, Interval deviation10,
                   Interval deviation50, double lackOfFitF, double lackOfFitP, ForkStats.Estimate control, double controlDetectable,
                   Interval aa, double aaDetectable, Interval layout, double layoutDetectable, List<Estimate> estimates,
                   List<BreakEven> breakEven) {

        Interval cInterval() {
            return c.interval();
        }

        /** c's half-width over c. */
        double halfWidthShare() {
            Interval i = c.interval();
            return (i.high() - i.low()) / 2 / Math.abs(i.estimate());
        }

        /** The largest upper bound among the estimates: c ≤ this is what every one of them allows. */
        double largestUpperBound() {
            return estimates.stream().map(Estimate::ns).filter(Interval::hasBounds).mapToDouble(Interval::high).max().orElse(Double.NaN);
        }

        /** The smallest break-even c of any measured mode (checks = scanned pfns), NaN without one. */
        double smallestBreakEven() {
            return breakEven.stream().mapToDouble(BreakEven::ifScanned).min().orElse(Double.NaN);
        }
    }

    @Override
    public Figures compute(Report.Inputs in) {
        return figures(new SuiteResults(in.results()), in.calibration().orElse(null));
    }

    /** The figures of a run; null when it has no paired check with at least two complete forks. */
    static Figures figures(SuiteResults run, Calibration calibration) {
        BenchmarkResult r = run.one(SuiteBenchmark.PAIRED_ROUND, Map.of());
        if (r == null) {
            return null;
        }
        List<Map<Cell, Double>> forks = forkMeans(r);
        if (forks.size() < 2) {
            return null;
        }
        List<DeltaRow> deltas = new ArrayList<>();
        Cell[][] pairs = {{Cell.NONE_0, Cell.LOCK_0}, {Cell.NONE_10, Cell.LOCK_10}, {Cell.NONE_50, Cell.LOCK_50},
                {Cell.NONE_100, Cell.LOCK_100}, {Cell.NONE_50_CLUSTERED, Cell.LOCK_50_CLUSTERED}};
        for (Cell[] p : pairs) {
            Cell none = p[0], lock = p[1];
            Interval perPfn = ForkStats.meanInterval(each(forks, f -> f.get(lock) - f.get(none)));
            Interval perDirty = none.dirtyPages == 0 ? new Interval(Double.NaN, Double.NaN, Double.NaN)
                    : ForkStats.meanInterval(each(forks, f -> (delta(f, lock, none) - delta(f, Cell.LOCK_0, Cell.NONE_0)) / none.dirtyShare()));
            deltas.add(new DeltaRow(none.dirtyPages, none.dirtyShare(), none.layout, perPfn, perDirty));
        }
        Cell[][] line = {{Cell.NONE_0, Cell.LOCK_0}, {Cell.NONE_10, Cell.LOCK_10}, {Cell.NONE_50, Cell.LOCK_50}, {Cell.NONE_100, Cell.LOCK_100}};
        double[] slopes = each(forks, f -> fit(f, line)[1]);
        double[] intercepts = each(forks, f -> fit(f, line)[0]);
        double[] dev10 = each(forks, f -> deviation(f, Cell.NONE_10, Cell.LOCK_10));
        double[] dev50 = each(forks, f -> deviation(f, Cell.NONE_50, Cell.LOCK_50));
        double[] lof = hotelling(dev10, dev50);
        double[] control = each(forks, f -> delta(f, Cell.LOCK_0, Cell.NONE_0));
        double[] aa = each(forks, f -> (f.get(Cell.V4_16_50) - f.get(Cell.LOCK_50)) / Cell.LOCK_50.dirtyShare());
        double[] layout = each(forks, f -> (delta(f, Cell.LOCK_50_CLUSTERED, Cell.NONE_50_CLUSTERED) - delta(f, Cell.LOCK_50, Cell.NONE_50))
                / Cell.LOCK_50.dirtyShare());
        ForkStats.Estimate c = ForkStats.estimate(slopes);
        List<Estimate> estimates = new ArrayList<>();
        estimates.add(new Estimate(Suite.PAIRED_CHECK.simpleName() + ": slope over 0, 10, 50, 100% dirty (this run's c)", c.interval()));
        for (DeltaRow d : deltas) {
            if (d.dirtyPages() > 0) {
                estimates.add(new Estimate(Suite.PAIRED_CHECK.simpleName() + ": (Δ at " + percent(d) + " − Δ at 0%) / share", d.perDirtyPage()));
            }
        }
        CheckCost.others(run).forEach((label, e) -> estimates.add(new Estimate(label, e.interval())));
        return new Figures(forks.size(), List.copyOf(deltas), c, ForkStats.meanInterval(intercepts), ForkStats.meanInterval(dev10),
                ForkStats.meanInterval(dev50), lof[0], lof[1], ForkStats.estimate(control), detectable(control),
                ForkStats.meanInterval(aa), detectable(aa), ForkStats.meanInterval(layout), detectable(layout), List.copyOf(estimates),
                breakEven(calibration));
    }

    static String percent(DeltaRow d) {
        return Math.round(100 * d.share()) + "%" + (d.layout() == Layout.CLUSTERED ? " clustered" : "");
    }

    /**
     * Each fork's ns per scanned pfn in every cell: the mean over its iterations of the cell's CPU
     * nanoseconds over the pfns it scanned. Forks missing a cell or an iteration's pfn count are dropped.
     */
    static List<Map<Cell, Double>> forkMeans(BenchmarkResult r) {
        Metric pfns = SuiteResults.metric(r, SuiteMetric.PAIRED_PFNS_PER_CELL);
        if (pfns == null) {
            return List.of();
        }
        List<Map<Cell, Double>> out = new ArrayList<>();
        for (int fork = 0; fork < pfns.rawData().size(); fork++) {
            List<Double> perIteration = pfns.rawData().get(fork);
            Map<Cell, Double> means = new EnumMap<>(Cell.class);
            for (Cell c : Cell.values()) {
                Metric m = SuiteResults.metric(r, c.metric);
                if (m == null || m.rawData().size() <= fork || m.rawData().get(fork).size() != perIteration.size()) {
                    break;
                }
                double sum = 0;
                for (int i = 0; i < perIteration.size(); i++) {
                    sum += m.rawData().get(fork).get(i) / perIteration.get(i);
                }
                means.put(c, sum / perIteration.size());
            }
            if (means.size() == Cell.values().length && means.values().stream().allMatch(Double::isFinite)) {
                out.add(means);
            }
        }
        return out;
    }

    private static double delta(Map<Cell, Double> f, Cell lock, Cell none) {
        return f.get(lock) - f.get(none);
    }

    private static double[] each(List<Map<Cell, Double>> forks, ToDoubleFunction<Map<Cell, Double>> fn) {
        return forks.stream().mapToDouble(fn).toArray();
    }

    /** One fork's least-squares line Δ = a + c·share over the pairs: {a, c}. */
    static double[] fit(Map<Cell, Double> f, Cell[][] pairs) {
        int n = pairs.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Cell[] p : pairs) {
            double x = p[0].dirtyShare(), y = delta(f, p[1], p[0]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[]{(sy - slope * sx) / n, slope};
    }

    /** Δ at the pair's share minus the line through Δ(0) and Δ(100), ns per pfn. */
    private static double deviation(Map<Cell, Double> f, Cell none, Cell lock) {
        double s = none.dirtyShare();
        return delta(f, lock, none) - ((1 - s) * delta(f, Cell.LOCK_0, Cell.NONE_0) + s * delta(f, Cell.LOCK_100, Cell.NONE_100));
    }

    /**
     * Hotelling's one-sample T² that the mean of the paired vectors (a_i, b_i) is 0, as
     * F = (n − 2) / (2(n − 1))·T² on (2, n − 2) df: {F, p}; NaN with fewer than three forks.
     */
    static double[] hotelling(double[] a, double[] b) {
        int n = a.length;
        if (n < 3) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double ma = ForkStats.mean(a), mb = ForkStats.mean(b), saa = 0, sbb = 0, sab = 0;
        for (int i = 0; i < n; i++) {
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
            sab += (a[i] - ma) * (b[i] - mb);
        }
        saa /= n - 1;
        sbb /= n - 1;
        sab /= n - 1;
        double det = saa * sbb - sab * sab;
        if (!(det > 0)) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double t2 = n * (ma * ma * sbb - 2 * ma * mb * sab + mb * mb * saa) / det;
        double f = (n - 2) / (2.0 * (n - 1)) * t2;
        return new double[]{f, 1 - new FDistribution(null, 2, n - 2).cumulativeProbability(f)};
    }

    /** The smallest true mean difference the paired values detect at {@link #POWER} (n − 1 df). */
    static double detectable(double[] xs) {
        return xs.length < 2 ? Double.NaN : ForkStats.detectable(ForkStats.estimate(xs), POWER);
    }

    static List<BreakEven> breakEven(Calibration cal) {
        List<BreakEven> out = new ArrayList<>();
        if (cal == null || !cal.measured() || cal.modes() == null) {
            return out;
        }
        for (Calibration.Mode m : cal.modes()) {
            if (m.measured()) {
                ModeTable.breakEven(m.summary()).ifPresent(b -> out.add(new BreakEven(m.mode().label(), b[0], b[1])));
            }
        }
        return out;
    }

    @Override
    public void print(Figures f, Markdown md) {
        if (f == null) {
            return;
        }
        int level = (int) Math.round(RatioStats.LEVEL * 100);
        md.heading(2, "c, the check's cost per dirty page: paired in one JVM");
        md.para("`" + Suite.PAIRED_CHECK.simpleName() + "` scans one 512-pfn pageblock per cell (nothing is isolated; each dirty page "
                + "runs the whole check and is refused, the others are under writeback and refused before it). Every cell runs in "
                + "each fork, in blocks of " + PairedCheckBenchmark.SCANS_PER_BLOCK + " scans interleaved ABBA, on the same compiled "
                + "code, timed by the thread's CPU time; each fork gives one value of every contrast below and the intervals are t "
                + "over " + f.forks() + " forks. Δ = PAGE_LOCK − NONE.");
        md.tableHeader(List.of("dirty pages of 512", "Δ, ns per pfn", "(Δ − Δ at 0%) / share, ns per dirty page"), "lrr");
        for (DeltaRow d : f.deltas()) {
            md.row(List.of(d.dirtyPages() + " (" + percent(d) + ")" + (d.dirtyPages() == 0 ? " **(control)**" : ""),
                    Format.interval(d.perPfn(), true), d.dirtyPages() == 0 ? "–" : Format.interval(d.perDirtyPage(), false)));
        }
        Interval c = f.cInterval();
        md.line().para("**c = " + Format.interval(c, false) + " ns per dirty page**, the slope of each fork's least-squares line "
                + "through Δ at 0, 10, 50 and 100% (intercept " + Format.interval(f.intercept(), true) + " ns per pfn); its half-width is "
                + Math.round(100 * f.halfWidthShare()) + "% of c (target: at most " + Math.round(100 * HALF_WIDTH_TARGET) + "%). "
                + "Lack of fit: Δ departs from the line through 0% and 100% by " + Format.interval(f.deviation10(), true) + " ns per pfn at 10% "
                + "and " + Format.interval(f.deviation50(), true) + " at 50%; Hotelling's test of both, F(2, " + (f.forks() - 2) + ") = "
                + FigureFormat.lone(f.lackOfFitF()) + ", p = "
                + FigureFormat.pValue(f.lackOfFitP()) + (f.lackOfFitP() < 1 - RatioStats.LEVEL ? ": the straight line does not fit; c depends on "
                + "where the dirty pages sit." : ": no departure from a straight line that this design can see."));
        md.tableHeader(List.of("check", "difference [" + level + "% CI]", "passes when", "passes", "smallest difference detectable at "
                + Math.round(100 * POWER) + "% power"), "lrllr");
        md.row(List.of("control: Δ at 0% dirty, ns per pfn (no check runs)", Format.interval(f.control().interval(), true), "interval contains 0",
                yes(f.control().interval().hasBounds() && !f.control().interval().excludes(0)), FigureFormat.lone(f.controlDetectable(), 2)));
        md.row(List.of("A/A: PAGE_LOCK_V4_16 − PAGE_LOCK at 50%, ns per dirty page (identical work)", Format.interval(f.aa(), true),
                "interval within ±" + AA_TARGET_NS, yes(f.aa().hasBounds() && f.aa().low() >= -AA_TARGET_NS && f.aa().high() <= AA_TARGET_NS),
                FigureFormat.lone(f.aaDetectable(), 2)));
        md.row(List.of("layout: c clustered − c interleaved at 50%, ns per dirty page", Format.interval(f.layout(), true), "(a question, not a check)",
                f.layout().excludes(0) ? "differ" : "cannot tell apart",
                FigureFormat.lone(f.layoutDetectable(), 2)));
        md.line().para("\"Cannot tell apart\" means the interval contains 0; the last column is the smallest true difference this design "
                + "would have found four times in five.");
        md.heading(3, "Every estimate of c against the break-even c");
        double be = f.smallestBreakEven();
        boolean hasBe = Double.isFinite(be);
        md.tableHeader(hasBe ? List.of("estimate", "ns per dirty page [" + level + "% CI]", "upper bound below " + FigureFormat.lone(be) + " ns")
                : List.of("estimate", "ns per dirty page [" + level + "% CI]"), hasBe ? "lrl" : "lr");
        for (Estimate e : f.estimates()) {
            md.row(hasBe ? List.of(e.label(), Format.interval(e.ns(), false), e.ns().hasBounds() ? yes(e.ns().high() < be) : "no interval")
                    : List.of(e.label(), Format.interval(e.ns(), false)));
        }
        md.line();
        String bound = "**c ≤ " + FigureFormat.atPlaceOf(c, c.high()) + " ns** (the upper end of this run's c)";
        if (!hasBe) {
            md.para(bound + ". No host-kernel mode was measured in this run, so there is no break-even c to hold it against.");
            return;
        }
        md.tableHeader(List.of("mode", "break-even c, ns: every scanned pfn checked .. only the isolated pages"), "lr");
        for (BreakEven b : f.breakEven()) {
            md.row(List.of(b.mode(), FigureFormat.lone(b.ifScanned()) + " .. " + FigureFormat.lone(b.ifIsolated())));
        }
        List<String> above = f.estimates().stream().skip(1).filter(e -> e.ns().hasBounds() && e.ns().high() >= be).map(Estimate::label).toList();
        boolean forkPerCell = above.stream().anyMatch(l -> !l.startsWith(Suite.PAIRED_CHECK.simpleName()));
        boolean pairedShare = above.stream().anyMatch(l -> l.startsWith(Suite.PAIRED_CHECK.simpleName()));
        md.line().para("The break-even c is the c at which the check would cost 1% of the host kernel's compaction time in that mode "
                + "(the smaller figure counts every scanned pfn as a check). " + bound + (c.high() < be
                ? " lies below the smallest, " + FigureFormat.lone(be) + " ns: \"minimal\" needs no more precision than that."
                : " does not lie below the smallest, " + FigureFormat.lone(be) + " ns: this run does not settle \"minimal\".")
                + (above.isEmpty() ? " So does every other estimate's." : " The upper bounds of " + String.join("; ", above) + " reach it"
                + (pairedShare ? ". The paired design's estimates at one dirty share are wider than its slope over all four, which is "
                + "its estimate of c" : "")
                + (forkPerCell ? ". The fork-per-cell designs compare differently compiled code in each cell and have neither this design's "
                + "control within a fork nor its A/A pair (an A/A comparison of theirs failed by about 4 ns per dirty page in an earlier "
                + "run), so they are shown, not used" : "") + "."));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "**no**";
    }

}
