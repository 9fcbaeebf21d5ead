package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.Metric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The report's few charts: what each draws, from which figures, and that the report draws no others. */
class ReportChartsTest {

    @Test
    void theVerdictCurveHasABandPerDirtyShareThresholdLinesAndTheMeasuredRange() {
        Interval c = new Interval(10, 8, 13);
        List<RealKernelVerdict.ChartPoint> pts = List.of(
                new RealKernelVerdict.ChartPoint("host kernel", new Interval(1500, 1400, 1700), new Interval(10.0 / 1500, 0.004, 0.009)),
                new RealKernelVerdict.ChartPoint("--t-page: x", new Interval(3000, Double.NaN, Double.NaN), new Interval(10.0 / 3000, Double.NaN, Double.NaN)));
        ChartSpec spec = RealKernelVerdict.chart(c, pts, Optional.of(new RealKernelVerdict.MeasuredRange(150, 400)));
        assertThat(spec.fileStem()).isEqualTo(RealKernelVerdict.CHART);
        List<ChartSpec.Series> bands = spec.series().stream().filter(s -> s.style() == ChartSpec.Style.BAND).toList();
        assertThat(bands).hasSize(RealKernelVerdict.DIRTY_SHARES.length);
        for (int k = 0; k < bands.size(); k++) {
            double share = RealKernelVerdict.DIRTY_SHARES[k];
            ChartSpec.Series b = bands.get(k);
            int i = b.x().size() / 2;
            double t = b.x().get(i);
            assertThat(b.y().get(i)).isCloseTo(100 * share * 10 / t, within(1e-9));
            assertThat(b.lower().get(i)).isCloseTo(100 * share * 8 / t, within(1e-9));
            assertThat(b.upper().get(i)).isCloseTo(100 * share * 13 / t, within(1e-9));
        }
        // Thresholds are reference lines, not legend series.
        assertThat(spec.references()).extracting(ChartSpec.Reference::value).containsExactly(1.0, 0.1);
        assertThat(spec.series()).extracting(ChartSpec.Series::name).noneMatch(n -> n.contains("minimal") || n.startsWith("0.1%"));
        assertThat(spec.spans()).containsExactly(new ChartSpec.Span(150, 400, "Java model measured"));
        ChartSpec.Series kernel = spec.series().stream().filter(s -> s.name().equals("host kernel")).findFirst().orElseThrow();
        assertThat(kernel.low(0)).isCloseTo(0.4, within(1e-12));
        assertThat(kernel.high(0)).isCloseTo(0.9, within(1e-12));
        assertThat(kernel.xLower()).containsExactly(1400.0);
        ChartSpec.Series given = spec.series().stream().filter(s -> s.name().startsWith("--t-page")).findFirst().orElseThrow();
        assertThat(given.hasBar(0)).isFalse();
        assertThat(given.hasXBar(0)).isFalse();
        // One measured t: that point is marked; no interval of c: plain curves.
        assertThat(RealKernelVerdict.chart(c, pts, Optional.of(RealKernelVerdict.MeasuredRange.at(200))).spans()).containsExactly(new ChartSpec.Span(200, 200, "Java model measured"));
        assertThat(RealKernelVerdict.chart(new Interval(10, Double.NaN, Double.NaN), pts, Optional.empty()).series())
                .filteredOn(s -> s.name().startsWith("check at")).allMatch(s -> s.style() == ChartSpec.Style.CURVE);
    }

