package io.github.lrubench.report;

import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.CompactionMode;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * calibration.json and race.json of the committed runs side by side (read, never written):
 * A = 20261128T132905Z-vm (calibration before the measurement by mode), B = 20261206T145340Z-vm (by mode),
 * C = 20261125T132726Z-vm (no calibration.json; a race.json from before the scheduler tick, whose
 * PREEMPT_RCU rows are read as PREEMPT_RCU_CONTRACT). The expected figures are the files' own, read
 * with {@code python3 -c 'import json; ...'}.
 */
class RunsComparedTest {
    static final Path A = Path.of("results/20261128T132905Z-vm"), B = Path.of("results/20261206T145340Z-vm"),
            C = Path.of("results/20261125T132726Z-vm");

    static RunsCompared.Tables tables(Path... runs) {
        return RunsCompared.of(java.util.Arrays.stream(runs).map(RunsCompared.Run::read).toList());
    }

    static RunsCompared.CalibrationRow row(RunsCompared.Tables t, CompactionMode mode, String figure) {
        return t.calibration().stream().filter(r -> r.mode().startsWith(mode.label()) && r.figure().equals(figure)).findFirst()
                .orElseThrow(() -> new AssertionError(mode + " " + figure + " not in " + t.calibration()));
    }

    static Interval value(RunsCompared.Cell c) {
        assertThat(c).isInstanceOf(RunsCompared.Value.class);
        return ((RunsCompared.Value) c).value();
    }

    @Test
    void calibrationFiguresAreTheFilesOwnByMode() {
        RunsCompared.Tables t = tables(A, B, C);
        assertThat(t.calibrationSources()).containsExactly(RunsCompared.CalibrationSource.BEFORE_MODES,
                RunsCompared.CalibrationSource.BY_MODE, RunsCompared.CalibrationSource.NO_FILE);
        // B's direct async: "nsPerScannedPfn": {"estimate": 764.8823114699746, "low": 752.5268992500816, "high": 783.6120764552563}
        RunsCompared.CalibrationRow scanned = row(t, CompactionMode.DIRECT_ASYNC, "time per scanned pfn");
        assertThat(scanned.unit()).isEqualTo("ns");
        assertThat(value(scanned.cells().get(1))).isEqualTo(new Interval(764.8823114699746, 752.5268992500816, 783.6120764552563));
        assertThat(scanned.cells().get(0)).as("A predates modes").isInstanceOf(RunsCompared.Absent.class);
        assertThat(scanned.cells().get(2)).as("C has no calibration.json").isInstanceOf(RunsCompared.Absent.class);
        // B's sync-light: 14 of 15 trials counted; "overheadIfScanned": {"estimate": 0.004198781460147506, ...} as percent.
        assertThat(row(t, CompactionMode.SYNC_LIGHT, "counted trials").cells().get(1)).isEqualTo(new RunsCompared.Count(14, 15));
        Interval over = value(row(t, CompactionMode.SYNC_LIGHT, "check's overhead if checks = scanned pfns").cells().get(1));
        assertThat(over.estimate()).isCloseTo(0.4198781460147506, within(1e-12));
        assertThat(over.high()).isCloseTo(0.5138930085058038, within(1e-12));
        assertThat(value(row(t, CompactionMode.DIRECT_ASYNC, "time per compaction").cells().get(1)))
                .isEqualTo(new Interval(426000.0, 421000.0, 430000.0));
        // The MIGRATE_SYNC reference is in both A and B: A's dirty page cache 1698.449 [1650.157, 1972.945] ns per migrated page.
        RunsCompared.CalibrationRow ref = row(t, CompactionMode.SYNC, "time per migrated page: page cache, unmapped, dirty");
        assertThat(value(ref.cells().get(0))).isEqualTo(new Interval(1698.4490531557371, 1650.156918494449, 1972.9449577041892));
        assertThat(value(ref.cells().get(1)).estimate()).isEqualTo(2370.6312339723145);
        assertThat(ref.cells().get(2)).isInstanceOf(RunsCompared.Absent.class);
        assertThat(t.calibration().get(0).mode()).as("the modes that run the check first, the reference last")
                .isEqualTo(CompactionMode.DIRECT_ASYNC.label());
    }

