package io.github.lrubench.cli;

import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.cli.Cli.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.github.lrubench.cli.Cli.fixture;
import static io.github.lrubench.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code report} on a run directory: REPORT.md and its charts, an earlier report's charts removed, rows lacking a parameter. */
class ReportCommandTest {
    @Test
    void reportWritesReportAndCharts(@TempDir Path dir) throws Exception {
        Files.copy(fixture("suite/suite-compaction.json"), dir.resolve("results.json"));
        Run r = run("report", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("REPORT.md")).content().contains("## Verdict on the overhead argument", "### Composed estimate",
                "### The pass DiD: the check measured directly on the pass, a difference in differences");
        assertThat(dir.resolve("charts/forest-fixes.svg")).exists();
    }

    /** Issue 12, defect 14: a report left an earlier report's charts in charts/, unlinked. */
    @Test
    void reportRemovesChartsOfAnEarlierReportOnly(@TempDir Path dir) throws Exception {
        Files.copy(fixture("suite/suite-compaction.json"), dir.resolve("results.json"));
        Files.createDirectories(dir.resolve("charts"));
        String bar = "charts/" + SuiteBenchmark.COMPACT_PASS.shortName() + "-bar";
        Files.writeString(dir.resolve(bar + ".png"), "old");
        Files.writeString(dir.resolve(bar + ".svg"), "old");
        Files.writeString(dir.resolve("charts/notes.txt"), "mine");
        Run r = run("report", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve(bar + ".png")).doesNotExist();
        assertThat(dir.resolve(bar + ".svg")).doesNotExist();
        assertThat(dir.resolve("charts/notes.txt")).as("not a chart: left alone").exists();
        assertThat(dir.resolve("charts/forest-fixes.png")).exists();
    }

    /** Defect 8 in report: a suite row without one of its parameters gives a report or one line, never a crash. */
    @ParameterizedTest
    @MethodSource("passParams")
    void reportWithAParameterOneRowLacks(String param, @TempDir Path dir) throws Exception {
        String json = Files.readString(fixture("suite/suite-compaction.json"));
        Files.writeString(dir.resolve("results.json"), json.replaceFirst("\"" + param + "\" : \"[^\"]*\",?\\s*", ""));
        Run r = run("report", dir.toString());
        assertThat(r.err()).doesNotContain("Exception");
        assertThat(r.code()).as(r.err()).isIn(0, 2);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSizeLessThanOrEqualTo(1);
    }

    /** The compaction pass's parameters. */
    static Stream<String> passParams() {
        return Stream.of(SuiteParam.CHECK, SuiteParam.COMPACT_MODE, SuiteParam.DIRTY_PERCENT, SuiteParam.FREE, SuiteParam.MIGRATE_EXTRA_NS)
                .map(SuiteParam::key);
    }
}
