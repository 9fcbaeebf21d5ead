package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.Metric;
import io.github.lrubench.results.RatioStats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.lrubench.bench.SuiteMetric.BLOCKS_SKIPPED;
import static io.github.lrubench.bench.SuiteMetric.ISOLATED;
import static io.github.lrubench.bench.SuiteMetric.MIGRATED;
import static io.github.lrubench.bench.SuiteMetric.PUT_BACK_ON_FAILURE;
import static io.github.lrubench.bench.SuiteMetric.SKIPPED_INVERTED;
import static io.github.lrubench.bench.SuiteMetric.SKIPPED_TRYLOCK;

/**
 * The contended runs per compaction pass. A rate per second mixes what a pass does with how many
 * passes a second ran, which varies by half from fork to fork and is itself not resolved between
 * checks; per pass it does not. Each fork gives one ratio per counter (its events over its passes,
 * summed over its iterations, which all last the same time), and a row's interval is on the log
 * scale over forks (a count cannot go below zero). Each check is set against NONE with the other
 * parameters equal: Δ per pass with Welch's interval on the fork ratios, and a change is called a
 * rise or a fall only when Holm's adjustment over every comparison of the table keeps it.
 */
final class ContendedPassSection implements ReportSection<ContendedPassSection.Figures> {
    static final Suite SUITE = Suite.CONTENDED_COMPACTION;
    /** What a pass does, in the table's order. */
    static final List<SuiteMetric> PER_PASS = List.of(ISOLATED, MIGRATED, SKIPPED_TRYLOCK, SKIPPED_INVERTED, PUT_BACK_ON_FAILURE,
            BLOCKS_SKIPPED);

    /** One result's compacting thread: passes per second and each counter per pass, each with its interval. */
    record Row(String params, Interval passesPerSecond, Map<SuiteMetric, Interval> perPass) {
    }

    /** Which way a compared quantity moved, once Holm's adjustment has had its say. */
    enum Change {
        ROSE, FELL, NOT_RESOLVED, NO_INTERVAL
    }

    /**
     * One check against NONE on one quantity.
     *
     * @param quantity  the counter per pass, or null for passes per second
     * @param baseline  NONE's mean over forks (the arithmetic mean Δ is taken between); variant the check's
     * @param delta     variant − NONE, Welch's interval on fork values
     * @param holmP     Holm-adjusted p over the table's family
     * @param detectable the smallest |Δ| this design would resolve four times in five (unadjusted, {@link PairedCheckSection#POWER})
     */
    record Comparison(String params, IsolationCheck check, SuiteMetric quantity, double baseline, double variant, Interval delta,
                      double holmP, Change change, double detectable) {
    }

    /**
     * @param rows        every contended result, compacting thread
     * @param comparisons every check against NONE on passes/s and on each counter per pass
     * @param family      how many comparisons Holm's adjustment covered
     */
    record Figures(List<Row> rows, List<Comparison> comparisons, int family) {
    }

