package io.github.lrubench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The generic tooling on another project's files: charts for any JMH results, and the run comparison. */
class ChartsTest {

    @Test
    void foreignChartsRender(@TempDir Path dir) {
        List<ChartSpec> specs = ChartPlanner.planAll(JmhJson.read(Fixtures.FOREIGN_JSON));
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
    void aPreferredParameterBecomesTheSeries() {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.FOREIGN_JSON);
        // JMHSample_27_Params varies arg and certainty; without a preference the first non-numeric or first varying one wins.
        assertThat(byStem(new ChartPlanner(List.of("certainty")).plan(rs), "JMHSample_27_Params.bench-bar").series())
                .extracting(ChartSpec.Series::name).containsExactly("certainty=0", "certainty=8");
        assertThat(byStem(ChartPlanner.planAll(rs), "JMHSample_27_Params.bench-bar").series())
                .extracting(ChartSpec.Series::name).containsExactly("arg=1", "arg=41");
    }

    @Test
    void compareRefusesRunsThatShareNothing() {
        var a = JmhJson.read(Fixtures.SUITE_COMPACTION_JSON);
        var b = JmhJson.read(Fixtures.SUITE_REST_JSON);
        assertThatThrownBy(() -> RunComparison.of(List.of(new RunComparison.Run("A", a), new RunComparison.Run("B", b))))
                .isInstanceOf(BadInputException.class).hasMessageContaining("runs do not match");
    }

    /** Two committed default runs of the same 50 benchmark/parameter combinations, 4 forks x 3 iterations each. */
    static final Path RUN_A = Path.of("results/20261128T132905Z-vm/results.json");
    static final Path RUN_B = Path.of("results/20261206T145340Z-vm/results.json");

    /**
     * Each run's figure is the mean of its fork means, and B's difference is B − A in the row's unit
     * (a time: + is slower; a throughput: + is faster). Computed by hand from the files' rawData
     * (python3, statistics.mean per fork, then over forks):
     * <ul>
     * <li>IsolationCheckBenchmark.isolateDirtyPage check=PAGE_LOCK, avgt ns/op: A's fork means 6.24367,
     * 5.98333, 6.08684, 6.33886 (mean 6.163174550268377); B's 9.15762, 9.64304, 6.16928, 9.49281
     * (mean 8.615688285147817); B − A = 2.45251373488: B slower.</li>
     * <li>InodeFreeBenchmark.free free=IMMEDIATE, thrpt ops/s: A's fork means 195640.2, 163394.0,
     * 140851.4, 171179.4 (mean 167766.23577160246); B's 283689.0, 294197.9, 146217.2, 321756.2
     * (mean 261465.10332394834); B − A = 93698.86755234588: B faster.</li>
     * </ul>
     */
    @Test
    void compareGivesEachRunsDifferenceFromTheForkMeans() {
        RunComparison c = RunComparison.of(List.of(new RunComparison.Run("A", JmhJson.read(RUN_A)), new RunComparison.Run("B", JmhJson.read(RUN_B))));
        assertThat(c.rows()).hasSize(50);
        RunComparison.Row check = row(c, "IsolationCheckBenchmark.isolateDirtyPage", "check", "PAGE_LOCK");
        assertThat(check.what().mode()).isEqualTo("avgt");
        assertThat(check.cells().get(0).orElseThrow().mean().estimate()).isCloseTo(6.163174550268377, within(1e-9));
        assertThat(check.cells().get(1).orElseThrow().vsBaseline().delta().estimate()).isCloseTo(8.615688285147817 - 6.163174550268377, within(1e-9));
        RunComparison.Row free = row(c, "InodeFreeBenchmark.free", "free", "IMMEDIATE");
        assertThat(free.what().mode()).isEqualTo("thrpt");
        assertThat(free.cells().get(1).orElseThrow().vsBaseline().delta().estimate()).isCloseTo(261465.10332394834 - 167766.23577160246, within(1e-6));
        for (RunComparison.Row r : List.of(check, free)) {
            var d = r.cells().get(1).orElseThrow().vsBaseline().delta();
            assertThat(d.low()).as(r.what().key()).isLessThan(d.estimate());
            assertThat(d.high()).as(r.what().key()).isGreaterThan(d.estimate());
        }
    }

    static RunComparison.Row row(RunComparison c, String shortName, String param, String value) {
        return c.rows().stream().filter(r -> r.what().shortName().equals(shortName) && value.equals(r.what().param(param))).findFirst()
                .orElseThrow(() -> new AssertionError(shortName + " " + param + "=" + value + " not compared"));
    }

    static ChartSpec byStem(List<ChartSpec> specs, String stem) {
        return specs.stream().filter(s -> s.fileStem().equals(stem)).findFirst()
                .orElseThrow(() -> new AssertionError(stem + " not in " + specs.stream().map(ChartSpec::fileStem).toList()));
    }
}
