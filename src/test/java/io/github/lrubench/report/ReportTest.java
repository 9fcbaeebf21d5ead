package io.github.lrubench.report;

import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The report's arithmetic on real suite output, each figure recomputed here independently. */
class ReportTest {

    static List<BenchmarkResult> suite() {
        List<BenchmarkResult> rs = new ArrayList<>(JmhJson.read(Fixtures.SUITE_COMPACTION_JSON));
        rs.addAll(JmhJson.read(Fixtures.SUITE_REST_JSON));
        return rs;
    }

    /** T_NONE and T_PAGE_LOCK at x = 0, 1000, 4000 for one dirty share. */
    static double[][] passTimes(List<BenchmarkResult> rs, String dirty) {
        double[][] t = new double[2][3];
        for (BenchmarkResult r : rs) {
            if (r.shortName().equals(SuiteBenchmark.COMPACT_PASS.shortName()) && dirty.equals(r.param("dirtyPercent"))) {
                int i = List.of("0", "1000", "4000").indexOf(r.param("migrateExtraNs"));
                if (r.param("check").equals("NONE")) {
                    t[0][i] = r.primary().score();
                }
                if (r.param("check").equals("PAGE_LOCK")) {
                    t[1][i] = r.primary().score();
                }
            }
        }
        return t;
    }

