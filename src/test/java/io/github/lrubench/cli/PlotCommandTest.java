package io.github.lrubench.cli;

import io.github.lrubench.cli.Cli.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.lrubench.cli.Cli.fixture;
import static io.github.lrubench.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code plot}: PNG and SVG from any JMH file, a pipe read once, rows lacking a parameter, a link loop named (more inputs: PlotInputsTest). */
class PlotCommandTest {
    @Test
    void plotWritesPngAndSvg(@TempDir Path dir) throws Exception {
        Run r = run("plot", fixture("foreign/samples-de.csv").toString(), "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (var s = Files.list(dir)) {
            assertThat(s.filter(p -> p.toString().endsWith(".svg")).count()).isGreaterThan(5);
        }
    }

    /**
     * Defect 12: an input that can be read only once (a pipe, as {@code plot <(cat f.json)}) is read once.
     * The writer serves the content to the first reader and an empty stream to any later one, as a pipe would.
     */
    @ParameterizedTest
    @ValueSource(strings = {"foreign/samples.json", "foreign/samples-de.csv"})
    @org.junit.jupiter.api.Timeout(60)
    void plotReadsAPipeOnce(String res, @TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("in");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("mkfifo unavailable: " + e.getMessage());
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo failed");
        byte[] content = Files.readAllBytes(fixture(res));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, content);
                while (!done.get()) {
                    Files.write(fifo, new byte[0]); // a later reader sees end of input at once
                }
            } catch (java.io.IOException e) {
                // the test fails on its own
            }
        });
        writer.setDaemon(true);
        writer.start();
        try {
            Run r = run("plot", fifo.toString(), "--out", dir.resolve("charts").toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("charts (PNG + SVG)");
        } finally {
            done.set(true);
            Files.readAllBytes(fifo); // meets the writer's last open so its thread ends
            writer.join(10_000);
        }
    }

    /** Defect 8: a parameter some rows lack is its own value ("–") in the charts, never a NullPointerException. */
    @Test
    void plotWithAParameterSomeRowsLack(@TempDir Path dir) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var first = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(fixture("foreign/samples.json").toFile()).get(0);
        var all = mapper.createArrayNode();
        for (String[] p : new String[][] {{"1", "x"}, {"2", "y"}, {"3", null}, {"4", null}}) {
            var row = first.deepCopy();
            var params = row.putObject("params");
            params.put("size", p[0]);
            if (p[1] != null) {
                params.put("kind", p[1]);
            }
            all.add(row);
        }
        Path f = dir.resolve("partial.json");
        mapper.writeValue(f.toFile(), all);
        Run r = run("plot", f.toString(), "--out", dir.resolve("charts").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        try (var s = Files.list(dir.resolve("charts"))) {
            assertThat(s.map(Path::toString).filter(n -> n.endsWith(".svg")).toList()).isNotEmpty();
        }
        // The rows without "kind" are a series of their own.
        var specs = new io.github.lrubench.results.ChartPlanner(List.of("kind"))
                .plan(io.github.lrubench.results.ResultFiles.read(f));
        assertThat(specs.get(0).series()).extracting(io.github.lrubench.results.ChartSpec.Series::name)
                .containsExactly("kind=x", "kind=y", "kind=\u2013");
    }

    /** Defect 14: a symbolic link loop is named as such, not as a missing file. */
    @Test
    void symlinkLoopIsNamed(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json"), b = dir.resolve("b.json");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        Run r = run("plot", a.toString(), "--out", dir.resolve("charts").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(a.toString(), "symbolic link loop").doesNotContain("no such file");
    }
}
