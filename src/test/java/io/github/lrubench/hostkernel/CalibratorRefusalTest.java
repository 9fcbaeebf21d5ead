package io.github.lrubench.hostkernel;

import io.github.lrubench.results.BadInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every refusal through a fake root, without root: one line each, and nothing created. The fake
 * root is the dev VM as root, which is accepted; each test breaks one thing.
 */
class CalibratorRefusalTest {
    static final long MIB = 1 << 20;

    @TempDir Path root;
    @TempDir Path dir;
    FakeProc fake;

    @BeforeEach
    void setUp() {
        fake = FakeProc.create(root);
    }

    Calibrator.Options options(long size) {
        return new Calibrator.Options(dir, size, 3);
    }

    Optional<String> refusal(ProcFs proc, Calibrator.Options o) {
        Optional<String> r = Preflight.refusal(proc, o);
        r.ifPresent(reason -> assertThat(reason).as("one line").doesNotContain("\n"));
        return r;
    }

    Optional<String> refusal() {
        return refusal(fake.procFs(), options(64 * MIB));
    }

    @Test
    void theDevVmAsRootIsAccepted() {
        assertThat(refusal()).isEmpty();
    }

    @Test
    void notLinux() {
        assertThat(refusal(new ProcFs(root, "Mac OS X"), options(64 * MIB))).hasValueSatisfying(r ->
                assertThat(r).startsWith("not Linux").contains("Mac OS X"));
    }

    @Test
    void notRootByTheEffectiveUid() {
        fake.uids(1000, 1000);
        assertThat(refusal()).hasValueSatisfying(r -> assertThat(r).startsWith("not root (effective uid 1000)"));
        fake.uids(0, 1000); // a set-uid drop: the real uid is root, the effective one is not
        assertThat(refusal()).hasValueSatisfying(r -> assertThat(r).startsWith("not root (effective uid 1000)"));
        fake.uids(1000, 0);
        assertThat(refusal()).isEmpty();
        fake.write(ProcFs.SELF_STATUS, "Name:\tjava\n");
        assertThat(refusal()).hasValueSatisfying(r -> assertThat(r).contains("effective uid").contains("Uid:"));
    }

    @Test
    void noCompactMemory() {
        fake.delete(ProcFs.COMPACT_MEMORY);
        assertThat(refusal()).hasValueSatisfying(r -> assertThat(r).contains("compact_memory").contains("CONFIG_COMPACTION"));
    }

    @Test
    void compactMemoryNotWritable() {
        fake.chmod(ProcFs.COMPACT_MEMORY, "r--r--r--");
        assertThat(refusal()).hasValueSatisfying(r -> assertThat(r).contains("compact_memory is not writable"));
    }

    @Test
    void noMigrationCounter() {
        fake.write(ProcFs.VMSTAT, fake.read(ProcFs.VMSTAT).replaceAll("(?m)^pgmigrate_success.*\n", ""));
        assertThat(refusal()).hasValueSatisfying(r -> assertThat(r).contains("pgmigrate_success"));
    }

    @Test
    void aKernelWithoutCompactionCountersIsStillMeasured() {
        fake.copy("vmstat-no-compaction", ProcFs.VMSTAT); // the scanned counters are then NaN, the cost is not
        assertThat(refusal()).isEmpty();
    }

    @Test
    void tooLittleMemoryAvailable() {
        fake.memAvailableKb(100_000); // 97 MiB: at most 48 MiB may be asked
        assertThat(refusal()).hasValueSatisfying(r -> assertThat(r).contains("64 MiB").contains("50% of MemAvailable or the memory cgroup's room, whichever is less (97 MiB)"));
        assertThat(refusal(fake.procFs(), options(48 * MIB))).isEmpty();
        fake.write(ProcFs.MEMINFO, "MemTotal:  24684096 kB\n");
        assertThat(refusal()).hasValueSatisfying(r -> assertThat(r).contains("no MemAvailable"));
    }

    @Test
    void theDirectoryIsMissingOrAFile() throws IOException {
        assertThat(refusal(fake.procFs(), new Calibrator.Options(dir.resolve("nope"), 64 * MIB, 3)))
                .hasValueSatisfying(r -> assertThat(r).contains("nope").contains("does not exist"));
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThat(refusal(fake.procFs(), new Calibrator.Options(file, 64 * MIB, 3)))
                .hasValueSatisfying(r -> assertThat(r).contains("is not a directory"));
    }

    @Test
    void cleanPageCacheNeedsADisk() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.getFileStore(shm).type().equals("tmpfs"), "no tmpfs at /dev/shm");
        Calibrator.Options o = new Calibrator.Options(shm, 64 * MIB, 3, List.of(PageType.PAGE_CACHE_CLEAN));
        assertThat(refusal(fake.procFs(), o)).hasValueSatisfying(r -> assertThat(r).contains("PAGE_CACHE_CLEAN").contains("tmpfs"));
        assertThat(refusal(fake.procFs(), new Calibrator.Options(shm, 64 * MIB, 3))).isEmpty(); // tmpfs: the other three
    }

    /** The refusal comes before anything is made: run() throws it and the directory stays empty. */
    @Test
    void aRefusedRunCreatesNothing() throws IOException {
        fake.uids(1000, 1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> Calibrator.run(fake.procFs(), options(64 * MIB), new PrintStream(out)))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("not root");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
        assertThat(fake.read(ProcFs.COMPACT_MEMORY)).isEmpty();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void optionsOutOfRangeAreRejected() {
        assertThatThrownBy(() -> new Calibrator.Options(dir, 4 * MIB, 3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 MiB");
        assertThatThrownBy(() -> new Calibrator.Options(dir, 64 * MIB, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm-up");
        assertThatThrownBy(() -> new Calibrator.Options(dir, 64 * MIB, 3, List.of(PageType.ANON, PageType.ANON)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Calibrator.Options(dir, 64 * MIB + 5, 3).sizeBytes()).isEqualTo(64 * MIB); // whole page pairs
    }

    @Test
    void theDefaultSizeIsAQuarterOfMemAvailableUpTo1GiB() {
        assertThat(Calibrator.Options.defaults(fake.procFs())).isEqualTo(new Calibrator.Options(Path.of("/dev/shm"), 1L << 30, Calibrator.DEFAULT_TRIALS));
        assertThat(Calibrator.DEFAULT_TRIALS).as("at least 10 counted trials after the warm-up").isGreaterThanOrEqualTo(11);
        fake.memAvailableKb(2_000_000);
        assertThat(Calibrator.defaultSize(fake.procFs())).isEqualTo(2_000_000L * 1024 / 4);
    }
}
