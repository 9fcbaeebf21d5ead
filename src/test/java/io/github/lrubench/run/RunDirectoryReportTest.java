package io.github.lrubench.run;

import io.github.lrubench.results.ChartSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 12 #4: a report replaces the old charts and REPORT.md only once every chart has rendered. */
class RunDirectoryReportTest {
    @Test
    void aChartThatFailsLeavesTheOldReportAndChartsAlone(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.open(dir);
        Files.createDirectories(run.charts());
        Files.writeString(run.report(), "previous");
        Files.writeString(run.charts().resolve("a.png"), "old");
        Files.writeString(run.charts().resolve("stale.png"), "an earlier report's");
        List<Double> x = List.of(1.0, 2.0);
        ChartSpec.Series s = new ChartSpec.Series("s", x, x, List.of(0.0, 0.0));
        ChartSpec good = new ChartSpec("a", ChartSpec.Kind.LINE, "a", "x", "y", List.of(), List.of(s), false, false);
        ChartSpec bad = new ChartSpec("b", ChartSpec.Kind.LINE, "b", "x", "y", List.of(), List.of(s, s), false, false);
        assertThatThrownBy(() -> run.writeReport("new", List.of(good, bad))).isNotInstanceOf(AssertionError.class);
        assertThat(run.report()).content().isEqualTo("previous");
        assertThat(run.charts().resolve("a.png")).content().isEqualTo("old");
        assertThat(run.charts().resolve("stale.png")).exists();
        try (var files = Files.list(run.charts())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("a.png", "stale.png");
        }
    }
}
