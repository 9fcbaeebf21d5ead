package io.github.lrubench.cli;

import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.bench.PassDid;
import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Interrupt after k of n classes, then resume: nothing finished is lost and only the rest runs.
 * The executor is a fake that writes real JMH JSON (a fixture with the benchmark renamed), so the
 * interrupt and resume logic is tested without forking JMH.
 */
class BenchResumeTest {
    static final List<Suite> ALL = List.of(Suite.values());

    static final class FakeExecutor implements BenchmarkExecutor {
        final List<Suite> ran = new ArrayList<>();
        final List<Profile> profiles = new ArrayList<>();
        final int failAt;

        FakeExecutor(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void run(Suite s, Profile p, Path jsonOut, Path logOut) throws Exception {
            if (ran.size() == failAt) {
                Files.writeString(jsonOut, "[ { \"benchmark\" : "); // half-written, as a kill leaves it
                throw new InterruptedException("simulated Ctrl-C in " + s);
            }
            ran.add(s);
            profiles.add(p);
            String json = Files.readString(Path.of(getClass().getClassLoader().getResource("fixtures/foreign/samples.json").toURI()));
            var tree = JmhJson.mapper().readTree(json);
            var one = JmhJson.mapper().createArrayNode().add(((com.fasterxml.jackson.databind.node.ObjectNode) tree.get(0).deepCopy())
                    .put("benchmark", s.className() + ".m"));
            Files.writeString(jsonOut, one.toPrettyString());
            Files.writeString(logOut, "# log of " + s.simpleName() + "\n");
        }

        final List<PassDid.Fork> forks = new ArrayList<>();

        @Override
        public void runFork(PassDid.Fork f, Profile p, Path jsonOut, Path logOut) throws Exception {
            forks.add(f);
            String json = Files.readString(Path.of(getClass().getClassLoader().getResource("fixtures/foreign/samples.json").toURI()));
            var tree = JmhJson.mapper().readTree(json);
            var result = ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get(0).deepCopy())
                    .put("benchmark", PassDid.SUITE.className() + "." + SuiteBenchmark.COMPACT_PASS.method());
            var params = result.putObject("params");
            f.cell().params().forEach(params::put);
            Files.writeString(jsonOut, JmhJson.mapper().createArrayNode().add(result).toPrettyString());
            Files.writeString(logOut, "# log of " + f.stem() + "\n");
        }
    }

    @Test
    void interruptedRunResumesWithoutLoss(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.at(dir.resolve("run"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        FakeExecutor first = new FakeExecutor(3);
        assertThatThrownBy(() -> new BenchRunner(first, Optional.empty(), Optional.empty(), List.of(), quiet).run(run, Profile.SMOKE, ALL, dir))
                .isInstanceOf(InterruptedException.class);
        assertThat(first.ran).containsExactlyElementsOf(ALL.subList(0, 3));
        for (Suite c : ALL.subList(0, 3)) {
            assertThat(JmhJson.read(run.partJson(c))).hasSize(1);
        }
        assertThat(run.partJson(ALL.get(3))).doesNotExist();
        assertThat(run.readMetadata()).get().extracting(m -> m.status().label()).isEqualTo("failed");
        assertThat(run.path().resolve("console.log")).content().contains("# log of " + Suite.FLOOR.simpleName(),
                "# log of " + Suite.PAGEBLOCK_ISOLATION.simpleName());

        FakeExecutor second = new FakeExecutor(-1);
        new BenchRunner(second, Optional.empty(), Optional.empty(), List.of(), quiet).run(run, Profile.SMOKE, ALL, dir);
        assertThat(second.ran).containsExactlyElementsOf(ALL.subList(3, ALL.size()));
        assertThat(JmhJson.read(run.resultsFile())).hasSize(ALL.size());
        assertThat(run.path().resolve("results.csv")).exists();
        assertThat(run.report()).content().contains("race.json: not in this run")
                .contains("Host kernel: not measured: skipped with --no-calibrate");
        assertThat(run.readCalibration()).get().extracting(c -> c.measured()).isEqualTo(false);
        assertThat(run.readMetadata()).get().extracting(m -> m.status().label()).isEqualTo("complete");
        try (var s = Files.list(run.path().resolve("parts"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** The combination count itself, against the classes' own declarations (JMH's count of results). */
    @Test
    void combinationsFollowTheDeclaredParametersAndTheProfile() {
        // CompactionPass: 1 benchmark x check 3 x free 1 x compactMode 2 x dirtyPercent 4 x migrateExtraNs 3.
        assertThat(Suite.COMPACTION_PASS.combinations(Profile.FULL)).isEqualTo(3 * 1 * 2 * 4 * 3);
        // The default runs check NONE (the pass design compares the checks), free IMMEDIATE and direct THP compaction only.
        assertThat(Suite.COMPACTION_PASS.combinations(Profile.DEFAULT)).isEqualTo(1 * 1 * 1 * 4 * 3);
        // FloorBenchmark: four benchmarks, no parameters; a @Group counts once.
        assertThat(Suite.FLOOR.combinations(Profile.FULL)).isEqualTo(4);
        // GracePeriod: 1 group x workload 2 x pfnsPerLockHold 3 x free 3; v4.15's 32 pfns, both workloads: every kernel by default, smoke the preemptible two.
        assertThat(Suite.GRACE_PERIOD.combinations(Profile.FULL)).isEqualTo(2 * 3 * 3);
        assertThat(Suite.GRACE_PERIOD.combinations(Profile.SMOKE)).isEqualTo(2 * 1 * 2);
        assertThat(Suite.GRACE_PERIOD.combinations(Profile.DEFAULT)).isEqualTo(2 * 1 * 3);
    }
}
