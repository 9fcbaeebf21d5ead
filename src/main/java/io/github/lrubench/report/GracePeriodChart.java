package io.github.lrubench.report;

import io.github.lrubench.bench.GracePeriodBenchmark;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Grace-period latency as a percentile distribution (HdrHistogram style), because a tail is read
 * by its shape across the nines, not by a few table cells. A section of its own, after the free
 * side's table: the chart's figures are its curves, and the section prints only the link.
 */
final class GracePeriodChart implements ReportSection<Optional<ChartSpec>> {
    /** Chart file stem. */
    static final String CHART = "gp-latency-distribution";
    /** GracePeriodBenchmark's contended workload, as its results name it. */
    private static final String CONTENDED = GracePeriodBenchmark.Workload.CONTENDED.name();

    /** The chart; empty when the run has no synchronizeSched percentiles. */
    @Override
    public Optional<ChartSpec> compute(Report.Inputs in) {
        return Optional.ofNullable(chart(new SuiteResults(in.results()).of(Suite.GRACE_PERIOD)));
    }

    @Override
    public void print(Optional<ChartSpec> chart, Markdown md) {
        if (chart.isPresent()) {
            md.image("grace-period latency by percentile", CHART);
        }
    }

    @Override
    public List<ChartSpec> charts(Optional<ChartSpec> chart) {
        return chart.stream().toList();
    }

    /**
     * One curve per result (per {@code pfnsPerLockHold}, and per {@code workload} and {@code free}
     * where a run has more than one of them, named so): the {@code synchronizeSched} group member's
     * percentiles only (the group's primary mixes in the scanner's operations), x = 1/(1−p) on a
     * log axis. A curve ends at the first percentile that reaches the largest sample: beyond it JMH
     * repeats the maximum, which says how many samples there were, not how the tail goes on.
     */
    static ChartSpec chart(List<BenchmarkResult> gp) {
        List<BenchmarkResult> rs = new ArrayList<>(gp.stream().filter(r -> latency(r) != null).toList());
        if (rs.isEmpty()) {
            return null;
        }
        rs.sort(Comparator.comparingDouble(GracePeriodChart::pfns).thenComparing(BenchmarkResult::paramLabel));
        // The parameters besides the lock-hold length that tell this run's curves apart.
        List<SuiteParam> varying = Stream.of(SuiteParam.WORKLOAD, SuiteParam.FREE)
                .filter(p -> rs.stream().map(r -> SuiteResults.param(r, p)).distinct().count() > 1).toList();
        boolean contended = rs.stream().anyMatch(r -> CONTENDED.equals(SuiteResults.param(r, SuiteParam.WORKLOAD)));
        List<ChartSpec.Series> series = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        double maxP = 0;
        for (BenchmarkResult r : rs) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            Map<Double, Double> ps = new TreeMap<>(latency(r).percentiles());
            double max = ps.getOrDefault(100.0, Double.NaN);
            for (Map.Entry<Double, Double> e : ps.entrySet()) {
                if (e.getKey() >= 100 || !Double.isFinite(e.getValue())) {
                    continue;
                }
                x.add(ChartSpec.inverseTail(e.getKey()));
                y.add(e.getValue());
                maxP = Math.max(maxP, e.getKey());
                if (e.getValue() >= max) {
                    break;
                }
            }
            all.addAll(y);
            String p = SuiteResults.param(r, SuiteParam.PFNS_PER_LOCK_HOLD);
            String name = p == null ? r.paramLabel() : p + " pfns per lock hold";
            for (SuiteParam v : varying) {
                name += ", " + v.key() + "=" + SuiteResults.param(r, v);
            }
            series.add(ChartSpec.Series.of(name, x, y, ChartSpec.Style.LINE));
        }
        String unit = latency(rs.get(0)).unit().replace("us/op", "µs").replace("/op", "");
        // Linear while the latencies stay within two decades (a tick-bound plateau reads best so); log beyond.
        var stats = all.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        boolean logY = stats.getMin() > 0 && stats.getMax() / stats.getMin() >= 100;
        String title = contended ? "synchronize_sched() latency by percentile, against the IRQ-off scan or the contended workload"
                : "synchronize_sched() latency by percentile, the scanner holding the LRU lock with IRQs off";
        return new ChartSpec(CHART, ChartSpec.Kind.LINE, title, "percentile (log of 1/(1−p)); each curve ends where it reaches its largest sample",
                "grace period, " + unit + (logY ? " (log)" : ""), List.of(), series, true, logY)
                .withXTicks(ChartSpec.percentileTicks(maxP));
    }

    private static Metric latency(BenchmarkResult r) {
        Metric m = SuiteResults.metric(r, SuiteMetric.SYNCHRONIZE_SCHED);
        return m == null || m.percentiles().isEmpty() ? null : m;
    }

    private static double pfns(BenchmarkResult r) {
        try {
            return Double.parseDouble(SuiteResults.param(r, SuiteParam.PFNS_PER_LOCK_HOLD));
        } catch (NullPointerException | NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }
}
