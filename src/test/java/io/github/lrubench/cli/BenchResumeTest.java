package io.github.lrubench.cli;

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
 * The executor is a fake that writes real JMH JSON (a fixture with the benchmark renamed); the
 * end-to-end interrupt of a real smoke run is added once the suite is merged.
 */
class BenchResumeTest {
    static final class FakeExecutor implements BenchmarkExecutor {
        final List<String> ran = new ArrayList<>();
        final int failAt;

        FakeExecutor(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void run(String cls, Profile p, Path jsonOut, Path logOut) throws Exception {
            if (ran.size() == failAt) {
                Files.writeString(jsonOut, "[ { \"benchmark\" : "); // half-written, as a kill leaves it
                throw new InterruptedException("simulated Ctrl-C in " + cls);
            }
            ran.add(cls);
            String json = Files.readString(Path.of(getClass().getClassLoader().getResource("fixtures/foreign/samples.json").toURI()));
            var tree = JmhJson.mapper().readTree(json);
            var one = JmhJson.mapper().createArrayNode().add(((com.fasterxml.jackson.databind.node.ObjectNode) tree.get(0).deepCopy())
                    .put("benchmark", Profile.PACKAGE + cls + ".m"));
            Files.writeString(jsonOut, one.toPrettyString());
            Files.writeString(logOut, "# log of " + cls + "\n");
        }

        @Override
        public int combinations(String cls, Profile p) {
            return 1;
        }
    }

    @Test
    void interruptedRunResumesWithoutLoss(@TempDir Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        FakeExecutor first = new FakeExecutor(3);
        assertThatThrownBy(() -> new BenchRunner(first, Optional.empty(), quiet).run(runDir, Profile.SMOKE, Profile.CLASSES, dir))
                .isInstanceOf(InterruptedException.class);
        assertThat(first.ran).containsExactlyElementsOf(Profile.CLASSES.subList(0, 3));
        for (String c : Profile.CLASSES.subList(0, 3)) {
            assertThat(JmhJson.read(BenchRunner.partJson(runDir, c))).hasSize(1);
        }
        assertThat(BenchRunner.partJson(runDir, Profile.CLASSES.get(3))).doesNotExist();
        assertThat(runDir.resolve("metadata.json")).exists();
        assertThat(runDir.resolve("console.log")).content().contains("# log of FloorBenchmark", "# log of PageblockIsolationBenchmark");

        FakeExecutor second = new FakeExecutor(-1);
        new BenchRunner(second, Optional.empty(), quiet).run(runDir, Profile.SMOKE, Profile.CLASSES, dir);
        assertThat(second.ran).containsExactlyElementsOf(Profile.CLASSES.subList(3, Profile.CLASSES.size()));
        assertThat(JmhJson.read(runDir.resolve("results.json"))).hasSize(Profile.CLASSES.size());
        assertThat(runDir.resolve("results.csv")).exists();
        assertThat(runDir.resolve("REPORT.md")).content().contains("race.json: not in this run");
        assertThat(JmhJson.mapper().readTree(runDir.resolve("metadata.json").toFile()).get("status").asText()).isEqualTo("complete");
        try (var s = Files.list(runDir.resolve("parts"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** Combinations per class from the suite's declared @Param values (windowNs assumed 2 values). */
    static final java.util.Map<String, Integer> ALL = java.util.Map.of("FloorBenchmark", 4, "IsolationCheckBenchmark", 3,
            "PageblockIsolationBenchmark", 12, "CompactionPassBenchmark", 108, "ContendedCompactionBenchmark", 18,
            "InodeFreeBenchmark", 3, "GracePeriodBenchmark", 3);

    static double estimateSeconds(Profile p, java.util.Map<String, Integer> combos) {
        return combos.values().stream().mapToInt(Integer::intValue).sum() * p.forks * p.secondsPerFork();
    }

    @Test
    void profilesStayInsideTheirBudgets() {
        var smoke = java.util.Map.of("FloorBenchmark", 4, "IsolationCheckBenchmark", 3, "PageblockIsolationBenchmark", 2,
                "CompactionPassBenchmark", 4, "ContendedCompactionBenchmark", 2, "InodeFreeBenchmark", 2, "GracePeriodBenchmark", 1);
        assertThat(estimateSeconds(Profile.SMOKE, smoke)).isLessThanOrEqualTo(100); // + race + report < 2 min
        var dflt = new java.util.HashMap<>(ALL);
        dflt.put("CompactionPassBenchmark", 24); // check=NONE,PAGE_LOCK and free=IMMEDIATE only
        dflt.put("ContendedCompactionBenchmark", 9); // windowNs=0 only
        assertThat(estimateSeconds(Profile.DEFAULT, dflt)).isLessThanOrEqualTo(17 * 60);
        assertThat(Profile.FULL.forks).isGreaterThanOrEqualTo(5);
    }
}
