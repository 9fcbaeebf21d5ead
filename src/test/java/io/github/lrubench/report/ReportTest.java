package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.KernelConfig;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartPlanner;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.Metric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's arithmetic on real suite output, each figure recomputed here independently. */
class ReportTest {

    static List<BenchmarkResult> suite() {
        List<BenchmarkResult> rs = new ArrayList<>(JmhJson.read(Fixtures.SUITE_COMPACTION_JSON));
        rs.addAll(JmhJson.read(Fixtures.SUITE_REST_JSON));
        return rs;
    }

    @Test
    void everySectionIsThere() {
        String md = Report.markdown(suite(), null, null);
        assertThat(md).contains("## Verdict on the overhead argument: the Java model", "### Composed estimate",
                "### The pass DiD: the check measured directly on the pass, a difference in differences", "did.json: not in this run",
                "## Cost of a whole compaction pass", "## Floor: the primitives", SuiteMetric.SKIPPED_TRYLOCK.key(), "p99.9", "race.json: not in this run");
    }

    @Test
    void sectionsOfAbsentClassesSaySo() {
        assertThat(Report.markdown(JmhJson.read(Fixtures.FOREIGN_JSON), null, null))
                .contains("`" + Suite.COMPACTION_PASS.simpleName() + "` with " + IsolationCheck.NONE.name() + " and its counters: not in this run",
                        "`" + Suite.FLOOR.simpleName() + "`: not in this run");
    }

    /**
     * JMH sums EVENTS counters over iterations; the report must show the largest per-iteration
     * value, and not the sum, which is larger whenever two iterations saw a peak.
     */
    @Test
    void deferredBytesComeFromThePerIterationPeakNotTheSum() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.SUITE_REST_JSON);
        BenchmarkResult rcu = rs.stream().filter(r -> r.shortName().equals(SuiteBenchmark.FREE.shortName())
                && InodeFreePolicy.RCU_SCHED.name().equals(r.param(SuiteParam.FREE.key()))).findFirst().orElseThrow();
        Metric m = rcu.secondary().get(SuiteMetric.PEAK_DEFERRED_INODES.key());
        double peak = m.rawData().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElseThrow();
        double mean = m.rawData().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(peak).as("fixture: the sum differs from the peak").isLessThan(m.score());
        String md = Report.markdown(rs, null, null);
        // bytes @576: mean | max | bytes @1056: mean | max
        assertThat(md).contains(FigureFormat.num(peak * KernelConfig.INODE_BYTES) + " | " + FigureFormat.num(mean * KernelConfig.EXT4_INODE_BYTES)
                + " | " + FigureFormat.num(peak * KernelConfig.EXT4_INODE_BYTES) + " |");
        assertThat(md).doesNotContain(FigureFormat.num(m.score() * KernelConfig.INODE_BYTES) + " | ");
    }

    @Test
    void theModelIsComparedWithTheFloorPair() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.SUITE_REST_JSON);
        double pair = score(rs, SuiteBenchmark.TRYLOCK_UNLOCK_PAIR, null);
        double added = score(rs, SuiteBenchmark.ISOLATE_DIRTY_PAGE, IsolationCheck.PAGE_LOCK)
                - score(rs, SuiteBenchmark.ISOLATE_DIRTY_PAGE, IsolationCheck.NONE);
        assertThat(Report.markdown(rs, null, null)).contains("## Model against the floor")
                .contains("| " + FigureFormat.num(added) + " | " + FigureFormat.num(pair) + " | " + FigureFormat.num(added / pair) + " |");
    }

    @Test
    void passChartsHaveOneSeriesPerCheck() {
        // The planner as scripts/plot runs it on this suite's files (the report no longer draws per-metric charts).
        List<ChartSpec> specs = new ChartPlanner(List.of(SuiteParam.CHECK.key(), SuiteParam.FREE.key()))
                .plan(JmhJson.read(Fixtures.SUITE_COMPACTION_JSON));
        String stem = SuiteBenchmark.COMPACT_PASS.shortName();
        ChartSpec bar = byStem(specs, stem + "-bar");
        assertThat(bar.series()).extracting(ChartSpec.Series::name).containsExactlyElementsOf(
                Stream.of(IsolationCheck.NONE, IsolationCheck.PAGE_LOCK, IsolationCheck.PAGE_LOCK_V4_16)
                        .map(c -> SuiteParam.CHECK.key() + "=" + c.name()).toList());
        assertThat(bar.categories()).hasSize(2 * 4 * 3); // compactMode x dirtyPercent x migrateExtraNs
        // 3 checks x 2 modes x 4 dirty shares are more lines than one chart takes (ChartPlanner.MAX_LINE_SERIES, 9):
        // one chart per mode and dirty share, a line per check.
        List<ChartSpec> lines = specs.stream().filter(c -> c.fileStem().startsWith(stem + "-vs-" + SuiteParam.MIGRATE_EXTRA_NS.key() + "-")).toList();
        assertThat(lines).hasSize(2 * 4).allSatisfy(line -> assertThat(line.series()).hasSize(3)
                .allSatisfy(s -> assertThat(s.x()).containsExactly(0.0, 1000.0, 4000.0)));
        for (SuiteMetric m : List.of(SuiteMetric.MIGRATED_PAGE, SuiteMetric.ISOLATED_PAGE)) {
            assertThat(byStem(specs, stem + "-" + m.key() + "-bar").series()).hasSize(3);
        }
    }

    private static double score(List<BenchmarkResult> rs, SuiteBenchmark b, IsolationCheck check) {
        return rs.stream().filter(r -> r.shortName().equals(b.shortName())
                        && (check == null || check.name().equals(r.param(SuiteParam.CHECK.key()))))
                .findFirst().orElseThrow().primary().score();
    }

    static ChartSpec byStem(List<ChartSpec> specs, String stem) {
        return specs.stream().filter(s -> s.fileStem().equals(stem)).findFirst()
                .orElseThrow(() -> new AssertionError(stem + " not in " + specs.stream().map(ChartSpec::fileStem).toList()));
    }
}
