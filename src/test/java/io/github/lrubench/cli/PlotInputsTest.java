package io.github.lrubench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.lrubench.results.ChartPlanner;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.lrubench.cli.CliTest.fixture;
import static io.github.lrubench.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12: repeated rows, several input files, and inputs too large to chart whole. */
class PlotInputsTest {

    /** A charts directory holding an older chart, to see that a refused plot leaves it alone. */
    static Path chartsWithAnOldOne(Path dir) throws Exception {
        Path charts = Files.createDirectories(dir.resolve("charts"));
        Files.writeString(charts.resolve("old.png"), "old");
        return charts;
    }

    static void onlyTheOldChart(Path charts) throws Exception {
        try (var s = Files.list(charts)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("old.png");
        }
        assertThat(charts.resolve("old.png")).content().isEqualTo("old");
    }

    /** #4: one file that repeats a benchmark and parameters is refused before anything is written. */
    @Test
    void repeatedRowsInOneFileAreRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        ArrayNode rows = (ArrayNode) JmhJson.mapper().readTree(fixture("foreign/samples.json").toFile());
        rows.addAll(rows.deepCopy());
        Path twice = dir.resolve("twice.json");
        Files.writeString(twice, rows.toPrettyString());
        Path charts = chartsWithAnOldOne(dir);
        CliTest.Run r = run("plot", twice.toString(), "--out", charts.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(twice.toString(), "repeats");
        onlyTheOldChart(charts);
    }

    /** #4 in report: a run whose results.json repeats rows keeps its REPORT.md and charts. */
    @Test
    void reportOfRepeatedRowsIsRefusedAndKeepsTheOldReport(@TempDir Path dir) throws Exception {
        ArrayNode rows = (ArrayNode) JmhJson.mapper().readTree(fixture("suite/suite-compaction.json").toFile());
        rows.addAll(rows.deepCopy());
        Files.writeString(dir.resolve("results.json"), rows.toPrettyString());
        Files.writeString(dir.resolve("REPORT.md"), "previous");
        Files.createDirectories(dir.resolve("charts"));
        Files.writeString(dir.resolve("charts/forest-fixes.png"), "old");
        CliTest.Run r = run("report", dir.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("results.json", "repeats");
        assertThat(dir.resolve("REPORT.md")).content().isEqualTo("previous");
        assertThat(dir.resolve("charts/forest-fixes.png")).content().isEqualTo("old");
    }

    /** #5: the same benchmarks in two run directories are two series, each named by its run. */
    @Test
    void twoRunsOfTheSameBenchmarksAreTwoSeriesLabelledByRun(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("runA")).resolve("results.json");
        Path b = Files.createDirectories(dir.resolve("runB")).resolve("results.json");
        Files.copy(fixture("foreign/samples.json"), a);
        ArrayNode rows = (ArrayNode) JmhJson.mapper().readTree(fixture("foreign/samples.json").toFile());
        rows.forEach(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("primaryMetric")).put("score", 1234.5));
        Files.writeString(b, rows.toPrettyString());

        List<ChartSpec> specs = ChartPlanner.planAll(ResultFiles.readAll(List.of(a, b)));
        ChartSpec bar = specs.stream().filter(s -> s.fileStem().equals("JMHSample_01_HelloWorld.wellHelloThere-bar")
                || s.fileStem().endsWith("runSETI-bar")).findFirst().orElseThrow();
        assertThat(bar.series()).extracting(ChartSpec.Series::name).hasSize(2)
                .anySatisfy(n -> assertThat(n).contains("runA")).anySatisfy(n -> assertThat(n).contains("runB"));
        assertThat(bar.series().get(1).y()).containsOnly(1234.5);
        // A line chart draws one line per run, never one line through both.
        ChartSpec line = specs.stream().filter(s -> s.kind() == ChartSpec.Kind.LINE && s.fileStem().contains("-vs-arg")).findFirst().orElseThrow();
        assertThat(line.series()).allSatisfy(s -> assertThat(s.x()).doesNotHaveDuplicates());
        assertThat(line.series()).anySatisfy(s -> assertThat(s.name()).contains("runB"));

        Path charts = dir.resolve("charts");
        CliTest.Run r = run("plot", a.toString(), b.toString(), "--out", charts.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        // One file alone charts as before: no file series.
        assertThat(ChartPlanner.planAll(ResultFiles.readAll(List.of(a)))).allSatisfy(s -> assertThat(s.series())
                .noneSatisfy(x -> assertThat(x.name()).contains("runA")));
    }

    /** #5: files with different names are labelled by their names. */
    @Test
    void twoFilesWithDifferentNamesAreLabelledByName(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("before.json"), b = dir.resolve("after.json");
        Files.copy(fixture("foreign/samples.json"), a);
        Files.copy(fixture("foreign/samples.json"), b);
        List<ChartSpec> specs = ChartPlanner.planAll(ResultFiles.readAll(List.of(a, b)));
        assertThat(specs.get(0).series()).extracting(ChartSpec.Series::name).hasSize(2)
                .anySatisfy(n -> assertThat(n).contains("before.json")).anySatisfy(n -> assertThat(n).contains("after.json"));
    }

    /** #4 in CSV: a repeated row would silently replace the first. */
    @Test
    void repeatedRowsInOneCsvAreRefused(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(fixture("foreign/samples-de.csv"));
        Path twice = dir.resolve("twice.csv");
        List<String> all = new java.util.ArrayList<>(lines);
        all.addAll(lines.subList(1, lines.size()));
        Files.write(twice, all);
        Path charts = chartsWithAnOldOne(dir);
        CliTest.Run r = run("plot", twice.toString(), "--out", charts.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(twice.toString(), "repeats");
        onlyTheOldChart(charts);
    }
}
