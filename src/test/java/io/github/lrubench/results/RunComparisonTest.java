package io.github.lrubench.results;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Several runs side by side on the committed default runs' results.json (read, never written):
 * A = 20261128T132905Z-vm, B = 20261206T145340Z-vm, C = 20261125T132726Z-vm (an older parameter set).
 * The expected figures were computed independently with SciPy 1.17 on the fork means (each fork's mean of
 * its iterations, by numpy): {@code scipy.stats.t.interval(0.95, 3, loc=mean(a), scale=sem(a))} for A,
 * {@code scipy.stats.ttest_ind(b, a, equal_var=False).confidence_interval(0.95)} for B − A, and the percent
 * by the delta method written out (q = mean b / mean a, se² = (s_b²/n_b + q²·s_a²/n_a) / mean a²,
 * Welch–Satterthwaite df, {@code scipy.stats.t.ppf(0.975, df)}).
 */
class RunComparisonTest {
    static final String A = "20261128T132905Z-vm", B = "20261206T145340Z-vm", C = "20261125T132726Z-vm";

    static RunComparison.Run run(String id) {
        return new RunComparison.Run(id, ResultFiles.read(Path.of("results", id, "results.json")));
    }

    static RunComparison.Row row(RunComparison c, String shortName, Map<String, String> params) {
        return c.rows().stream().filter(r -> r.what().shortName().equals(shortName) && r.what().params().equals(params))
                .findFirst().orElseThrow();
    }

    @Test
    void figuresAreTheReportsEstimatorOnForkMeans() {
        RunComparison c = RunComparison.of(List.of(run(A), run(B), run(C)));
        RunComparison.Row r = row(c, "IsolationCheckBenchmark.isolateDirtyPage", Map.of("check", "PAGE_LOCK"));
        // A's fork means 6.2437, 5.9833, 6.0868, 6.3389; B's 9.1576, 9.6430, 6.1693, 9.4928 (ns/op).
        Interval a = r.cells().get(0).orElseThrow().mean();
        assertThat(a.estimate()).isCloseTo(6.163174550268377, within(1e-9));
        assertThat(a.low()).isCloseTo(5.9107141242988845, within(1e-9));
        assertThat(a.high()).isCloseTo(6.41563497623787, within(1e-9));
        RunComparison.Cell b = r.cells().get(1).orElseThrow();
        assertThat(b.vsBaseline().delta().estimate()).isCloseTo(2.4525137348794415, within(1e-9));
        assertThat(b.vsBaseline().delta().low()).isCloseTo(-0.14785114787966114, within(1e-9));
        assertThat(b.vsBaseline().delta().high()).isCloseTo(5.0528786176385445, within(1e-9));
        assertThat(b.vsBaseline().percent().estimate()).isCloseTo(39.793027357510844, within(1e-9));
        assertThat(b.vsBaseline().percent().low()).isCloseTo(-2.1856412000287317, within(1e-6));
        assertThat(b.vsBaseline().percent().high()).isCloseTo(81.77169591505043, within(1e-6));
        assertThat(b.resolved()).as("B − A's interval holds 0").isFalse();
        RunComparison.Cell cc = r.cells().get(2).orElseThrow();
        assertThat(cc.vsBaseline().delta().low()).isCloseTo(4.648377837326198, within(1e-9));
        assertThat(cc.vsBaseline().delta().high()).isCloseTo(10.387204810460231, within(1e-9));
        assertThat(cc.resolved()).isTrue();
        // A difference below zero: FloorBenchmark.scan512, B − A = -0.01200 [-0.01907, -0.00494].
        RunComparison.Cell scan = row(c, "FloorBenchmark.scan512", Map.of()).cells().get(1).orElseThrow();
        assertThat(scan.vsBaseline().delta().low()).isCloseTo(-0.019069958059455844, within(1e-9));
        assertThat(scan.vsBaseline().delta().high()).isCloseTo(-0.004936108854924386, within(1e-9));
        assertThat(scan.resolved()).isTrue();
    }

