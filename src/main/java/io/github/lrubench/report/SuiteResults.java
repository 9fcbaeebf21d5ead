package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
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

    static Metric metric(BenchmarkResult r, SuiteMetric m) {
        return r.secondary().get(m.key());
    }
}