    /** Ordinary least squares over x = 0, 1000, 4000: {a, m}. */
    static double[] fit(double[] y) {
        double[] x = {0, 1000, 4000};
        double mx = 5000 / 3.0, my = (y[0] + y[1] + y[2]) / 3, sxy = 0, sxx = 0;
        for (int i = 0; i < 3; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double m = sxy / sxx;
        return new double[] {my - m * mx, m};
    }

    @Test
    void verdictFiguresEqualWhatTheTestComputes() {
        List<BenchmarkResult> rs = suite();
        String md = Report.markdown(rs, null, null);
        double[][] t = passTimes(rs, "100");
        double[] am = fit(t[0]);
        double d = t[1][0] - t[0][0];
        assertThat(md).contains(String.format(Locale.ROOT, "| IMMEDIATE | 100 | %.1f | %.2f | %.1f |", am[0], am[1], d));
        double be1 = d <= 0 ? 0 : Math.max(0, (d / 0.01 - am[0]) / am[1]);
        assertThat(md).contains(String.format(Locale.ROOT, "%.0f ns |", be1));
        assertThat(md).contains("## Cost of a whole compaction pass", "## Floor: the primitives",
                "skippedTrylock", "peakDeferredInodes", "p99.9", "race.json: not in this run");
    }

    @Test
    void sectionsOfAbsentClassesSaySo() {
        assertThat(Report.markdown(JmhJson.read(Fixtures.FOREIGN_JSON), null, null))
                .contains("`CompactionPassBenchmark` with `migrateExtraNs`: not in this run", "`FloorBenchmark`: not in this run");
    }

    /**
     * JMH sums EVENTS counters over iterations; the report must show the largest per-iteration
     * value, and not the sum, which is larger whenever two iterations saw a peak.
     */
    @Test
    void deferredBytesComeFromThePerIterationPeakNotTheSum() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.SUITE_REST_JSON);
        BenchmarkResult rcu = rs.stream().filter(r -> r.shortName().equals(SuiteBenchmark.FREE.shortName())
                && "RCU_SCHED".equals(r.param("free"))).findFirst().orElseThrow();
        Metric m = rcu.secondary().get(SuiteMetric.PEAK_DEFERRED_INODES.key());
        double peak = m.rawData().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(peak).as("fixture: the sum differs from the peak").isLessThan(m.score());
        String md = Report.markdown(rs, null, null);
        assertThat(md).contains(Format.num(peak * KernelConfig.INODE_BYTES) + " | " + Format.num(peak * KernelConfig.EXT4_INODE_BYTES) + " |");
        assertThat(md).doesNotContain(Format.num(m.score() * KernelConfig.INODE_BYTES) + " | ");
    }

    @Test
    void composedVerdictEqualsWhatTheTestComputes() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON);
        double pbNone = Double.NaN, pbLock = Double.NaN;
        for (BenchmarkResult r : rs) {
            if (r.shortName().equals(SuiteBenchmark.SCAN_PAGEBLOCK.shortName()) && "50".equals(r.param("dirtyPercent"))) {
                if ("NONE".equals(r.param("check"))) {
                    pbNone = r.primary().score();
                }
                if ("PAGE_LOCK".equals(r.param("check"))) {
                    pbLock = r.primary().score();
                }
            }
        }
        assertThat(pbNone).isNotNaN();
        double c = (pbLock - pbNone) / 0.5; // ns per dirty page
        double[] am = fit(passTimes(rs, "100")[0]);
        double a = am[0], m = am[1], dc = 1.0 * m * c; // 100% dirty
        assertThat(Report.markdown(rs, null, null)).contains("### Composed estimate").contains(String.format(Locale.ROOT,
                "| IMMEDIATE | 100 | %.1f | %.2f | %.1f | %.3f%% | %.3f%% | %.3f%% |", a, m, dc, 100 * dc / a,
                100 * dc / (a + 1000 * m), 100 * dc / (a + 4000 * m)));
    }

    @Test
    void theModelIsComparedWithTheFloorPair() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.SUITE_REST_JSON);
        double pair = score(rs, SuiteBenchmark.TRYLOCK_UNLOCK_PAIR, null);
        double added = score(rs, SuiteBenchmark.ISOLATE_DIRTY_PAGE, "PAGE_LOCK") - score(rs, SuiteBenchmark.ISOLATE_DIRTY_PAGE, "NONE");
        assertThat(Report.markdown(rs, null, null)).contains("## Model against the floor")
                .contains("| " + Format.num(added) + " | " + Format.num(pair) + " | " + String.format(Locale.ROOT, "%.2f", added / pair) + " |");
    }

    @Test
    void passChartsHaveOneSeriesPerCheck() {
        // The planner as scripts/plot runs it on this suite's files (the report no longer draws per-metric charts).
        List<ChartSpec> specs = new ChartPlanner(List.of(SuiteParam.CHECK.key(), SuiteParam.FREE.key()))
                .plan(JmhJson.read(Fixtures.SUITE_COMPACTION_JSON));
        String stem = SuiteBenchmark.COMPACT_PASS.shortName();
        ChartSpec bar = byStem(specs, stem + "-bar");
        assertThat(bar.series()).extracting(ChartSpec.Series::name).containsExactly("check=NONE", "check=PAGE_LOCK");
        assertThat(bar.categories()).hasSize(4 * 3); // dirtyPercent x migrateExtraNs
        ChartSpec line = byStem(specs, stem + "-vs-" + SuiteParam.MIGRATE_EXTRA_NS.key());
        assertThat(line.series()).hasSize(2 * 4).allSatisfy(s -> assertThat(s.x()).containsExactly(0.0, 1000.0, 4000.0));
        for (SuiteMetric m : List.of(SuiteMetric.MIGRATED_PAGE, SuiteMetric.ISOLATED_PAGE)) {
            assertThat(byStem(specs, stem + "-" + m.key() + "-bar").series()).hasSize(2);
        }
    }

    private static double score(List<BenchmarkResult> rs, SuiteBenchmark b, String check) {
        return rs.stream().filter(r -> r.shortName().equals(b.shortName()) && (check == null || check.equals(r.param("check"))))
                .findFirst().orElseThrow().primary().score();
    }

    static ChartSpec byStem(List<ChartSpec> specs, String stem) {
        return specs.stream().filter(s -> s.fileStem().equals(stem)).findFirst()
                .orElseThrow(() -> new AssertionError(stem + " not in " + specs.stream().map(ChartSpec::fileStem).toList()));
    }
}
