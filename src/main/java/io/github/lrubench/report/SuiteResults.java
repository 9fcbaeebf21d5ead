package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Metric;

import java.util.List;
import java.util.Map;

/** A run's JMH results seen through the suite's names: by class, by benchmark and parameters. */
final class SuiteResults {
    final List<BenchmarkResult> all;

    SuiteResults(List<BenchmarkResult> all) {
        this.all = all;
    }

    List<BenchmarkResult> of(Suite s) {
        return all.stream().filter(r -> r.benchmarkClass().equals(s.className())).toList();
    }

    /** The first result of a benchmark whose parameters include these values, or null. */
    BenchmarkResult one(SuiteBenchmark b, Map<SuiteParam, ?> params) {
        return all.stream().filter(r -> r.shortName().equals(b.shortName())
                        && params.entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(param(r, e.getKey()))))
                .findFirst().orElse(null);
    }

    static String param(BenchmarkResult r, SuiteParam p) {
        return r.param(p.key());
    }

    /** The result's isolation check, or null when it lacks the parameter: the one place a check is read from a result. */
    static IsolationCheck check(BenchmarkResult r) {
        return value(r, SuiteParam.CHECK, IsolationCheck.class);
    }

    /** The result's inode free policy, or null when it has no such parameter. */
    static InodeFreePolicy free(BenchmarkResult r) {
        return value(r, SuiteParam.FREE, InodeFreePolicy.class);
    }

    /** The result's compaction mode, or null when it has no such parameter. */
    static CompactMode mode(BenchmarkResult r) {
        return value(r, SuiteParam.COMPACT_MODE, CompactMode.class);
    }

    private static <E extends Enum<E>> E value(BenchmarkResult r, SuiteParam p, Class<E> type) {
        String v = param(r, p);
        if (v == null || v.equals(BenchmarkResult.MISSING)) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(p.key() + "=" + v + " of " + r.benchmark() + " is not a " + type.getSimpleName());
        }
    }

    static Metric metric(BenchmarkResult r, SuiteMetric m) {
        return r.secondary().get(m.key());
    }
}
