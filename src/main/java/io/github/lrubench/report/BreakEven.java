package io.github.lrubench.report;

import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.LinearFit;
import io.github.lrubench.results.RatioStats;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.bench.SuiteParam.MIGRATE_EXTRA_NS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verdict's arithmetic. A compaction pass without the check costs T(x) = a + m*x, where x is
 * the extra cost per migrated page (the benchmark's migrateExtraNs) and m the pages migrated per
 * pass, both fitted over the measured x values. The check adds a constant d per pass: it runs
 * during isolation, before migration, so x does not change it. d is taken at the smallest measured
 * x, where a pass is shortest and the absolute noise smallest (at large x the pass is dominated by
 * the extra work and its noise swamps a nanosecond-scale d); the spread of T_check(x) - T_none(x)
 * over x is kept as a consistency check. The overhead is d / T_none(x), which falls below a
 * threshold p once x > (d/p - a) / m.
 *
 * @param dirtyPercent the dirty fraction this fit is for
 * @param noneFit      T_none(x) fitted
 * @param delta        d in ns per pass
 * @param deltaMin     smallest T_check(x) - T_none(x) over x: far from deltaMax means the constant-d model does not fit
 * @param deltaMax     largest
 * @param measured     per measured x: overhead ratio T_check/T_none with its bootstrap interval
 * @param breakEven1   x at which d/T = 1% (0 when already below; NaN when not solvable)
 * @param breakEven01  x at which d/T = 0.1%
 */
record BreakEven(String dirtyPercent, LinearFit noneFit, double delta, double deltaMin, double deltaMax,
                        Map<Double, Interval> measured, double breakEven1, double breakEven01) {

    /** Solves d / (a + m x) = p for x; 0 when the overhead is already below p at x = 0. */
    static double solve(LinearFit fit, double delta, double p) {
        if (delta <= 0) {
            return 0;
        }
        double x = (delta / p - fit.intercept()) / fit.slope();
        if (fit.slope() <= 0) {
            return delta / fit.intercept() <= p ? 0 : Double.NaN;
        }
        return Math.max(0, x);
    }

    /**
     * One BreakEven per dirty percent from CompactionPassBenchmark-shaped results: params
     * {@code check}, {@code migrateExtraNs}, optionally {@code dirtyPercent}; other params (e.g.
     * {@code free}) must be fixed by the caller's filter.
     */
    static List<BreakEven> compute(List<BenchmarkResult> results, IsolationCheck checked) {
        String noneName = IsolationCheck.NONE.name(), checkValue = checked.name();
        Map<String, Map<Double, BenchmarkResult[]>> byDirty = new TreeMap<>(BreakEven::numericOrder);
        for (BenchmarkResult r : results) {
            String check = r.param(CHECK.key());
            String x = r.param(MIGRATE_EXTRA_NS.key());
            if (check == null || x == null || !(check.equals(noneName) || check.equals(checkValue))) {
                continue;
            }
            String dirty = r.params().getOrDefault(DIRTY_PERCENT.key(), "-");
            BenchmarkResult[] pair = byDirty.computeIfAbsent(dirty, k -> new TreeMap<>())
                    .computeIfAbsent(Double.parseDouble(x), k -> new BenchmarkResult[2]);
            pair[check.equals(noneName) ? 0 : 1] = r;
        }
        List<BreakEven> out = new ArrayList<>();
        for (var e : byDirty.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> tn = new ArrayList<>();
            double dmin = Double.POSITIVE_INFINITY, dmax = Double.NEGATIVE_INFINITY;
            Map<Double, Interval> measured = new TreeMap<>();
            for (var xe : e.getValue().entrySet()) {
                BenchmarkResult none = xe.getValue()[0], chk = xe.getValue()[1];
                if (none == null || chk == null) {
                    continue;
                }
                xs.add(xe.getKey());
                tn.add(none.primary().score());
                double dx = chk.primary().score() - none.primary().score();
                dmin = Math.min(dmin, dx);
                dmax = Math.max(dmax, dx);
                measured.put(xe.getKey(), RatioStats.costRatio(chk, none));
            }
            if (xs.size() < 2) {
                continue;
            }
            LinearFit fit = LinearFit.of(xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    tn.stream().mapToDouble(Double::doubleValue).toArray());
            double x0 = xs.get(0); // TreeMap order: the smallest x
            double d = e.getValue().get(x0)[1].primary().score() - e.getValue().get(x0)[0].primary().score();
            out.add(new BreakEven(e.getKey(), fit, d, dmin, dmax, measured, solve(fit, d, 0.01), solve(fit, d, 0.001)));
        }
        return out;
    }

    static int numericOrder(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
