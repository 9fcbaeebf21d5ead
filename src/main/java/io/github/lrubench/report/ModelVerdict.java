package io.github.lrubench.report;

import io.github.lrubench.run.PassDidObservation;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.ForkStats.Estimate;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.COMPACT_MODE;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.bench.SuiteParam.MIGRATE_EXTRA_NS;
import static io.github.lrubench.mm.IsolationCheck.NONE;

/**
 * The verdict on the Java model: the check's overhead on a whole compaction pass, composed from
 * measured parts (c from the pageblock scan's difference in differences; pages isolated and
 * migrated per pass and the cost per migrated page from the pass benchmark's counters), and
 * measured directly ({@link PassDidAnalysis}), side by side.
 */
final class ModelVerdict implements ReportSection<ModelVerdict.Figures> {

    /** One row of the composed table: a NONE pass at a dirty share and an added cost per migrated page. */
    record ComposedRow(String mode, int dirtyPercent, String xAsked, double xRealized, Interval t, double isolatedPerMigrated,
                       Interval overheadPercent, Interval checkPerPage, Interval breakEven, Interval breakEvenTenth, boolean breakEvenRow) {
    }

    /**
     * The section's figures.
     *
     * @param cost      c, its control and source; null when the run cannot give it
     * @param rows      the composed overhead per NONE pass, empty when the pass benchmark or c is missing
     * @param copy4k    the hot 4 KiB copy for scale, null without it
     * @param worst     the largest overhead (%) and where it is
     */
    record Figures(CheckCost cost, boolean hasPasses, List<ComposedRow> rows, BenchmarkResult copy4k, double tMin, double tMax,
                   double worst, String worstAt) {
    }

    @Override
    public Figures compute(Report.Inputs in) {
        SuiteResults run = new SuiteResults(in.results());
        CheckCost cost = CheckCost.of(run);
        List<BenchmarkResult> none = run.of(Suite.COMPACTION_PASS).stream()
                .filter(r -> SuiteResults.check(r) == NONE)
                .filter(r -> SuiteResults.metric(r, SuiteMetric.MIGRATED_PAGE) != null)
                .sorted(Comparator.comparing((BenchmarkResult r) -> String.valueOf(SuiteResults.param(r, COMPACT_MODE)))
                        .thenComparingDouble(r -> number(r, DIRTY_PERCENT)).thenComparingDouble(r -> number(r, MIGRATE_EXTRA_NS)))
                .toList();
        if (none.isEmpty() || cost == null) {
            return new Figures(cost, !none.isEmpty(), List.of(), null, Double.NaN, Double.NaN, Double.NaN, null);
        }
        List<ComposedRow> rows = new ArrayList<>();
        double tMax = 0, worst = 0;
        String worstAt = "";
        for (BenchmarkResult r : none) {
            double p = number(r, DIRTY_PERCENT) / 100;
            Estimate t = perPage(r, SuiteMetric.MIGRATED_PAGE);
            double im = SuiteResults.metric(r, SuiteMetric.MIGRATED_PAGE).score() / SuiteResults.metric(r, SuiteMetric.ISOLATED_PAGE).score();
            BenchmarkResult base = none.stream().filter(b -> same(b, r, COMPACT_MODE) && same(b, r, DIRTY_PERCENT)
                    && number(b, MIGRATE_EXTRA_NS) == 0).findFirst().orElse(null);
            double xr = base == null ? Double.NaN : t.mean() - perPage(base, SuiteMetric.MIGRATED_PAGE).mean();
            Estimate checkPerPage = cost.cost().times(p * im);
            Estimate overhead = checkPerPage.over(t).times(100);
            tMax = Math.max(tMax, t.mean());
            if (overhead.mean() > worst) {
                worst = overhead.mean();
                worstAt = (int) (p * 100) + "% dirty, x = " + SuiteResults.param(r, MIGRATE_EXTRA_NS) + " ns";
            }
            rows.add(new ComposedRow(SuiteResults.param(r, COMPACT_MODE), (int) (p * 100), SuiteResults.param(r, MIGRATE_EXTRA_NS), xr,
                    t.interval(), im, p == 0 ? null : overhead.interval(), checkPerPage.interval(),
                    checkPerPage.times(1 / RealKernelVerdict.THRESHOLD).interval(),
                    checkPerPage.times(1 / (RealKernelVerdict.THRESHOLD / 10)).interval(),
                    p > 0 && number(r, MIGRATE_EXTRA_NS) == 0)); // at no added cost: where the check stops mattering
        }
        double tMin = none.stream().mapToDouble(r -> perPage(r, SuiteMetric.MIGRATED_PAGE).mean()).min().orElse(Double.NaN);
        return new Figures(cost, true, List.copyOf(rows), run.one(SuiteBenchmark.COPY4K, Map.of()), tMin, tMax, worst, worstAt);
    }