    @Test
    void whatAFileSaysWasNotMeasuredIsShownWithItsReason(@TempDir Path dir) throws Exception {
        Calibration b = Calibration.read(B.resolve("calibration.json"));
        Path partly = Files.createDirectories(dir.resolve("partly"));
        new Calibration(true, null, b.context(), b.summaries(), b.trials(), List.of(b.mode(CompactionMode.DIRECT_ASYNC).orElseThrow(),
                Calibration.Mode.notMeasured(CompactionMode.SYNC_LIGHT, "kernel lacks compaction_proactiveness")), b.settings())
                .write(partly.resolve("calibration.json"));
        Path none = Files.createDirectories(dir.resolve("none"));
        Calibration.notMeasured("not root").write(none.resolve("calibration.json"));
        RunsCompared.Tables t = tables(B, partly, none);
        assertThat(row(t, CompactionMode.SYNC_LIGHT, "counted trials").cells()).containsExactly(new RunsCompared.Count(14, 15),
                new RunsCompared.NotMeasured("kernel lacks compaction_proactiveness"), new RunsCompared.Absent());
        assertThat(row(t, CompactionMode.SYNC_LIGHT, "time per isolated page").cells().subList(1, 3))
                .allMatch(c -> c instanceof RunsCompared.Absent);
        String md = RunsComparedMarkdown.markdown(t);
        assertThat(md).contains("| kcompactd MIGRATE_SYNC_LIGHT (proactive) | counted trials |  | 14/15 | not measured: kernel lacks "
                + "compaction_proactiveness | - |");
        assertThat(md).contains("C: the host kernel was not measured: not root.");
        // With no run measured at all, the reason still shows.
        assertThat(RunsComparedMarkdown.markdown(tables(none, none))).contains("No run has a measured calibration.json.",
                "A: the host kernel was not measured: not root. B: the host kernel was not measured: not root.");
    }

    @Test
    void raceRowsPairByCheckAndFree() {
        RunsCompared.Tables t = tables(A, B, C);
        assertThat(t.race()).hasSize(12);
        RunsCompared.RaceRow open = t.race().get(0);
        assertThat(List.of(open.check(), open.free())).containsExactly(IsolationCheck.NONE, InodeFreePolicy.IMMEDIATE);
        // A's race.json: NONE x IMMEDIATE, 642 dirty-page checks, 616 raced, 598 uses after free.
        var a = open.outcomes().get(0).get(0);
        assertThat(List.of(a.dirtyPageChecks(), a.racedChecks(), a.uafDetected())).containsExactly(642L, 616L, 598L);
        RunsCompared.RaceRow preempt = t.race().stream()
                .filter(r -> r.check() == IsolationCheck.NONE && r.free() == InodeFreePolicy.PREEMPT_RCU).findFirst().orElseThrow();
        assertThat(preempt.outcomes().get(2)).as("C's PREEMPT_RCU was the contract's").isEmpty();
        assertThat(preempt.outcomes().get(1).get(0).racedChecks()).isEqualTo(984);
        // Seen: 598 of 642 checks, Clopper–Pearson 0.931 [0.909, 0.950], of 616 raced 0.971 [0.954, 0.983]
        // (scipy.stats.binomtest(598, 642).proportion_ci(0.95, 'exact')); not seen: 3.0 / 1037 = 0.2889%, rounded up.
        String md = RunsComparedMarkdown.race(t);
        assertThat(md).contains("| NONE | IMMEDIATE (hypothetical) | A | 100000 | forbidden outcome seen (race reproduced) | 642 | 616 | 598 "
                + "| 0.931 [0.909, 0.950] | 0.971 [0.954, 0.983] |");
        assertThat(md).contains("| | | B | 100000 | OK: forbidden outcome not seen | 1037 | 984 | 0 | < 0.29% | < 0.31% |");
        assertThat(md).contains("| | | C | - | - | - | - | - | - | - |");
        assertThat(md).contains("| | | C | 100000 | forbidden outcome seen (race reproduced) | 2821 | not counted | 600 |");
    }

    @Test
    void resultFilesBringNeitherFile() {
        RunsCompared.Tables t = tables(A, B.resolve("results.json"));
        assertThat(t.calibrationSources().get(1)).isEqualTo(RunsCompared.CalibrationSource.RESULT_FILE);
        assertThat(t.raceSources().get(1)).isEqualTo(RunsCompared.RaceSource.RESULT_FILE);
        assertThat(RunsComparedMarkdown.markdown(t)).contains("B: a result file, not a run directory: no calibration.json.",
                "B: a result file, not a run directory: no race.json.");
        assertThat(RunsComparedMarkdown.markdown(tables(A.resolve("results.json"), B.resolve("results.json"))))
                .as("nothing to add without a run directory").isEmpty();
        assertThat(Optional.of(t.runs().get(1))).contains(B.resolve("results.json").toString());
    }
}
