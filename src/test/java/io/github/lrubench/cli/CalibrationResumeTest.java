package io.github.lrubench.cli;

import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22 #6: a resume reused a calibration.json without a figure. Now a resume measures again
 * where the file has none, keeps one that has figures, and keeps anything under --no-calibrate.
 */
class CalibrationResumeTest {
    final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    private void run(RunDirectory run, Optional<Function<Optional<io.github.lrubench.results.ForkStats.Estimate>, Calibration>> calibrate,
                     Path repo) throws Exception {
        new BenchRunner(new BenchResumeTest.FakeExecutor(-1), Optional.empty(), calibrate, List.of(), quiet)
                .run(run, Profile.SMOKE, List.of(Suite.FLOOR), repo);
    }

    @Test
    void aCalibrationWithoutFiguresIsMeasuredAgainOnResume(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.at(dir.resolve("run"));
        AtomicInteger calls = new AtomicInteger();
        run(run, Optional.of(c -> {
            calls.incrementAndGet();
            return Calibration.notMeasured("failed: first");
        }), dir);
        assertThat(run.readCalibration()).get().extracting(Calibration::reason).isEqualTo("failed: first");

        Calibration measured = Calibration.read(Cli.fixture("calibration/calibration.json"));
        assertThat(measured.hasFigures()).isTrue();
        run(run, Optional.of(c -> {
            calls.incrementAndGet();
            return measured;
        }), dir);
        assertThat(calls).hasValue(2);
        assertThat(run.readCalibration()).get().extracting(Calibration::hasFigures).isEqualTo(true);

        run(run, Optional.of(c -> {
            calls.incrementAndGet();
            return Calibration.notMeasured("failed: third");
        }), dir);
        assertThat(calls).as("a calibration with figures is kept").hasValue(2);
    }

    /** A resume that may not calibrate keeps even a calibration without figures: it does not overwrite it with "skipped". */
    @Test
    void noCalibrateKeepsWhatTheRunHas(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.at(dir.resolve("run"));
        run(run, Optional.of(c -> Calibration.notMeasured("failed: first")), dir);
        run(run, Optional.empty(), dir);
        assertThat(run.readCalibration()).get().extracting(Calibration::reason).isEqualTo("failed: first");
    }
}
