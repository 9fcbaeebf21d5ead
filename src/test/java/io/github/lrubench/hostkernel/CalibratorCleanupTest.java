package io.github.lrubench.hostkernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every file and directory a calibration makes is gone afterwards: after success, after a failure
 * in the middle of a trial, and when the JVM is stopped by SIGINT or SIGTERM. The kernel is a fake
 * root (compact_memory a plain file), the memory and files are real, 8 MiB a trial.
 */
class CalibratorCleanupTest {
    static final long SIZE = Calibrator.MIN_SIZE;

    @TempDir Path root;
    @TempDir Path dir;

    static List<Path> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** Lines of this process's /proc/self/maps that map a file under {@code dir} (empty where there is no such file). */
    static List<String> mappingsUnder(Path dir) throws IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.filter(l -> l.contains(dir.toString())).toList();
        }
    }

    /** The fake kernel, failing at the n-th write to compact_memory. */
    static final class FailingProcFs extends ProcFs {
        final int failAt;
        final RuntimeException failure = new IllegalStateException("injected: compact_memory failed");
        int calls;

        FailingProcFs(Path root, int failAt) {
            super(root, "Linux");
            this.failAt = failAt;
        }

        @Override
        public long compactMemory() {
            if (++calls == failAt) {
                throw failure;
            }
            return super.compactMemory();
        }
    }

    @Test
    void aFinishedRunLeavesNothing() throws IOException {
        FakeProc.create(root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Calibration c = Calibrator.run(new FailingProcFs(root, 0), new Calibrator.Options(dir, SIZE, 2), new PrintStream(out, true));
        assertThat(entries(dir)).isEmpty();
        assertThat(mappingsUnder(dir)).as("mapped files are unmapped too").isEmpty();
        assertThat(c.trials()).hasSize(2 * Calibrator.typesFor(Calibrator.fileSystem(dir)).size());
        assertThat(out.toString()).startsWith("calibrate: MIGRATE_SYNC reference (runs no check): fragments 8 MiB of page cache and anonymous memory on " + dir);
    }

    /** The write of trial 2 fails (after the settling cycles' and trial 1's): trial 1's kept half is still held and trial 2's is made; both go. */
    @ParameterizedTest
    @EnumSource(PageType.class)
    void aFailureMidTrialLeavesNothingAndPropagates(PageType type) throws IOException {
        assumeTrue(type != PageType.PAGE_CACHE_CLEAN || !Calibrator.fileSystem(dir).equals("tmpfs"), "no disk under " + dir);
        FakeProc.create(root);
        FailingProcFs proc = new FailingProcFs(root, Calibrator.SETTLE_CYCLES + 2);
        Calibrator.Options o = new Calibrator.Options(dir, SIZE, 3, List.of(type));
        assertThatThrownBy(() -> Calibrator.run(proc, o, new PrintStream(new ByteArrayOutputStream())))
                .isSameAs(proc.failure);
        assertThat(proc.calls).isEqualTo(Calibrator.SETTLE_CYCLES + 2);
        assertThat(entries(dir)).isEmpty();
        assertThat(mappingsUnder(dir)).as("mapped files are unmapped too").isEmpty();
    }

    /** Ctrl-C (SIGINT) and kill (SIGTERM) in the middle of a compaction: the shutdown hook deletes the directory. */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalMidRunLeavesNothing(String signal) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")) || Files.isExecutable(Path.of("/usr/bin/kill")), "no kill(1)");
        FakeProc.create(root);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BlockingCalibration.class.getName(), root.toString(), dir.toString())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
                if (line.equals(BlockingCalibration.BLOCKED)) {
                    break;
                }
            }
            assertThat(lines).as("child output").contains(BlockingCalibration.BLOCKED);
            // Mid-trial: the private directory holds the kept file (the freed one is already deleted).
            List<Path> made = entries(dir);
            assertThat(made).hasSize(1);
            assertThat(made.get(0).getFileName().toString()).startsWith(Scratch.PREFIX);
            assertThat(entries(made.get(0))).isNotEmpty();

            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exits").isTrue();
            assertThat(child.exitValue()).isEqualTo(signal.equals("INT") ? 128 + 2 : 128 + 15);
            assertThat(entries(dir)).isEmpty();
        } finally {
            child.destroyForcibly();
        }
    }
}