    @Override
    public void print(Figures f, Markdown md) {
        md.heading(2, "Verdict on the overhead argument: the Java model");
        CheckCost cost = f.cost();
        if (cost == null) {
            md.para("The check's cost per dirty page c needs `" + Suite.PAGEBLOCK_ISOLATION.simpleName() + "` or `"
                    + Suite.ISOLATION_CHECK.simpleName() + "` with NONE and PAGE_LOCK: not in this run, so no composed verdict.");
        } else {
            md.text("**The check's cost per dirty page**, c = " + FigureFormat.interval(cost.interval()) + " ns (" + cost.source() + ").");
            if (cost.control() != null) {
                Interval ctl = cost.control().interval();
                md.text(" The control, PAGE_LOCK − NONE at 0% dirty where no check runs, is " + FigureFormat.signedInterval(ctl)
                        + " ns per pfn: " + (ctl.excludes(0)
                        ? "the variants differ even where the check cannot act (code layout, JIT, drift), which is why c is taken as the difference of the two differences"
                        : ctl.hasBounds() ? "within noise" : "no interval (one fork per cell)") + ".");
            }
            md.line().line();
        }
        md.heading(3, "Composed estimate");
        if (f.rows().isEmpty()) {
            md.para(Markdown.code(Suite.COMPACTION_PASS.simpleName()) + " with NONE and its counters: "
                    + (!f.hasPasses() ? "not in this run" + (Suite.COMPACTION_PASS.withdrawn() == null ? "." : ": withdrawn from the "
                    + "profiles, " + Suite.COMPACTION_PASS.withdrawn() + ".") : "present, but c is not."));
            return;
        }
        md.text("A pass (NONE) isolates I and migrates M pages (the benchmark's counters) and costs t ns per migrated page, "
                + "t = T(0)/M + x_r, where x_r is the realized extra cost per migrated page (`" + MIGRATE_EXTRA_NS.key()
                + "` asks for x ns of busy work; x_r is what it cost, t(x) − t(0), measured). The check runs on the dirty share p "
                + "of the isolated pages, so per migrated page it adds p·c·I/M and\n\n"
                + "    overhead ≈ p · c · (I/M) / (T(0)/M + x_r)\n\n"
                + "Intervals carry c's and t's (delta method, " + ForkStats.METHOD + ").");
        if (f.copy4k() != null) {
            md.text(" For scale, a hot 4 KiB copy costs " + FigureFormat.num(f.copy4k().primary().score()) + " ns on this machine (`"
                    + f.copy4k().shortName() + "`).");
        }
        md.line().line();
        md.tableHeader(List.of("mode", "dirty %", "x asked (ns)", "x_r realized (ns/page)", "t: ns per migrated page [95% CI]", "I/M",
                "overhead [95% CI]"), "lrrrrrr");
        for (ComposedRow r : f.rows()) {
            md.row(List.of(r.mode(), String.valueOf(r.dirtyPercent()), r.xAsked(), Double.isNaN(r.xRealized()) ? "-" : FigureFormat.num(r.xRealized()),
                    FigureFormat.interval(r.t()), FigureFormat.fixed(r.isolatedPerMigrated(), 3),
                    r.overheadPercent() == null ? "0 (no dirty page)" : FigureFormat.interval(r.overheadPercent()) + "%"));
        }
        md.line().para("Where the check stops mattering: it costs p·c·I/M per migrated page, so the overhead falls under 1% once a migrated page costs 100 times that.");
        md.tableHeader(List.of("mode", "dirty %", "p·c·I/M: ns per migrated page [95% CI]", "t for overhead < 1% (ns)", "t for < 0.1% (ns)"), "lrrrr");
        for (ComposedRow r : f.rows()) {
            if (r.breakEvenRow()) {
                md.row(List.of(r.mode(), String.valueOf(r.dirtyPercent()), FigureFormat.interval(r.checkPerPage()),
                        FigureFormat.interval(r.breakEven()), FigureFormat.interval(r.breakEvenTenth())));
            }
        }
        md.line().para("The measured t spans " + FigureFormat.num(f.tMin()) + " to " + FigureFormat.num(f.tMax()) + " ns per migrated page. "
                + "A break-even t beyond " + FigureFormat.num(f.tMax()) + " is the closed form "
                + "carried past the measured range (extrapolation): it holds as long as c does not grow with the cost of migration, "
                + "which the check, run during isolation before any page moves, gives no reason to expect.");
        md.para("**In numbers.** On the Java model's own pass the check costs at most " + FigureFormat.fixed(f.worst(), 2) + "% ("
                + f.worstAt() + ")" + (f.worst() / 100 < RealKernelVerdict.THRESHOLD ? ", under 1%"
                : ", above 1%: against the model's cheap migration it is not minimal") + ".");
    }

    /** ns per counted event (a counter's fork means), as an estimate over forks. */
    static Estimate perPage(BenchmarkResult r, SuiteMetric counter) {
        return ForkStats.estimate(SuiteResults.metric(r, counter));
    }

    private static boolean same(BenchmarkResult a, BenchmarkResult b, io.github.lrubench.bench.SuiteParam p) {
        return String.valueOf(SuiteResults.param(a, p)).equals(String.valueOf(SuiteResults.param(b, p)));
    }

    private static double number(BenchmarkResult r, io.github.lrubench.bench.SuiteParam p) {
        try {
            return Double.parseDouble(SuiteResults.param(r, p));
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
