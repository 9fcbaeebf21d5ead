package io.github.lrubench.cli;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static io.github.lrubench.cli.Cli.fixture;
import static io.github.lrubench.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 22's symlink and lock probes: nothing outside a run is deleted or written through a link
 * someone left in it, and one run directory has one process at a time. Each was seen failing
 * before its fix (the report deleted the linked directory's PNG, the resume wrote into the victim,
 * a second lock was granted).
 */
class RunSafetyTest {

    @Test
    void aLinkedChartsDirectoryIsRefusedAndWhatItPointsToIsLeftAlone(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.copy(fixture("suite/suite-paired.json"), run.resolve("results.json"));
        Path pics = Files.createDirectories(dir.resolve("pics"));
        Files.writeString(pics.resolve("a.png"), "mine");
        Files.createSymbolicLink(run.resolve("charts"), pics);
        Cli.Run r = run("report", run.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("symbolic link");
        assertThat(pics.resolve("a.png")).hasContent("mine");
        assertThat(pics).isDirectoryNotContaining("glob:**.svg");
        assertThat(run.resolve("REPORT.md")).doesNotExist();
    }

    @Test
    void aResumeReplacesALinkAtAConsoleLogInsteadOfWritingThroughIt(@TempDir Path dir) throws Exception {
        RunDirectory run = BenchResumeFaithfulTest.interruptedSmokeRun(dir); // three classes finished
        Suite next = Suite.values()[3];
        Path victim = Files.writeString(dir.resolve("victim"), "victim");
        Path log = run.path().resolve(RunDirectory.PARTS).resolve(next.simpleName() + ".log");
        Files.createSymbolicLink(log, victim);
        BenchResumeTest.FakeExecutor second = new BenchResumeTest.FakeExecutor(-1);
        Cli.Run r = Cli.run(BenchResumeFaithfulTest.bench(second, dir), "bench", "--no-calibrate", "--resume", run.path().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(second.ran).contains(next);
        assertThat(victim).hasContent("victim");
        assertThat(Files.isSymbolicLink(log)).isFalse();
        assertThat(Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(log).content().contains("# log of " + next.simpleName());
    }

    @Test
    void oneProcessAtATimeOnARunDirectory(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.create(dir, "r");
        Files.copy(fixture("suite/suite-paired.json"), run.path().resolve("results.json"));
        try (AutoCloseable held = run.lock()) {
            assertThatThrownBy(run::lock).isInstanceOf(BadInputException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("in use"));
            Cli.Run r = run("report", run.path().toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip()).doesNotContain("\n").contains("in use");
            assertThat(run.report()).doesNotExist();
        }
        try (AutoCloseable again = run.lock()) { // released with the first
            assertThat(again).isNotNull();
        }
        assertThat(run("report", run.path().toString()).code()).isZero();
    }
}