    @Test
    void rowsSomeRunsLackAreKeptAndCounted() {
        RunComparison c = RunComparison.of(List.of(run(A), run(B), run(C)));
        // A and B have the same 50 rows; C (before compactMode was a parameter of the pass) has 58, 25 of them shared.
        assertThat(c.rows()).hasSize(83);
        assertThat(List.of(c.absent(0), c.absent(1), c.absent(2))).containsExactly(33, 33, 25);
        assertThat(c.compared(1)).isEqualTo(50);
        assertThat(c.compared(2)).isEqualTo(25);
        RunComparison.Row onlyC = row(c, "CompactionPassBenchmark.compactPass",
                Map.of("check", "NONE", "dirtyPercent", "0", "free", "IMMEDIATE", "migrateExtraNs", "0"));
        assertThat(onlyC.cells().get(0)).isEmpty();
        assertThat(onlyC.cells().get(2)).hasValueSatisfying(x -> assertThat(x.vsBaseline()).as("no baseline, no difference").isNull());
        // Rows only C has stand with their benchmark's rows, not after all of A's.
        List<String> order = c.rows().stream().map(x -> x.what().shortName()).distinct().toList();
        assertThat(c.rows().stream().map(x -> x.what().shortName()).toList())
                .as("each benchmark's rows together").isSortedAccordingTo(java.util.Comparator.comparingInt(order::indexOf));
    }

    @Test
    void runsThatShareNothingWithTheBaselineAreRefused() {
        RunComparison.Run compaction = new RunComparison.Run("compaction.json", ResultFiles.read(Fixtures.SUITE_COMPACTION_JSON));
        RunComparison.Run rest = new RunComparison.Run("rest.json", ResultFiles.read(Fixtures.SUITE_REST_JSON));
        assertThatThrownBy(() -> RunComparison.of(List.of(rest, run(B), compaction)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("runs do not match")
                .hasMessageContaining("compaction.json").hasMessageContaining("rest.json");
    }

    @Test
    void markdownLeadsWithTheDifferenceAndMarksWhatExcludesZero() {
        String md = RunComparisonMarkdown.markdown(RunComparison.of(List.of(run(A), run(B), run(C))));
        assertThat(md).startsWith("A = `" + A + "` (the baseline), B = `" + B + "`, C = `" + C + "`.")
                .contains("95%").contains("83 rows (benchmark, mode, parameters, unit) in all; A lacks 33, B lacks 33, C lacks 25");
        assertThat(md.lines().filter(l -> l.startsWith("| IsolationCheckBenchmark.isolateDirtyPage | avgt | check=PAGE_LOCK |")))
                .containsExactly("| IsolationCheckBenchmark.isolateDirtyPage | avgt | check=PAGE_LOCK | ns/op | 6.16 [5.91, 6.42] "
                        + "| 8.6 | +2.5 [-0.1, +5.1] | +40% |  | 13.7 | +7.5 [+4.6, +10.4] | +120% | * |");
        assertThat(md).contains("| FloorBenchmark.scan512 | avgt | - | ns/op | 0.388 [0.381, 0.395] | 0.376 "
                + "| -0.012 [-0.019, -0.005] | -3.1% | * |");
        assertThat(md).contains("| CompactionPassBenchmark.compactPass | avgt | check=NONE, dirtyPercent=0, free=IMMEDIATE, migrateExtraNs=0 "
                + "| ns/op | - | - | - | - |  | 4800 | - | - |  |");
    }

    @Test
    void theChartHasOnePointPerRunAndRowWithItsPercentInterval() {
        RunComparison c = RunComparison.of(List.of(run(A), run(B), run(C)));
        ChartSpec s = RunComparisonMarkdown.chart(c, "compare");
        assertThat(s.categories()).hasSize(50 + 25).doesNotHaveDuplicates();
        ChartSpec.Series b = s.series().get(0);
        int i = s.categories().indexOf("B: IsolationCheckBenchmark.isolateDirtyPage check=PAGE_LOCK");
        assertThat(b.y().get(i)).isCloseTo(39.793027357510844, within(1e-9));
        assertThat(b.low(i)).isCloseTo(-2.1856412000287317, within(1e-6));
        assertThat(b.high(i)).isCloseTo(81.77169591505043, within(1e-6));
        assertThat(s.series().get(1).y().get(i)).as("C's series is blank at B's point").isNaN();
        assertThat(s.categories()).as("parameters every drawn pass row shares are left out")
                .noneMatch(l -> l.contains("compactMode=DIRECT_ASYNC_ORDER9") && l.contains("compactPass"));
        assertThat(Optional.of(s.series().get(2).name())).contains("Δ = 0");
    }
}
