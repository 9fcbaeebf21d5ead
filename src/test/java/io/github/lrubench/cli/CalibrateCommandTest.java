package io.github.lrubench.cli;

import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.FakeProc;
import io.github.lrubench.hostkernel.ProcFs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** `calibrate` on a fake root: exit codes, one-line refusals, calibration.json, nothing left behind. */
class CalibrateCommandTest {
    @TempDir Path root;
    @TempDir Path dir;
    @TempDir Path out;

    Cli.Run calibrate(ProcFs proc, String... args) {
        CommandLine cl = LruBench.commandLine();
        ((CalibrateCommand) cl.getSubcommands().get("calibrate").getCommand()).proc = proc;
        String[] all = Stream.concat(Stream.of("calibrate"), Stream.of(args)).toArray(String[]::new);
        return Cli.run(cl, all);
    }

    /** The case's arguments after --dir and --size 8M, unless it gives them itself. */
    String[] withDefaults(String... args) {
        List<String> given = Arrays.asList(args), all = new ArrayList<>();
        if (!given.contains("--dir")) {
            all.addAll(List.of("--dir", dir.toString()));
        }
        if (!given.contains("--size")) {
            all.addAll(List.of("--size", "8M"));
        }
        all.addAll(given);
        return all.toArray(String[]::new);
    }

    static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    @Test
    void helpSaysWhatItDoes() {
        Cli.Run r = Cli.run("calibrate", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("compact_memory").contains("--size").contains("--dir").contains("--trials").contains("--out")
                .contains("MemAvailable").contains("--mode").contains("DIRECT_ASYNC").contains("SYNC_LIGHT").contains("--check-ns");
        assertThat(r.err()).isEmpty(); // picocli warns there about an unescaped % in a description
    }

    @Test
    void measuresAFakeKernelAndWritesCalibrationJson() throws IOException {
        FakeProc.create(root);
        Cli.Run r = calibrate(new ProcFs(root, "Linux"), "--dir", dir.toString(), "--size", "8M", "--trials", "2",
                "--type", "PAGE_CACHE_DIRTY", "ANON", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("calibrate: MIGRATE_SYNC reference (runs no check): fragments 8 MiB of page cache and anonymous memory on " + dir)
                .contains("direct MIGRATE_ASYNC (THP fault): not measured: tracefs is not mounted at " + root)
                .contains("PAGE_CACHE_DIRTY   1/2 warm-up").contains("ANON               2/2").contains("wrote " + out.resolve("calibration.json"));
        Calibration c = Calibration.read(out.resolve("calibration.json"));
        assertThat(c.trials()).hasSize(4);
        assertThat(c.context().dir()).isEqualTo(dir.toString());
        assertThat(isEmpty(dir)).isTrue();
    }

    @Test
    void aRefusalIsOneLineAndExitTwo() throws IOException {
        FakeProc.create(root).uids(1000, 1000);
        Cli.Run r = calibrate(new ProcFs(root, "Linux"), "--dir", dir.toString(), "--size", "8M", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("calibrate: not measured: not root (effective uid 1000)");
        assertThat(r.out()).isEmpty();
        assertThat(isEmpty(dir)).isTrue();
        assertThat(isEmpty(out)).isTrue();
    }

    @Test
    void badOptionsAreOneLineAndExitTwo() throws IOException {
        FakeProc.create(root);
        Path file = Files.writeString(out.resolve("file"), "x");
        // issue 22 #14: "1ib" read as one byte, 2^31 trials accepted
        String[] expected = {"is a file", "expected bytes or a number", "at least 8 MiB", "2..1000", "listed twice", "does not exist",
            "expected bytes or a number", "2..1000"};
        int i = 0;
        for (String[] args : new String[][]{
                {"--out", file.toString()},
                {"--size", "lots"},
                {"--size", "1M"},
                {"--trials", "1"},
                {"--type", "PAGE_CACHE_DIRTY", "PAGE_CACHE_DIRTY"},
                {"--dir", dir.resolve("missing").toString()},
                {"--size", "1ib"},
                {"--trials", "2147483647"}}) {
            Cli.Run r = calibrate(new ProcFs(root, "Linux"), withDefaults(args));
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("calibrate: ").contains(expected[i++]);
        }
        assertThat(Files.readString(file)).isEqualTo("x");
        assertThat(isEmpty(dir)).isTrue();
    }

    /**
     * Issue 22 #4: two calibrations on one machine counted each other's migrations; the second is
     * refused in one line (exit 2) while the first holds the lock under /run, and runs once it is free.
     * Seen failing without the lock (the second measured).
     */
    @Test
    void aSecondCalibrationIsRefusedWhileOneRuns() throws Exception {
        FakeProc.create(root);
        ProcFs proc = new ProcFs(root, "Linux");
        String[] args = {"--dir", dir.toString(), "--size", "8M", "--trials", "2", "--type", "ANON", "--out", out.toString()};
        try (AutoCloseable first = io.github.lrubench.hostkernel.Calibrator.lock(proc)) {
            Cli.Run r = calibrate(proc, args);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("another calibration runs");
            assertThat(out.resolve("calibration.json")).doesNotExist();
        }
        assertThat(calibrate(proc, args).code()).isZero();
    }

    /** Issue 22 #7: --out without room for what the command writes is refused before anything is measured. */
    @Test
    void anOutWithoutRoomIsRefusedUpFront() {
        picocli.CommandLine cl = LruBench.commandLine();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UsageChecks.outDirectory(cl, out, Long.MAX_VALUE))
                .isInstanceOf(picocli.CommandLine.ParameterException.class).hasMessageContaining("MiB free").hasMessageNotContaining("\n");
        UsageChecks.outDirectory(cl, out, 1); // room for a byte
    }
}
