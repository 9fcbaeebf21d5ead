package io.github.lrubench.cli;

import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.RunPlan;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.race.RaceOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    record Run(int code, String out, String err) {
    }

    static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(LruBench.commandLine(), args);
    }

    static Path fixture(String res) throws URISyntaxException {
        return Path.of(CliTest.class.getClassLoader().getResource("fixtures/" + res).toURI());
    }

    /** Bad inputs: one line naming the file, exit 2, and the existing output untouched. */
    @ParameterizedTest
    @ValueSource(strings = {"missing", "empty", "truncated", "nonjmh", "garbagecsv", "array-of-strings", "shortrow"})
    void badInputExitsTwoAndOverwritesNothing(String kind, @TempDir Path dir) throws Exception {
        Path f = dir.resolve(kind + (kind.contains("csv") || kind.equals("shortrow") ? ".csv" : ".json"));
        String good = Files.readString(fixture("foreign/samples.json"));
        switch (kind) {
            case "missing" -> { }
            case "empty" -> Files.writeString(f, "");
            case "truncated" -> Files.writeString(f, good.substring(0, good.length() / 2));
            case "nonjmh" -> Files.writeString(f, "{\"name\": \"package.json\", \"version\": \"1.0\"}");
            case "garbagecsv" -> Files.writeString(f, "a,b,c\n1,2,3\n");
            case "array-of-strings" -> Files.writeString(f, "[\"x\", \"y\"]");
            case "shortrow" -> Files.writeString(f, Files.readString(fixture("foreign/samples-de.csv")).lines().limit(3)
                    .reduce("", (a, b) -> a + b + "\n") + "\"org.x.Y.z\",\"thrpt\",1");
            default -> throw new IllegalArgumentException(kind);
        }
        // plot: a valid file plus the bad one; the output directory holds an older chart.
        Path charts = Files.createDirectories(dir.resolve("charts"));
        Path old = charts.resolve("old.png");
        Files.writeString(old, "old");
        Run r = run("plot", fixture("foreign/samples.json").toString(), f.toString(), "--out", charts.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains(f.toString());
        try (var s = Files.list(charts)) {
            assertThat(s).containsExactly(old);
        }
        assertThat(Files.readString(old)).isEqualTo("old");
        // report: a run directory whose results.json is the bad file keeps its REPORT.md.
        if (!kind.contains("csv") && !kind.equals("shortrow") && !kind.equals("missing")) {
            Path runDir = Files.createDirectories(dir.resolve("run"));
            Files.copy(f, runDir.resolve("results.json"));
            Files.writeString(runDir.resolve("REPORT.md"), "previous");
            Run rr = run("report", runDir.toString());
            assertThat(rr.code()).isEqualTo(2);
            assertThat(rr.err().strip().lines()).hasSize(1);
            assertThat(rr.err()).contains("results.json");
            assertThat(Files.readString(runDir.resolve("REPORT.md"))).isEqualTo("previous");
            assertThat(runDir.resolve("charts")).doesNotExist();
        }
    }

    @Test
    void plotWritesPngAndSvg(@TempDir Path dir) throws Exception {
        Run r = run("plot", fixture("foreign/samples-de.csv").toString(), "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        try (var s = Files.list(dir)) {
            assertThat(s.filter(p -> p.toString().endsWith(".svg")).count()).isGreaterThan(5);
        }
    }

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
        assertThat(dir.resolve("COMPARE.md")).content().contains("| B/A [95% interval] |");
        assertThat(dir.resolve("compare.png")).isNotEmptyFile();
    }

    @Test
    void reportWritesReportAndCharts(@TempDir Path dir) throws Exception {
        Files.copy(fixture("suite/suite-compaction.json"), dir.resolve("results.json"));
        Run r = run("report", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("REPORT.md")).content().contains("## Verdict on the overhead argument", "### Composed estimate",
                "### Direct measurement: a difference in differences on the pass");
        assertThat(dir.resolve("charts/forest-fixes.svg")).exists();
    }

    /** Issue 12, defect 14: a report left an earlier report's charts in charts/, unlinked. */
    @Test
    void reportRemovesChartsOfAnEarlierReportOnly(@TempDir Path dir) throws Exception {
        Files.copy(fixture("suite/suite-compaction.json"), dir.resolve("results.json"));
        Files.createDirectories(dir.resolve("charts"));
        Files.writeString(dir.resolve("charts/CompactionPassBenchmark.compactPass-bar.png"), "old");
        Files.writeString(dir.resolve("charts/CompactionPassBenchmark.compactPass-bar.svg"), "old");
        Files.writeString(dir.resolve("charts/notes.txt"), "mine");
        Run r = run("report", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("charts/CompactionPassBenchmark.compactPass-bar.png")).doesNotExist();
        assertThat(dir.resolve("charts/CompactionPassBenchmark.compactPass-bar.svg")).doesNotExist();
        assertThat(dir.resolve("charts/notes.txt")).as("not a chart: left alone").exists();
        assertThat(dir.resolve("charts/forest-fixes.png")).exists();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("plot").code()).isEqualTo(2);
        assertThat(run("bench", "--profile", "huge").code()).isEqualTo(2);
        assertThat(run("race", "--check", "BOGUS").code()).isEqualTo(2);
        assertThat(run("race", "--seconds", "0").code()).isEqualTo(2);
        assertThat(run("nosuchcommand").code()).isEqualTo(2);
        for (String c : new String[] {"bench", "plot", "report", "compare", "race"}) {
            Run h = run(c, "--help");
            assertThat(h.code()).isZero();
            assertThat(h.out()).contains("Usage:");
        }
    }

    /** The help states each profile's plan as RunPlan computes it, the figures of the README's profiles table. */
    @Test
    void benchHelpPrintsEachProfilesPlan() {
        Run h = run("bench", "--help");
        assertThat(h.code()).isZero();
        for (Profile p : Profile.values()) {
            assertThat(h.out()).contains("  " + p.label() + " ").contains(RunPlan.of(p, List.of(Suite.values())).summary());
        }
    }

    /** --profile is the enum: any case is taken, and a wrong one is refused in one line that lists every profile. */
    @Test
    void benchTakesAProfileInAnyCaseAndListsTheProfilesOnAWrongOne(@TempDir Path dir) throws Exception {
        Run bad = run("bench", "--profile", "huge");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip().lines()).hasSize(1).first().asString().startsWith("bench: ").contains("huge");
        for (Profile p : Profile.values()) {
            assertThat(bad.err()).containsIgnoringCase(p.label());
            assertThat(run("bench", "--help").out()).contains(p.label());
        }
        BenchResumeTest.FakeExecutor fake = new BenchResumeTest.FakeExecutor(-1);
        Suite one = Suite.values()[0];
        Run r = run(BenchResumeFaithfulTest.bench(fake, dir), "bench", "--no-calibrate", "--profile", "Smoke",
                "--out", dir.resolve("results").toString(), one.simpleName());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(fake.profiles).containsExactly(Profile.SMOKE);
    }

    @Test
    void raceRunsTheModelForOneCombination() {
        Run r = run("race", "--seconds", "0.2", "--check", "NONE", "--free", "RCU_SCHED");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.out()).contains("NONE", "RCU_SCHED", "OK: forbidden outcome not seen");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--check", "--free"})
    void raceWithABadCheckOrFreeNameExitsTwoWithOneLine(String option) {
        Run r = run("race", "--seconds", "0.01", option, "BOGUS");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString()
                .startsWith("race: ").contains(option, "BOGUS", "expected one of").endsWith("(see --help)");
    }

    @Test
    void raceWritesTheOutcomeTable(@TempDir Path dir) {
        CommandLine cl = LruBench.commandLine();
        RaceCommand race = cl.getSubcommands().get("race").getCommand();
        List<Duration> durations = new ArrayList<>();
        race.runner = (c, f, w, d) -> {
            durations.add(d);
            return new RaceOutcome(c, f, w, 100, 50, 25, InodeFreePolicy.isSafe(c, f) ? 0 : 3, c.takesPageLock() ? 2 : 0, 0);
        };
        Run r = run(cl, "race", "--seconds", "0.01", "--check", "NONE", "PAGE_LOCK", "--free", "IMMEDIATE", "RCU_SCHED",
                "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(5).anyMatch(l -> l.contains("race reproduced"));
        assertThat(durations).as("--seconds is per combination").hasSize(4).containsOnly(Duration.ofMillis(10));
        assertThat(dir.resolve("race.json")).exists();
        assertThat(dir.resolve("race.csv")).content().startsWith("check,free,windowNs");
    }

    /** --long runs every combination once through the long stress, writes the long table, refuses --seconds. */
    @Test
    void raceLongWritesItsTableAndTakesNoSeconds(@TempDir Path dir) {
        CommandLine cl = LruBench.commandLine();
        RaceCommand race = cl.getSubcommands().get("race").getCommand();
        List<io.github.lrubench.race.RaceStress.Options> calls = new ArrayList<>();
        race.longStress = o -> {
            calls.add(o);
            boolean safe = InodeFreePolicy.isSafe(o.check(), o.free());
            return new io.github.lrubench.race.RaceStress.Result(o.check(), o.free(), o.windowNs(), 1500, true, 10,
                    safe ? 100_000_000 : 40, safe ? 1_000_000 : 30, safe ? 0 : 1, 0, 0, 0, 0, 0);
        };
        Run r = run(cl, "race", "--long", "--check", "NONE", "--free", "IMMEDIATE", "RCU_SCHED", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(calls).hasSize(2);
        assertThat(r.err().lines()).hasSize(2).allMatch(l -> l.startsWith("NONE x "));
        assertThat(r.out()).contains("| NONE | RCU_SCHED | closed by contract | VOLUME | 0 | 100000000 | 1000000 | 0 | < 3.0e-08 | < 3.0e-06 |");
        assertThat(dir.resolve(RaceCommand.LONG_TABLE)).content().isEqualTo(r.out());
        assertThat(io.github.lrubench.race.RaceTable.readJson(dir.resolve("race.json"))).hasSize(2);

        CommandLine again = LruBench.commandLine();
        RaceCommand race2 = again.getSubcommands().get("race").getCommand();
        race2.longStress = o -> {
            throw new AssertionError("must not run");
        };
        Run refused = run(again, "race", "--long", "--seconds", "5");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString()
                .startsWith("race: ").contains("--long", "--seconds");
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

    /** Defect 8 in report: a suite row without one of its parameters gives a report or one line, never a crash. */
    @ParameterizedTest
    @ValueSource(strings = {"check", "compactMode", "dirtyPercent", "free", "migrateExtraNs"})
    void reportWithAParameterOneRowLacks(String param, @TempDir Path dir) throws Exception {
        String json = Files.readString(fixture("suite/suite-compaction.json"));
        Files.writeString(dir.resolve("results.json"), json.replaceFirst("\"" + param + "\" : \"[^\"]*\",?\\s*", ""));
        Run r = run("report", dir.toString());
        assertThat(r.err()).doesNotContain("Exception");
        assertThat(r.code()).as(r.err()).isIn(0, 2);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSizeLessThanOrEqualTo(1);
    }

    /** The command line with a race whose stress only records the duration it was asked for. */
    private static CommandLine withRecordingRace(List<Duration> calls) {
        CommandLine cl = LruBench.commandLine();
        RaceCommand race = cl.getSubcommands().get("race").getCommand();
        race.runner = (c, f, w, d) -> {
            calls.add(d);
            return new RaceOutcome(c, f, w, 100, 50, 25, 0, 0, 0);
        };
        return cl;
    }

    /** Defect 11: the race's limits are checked at parse time, one line and exit 2, before any stress runs. */
    @ParameterizedTest
    @ValueSource(strings = {"--seconds=4000", "--seconds=0.0001", "--seconds=0", "--seconds=NaN", "--window-ns=2000000000",
            "--window-ns=-1"})
    void raceOutOfLimitsExitsTwoBeforeTheStress(String arg) {
        List<Duration> calls = new ArrayList<>();
        CommandLine cl = withRecordingRace(calls);
        Run r = run(cl, "race", arg, "--check", "NONE", "--free", "RCU_SCHED");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString()
                .startsWith("race: ").contains(arg.substring(0, arg.indexOf('=')));
        assertThat(calls).as("the stress never started").isEmpty();
        // The help states the same limits the parser enforces.
        assertThat(run("race", "--help").out()).contains("3600", "1000000000");
    }

    /**
     * Defect 10: an --out that cannot be a directory to write into is a usage error named as --out,
     * found before any work (the race's stress never starts) and destroying nothing.
     */
    @ParameterizedTest
    @ValueSource(strings = {"plot", "compare", "race", "calibrate"})
    void badOutIsOneLineExitTwoBeforeAnyWork(String command, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "keep");
        for (Path out : List.of(file, file.resolve("sub"), Path.of("/proc/lru-bench-no-such-dir"))) {
            List<Duration> calls = new ArrayList<>();
            CommandLine cl = withRecordingRace(calls);
            String json = fixture("foreign/samples.json").toString();
            List<String> args = new ArrayList<>(switch (command) {
                case "plot" -> List.of("plot", json);
                case "compare" -> List.of("compare", json, json);
                case "race" -> List.of("race", "--seconds", "0.01", "--check", "NONE", "--free", "RCU_SCHED");
                default -> List.of("calibrate");
            });
            args.addAll(List.of("--out", out.toString()));
            Run r = run(cl, args.toArray(String[]::new));
            assertThat(r.code()).as(out + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().lines().filter(l -> !l.isBlank())).as(out.toString()).hasSize(1).first().asString()
                    .startsWith(command + ": ").contains("--out").doesNotContain("Exception");
            assertThat(calls).isEmpty();
            assertThat(file).content().isEqualTo("keep");
        }
    }

    /** Defect 10: a malformed benchmark regex is a usage error, not a PatternSyntaxException. */
    @Test
    void benchWithABadRegexExitsTwo() {
        Run r = run("bench", "[");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString()
                .startsWith("bench: ").contains("[").doesNotContain("PatternSyntaxException");
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

    /** Issue 12 #13: running out of memory in a command is one line and a failure exit, not a stack trace. */
    @Test
    void outOfMemoryIsOneLine() {
        CommandLine cl = LruBench.commandLine();
        cl.addSubcommand("oom", new OutOfMemory());
        Run r = run(cl, "oom");
        assertThat(r.code()).isEqualTo(LruBench.FAILURE);
        assertThat(r.err().strip().lines()).hasSize(1).first().asString().startsWith("oom: ").contains("out of memory")
                .doesNotContain("\tat ");
    }

    @CommandLine.Command(name = "oom")
    static final class OutOfMemory implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }
}
