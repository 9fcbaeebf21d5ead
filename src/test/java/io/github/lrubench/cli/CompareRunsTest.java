package io.github.lrubench.cli;

import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.IsolationCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compare} end to end through the command line on copies of committed runs (results/ is only
 * read): A = 20261128T132905Z-vm, B = 20261206T145340Z-vm, C = 20261125T132726Z-vm.
 */
class CompareRunsTest {
    record Run(int code, String out, String err) {
    }

    static Run compare(String... args) {
        CommandLine cl = LruBench.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    /** A copy of a committed run's files that compare reads, in {@code dir/name}. */
    static Path copy(String id, Path dir, String name, String... without) throws IOException {
        Path to = Files.createDirectories(dir.resolve(name));
        for (String f : List.of("results.json", "calibration.json", "race.json", "metadata.json")) {
            Path from = Path.of("results", id, f);
            if (Files.exists(from) && !List.of(without).contains(f)) {
                Files.copy(from, to.resolve(f));
            }
        }
        return to;
    }

    @Test
    void threeRunsSideBySide(@TempDir Path dir) throws Exception {
        Path a = copy("20261128T132905Z-vm", dir, "a"), b = copy("20261206T145340Z-vm", dir, "b"), c = copy("20261125T132726Z-vm", dir, "c");
        Path out = dir.resolve("out");
        Run r = compare(a.toString(), b.toString(), c.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("A = `" + a + "` (the baseline), B = `" + b + "`, C = `" + c + "`.");
        // The results, then the calibration by mode, then the race table.
        assertThat(r.out()).containsSubsequence("| benchmark | mode | params | unit | A [95% CI] | B | B − A [95% CI] | B − A % | | C | C − A [95% CI] | C − A % | |",
                "| " + SuiteBenchmark.ISOLATE_DIRTY_PAGE.shortName() + " | avgt | " + SuiteParam.CHECK.key() + "=" + IsolationCheck.PAGE_LOCK + " | ns/op | 6.16 [5.91, 6.42] | 8.6 | +2.5 [-0.1, +5.1] | +40% |  | 13.7 | +7.5 [+4.6, +10.4] | +120% | * |",
                "## Host kernel calibration (calibration.json)",
                "| direct MIGRATE_ASYNC (THP fault) | counted trials |  | - | 20/20 | - |",
                "|  | time per scanned pfn | ns | - | 765 [753, 784] | - |",
                "| MIGRATE_SYNC (compact_memory), the reference (runs no check) | time per migrated page: page cache, unmapped, dirty | ns | 1700 [1650, 1970] | 2400 [2100, 3100] | - |",
                "A: its calibration.json predates the measurement by mode", "C: no calibration.json",
                "## Race table (race.json)",
                "| NONE | RCU_SCHED | A | 100000 | OK: forbidden outcome not seen | 615 | 588 | 0 | < 0.49% | < 0.51% |");
        assertThat(out.resolve("COMPARE.md")).content().isEqualTo("# Comparison\n\n" + r.out() + "\n![each run's difference in % of A](compare.png)\n");
        assertThat(out.resolve("compare.png")).isNotEmptyFile();
        assertThat(out.resolve("compare.svg")).content().contains("<svg");
    }

    @Test
    void aRunWithoutCalibrationOrRaceShowsDashes(@TempDir Path dir) throws Exception {
        Path b = copy("20261206T145340Z-vm", dir, "b"), bare = copy("20261206T145340Z-vm", dir, "bare", "calibration.json", "race.json");
        Run r = compare(b.toString(), bare.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("50 rows (benchmark, mode, parameters, unit) in all; A lacks 0, B lacks 0.",
                "|  | time per isolated page | ns | 1528 [1503, 1566] | - |",
                "B: no calibration.json (made before the calibration step, or with `--no-calibrate`).",
                "| | | B | - | - | - | - | - | - | - |", "B: no race.json.");
        // The same run against itself: every difference is 0 and none is marked. FloorBenchmark.copy4k's fork means are
        // 38.198, 38.616, 37.147, 38.412: scipy.stats.t.interval gives [37.05, 39.13], Welch's B − A [-1.131, +1.131].
        assertThat(r.out().lines().filter(l -> l.startsWith("| " + SuiteBenchmark.COPY4K.shortName() + " |")))
                .containsExactly("| " + SuiteBenchmark.COPY4K.shortName() + " | avgt | - | ns/op | 38.1 [37.1, 39.1] | 38.1 | 0.0 [-1.1, +1.1] | 0.0% |  |");
        assertThat(r.out().lines().filter(l -> l.endsWith(" * |"))).as("nothing differs from itself").isEmpty();
    }

    @Test
    void runsThatShareNoBenchmarkAreRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a")), b = Files.createDirectories(dir.resolve("b"));
        Files.copy(fixture("suite/suite-compaction.json"), a.resolve("results.json"));
        Files.copy(fixture("suite/suite-rest.json"), b.resolve("results.json"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Run r = compare(a.toString(), copy("20261206T145340Z-vm", dir, "c").toString(), b.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(LruBench.BAD_INPUT);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString()
                .startsWith("runs do not match: " + b).contains("shares no benchmark").contains(a.toString());
        assertThat(r.out()).isEmpty();
        try (var s = Files.list(out)) {
            assertThat(s).as("nothing written").isEmpty();
        }
    }

    @Test
    void oneRunIsAUsageError() throws Exception {
        Run r = compare(fixture("foreign/samples.json").toString());
        assertThat(r.code()).isEqualTo(LruBench.BAD_INPUT);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString().startsWith("compare: ").contains("RUN");
    }

    /** picocli formats descriptions: a bare '%' made it warn on stderr and print the text raw. */
    @Test
    void helpSaysWhatItDoesWithoutAWarning() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Run r;
        try {
            System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
            r = compare("--help");
        } finally {
            System.setErr(saved);
        }
        assertThat(r.code()).isZero();
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
        assertThat(r.out().replaceAll("\\s+", " ")).contains("RUN RUN...", "the first run is the baseline (A)",
                "Welch's 95% interval on fork means", "in % of A", "calibration.json", "race.json");
    }

    static Path fixture(String res) throws URISyntaxException {
        return Path.of(CompareRunsTest.class.getClassLoader().getResource("fixtures/" + res).toURI());
    }
}
