package io.github.lrubench.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.results.ChartPlanner;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.ResultFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.lrubench.cli.Cli.fixture;
import static io.github.lrubench.cli.Cli.run;
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

    /** plot of {@code input} is refused: exit 2, one line saying all of {@code says}, and the old chart left alone. */
    static void plotRefusesInOneLine(Path dir, String input, String... says) throws Exception {
        Path charts = chartsWithAnOldOne(dir);
        Cli.Run r = run("plot", input, "--out", charts.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(says).doesNotContain("Exception");
        onlyTheOldChart(charts);
    }

    /** #4: one file that repeats a benchmark and parameters is refused before anything is written. */
    @Test
    void repeatedRowsInOneFileAreRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        ArrayNode rows = (ArrayNode) JmhJson.mapper().readTree(fixture("foreign/samples.json").toFile());
        rows.addAll(rows.deepCopy());
        Path twice = dir.resolve("twice.json");
        Files.writeString(twice, rows.toPrettyString());
        plotRefusesInOneLine(dir, twice.toString(), twice.toString(), "repeats");
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
        Cli.Run r = run("report", dir.toString());
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
        Cli.Run r = run("plot", a.toString(), b.toString(), "--out", charts.toString());
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
        plotRefusesInOneLine(dir, twice.toString(), twice.toString(), "repeats");
    }

    /** #13: an endless input (/dev/zero) is one line and exit 2, never read for ever or a stack trace. */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void anEndlessInputIsOneLine(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "/dev/zero");
        plotRefusesInOneLine(dir, "/dev/zero", "/dev/zero: ");
    }

    /** #13: a file over the cap on what is read is refused without reading it, in one line naming the cap. */
    @Test
    void aFileOverTheCapIsRefusedNamingTheCap(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.json");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(256L * 1024 * 1024 + 1); // sparse: no disk used
        }
        plotRefusesInOneLine(dir, big.toString(), big.toString(), "256 MiB");
    }

    /** #13: the number of charts is capped, and one line says how many were skipped. */
    @Test
    void chartsAreCappedAndTheSkippedCounted(@TempDir Path dir) throws Exception {
        ArrayNode rows = (ArrayNode) JmhJson.mapper().readTree(fixture("foreign/samples.json").toFile());
        ArrayNode many = JmhJson.mapper().createArrayNode();
        for (int i = 0; i < 12; i++) {
            many.add(((com.fasterxml.jackson.databind.node.ObjectNode) rows.get(2).deepCopy()).put("benchmark", "org.x.B" + i + ".m"));
        }
        Path f = dir.resolve("many.json");
        Files.writeString(f, many.toPrettyString());
        int all = ChartPlanner.planAll(ResultFiles.read(f)).size();
        assertThat(all).isGreaterThan(5);
        Path charts = dir.resolve("charts");
        Cli.Run r = run("plot", f.toString(), "--max-charts", "5", "--out", charts.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (var s = Files.list(charts)) {
            assertThat(s.filter(p -> p.toString().endsWith(".png"))).hasSize(5);
        }
        assertThat((r.out() + r.err()).lines().filter(l -> l.contains("skipped"))).hasSize(1).first().asString()
                .contains("skipped " + (all - 5) + " of " + all).contains("--max-charts");
    }

    /** #13: a chart with more points than can be read is skipped, and counted. */
    @Test
    void aChartOfTooManyPointsIsSkipped(@TempDir Path dir) throws Exception {
        ArrayNode rows = (ArrayNode) JmhJson.mapper().readTree(fixture("foreign/samples.json").toFile());
        ArrayNode many = JmhJson.mapper().createArrayNode();
        for (int i = 0; i <= PlotCommand.MAX_POINTS; i++) {
            var row = (com.fasterxml.jackson.databind.node.ObjectNode) rows.get(3).deepCopy();
            row.putObject("params").put("arg", String.valueOf(i)).put("certainty", "k" + i);
            many.add(row);
        }
        Path f = dir.resolve("wide.json");
        Files.writeString(f, many.toString());
        Path charts = dir.resolve("charts");
        Cli.Run r = run("plot", f.toString(), "--out", charts.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.contains("skipped"))).hasSize(1).first().asString()
                .contains("more than " + PlotCommand.MAX_POINTS + " points");
        try (var s = Files.list(charts)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith("-bar.png"));
        }
    }

    /**
     * #14: a run of one parameter value ({@code -p pfnsPerLockHold=33}) was charted as category "all"
     * and series "score", the value nowhere; it is labelled as every value of a varying parameter is.
     */
    @Test
    void aParameterOfOneValueIsLabelledLikeAnyOther(@TempDir Path dir) throws Exception {
        ArrayNode rows = (ArrayNode) JmhJson.mapper().readTree(fixture("suite/suite-rest.json").toFile());
        ArrayNode one = JmhJson.mapper().createArrayNode();
        rows.forEach(n -> {
            if (n.path("benchmark").asText().contains("GracePeriod") && one.isEmpty()) {
                var row = (com.fasterxml.jackson.databind.node.ObjectNode) n.deepCopy();
                row.putObject("params").put(SuiteParam.PFNS_PER_LOCK_HOLD.key(), "33");
                one.add(row);
            }
        });
        Path f = dir.resolve("p33.json");
        Files.writeString(f, one.toPrettyString());
        List<ChartSpec> specs = ChartPlanner.planAll(ResultFiles.read(f));
        assertThat(specs).isNotEmpty();
        for (ChartSpec c : specs) {
            String labels = c.categories() + " " + c.series().stream().map(ChartSpec.Series::name).toList();
            assertThat(labels).as(c.fileStem()).contains(SuiteParam.PFNS_PER_LOCK_HOLD.key() + "=33").doesNotContain("all]");
        }
    }
}
