package io.github.lrubench.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Run ids have one-second resolution: two runs started in the same second still get a directory each. */
class RunDirectoryCreateTest {
    @Test
    void runsOfTheSameSecondGetTheirOwnDirectory(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("results");
        assertThat(RunDirectory.create(out, "20261128T113900Z-vm").path()).isEqualTo(out.resolve("20261128T113900Z-vm"));
        assertThat(RunDirectory.create(out, "20261128T113900Z-vm").path()).isEqualTo(out.resolve("20261128T113900Z-vm-2"));
        assertThat(RunDirectory.create(out, "20261128T113900Z-vm").path()).isEqualTo(out.resolve("20261128T113900Z-vm-3"));
    }

    @Test
    void concurrentRunsNeverShareADirectory(@TempDir Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Path>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tasks.add(() -> RunDirectory.create(dir, "same").path());
            }
            List<Path> got = new ArrayList<>();
            for (Future<Path> f : pool.invokeAll(tasks)) {
                got.add(f.get());
            }
            assertThat(got).doesNotHaveDuplicates().allMatch(Files::isDirectory);
        } finally {
            pool.shutdownNow();
        }
    }
}
