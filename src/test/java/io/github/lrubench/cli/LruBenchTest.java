package io.github.lrubench.cli;

import io.github.lrubench.cli.Cli.Run;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.lrubench.cli.Cli.RACE;
import static io.github.lrubench.cli.Cli.fixture;
import static io.github.lrubench.cli.Cli.run;
import static io.github.lrubench.cli.Cli.withRecordingRace;
import static org.assertj.core.api.Assertions.assertThat;

/** The entry point's promises across commands: usage errors and bad input exit 2 in one line, overwriting nothing; out of memory is one line. */
class LruBenchTest {
    @Test
    void usageErrorsExitTwo() {
        assertThat(run("plot").code()).isEqualTo(2);
        assertThat(run("bench", "--profile", "huge").code()).isEqualTo(2);
        assertThat(run(RACE, "--check", "BOGUS").code()).isEqualTo(2);
        assertThat(run(RACE, "--seconds", "0").code()).isEqualTo(2);
        assertThat(run("nosuchcommand").code()).isEqualTo(2);
        for (String c : new String[] {"bench", "plot", "report", "compare", RACE}) {
            Run h = run(c, "--help");
            assertThat(h.code()).isZero();
            assertThat(h.out()).contains("Usage:");
        }
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

    /**
     * Defect 10: an --out that cannot be a directory to write into is a usage error named as --out,
     * found before any work (the race's stress never starts) and destroying nothing.
     */
    @ParameterizedTest
    @MethodSource("commandsWithOut")
    void badOutIsOneLineExitTwoBeforeAnyWork(String command, @TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "keep");
        String json = fixture("foreign/samples.json").toString();
        // Not a switch: the race command's name is no constant (Cli.RACE).
        Map<String, List<String>> argsOf = Map.of(
                "plot", List.of("plot", json),
                "compare", List.of("compare", json, json),
                RACE, List.of(RACE, "--seconds", "0.01", "--check", IsolationCheck.NONE.name(), "--free", InodeFreePolicy.RCU_SCHED.name()),
                "calibrate", List.of("calibrate"));
        for (Path out : List.of(file, file.resolve("sub"), Path.of("/proc/lru-bench-no-such-dir"))) {
            List<Duration> calls = new ArrayList<>();
            CommandLine cl = withRecordingRace(calls);
            List<String> args = new ArrayList<>(argsOf.get(command));
            args.addAll(List.of("--out", out.toString()));
            Run r = run(cl, args.toArray(String[]::new));
            assertThat(r.code()).as(out + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().lines().filter(l -> !l.isBlank())).as(out.toString()).hasSize(1).first().asString()
                    .startsWith(command + ": ").contains("--out").doesNotContain("Exception");
            assertThat(calls).isEmpty();
            assertThat(file).content().isEqualTo("keep");
        }
    }

    static Stream<String> commandsWithOut() {
        return Stream.of("plot", "compare", RACE, "calibrate");
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
