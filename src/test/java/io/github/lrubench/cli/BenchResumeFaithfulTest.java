package io.github.lrubench.cli;

import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.Suite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lrubench.results.JmhJson;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resume is faithful to the run it resumes: its profile, its commit, everything it already holds. */
class BenchResumeFaithfulTest {
    static final List<Suite> ALL = List.of(Suite.values());
    static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    /**
     * The checkout the runs of a test are made from: a git repository of its own under {@code dir},
     * committed and clean, so a test never depends on the state of the project's own checkout.
     */
    static Path repo(Path dir) throws Exception {
        Path repo = dir.resolve("repo");
        if (!Files.isDirectory(repo.resolve(".git"))) {
            Files.createDirectories(repo.resolve("src"));
            Files.writeString(repo.resolve("src/A.java"), "class A {}\n");
            git(repo, "init", "-q");
            git(repo, "add", "-A");
            git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "a");
        }
        return repo;
    }

    static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(cmd + ": " + out).isZero();
    }

    /** A smoke run of the test's repository (see {@link #repo}), interrupted after three classes. */
    static RunDirectory interruptedSmokeRun(Path dir) throws Exception {
        RunDirectory run = RunDirectory.at(dir.resolve("run"));
        Path repo = repo(dir);
        assertThatThrownBy(() -> new BenchRunner(new BenchResumeTest.FakeExecutor(3), Optional.empty(), Optional.empty(), List.of(), QUIET)
                .run(run, Profile.SMOKE, ALL, repo)).isInstanceOf(InterruptedException.class);
        return run;
    }

    /** The run as if made at another commit. */
    static String recordOtherCommit(RunDirectory run) throws Exception {
        ObjectNode m = (ObjectNode) JmhJson.mapper().readTree(run.metadataFile().toFile());
        String now = m.get("gitCommit").asText();
        m.put("gitCommit", "0123456789abcdef0123456789abcdef01234567");
        Files.writeString(run.metadataFile(), m.toPrettyString());
        return now;
    }

    @Test
    void resumeRefusesAnotherCommit(@TempDir Path dir) throws Exception {
        RunDirectory run = interruptedSmokeRun(dir);
        String now = recordOtherCommit(run);
        byte[] before = Files.readAllBytes(run.metadataFile());
        BenchResumeTest.FakeExecutor second = new BenchResumeTest.FakeExecutor(-1);
        Cli.Run r = Cli.run(bench(second, dir), "bench", "--no-calibrate", "--resume", run.path().toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("0123456789abcdef0123456789abcdef01234567").contains(now)
                .contains("--allow-other-commit");
        assertThat(second.ran).isEmpty();
        assertThat(Files.readAllBytes(run.metadataFile())).isEqualTo(before);
    }

    @Test
    void allowOtherCommitRecordsBothCommits(@TempDir Path dir) throws Exception {
        RunDirectory run = interruptedSmokeRun(dir);
        String now = recordOtherCommit(run);
        BenchResumeTest.FakeExecutor second = new BenchResumeTest.FakeExecutor(-1);
        Cli.Run r = Cli.run(bench(second, dir), "bench", "--no-calibrate", "--allow-other-commit", "--resume", run.path().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(second.ran).isNotEmpty();
        var m = JmhJson.mapper().readTree(run.metadataFile().toFile());
        assertThat(m.get("gitCommit").asText()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(m.get("resumedOnCommits")).isNotNull();
        assertThat(m.get("resumedOnCommits").toString()).contains(now);
        assertThat(m.get("status").asText()).isEqualTo("complete");
    }

    /** The bench command with a fake executor and no race, run from the test's repository under {@code dir}. */
    static CommandLine bench(BenchmarkExecutor executor, Path dir) throws Exception {
        CommandLine cl = LruBench.commandLine();
        BenchCommand b = cl.getSubcommands().get("bench").getCommand();
        b.repoDir = repo(dir);
        b.executor = executor;
        b.race = Optional.empty();
        return cl;
    }

    @Test
    void resumeTakesTheRecordedProfile(@TempDir Path dir) throws Exception {
        RunDirectory run = interruptedSmokeRun(dir);
        BenchResumeTest.FakeExecutor second = new BenchResumeTest.FakeExecutor(-1);
        Cli.Run r = Cli.run(bench(second, dir), "bench", "--no-calibrate", "--resume", run.path().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(second.profiles).isNotEmpty().containsOnly(Profile.SMOKE);
        assertThat(run.readMetadata()).get().extracting(m -> m.profile()).isEqualTo("smoke");
        assertThat(run.readMetadata()).get().extracting(m -> m.forks()).isEqualTo(Profile.SMOKE.forks);
    }

    /** A run whose metadata.json names no profile of this code is refused in one line listing the profiles there are. */
    @Test
    void resumeRefusesAnUnknownRecordedProfile(@TempDir Path dir) throws Exception {
        RunDirectory run = interruptedSmokeRun(dir);
        Files.writeString(run.metadataFile(), Files.readString(run.metadataFile())
                .replaceFirst("\"profile\"\\s*:\\s*\"smoke\"", "\"profile\" : \"huge\""));
        BenchResumeTest.FakeExecutor second = new BenchResumeTest.FakeExecutor(-1);
        Cli.Run r = Cli.run(bench(second, dir), "bench", "--no-calibrate", "--resume", run.path().toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1).first().asString().contains("unknown profile 'huge'");
        for (Profile p : Profile.values()) {
            assertThat(r.err()).contains(p.label());
        }
        assertThat(second.ran).isEmpty();
    }

    @Test
    void resumeRefusesAConflictingProfileAndTouchesNothing(@TempDir Path dir) throws Exception {
        RunDirectory run = interruptedSmokeRun(dir);
        byte[] before = Files.readAllBytes(run.metadataFile());
        BenchResumeTest.FakeExecutor second = new BenchResumeTest.FakeExecutor(-1);
        Cli.Run r = Cli.run(bench(second, dir), "bench", "--no-calibrate", "--profile", "default", "--resume", run.path().toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("smoke").contains("default");
        assertThat(second.ran).isEmpty();
        assertThat(Files.readAllBytes(run.metadataFile())).isEqualTo(before);
        // The same profile, said again, is no conflict.
        assertThat(Cli.run(bench(second, dir), "bench", "--no-calibrate", "--profile", "smoke", "--resume", run.path().toString()).code())
                .isZero();
    }

    @Test
    void resumeWithARegexAddsAndNeverDrops(@TempDir Path dir) throws Exception {
        RunDirectory run = interruptedSmokeRun(dir);
        Suite missing = ALL.get(ALL.size() - 1);
        BenchResumeTest.FakeExecutor second = new BenchResumeTest.FakeExecutor(-1);
        new BenchRunner(second, Optional.empty(), Optional.empty(), List.of(), QUIET)
                .run(run, Profile.SMOKE, List.of(missing), repo(dir));
        assertThat(second.ran).containsExactly(missing);
        List<String> names = JmhJson.read(run.resultsFile()).stream().map(r -> r.benchmark()).toList();
        assertThat(names).hasSize(4).anyMatch(n -> n.startsWith(missing.className()))
                .anyMatch(n -> n.startsWith(ALL.get(0).className()));
        assertThat(run.path().resolve("console.log")).content().contains("# log of " + ALL.get(0).simpleName(),
                "# log of " + missing.simpleName());
        // Resuming a complete run with one of its classes keeps every class.
        new BenchRunner(new BenchResumeTest.FakeExecutor(-1), Optional.empty(), Optional.empty(), List.of(), QUIET)
                .run(run, Profile.SMOKE, List.of(ALL.get(0)), repo(dir));
        assertThat(JmhJson.read(run.resultsFile())).hasSize(4);
    }

    /** A report that fails (or is interrupted) leaves the run not complete; its temp files go on the next resume. */
    @Test
    void statusIsWrittenAfterTheReportAndStrayTempFilesGo(@TempDir Path dir) throws Exception {
        RunDirectory run = interruptedSmokeRun(dir);
        Files.writeString(run.charts(), "a file where charts/ should be: the report cannot be written");
        BenchRunner runner = new BenchRunner(new BenchResumeTest.FakeExecutor(-1), Optional.empty(), Optional.empty(), List.of(), QUIET);
        assertThatThrownBy(() -> runner.run(run, Profile.SMOKE, ALL, repo(dir))).isNotInstanceOf(AssertionError.class);
        assertThat(run.readMetadata()).get().extracting(m -> m.status().label()).isEqualTo("failed");

        Files.delete(run.charts());
        List<Path> strays = List.of(run.charts().resolve(".PassCost.png.123.tmp"), run.path().resolve("parts/.Gone.json.tmp"),
                run.path().resolve("did/.r00-X.json.456.tmp"));
        for (Path p : strays) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "half");
        }
        Path notOurs = run.charts().resolve("mine.tmp");
        Files.writeString(notOurs, "a user's file");
        new BenchRunner(new BenchResumeTest.FakeExecutor(-1), Optional.empty(), Optional.empty(), List.of(), QUIET)
                .run(run, Profile.SMOKE, ALL, repo(dir));
        assertThat(run.readMetadata()).get().extracting(m -> m.status().label()).isEqualTo("complete");
        for (Path p : strays) {
            assertThat(p).doesNotExist();
        }
        assertThat(notOurs).exists();
    }

    /** (a) --allow-other-commit says how to resume; without --resume it is a usage error, and nothing runs. */
    @Test
    void allowOtherCommitWithoutResumeIsAUsageError(@TempDir Path dir) throws Exception {
        BenchResumeTest.FakeExecutor fake = new BenchResumeTest.FakeExecutor(-1);
        Path out = dir.resolve("results");
        Cli.Run r = Cli.run(bench(fake, dir), "bench", "--no-calibrate", "--allow-other-commit", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1).first().asString().startsWith("bench: ").contains("--allow-other-commit", "--resume");
        assertThat(fake.ran).isEmpty();
        assertThat(out).doesNotExist();
    }

    /** (b) A resume from a checkout with uncommitted changes would mix code: refused unless --allow-other-commit. */
    @Test
    void resumeRefusesADirtyCheckout(@TempDir Path dir) throws Exception {
        RunDirectory run = interruptedSmokeRun(dir);
        Files.writeString(repo(dir).resolve("src/A.java"), "class A { int changed; }\n");
        byte[] before = Files.readAllBytes(run.metadataFile());
        BenchResumeTest.FakeExecutor second = new BenchResumeTest.FakeExecutor(-1);
        Cli.Run r = Cli.run(bench(second, dir), "bench", "--no-calibrate", "--resume", run.path().toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1).first().asString().contains("uncommitted", "src/A.java", "--allow-other-commit");
        assertThat(second.ran).isEmpty();
        assertThat(Files.readAllBytes(run.metadataFile())).isEqualTo(before);

        Cli.Run allowed = Cli.run(bench(second, dir), "bench", "--no-calibrate", "--allow-other-commit", "--resume", run.path().toString());
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(second.ran).isNotEmpty();
        assertThat(JmhJson.mapper().readTree(run.metadataFile().toFile()).get("resumedOnCommits").toString()).contains("uncommitted");
    }

    /** (c) metadata.json records the classes a run selected, and a resume runs that selection, not the whole suite. */
    @Test
    void resumeRunsTheRunsOwnSelection(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results");
        Suite a = ALL.get(0), b = ALL.get(1);
        BenchResumeTest.FakeExecutor first = new BenchResumeTest.FakeExecutor(1);
        Cli.Run r = Cli.run(bench(first, dir), "bench", "--no-calibrate", "--profile", "smoke", "--out", out.toString(),
                a.simpleName(), b.simpleName());
        assertThat(r.code()).as("interrupted in the second class").isNotZero();
        Path runDir;
        try (var s = Files.list(out)) {
            runDir = s.findFirst().orElseThrow();
        }
        assertThat(JmhJson.mapper().readTree(runDir.resolve("metadata.json").toFile()).get("classes").toString())
                .contains(a.simpleName(), b.simpleName()).doesNotContain(ALL.get(2).simpleName());
        BenchResumeTest.FakeExecutor second = new BenchResumeTest.FakeExecutor(-1);
        Cli.Run resumed = Cli.run(bench(second, dir), "bench", "--no-calibrate", "--resume", runDir.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(second.ran).containsExactly(b);
    }
}
