package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.RatioStats;

import java.util.Map;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.mm.IsolationCheck.NONE;
import static io.github.lrubench.mm.IsolationCheck.PAGE_LOCK;

/**
 * The check's cost per dirty page, c: the pageblock benchmark's PAGE_LOCK - NONE per dirty page
 * at 50% dirty (in the scan's own context), else the isolated check's PAGE_LOCK - NONE; with
 * bootstrap replicates of the same difference for intervals that carry c's uncertainty.
 */
record CheckCost(BenchmarkResult lock, BenchmarkResult none, double dirtyShare, String source) {

    /** The run's c, or null when neither source ran. */
    static CheckCost of(SuiteResults run) {
        BenchmarkResult pbNone = run.one(SuiteBenchmark.SCAN_PAGEBLOCK, Map.of(CHECK, NONE, DIRTY_PERCENT, 50));
        BenchmarkResult pbLock = run.one(SuiteBenchmark.SCAN_PAGEBLOCK, Map.of(CHECK, PAGE_LOCK, DIRTY_PERCENT, 50));
        if (pbNone != null && pbLock != null) {
            return new CheckCost(pbLock, pbNone, 0.5, Suite.PAGEBLOCK_ISOLATION.simpleName() + ", (PAGE_LOCK - NONE) at 50% dirty / 0.5");
        }
        BenchmarkResult icNone = run.one(SuiteBenchmark.ISOLATE_DIRTY_PAGE, Map.of(CHECK, NONE));
        BenchmarkResult icLock = run.one(SuiteBenchmark.ISOLATE_DIRTY_PAGE, Map.of(CHECK, PAGE_LOCK));
        if (icNone != null && icLock != null) {
            return new CheckCost(icLock, icNone, 1.0, Suite.ISOLATION_CHECK.simpleName() + ", PAGE_LOCK - NONE");
        }
        return null;
    }

    /** c in ns per dirty page. */
    double ns() {
        return (lock.primary().score() - none.primary().score()) / dirtyShare;
    }

    /** Bootstrap replicates of c (empty without raw data). */
    double[] replicates() {
        double[] d = RatioStats.differenceReplicates(lock.primary(), none.primary(), RatioStats.SEED);
        for (int i = 0; i < d.length; i++) {
            d[i] /= dirtyShare;
        }
        return d;
    }
}
