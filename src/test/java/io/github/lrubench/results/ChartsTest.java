package io.github.lrubench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void compareRefusesMismatchedRuns() {
        var a = JmhJson.read(Fixtures.SUITE_COMPACTION_JSON);
        var b = JmhJson.read(Fixtures.SUITE_REST_JSON);
        assertThatThrownBy(() -> Comparison.compare(a, b, "A", "B"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("runs do not match").hasMessageContaining("only in A");
        var same = Comparison.compare(a, a, "A", "A");
        assertThat(same).hasSize(a.size()).allSatisfy(r -> assertThat(r.ratio().estimate()).isEqualTo(1.0));
    }

    static ChartSpec byStem(List<ChartSpec> specs, String stem) {
        return specs.stream().filter(s -> s.fileStem().equals(stem)).findFirst()
                .orElseThrow(() -> new AssertionError(stem + " not in " + specs.stream().map(ChartSpec::fileStem).toList()));
    }
}
