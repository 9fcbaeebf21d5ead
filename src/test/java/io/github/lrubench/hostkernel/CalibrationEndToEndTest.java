package io.github.lrubench.hostkernel;

import io.github.lrubench.Slow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real calibration of this machine's kernel, small (64 MiB, 3 trials, dirty page cache): runs
 * where {@link Calibrator#refusal} allows (Linux, root, compact_memory writable), and is skipped
 * with the refusal as the reason, printed, everywhere else. Checks behaviour, not timings.
 */
@Slow
class CalibrationEndToEndTest {

    static Set<Path> calibrationDirs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(Scratch.PREFIX)).collect(Collectors.toSet());
        }
    }

    @Test
    void calibratesThisMachine(@TempDir Path out) throws IOException {
        ProcFs host = ProcFs.host();
        Path dir = Files.isDirectory(Calibrator.DEFAULT_DIR) ? Calibrator.DEFAULT_DIR : out;
        Calibrator.Options o = new Calibrator.Options(dir, 64L << 20, 3, List.of(PageType.PAGE_CACHE_DIRTY))
                .withModes(List.of(CompactionMode.SYNC), 2, 0); // the check-running modes have ModesEndToEndTest
        Optional<String> refused = Preflight.refusal(host, o);
        refused.ifPresent(reason -> System.out.println("CalibrationEndToEndTest skipped: " + reason));
        assumeTrue(refused.isEmpty(), () -> refused.orElseThrow());

        Set<Path> before = calibrationDirs(dir);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Calibration c = Calibrator.run(host, o, new PrintStream(console, true, StandardCharsets.UTF_8));
        System.out.print(console.toString(StandardCharsets.UTF_8));

        assertThat(calibrationDirs(dir)).isEqualTo(before); // its own directory is gone
        assertThat(c.measured()).isTrue();
        assertThat(c.context().kernelRelease()).isEqualTo(host.kernelRelease().orElse(null));
        assertThat(c.context().sizeBytes()).isEqualTo(64L << 20);
        assertThat(c.trials()).hasSize(3).allSatisfy(t -> {
            assertThat(t.type()).isEqualTo(PageType.PAGE_CACHE_DIRTY);
            assertThat(t.wallNanos()).isPositive();
            assertThat(t.vmstatDelta()).containsKey("pgmigrate_success");
            if (t.migratedElsewhere() == null) { // no trace: the global count
                assertThat(t.migrated()).isEqualTo(t.vmstatDelta().get("pgmigrate_success"));
            } else { // own events, and others' beside them: together what /proc/vmstat counted
                assertThat(t.migrated() + t.migratedElsewhere()).isEqualTo(t.vmstatDelta().get("pgmigrate_success"));
            }
            assertThat(t.counted()).isEqualTo(!t.warmup() && t.migrated() >= Calibrator.MIN_MIGRATED_PAGES);
            assertThat(t.buddyBefore()).hasSizeGreaterThanOrEqualTo(BuddyInfo.ORDERS);
            if (t.migrated() > 0) {
                assertThat(t.nsPerMigratedPage()).isEqualTo((double) t.wallNanos() / t.migrated());
            }
        });
        assertThat(c.trials()).extracting(Calibration.Trial::warmup).containsExactly(true, false, false);
        Calibration.Summary s = c.summary(PageType.PAGE_CACHE_DIRTY).orElseThrow();
        assertThat(s.trials()).isEqualTo(2);
        assertThat(s.counted() + Math.round(s.tooFewShare() * 2)).isEqualTo(2);
        assertThat(s.low()).isNaN(); // 2 trials are too few for a 95% interval
        assertThat(console.toString(StandardCharsets.UTF_8)).startsWith("calibrate: MIGRATE_SYNC reference (runs no check): fragments 64 MiB of page cache on " + dir)
                .contains("PAGE_CACHE_DIRTY   1/3 warm-up");

        Path f = out.resolve("calibration.json");
        c.write(f);
        assertThat(Calibration.read(f)).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(c);
    }
}
