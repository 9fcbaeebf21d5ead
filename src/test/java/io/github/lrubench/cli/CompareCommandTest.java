package io.github.lrubench.cli;

import io.github.lrubench.cli.Cli.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.lrubench.cli.Cli.fixture;
import static io.github.lrubench.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code compare}: mismatched runs refused, the table flushed to stdout in full, each row's JMH mode. */
class CompareCommandTest {
    @Test
    void compareRefusesMismatchedRuns(@TempDir Path dir) throws Exception {
        Run r = run("compare", fixture("suite/suite-compaction.json").toString(),
                fixture("suite/suite-rest.json").toString(), "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("runs do not match").contains("suite-compaction.json");
        try (var s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
        Run same = run("compare", fixture("foreign/samples.json").toString(), fixture("foreign/samples.json").toString(),
                "--out", dir.toString());
        assertThat(same.code()).as(same.err()).isZero();
        assertThat(dir.resolve("COMPARE.md")).content().contains("| B − A [95% CI] |");
        assertThat(dir.resolve("compare.png")).isNotEmptyFile();
    }

    /** Defect 1: without --out, compare's table reaches the real stdout in full, not stuck in a buffer. */
    @Test
    void compareWithoutOutFlushesEverythingToStdout() throws Exception {
        java.io.PrintStream saved = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new java.io.PrintStream(bytes, false, java.nio.charset.StandardCharsets.UTF_8));
            code = LruBench.commandLine().execute("compare", fixture("suite/suite-compaction.json").toString(),
                    fixture("suite/suite-compaction.json").toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(out).startsWith("A = `").endsWith("|" + System.lineSeparator())
                .isEqualTo(run("compare", fixture("suite/suite-compaction.json").toString(),
                        fixture("suite/suite-compaction.json").toString()).out());
    }

    /** Defect 14: compare's table says which JMH mode each row is (one benchmark can run in several). */
    @Test
    void compareTableHasTheMode() throws Exception {
        String json = fixture("foreign/samples.json").toString();
        Run r = run("compare", json, json);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| benchmark | mode | params |");
        assertThat(r.out().lines().filter(l -> l.startsWith("| JMHSample"))).isNotEmpty()
                .allMatch(l -> l.matches("\\| \\S+ \\| (thrpt|avgt|sample|ss) \\| .*"));
    }

    /** --shared keeps the benchmark rows both runs have: no row with a run's figure missing, and fewer rows than without it. */
    @Test
    void sharedLeavesOutTheRowsARunLacks() throws Exception {
        String a = fixture("suite/default-run-20261128.json").toString(), b = fixture("suite/default-run.json").toString();
        Run all = run("compare", a, b), shared = run("compare", a, b, "--shared");
        assertThat(all.code()).as(all.err()).isZero();
        assertThat(shared.code()).as(shared.err()).isZero();
        // the benchmark table: from its header to the first line that is not a table row
        java.util.function.Function<String, java.util.List<String>> rows = out -> out.lines()
                .dropWhile(l -> !l.startsWith("| benchmark | mode |")).skip(2).takeWhile(l -> l.startsWith("|")).toList();
        // columns: benchmark, mode, params, unit, A, B, ...: a run that lacks the row shows "-" in its own
        java.util.function.Predicate<String> lacking = l -> {
            String[] c = l.split(" \\| ");
            return c[4].equals("-") || c[5].equals("-");
        };
        assertThat(rows.apply(all.out())).anyMatch(lacking);
        assertThat(rows.apply(shared.out())).isNotEmpty().noneMatch(lacking).hasSizeLessThan(rows.apply(all.out()).size());
    }
}