    @Override
    public Figures compute(Report.Inputs in) {
        List<BenchmarkResult> rs = new SuiteResults(in.results()).of(SUITE);
        if (rs.isEmpty()) {
            return null;
        }
        List<Row> rows = new ArrayList<>();
        for (BenchmarkResult r : rs) {
            Map<SuiteMetric, Interval> perPass = new LinkedHashMap<>();
            for (SuiteMetric m : PER_PASS) {
                double[] ratios = perPass(r, m);
                if (ratios != null) {
                    perPass.put(m, ForkStats.logInterval(ratios));
                }
            }
            double[] passes = passes(r);
            rows.add(new Row(r.paramLabel(), passes == null ? null : ForkStats.logInterval(passes), perPass));
        }
        List<Comparison> raw = new ArrayList<>();
        List<ForkStats.Estimate> estimates = new ArrayList<>();
        for (BenchmarkResult v : rs) {
            IsolationCheck check = SuiteResults.check(v);
            if (check == null || check == IsolationCheck.NONE) {
                continue;
            }
            BenchmarkResult base = baseline(rs, v);
            if (base == null) {
                continue;
            }
            List<SuiteMetric> quantities = new ArrayList<>();
            quantities.add(null);
            quantities.addAll(PER_PASS);
            for (SuiteMetric q : quantities) {
                double[] a = q == null ? passes(v) : perPass(v, q), b = q == null ? passes(base) : perPass(base, q);
                if (a == null || b == null) {
                    continue;
                }
                ForkStats.Estimate d = ForkStats.estimate(a).minus(ForkStats.estimate(b));
                estimates.add(d);
                raw.add(new Comparison(label(v), check, q, ForkStats.mean(b), ForkStats.mean(a),
                        d.interval(), Double.NaN, null, ForkStats.detectable(d, PairedCheckSection.POWER)));
            }
        }
        double[] p = estimates.stream().mapToDouble(ForkStats::pValue).toArray();
        double[] adjusted = ForkStats.holm(p);
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Comparison c = raw.get(i);
            Change change = Double.isNaN(adjusted[i]) ? (estimates.get(i).se() == 0 && estimates.get(i).mean() == 0 ? Change.NOT_RESOLVED : Change.NO_INTERVAL)
                    : adjusted[i] < 1 - RatioStats.LEVEL ? (c.delta().estimate() > 0 ? Change.ROSE : Change.FELL) : Change.NOT_RESOLVED;
            comparisons.add(new Comparison(c.params(), c.check(), c.quantity(), c.baseline(), c.variant(), c.delta(), adjusted[i], change,
                    c.detectable()));
        }
        return new Figures(List.copyOf(rows), List.copyOf(comparisons), (int) java.util.Arrays.stream(p).filter(Double::isFinite).count());
    }

    /** The result's parameters but the check: what a comparison holds equal. */
    private static String label(BenchmarkResult r) {
        Map<String, String> others = new LinkedHashMap<>(r.params());
        others.remove(io.github.lrubench.bench.SuiteParam.CHECK.key());
        return others.toString().replace("{", "").replace("}", "");
    }

    /** NONE's result with every other parameter of {@code v}, or null. */
    private static BenchmarkResult baseline(List<BenchmarkResult> rs, BenchmarkResult v) {
        return rs.stream().filter(r -> SuiteResults.check(r) == IsolationCheck.NONE && label(r).equals(label(v))).findFirst().orElse(null);
    }

    /** Each fork's passes per second (mean over its iterations), or null without the member. */
    static double[] passes(BenchmarkResult r) {
        Metric m = Role.COMPACTION.of(r);
        return m == null || m.rawData().isEmpty() ? null : ForkStats.forkMeans(m);
    }

    /**
     * Each fork's {@code counter} per compaction pass: its events over its passes, both summed over
     * the fork's iterations (rates per second over iterations of one length); null when the
     * result lacks either, or a fork ran no pass.
     */
    static double[] perPass(BenchmarkResult r, SuiteMetric counter) {
        Metric passes = Role.COMPACTION.of(r), events = SuiteResults.metric(r, counter);
        if (passes == null || events == null || passes.rawData().isEmpty() || passes.rawData().size() != events.rawData().size()) {
            return null;
        }
        double[] out = new double[passes.rawData().size()];
        for (int f = 0; f < out.length; f++) {
            double p = passes.rawData().get(f).stream().mapToDouble(Double::doubleValue).sum();
            double e = events.rawData().get(f).stream().mapToDouble(Double::doubleValue).sum();
            if (!(p > 0)) {
                return null;
            }
            out[f] = e / p;
        }
        return out;
    }

    /** "isolated per pass", "skippedTrylock per million passes". */
    private static String perPassHeader(SuiteMetric m, FigureFormat.Scale k) {
        return m.key() + (k.perMillion() ? " per million passes" : " per pass" + k.suffix());
    }

    @Override
    public void print(Figures f, Markdown md) {
        if (f == null) {
            return;
        }
        int level = (int) Math.round(RatioStats.LEVEL * 100);
        md.heading(3, "Per compaction pass");
        md.para("What a pass does, per fork (its events over its passes), geometric mean over forks with a " + level + "% interval "
                + "on the log scale; passes per second beside it. Per second, a counter mixes what a pass does with how many passes "
                + "ran, and passes per second vary by tens of percent between forks.");
        FigureFormat.Scale passScale = FigureFormat.Scale.of(f.rows().stream().map(Row::passesPerSecond).toList());
        Map<SuiteMetric, FigureFormat.Scale> scales = new LinkedHashMap<>();
        PER_PASS.forEach(m -> scales.put(m, FigureFormat.Scale.of(f.rows().stream().map(r -> r.perPass().get(m)).toList())));
        List<String> cols = new ArrayList<>(List.of("params", "passes/s" + passScale.suffix()));
        PER_PASS.forEach(m -> cols.add(perPassHeader(m, scales.get(m))));
        md.tableHeader(cols, "l" + "r".repeat(cols.size() - 1));
        for (Row r : f.rows()) {
            List<String> cells = new ArrayList<>(List.of(r.params(), r.passesPerSecond() == null ? "-"
                    : Format.interval(passScale.in(r.passesPerSecond()), false)));
            PER_PASS.forEach(m -> cells.add(r.perPass().containsKey(m) ? Format.interval(scales.get(m).in(r.perPass().get(m)), false) : "-"));
            md.row(cells);
        }
        if (f.comparisons().isEmpty()) {
            md.line();
            return;
        }
        md.line().para("Each check against NONE, the other parameters equal: Δ = check − NONE per pass (per second for passes), "
                + "Welch's " + level + "% interval on fork values. \"Rose\" or \"fell\" only where Holm's adjustment over all "
                + f.family() + " comparisons of this table keeps p below " + FigureFormat.lone(1 - RatioStats.LEVEL, 1) + "; at "
                + level + "% unadjusted, about " + Math.round(f.family() * (1 - RatioStats.LEVEL)) + " of them would exclude 0 by chance alone. "
                + "\"Not resolved\" means this design cannot tell the check from NONE there; the last column is the smallest |Δ| it "
                + "would have resolved four times in five (unadjusted: Holm asks for more).");
        md.tableHeader(List.of("params", "check", "quantity", "NONE", "check", "Δ [" + level + "% CI]", "Holm p", "change",
                "smallest Δ detectable at " + Math.round(100 * PairedCheckSection.POWER) + "% power"), "lllrrrrlr");
        for (Comparison c : f.comparisons()) {
            FigureFormat.Scale k = FigureFormat.Scale.of(List.of(new Interval(Math.max(Math.abs(c.baseline()), Math.abs(c.variant())), 0, 0)));
            Interval d = k.in(c.delta());
            md.row(List.of(c.params(), c.check().name(), c.quantity() == null ? "passes/s" + k.suffix() : perPassHeader(c.quantity(), k),
                    FigureFormat.atPlaceOf(d, c.baseline() * k.factor()), FigureFormat.atPlaceOf(d, c.variant() * k.factor()),
                    Format.interval(d, true), Double.isNaN(c.holmP()) ? "-" : FigureFormat.pValue(c.holmP()),
                    switch (c.change()) {
                        case ROSE -> "**rose**";
                        case FELL -> "**fell**";
                        case NOT_RESOLVED -> "not resolved";
                        case NO_INTERVAL -> "no interval";
                    }, Double.isFinite(c.detectable()) ? FigureFormat.atPlaceOf(d, c.detectable() * k.factor()) : "-"));
        }
        md.line();
    }
}
