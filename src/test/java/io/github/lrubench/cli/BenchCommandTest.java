package io.github.lrubench.cli;

import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.RunPlan;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.cli.Cli.Run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.github.lrubench.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code bench} on its command line: the profile option, its help, a bad class regex. The runs themselves: BenchResumeTest, BenchResumeFaithfulTest. */
class BenchCommandTest {
    /** The help states each profile's plan as RunPlan computes it, the figures of the README's profiles table. */
    @Test
    void benchHelpPrintsEachProfilesPlan() {
        Run h = run("bench", "--help");
        assertThat(h.code()).isZero();
        for (Profile p : Profile.values()) {
            assertThat(h.out()).contains("  " + p.label() + " ").contains(RunPlan.of(p, Suite.defaultSelection()).summary());
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

    /** Defect 10: a malformed benchmark regex is a usage error, not a PatternSyntaxException. */
    @Test
    void benchWithABadRegexExitsTwo() {
        Run r = run("bench", "[");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1).first().asString()
                .startsWith("bench: ").contains("[").doesNotContain("PatternSyntaxException");
    }

    /** Issue 22 #14: --out naming a file is a usage error with exit 2, as in every other command (it exited 1). */
    @Test
    void anOutThatIsAFileIsExitTwo(@TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("passwd"), "root:x:0:0\n");
        Run r = run("bench", "--no-calibrate", "--out", file.toString(), Suite.FLOOR.simpleName());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("is a file");
        assertThat(file).hasContent("root:x:0:0");
    }
}
