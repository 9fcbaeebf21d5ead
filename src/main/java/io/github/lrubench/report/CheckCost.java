package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.RatioStats;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.mm.IsolationCheck.NONE;
import static io.github.lrubench.mm.IsolationCheck.PAGE_LOCK;

/**
 * The check's cost per dirty page, c, as a difference in differences on the pageblock scan:
 * (PAGE_LOCK − NONE) at 100% dirty minus (PAGE_LOCK − NONE) at 0% dirty, ns per pfn. At 100% dirty
 * every pfn of the pageblock is a dirty LRU page, so per pfn is per dirty page; at 0% dirty the
 * pages are under writeback and __isolate_lru_page() refuses them before the check, so no check
 * runs and (PAGE_LOCK − NONE) there is everything else that differs between the two variants' forks
 * (code layout, JIT decisions, drift): the control, subtracted. Each cell's forks are independent
 * observations; the interval is Student t with Welch–Satterthwaite degrees of freedom.
 *
 * @param cost    c, ns per dirty page
 * @param control (PAGE_LOCK − NONE) where no check runs, ns per pfn; null when the run has no control
 * @param source  where c comes from, for the report
 */
record CheckCost(ForkStats.Estimate cost, ForkStats.Estimate control, String source) {

    /**
     * The run's c: the paired design's slope when the run has it ({@link PairedCheckSection}), else
     * the pageblock difference in differences, else the isolation benchmark's difference; null when
     * none ran both variants.
     */
    static CheckCost of(SuiteResults run) {
        PairedCheckSection.Figures paired = PairedCheckSection.figures(run, null);
        if (paired != null) {
            return new CheckCost(paired.c(), paired.control(),
                    Suite.PAIRED_CHECK.simpleName() + ", slope of PAGE_LOCK − NONE over 0, 10, 50 and 100% dirty, every variant "
                            + "paired in each of " + paired.forks() + " forks");
        }
        return unpaired(run);
    }

    /** The estimates from the fork-per-cell designs, by label (empty where a class did not run both variants). */
    static Map<String, ForkStats.Estimate> others(SuiteResults run) {
        Map<String, ForkStats.Estimate> out = new LinkedHashMap<>();
        BenchmarkResult n100 = pageblock(run, NONE, 100), l100 = pageblock(run, PAGE_LOCK, 100);
        BenchmarkResult n50 = pageblock(run, NONE, 50), l50 = pageblock(run, PAGE_LOCK, 50);
        BenchmarkResult n0 = pageblock(run, NONE, 0), l0 = pageblock(run, PAGE_LOCK, 0);
        if (n100 != null && l100 != null && n0 != null && l0 != null) {
            out.put(Suite.PAGEBLOCK_ISOLATION.simpleName() + " (a fork per cell): difference in differences at 100% dirty",
                    ForkStats.contrast(new ForkStats.Estimate[]{forks(l100), forks(n100), forks(l0), forks(n0)}, new double[]{1, -1, -1, 1}));
        }
        if (n50 != null && l50 != null && n0 != null && l0 != null) {
            out.put(Suite.PAGEBLOCK_ISOLATION.simpleName() + " (a fork per cell): difference in differences at 50% dirty, / 0.5",
                    ForkStats.contrast(new ForkStats.Estimate[]{forks(l50), forks(n50), forks(l0), forks(n0)}, new double[]{2, -2, -2, 2}));
        }
        BenchmarkResult icNone = run.one(SuiteBenchmark.ISOLATE_DIRTY_PAGE, Map.of(CHECK, NONE));
        BenchmarkResult icLock = run.one(SuiteBenchmark.ISOLATE_DIRTY_PAGE, Map.of(CHECK, PAGE_LOCK));
        if (icNone != null && icLock != null) {
            out.put(Suite.ISOLATION_CHECK.simpleName() + " (a fork per cell): PAGE_LOCK − NONE on one page", forks(icLock).minus(forks(icNone)));
        }
        return out;
    }

    /** c from the fork-per-cell designs, for runs made before the paired one. */
    private static CheckCost unpaired(SuiteResults run) {
        BenchmarkResult n100 = pageblock(run, NONE, 100), l100 = pageblock(run, PAGE_LOCK, 100);
        BenchmarkResult n0 = pageblock(run, NONE, 0), l0 = pageblock(run, PAGE_LOCK, 0);
        if (n100 != null && l100 != null && n0 != null && l0 != null) {
            ForkStats.Estimate[] cells = {forks(l100), forks(n100), forks(l0), forks(n0)};
            return new CheckCost(ForkStats.contrast(cells, new double[]{1, -1, -1, 1}), forks(l0).minus(forks(n0)),
                    Suite.PAGEBLOCK_ISOLATION.simpleName() + ", (PAGE_LOCK − NONE) at 100% dirty − (PAGE_LOCK − NONE) at 0% dirty");
        }
        if (n100 != null && l100 != null) {
            return new CheckCost(forks(l100).minus(forks(n100)), null,
                    Suite.PAGEBLOCK_ISOLATION.simpleName() + ", PAGE_LOCK − NONE at 100% dirty (no 0% dirty control in this run)");
        }
        BenchmarkResult icNone = run.one(SuiteBenchmark.ISOLATE_DIRTY_PAGE, Map.of(CHECK, NONE));
        BenchmarkResult icLock = run.one(SuiteBenchmark.ISOLATE_DIRTY_PAGE, Map.of(CHECK, PAGE_LOCK));
        if (icNone != null && icLock != null) {
            return new CheckCost(forks(icLock).minus(forks(icNone)), null,
                    Suite.ISOLATION_CHECK.simpleName() + ", PAGE_LOCK − NONE (no control)");
        }
        return null;
    }

    private static BenchmarkResult pageblock(SuiteResults run, Object check, int dirty) {
        return run.one(SuiteBenchmark.SCAN_PAGEBLOCK, Map.of(CHECK, check, DIRTY_PERCENT, dirty));
    }

    /** A result's fork means as one estimate (forks are the unit). */
    static ForkStats.Estimate forks(BenchmarkResult r) {
        return ForkStats.estimate(r.primary());
    }

    /** c in ns per dirty page. */
    double ns() {
        return cost.mean();
    }

    Interval interval() {
        return cost.interval();
    }

    /**
     * Replicates of c drawn from its sampling distribution (c + se·T_df, fixed seed), so that a
     * caller pairing them with another quantity's bootstrap replicates carries c's fork-level
     * uncertainty; empty when c has no standard error.
     */
    double[] replicates() {
        return cost.draws();
    }
}