    @Test
    void gracePeriodPercentilesAreTheSynchronizeSchedMembersOnly() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON);
        List<BenchmarkResult> gp = new SuiteResults(rs).of(Suite.GRACE_PERIOD);
        ChartSpec spec = new GracePeriodChart().compute(SideCostsTest.inputs(rs)).orElseThrow();
        assertThat(spec.fileStem()).isEqualTo(GracePeriodChart.CHART);
        assertThat(spec.series()).extracting(ChartSpec.Series::name)
                .containsExactly("32 pfns per lock hold", "128 pfns per lock hold", "512 pfns per lock hold");
        BenchmarkResult r32 = gp.stream().filter(x -> x.param(SuiteParam.PFNS_PER_LOCK_HOLD.key()).equals("32")).findFirst().orElseThrow();
        Metric sync = r32.secondary().get(SuiteMetric.SYNCHRONIZE_SCHED.key());
        ChartSpec.Series s = spec.series().get(0);
        // Every percentile below 100 up to the first that reaches the largest sample, at x = 1/(1-p).
        Map<Double, Double> ps = new TreeMap<>(sync.percentiles());
        List<Double> want = new ArrayList<>();
        for (var e : ps.entrySet()) {
            if (e.getKey() < 100) {
                want.add(e.getValue());
                if (e.getValue() >= ps.get(100.0)) {
                    break;
                }
            }
        }
        assertThat(s.y()).isEqualTo(want);
        assertThat(s.x().get(1)).isCloseTo(2.0, within(1e-12));
        assertThat(s.y()).doesNotContain(r32.primary().percentiles().get(50.0)); // not the group's mixed primary
        assertThat(spec.xTicks()).extracting(ChartSpec.Tick::label).startsWith("0%", "50%", "90%", "99%");
        // This run's curves stay within two decades: 985.088 µs (128 pfns, p0) to 12484.608 µs (512 pfns, p99.9), a
        // ratio of 12.7 < 100 (python3 on the file's synchronizeSched scorePercentiles, each curve cut as above): linear.
        assertThat(spec.logY()).isFalse();
        // No grace-period results: no chart, and no link to one.
        Optional<ChartSpec> none = new GracePeriodChart().compute(SideCostsTest.inputs(new SuiteResults(rs).of(Suite.FLOOR)));
        assertThat(none).isEmpty();
        Markdown md = new Markdown();
        new GracePeriodChart().print(none, md);
        assertThat(md.toString()).isEmpty();
    }

    /**
     * A run with both workloads and three kernels (the suite fixture runs every value): one curve
     * per result, each named by what tells it apart, none left as a bare lock-hold length.
     */
    @Test
    void gracePeriodCurvesNameTheWorkloadAndKernelWhenARunHasSeveral() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.SUITE_REST_JSON);
        List<BenchmarkResult> gp = new SuiteResults(rs).of(Suite.GRACE_PERIOD);
        ChartSpec spec = new GracePeriodChart().compute(SideCostsTest.inputs(rs)).orElseThrow();
        assertThat(spec.series()).hasSize(gp.size());
        assertThat(spec.series()).extracting(ChartSpec.Series::name).doesNotHaveDuplicates()
                .contains("32 pfns per lock hold, workload=CONTENDED, free=RCU_SCHED_PREEMPT",
                        "32 pfns per lock hold, workload=IRQ_OFF_SCAN, free=RCU_SCHED");
        assertThat(spec.title()).contains("contended workload");
    }

    @Test
    void raceRatesAreExactIntervalsOrTheRuleOfThree() {
        assertThat(RaceChart.rate(0, 1000)).isEqualTo(new Interval(0, 0, 0.003));
        Interval one = RaceChart.rate(1, 10); // textbook Clopper–Pearson: [0.0025, 0.4450]
        assertThat(one.estimate()).isEqualTo(0.1);
        assertThat(one.low()).isCloseTo(0.00253, within(1e-5));
        assertThat(one.high()).isCloseTo(0.44502, within(1e-5));
        Interval all = RaceChart.rate(10, 10);
        assertThat(all.high()).isEqualTo(1.0);
        assertThat(all.low()).isCloseTo(Math.pow(0.025, 0.1), within(1e-9));
        assertThat(RaceChart.rate(0, 0).estimate()).isNaN();
    }

    @Test
    void theRaceChartSeparatesOpenFromClosedAndBoundsWhatWasNotSeen() {
        List<RaceOutcome> rows = List.of(
                new RaceOutcome(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE, 100000, 866, 866, 433, 819, 0, 0),
                new RaceOutcome(IsolationCheck.NONE, InodeFreePolicy.PREEMPT_RCU, 100000, 1182, 1182, 591, 0, 0, 0),
                new RaceOutcome(IsolationCheck.PAGE_LOCK, InodeFreePolicy.RCU_SCHED, 100000, 3376, 3376, 1688, 0, 11, 0));
        ChartSpec spec = RaceChart.chart(rows);
        assertThat(spec.fileStem()).isEqualTo(RaceChart.CHART);
        assertThat(spec.categories()).containsExactly("NONE × IMMEDIATE", "NONE × PREEMPT_RCU", "PAGE_LOCK × RCU_SCHED");
        assertThat(spec.logY()).isTrue();
        assertThat(spec.series()).hasSize(3);
        ChartSpec.Series open = spec.series().get(0), practice = spec.series().get(1), contract = spec.series().get(2);
        assertThat(open.name()).startsWith("race open: seen");
        assertThat(open.style()).isEqualTo(ChartSpec.Style.MARKERS);
        assertThat(open.y().get(0)).isEqualTo(819.0 / 866);
        assertThat(open.low(0)).isLessThan(819.0 / 866);
        assertThat(open.high(0)).isGreaterThan(819.0 / 866);
        assertThat(open.y().get(1)).isNaN();
        assertThat(practice.name()).contains("closed in practice").contains("not seen");
        assertThat(practice.style()).isEqualTo(ChartSpec.Style.UPPER_BOUND);
        assertThat(practice.y().get(1)).isEqualTo(3.0 / 1182);
        assertThat(contract.name()).contains("closed by contract");
        assertThat(contract.y().get(2)).isEqualTo(3.0 / 3376);
    }

    @Test
    void theReportDrawsOnlyItsFewChartsAndLinksEachOne() {
        List<BenchmarkResult> rs = new ArrayList<>(JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON));
        List<RaceOutcome> race = List.of(new RaceOutcome(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE, 100000, 866, 866, 433, 819, 0, 0));
        Markdown s = Report.build(new Report.Inputs("r", rs, Optional.empty(), Optional.empty(), Optional.of(race), Optional.empty(), List.of(),
                Optional.empty()));
        List<String> stems = s.charts().stream().map(ChartSpec::fileStem).toList();
        assertThat(stems).hasSizeLessThanOrEqualTo(10).doesNotHaveDuplicates()
                .contains(RealKernelVerdict.CHART, GracePeriodChart.CHART, RaceChart.CHART)
                .noneMatch(n -> n.endsWith("-bar") || n.contains("Benchmark."));
        Matcher m = Pattern.compile("\\]\\(charts/([^)]+)\\.png\\)").matcher(s.toString());
        List<String> linked = new ArrayList<>();
        while (m.find()) {
            linked.add(m.group(1));
        }
        assertThat(Set.copyOf(linked)).isEqualTo(Set.copyOf(stems));
    }
}
