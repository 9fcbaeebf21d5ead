package io.github.lrubench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ChartAndReportTest {

    @Test
    void compactionPassChartsHaveOneSeriesPerCheck() {
        List<ChartSpec> specs = ChartPlanner.plan(JmhJson.read(Fixtures.SUITE_COMPACTION_JSON));
        ChartSpec bar = byStem(specs, "CompactionPassBenchmark.compactionPass-bar");
        assertThat(bar.series()).extracting(ChartSpec.Series::name)
                .containsExactly("check=NONE", "check=PAGE_LOCK", "check=PAGE_LOCK_V4_16");
        assertThat(bar.categories()).hasSize(9); // dirtyPercent x migrateExtraNs
        ChartSpec line = byStem(specs, "CompactionPassBenchmark.compactionPass-vs-migrateExtraNs");
        assertThat(line.series()).hasSize(9).allSatisfy(s -> assertThat(s.x()).containsExactly(0.0, 1000.0, 4000.0));
        assertThat(line.logY()).isTrue(); // 2 us .. 150 us spans decades
        for (String m : List.of("isolated", "migrated", "nsPerMigratedPage")) {
            assertThat(byStem(specs, "CompactionPassBenchmark.compactionPass-" + m + "-bar").series()).hasSize(3);
        }
    }

    @Test
    void foreignChartsRender(@TempDir Path dir) {
        List<ChartSpec> specs = ChartPlanner.plan(JmhJson.read(Fixtures.FOREIGN_JSON));
        assertThat(byStem(specs, "JMHSample_27_Params.bench-bar").series()).hasSize(2); // arg=1, arg=41
        assertThat(byStem(specs, "JMHSample_15_Asymmetric.g-get-bar").series()).hasSize(1);
        assertThat(byStem(specs, "JMHSample_02_BenchmarkModes.measureSamples-percentiles").categories()).contains("p50", "p99");
        ChartRenderer.renderAll(specs, dir);
        for (ChartSpec s : specs) {
            assertThat(dir.resolve(s.fileStem() + ".png")).isNotEmptyFile();
            assertThat(dir.resolve(s.fileStem() + ".svg")).content().contains("<svg");
        }
    }

    @Test
    void reportFiguresEqualWhatTheTestComputes() throws Exception {
        List<BenchmarkResult> rs = new ArrayList<>(JmhJson.read(Fixtures.SUITE_COMPACTION_JSON));
        rs.addAll(JmhJson.read(Fixtures.SUITE_REST_JSON));
        String md = Report.markdown(rs, null, null);
        // Independent computation for dirtyPercent=100: OLS of T_NONE over x, delta at the smallest x, solve.
        double[] x = {0, 1000, 4000};
        double[] tn = new double[3], tc = new double[3];
        for (BenchmarkResult r : rs) {
            if (r.shortName().equals("CompactionPassBenchmark.compactionPass") && "100".equals(r.param("dirtyPercent"))) {
                int i = List.of("0", "1000", "4000").indexOf(r.param("migrateExtraNs"));
                if (r.param("check").equals("NONE")) tn[i] = r.primary().score();
                if (r.param("check").equals("PAGE_LOCK")) tc[i] = r.primary().score();
            }
        }
        double mx = 5000 / 3.0, my = (tn[0] + tn[1] + tn[2]) / 3;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < 3; i++) {
            sxy += (x[i] - mx) * (tn[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double m = sxy / sxx, a = my - m * mx;
        double d = tc[0] - tn[0];
        String row = String.format(Locale.ROOT, "| IMMEDIATE | 100 | %.1f | %.2f | %.1f |", a, m, d);
        assertThat(md).contains(row);
        double be1 = d <= 0 ? 0 : Math.max(0, (d / 0.01 - a) / m);
        assertThat(md).contains(String.format(Locale.ROOT, "%.0f ns |", be1));
        // Sections present for every suite class in the fixtures, "not in this run" for what is absent.
        assertThat(md).contains("## Cost of a whole compaction pass", "## Floor: the primitives",
                "skippedTrylock", "peakDeferredInodes", "p99.9", "race.json: not in this run");
        assertThat(Report.markdown(JmhJson.read(Fixtures.FOREIGN_JSON), null, null))
                .contains("`CompactionPassBenchmark` with `migrateExtraNs`: not in this run", "`FloorBenchmark`: not in this run");
    }

    @Test
    void inodeBytesAreComputedFromThePeak() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.SUITE_REST_JSON);
        BenchmarkResult rcu = rs.stream().filter(r -> r.shortName().startsWith("InodeFree") && "RCU_SCHED".equals(r.param("free")))
                .findFirst().orElseThrow();
        // EVENTS counters are summed by JMH; the report shows the largest per-iteration value.
        double peak = rcu.secondary().get("peakDeferredInodes").rawData().stream().flatMap(List::stream)
                .mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(peak).isLessThanOrEqualTo(rcu.secondary().get("peakDeferredInodes").score());
        assertThat(Report.markdown(rs, null, null)).contains(Report.fmt(peak * 576) + " | " + Report.fmt(peak * 1056) + " |");
    }

    @Test
    void composedVerdictEqualsWhatTheTestComputes() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON);
        double pbNone = Double.NaN, pbLock = Double.NaN;
        double[] x = {0, 1000, 4000};
        double[] tn = new double[3];
        for (BenchmarkResult r : rs) {
            if (r.shortName().equals("PageblockIsolationBenchmark.scanPageblock") && "50".equals(r.param("dirtyPercent"))) {
                if ("NONE".equals(r.param("check"))) pbNone = r.primary().score();
                if ("PAGE_LOCK".equals(r.param("check"))) pbLock = r.primary().score();
            }
            if (r.shortName().equals("CompactionPassBenchmark.compactPass") && "100".equals(r.param("dirtyPercent"))
                    && "NONE".equals(r.param("check"))) {
                tn[List.of("0", "1000", "4000").indexOf(r.param("migrateExtraNs"))] = r.primary().score();
            }
        }
        assertThat(pbNone).isNotNaN();
        double c = (pbLock - pbNone) / 0.5; // ns per dirty page
        double mx = 5000 / 3.0, my = (tn[0] + tn[1] + tn[2]) / 3, sxy = 0, sxx = 0;
        for (int i = 0; i < 3; i++) {
            sxy += (x[i] - mx) * (tn[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double m = sxy / sxx, a = my - m * mx;
        double dc = 1.0 * m * c; // 100% dirty
        String md = Report.markdown(rs, null, null);
        assertThat(md).contains("### Composed estimate").contains(String.format(Locale.ROOT,
                "| IMMEDIATE | 100 | %.1f | %.2f | %.1f | %.3f%% | %.3f%% | %.3f%% |", a, m, dc, 100 * dc / a,
                100 * dc / (a + 1000 * m), 100 * dc / (a + 4000 * m)));
    }

    @Test
    void compareRefusesMismatchedRuns() {
        var a = JmhJson.read(Fixtures.SUITE_COMPACTION_JSON);
        var b = JmhJson.read(Fixtures.SUITE_REST_JSON);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Comparison.compare(a, b, "A", "B"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("runs do not match").hasMessageContaining("only in A");
        var same = Comparison.compare(a, a, "A", "A");
        assertThat(same).hasSize(27).allSatisfy(r -> assertThat(r.ratio().estimate()).isEqualTo(1.0));
    }

    static ChartSpec byStem(List<ChartSpec> specs, String stem) {
        return specs.stream().filter(s -> s.fileStem().equals(stem)).findFirst()
                .orElseThrow(() -> new AssertionError(stem + " not in " + specs.stream().map(ChartSpec::fileStem).toList()));
    }
}
