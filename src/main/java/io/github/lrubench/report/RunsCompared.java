package io.github.lrubench.report;

import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.CompactionMode;
import io.github.lrubench.hostkernel.PageType;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.results.Interval;
import io.github.lrubench.run.RunDirectory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What this project's own files say in several runs, side by side (the JMH results are
 * {@link io.github.lrubench.results.RunComparison}'s): calibration.json by compaction mode, and
 * race.json by check and free. Figures are taken as each file states them, with the intervals it
 * stores; nothing is recomputed, so a run's figures here are the ones its report used.
 * {@link RunsComparedMarkdown} prints them.
 */
public final class RunsCompared {

    private RunsCompared() {
    }

    /**
     * One run as the comparison reads it.
     *
     * @param name        as the user named it
     * @param directory   false for a result file, which has neither calibration.json nor race.json
     * @param calibration its calibration.json, empty when it has none
     * @param race        its race.json, empty when it has none
     */
    public record Run(String name, boolean directory, Optional<Calibration> calibration, Optional<List<RaceOutcome>> race) {
        /** A run directory with whichever of the files it has, or a result file with neither. */
        public static Run read(Path p) {
            if (!Files.isDirectory(p)) {
                return new Run(p.toString(), false, Optional.empty(), Optional.empty());
            }
            RunDirectory d = RunDirectory.open(p);
            return new Run(p.toString(), true, d.readCalibration(), d.readRace());
        }
    }

    /** What a run's calibration.json holds, for the notes under the table. */
    public enum CalibrationSource {
        /** A result file: no run directory, so no calibration. */
        RESULT_FILE,
        /** A run directory without calibration.json (made before the calibration step, or with --no-calibrate). */
        NO_FILE,
        /** The host kernel was not measured; the file says why. */
        NOT_MEASURED,
        /** Measured before the measurement by mode: compact_memory (MIGRATE_SYNC) alone. */
        BEFORE_MODES,
        /** Measured by mode. */
        BY_MODE;

        static CalibrationSource of(Run r) {
            if (!r.directory()) {
                return RESULT_FILE;
            }
            return r.calibration().map(c -> !c.measured() ? NOT_MEASURED : c.modes() == null ? BEFORE_MODES : BY_MODE).orElse(NO_FILE);
        }
    }

    /** What one run shows on one row. */
    public sealed interface Cell permits Value, Count, NotMeasured, Absent {
    }

    /** A figure and its interval as the file states it (NaN bounds: none), in the row's unit. */
    public record Value(Interval value) implements Cell {
    }

    /** Counted trials of all trials. */
    public record Count(int counted, int of) implements Cell {
    }

    /** The file says this was not measured, and why. */
    public record NotMeasured(String reason) implements Cell {
    }

    /** No figure: the run has no file, its file says nothing was measured, or it lacks this mode or figure (the notes say which). */
    public record Absent() implements Cell {
    }

    /**
     * One figure of one compaction mode in every run.
     *
     * @param mode   the mode's label
     * @param figure what it is
     * @param unit   "ns", "%", or "" for a count
     * @param cells  one per run
     */
    public record CalibrationRow(String mode, String figure, String unit, List<Cell> cells) {
        public CalibrationRow {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One check × free combination in every run.
     *
     * @param outcomes one list per run: its rows for the combination (one, normally; none where it lacks it)
     */
    public record RaceRow(IsolationCheck check, InodeFreePolicy free, List<List<RaceOutcome>> outcomes) {
        public RaceRow {
            outcomes = outcomes.stream().map(List::copyOf).toList();
        }
    }

    /** What a run's race.json holds, for the notes under the table. */
    public enum RaceSource {
        RESULT_FILE, NO_FILE, PRESENT;

        static RaceSource of(Run r) {
            return !r.directory() ? RESULT_FILE : r.race().isPresent() ? PRESENT : NO_FILE;
        }
    }

    /**
     * Both tables, and what each run's files held.
     *
     * @param notMeasured per run, why its calibration.json says the host kernel was not measured; "" where it does not say so
     */
    public record Tables(List<String> runs, List<CalibrationSource> calibrationSources, List<String> notMeasured,
                         List<CalibrationRow> calibration, List<RaceSource> raceSources, List<RaceRow> race) {
    }

    public static Tables of(List<Run> runs) {
        return new Tables(runs.stream().map(Run::name).toList(), runs.stream().map(CalibrationSource::of).toList(),
                runs.stream().map(r -> r.calibration().filter(c -> !c.measured()).map(Calibration::reason).orElse("")).toList(),
                calibration(runs), runs.stream().map(RaceSource::of).toList(), race(runs));
    }

    // ---- calibration.json ----

    /** One figure of a measured mode's summary, in the row's unit. */
    private record ModeFigure(String name, String unit, Function<Calibration.Mode, Interval> of) {
    }

    private static final List<ModeFigure> MODE_FIGURES = List.of(
            new ModeFigure("time per compaction", "ns", m -> m.summary().nsPerCompaction()),
            new ModeFigure("time per scanned pfn", "ns", m -> m.summary().nsPerScannedPfn()),
            new ModeFigure("time per isolated page", "ns", m -> m.summary().nsPerIsolatedPage()),
            new ModeFigure("time per migrated page", "ns", m -> m.summary().nsPerMigratedPage()),
            new ModeFigure("check's overhead if checks = isolated pages", "%", m -> percent(m.summary().overheadIfTaken())),
            new ModeFigure("check's overhead if checks = scanned pfns", "%", m -> percent(m.summary().overheadIfScanned())),
            new ModeFigure("c the overheads were computed with", "ns", Calibration.Mode::checkCost));

    /**
     * The modes that run the check, in {@link CompactionMode}'s order, that any run's file names
     * (measured or not), then the MIGRATE_SYNC reference by page type where any run measured it.
     */
    static List<CalibrationRow> calibration(List<Run> runs) {
        List<CalibrationRow> rows = new ArrayList<>();
        for (CompactionMode mode : CompactionMode.values()) {
            if (!mode.runsCheck()) {
                continue;
            }
            List<Cell> status = cells(runs, c -> c.mode(mode).map(m -> m.measured()
                    ? new Count(m.summary().counted(), m.summary().trials()) : new NotMeasured(m.reason())));
            if (status.stream().allMatch(Absent.class::isInstance)) {
                continue;
            }
            rows.add(new CalibrationRow(mode.label(), "counted trials", "", status));
            for (ModeFigure f : MODE_FIGURES) {
                addIfAny(rows, mode.label(), f.name(), f.unit(),
                        cells(runs, c -> c.mode(mode).filter(Calibration.Mode::measured).map(f.of()).map(Value::new)));
            }
        }
        for (PageType type : PageType.values()) {
            addIfAny(rows, CompactionMode.SYNC.label() + ", the reference (runs no check)", "time per migrated page: " + type.label(), "ns",
                    cells(runs, c -> c.summary(type).map(s -> new Value(new Interval(s.medianNsPerMigratedPage(), s.low(), s.high())))));
        }
        return rows;
    }

    /** Each run's cell from its measured calibration.json; {@link Absent} without one, or where {@code of} finds nothing. */
    private static List<Cell> cells(List<Run> runs, Function<Calibration, Optional<? extends Cell>> of) {
        return runs.stream().map(r -> r.calibration().filter(Calibration::measured).flatMap(of).<Cell>map(c -> c)
                .orElse(new Absent())).toList();
    }

    /** The row, when any run has a figure on it. */
    private static void addIfAny(List<CalibrationRow> rows, String mode, String figure, String unit, List<Cell> cells) {
        if (cells.stream().anyMatch(Value.class::isInstance)) {
            rows.add(new CalibrationRow(mode, figure, unit, cells));
        }
    }

    /** A fraction as percent; null stays null (a file written without c). */
    private static Interval percent(Interval fraction) {
        return fraction == null ? null : new Interval(100 * fraction.estimate(), 100 * fraction.low(), 100 * fraction.high());
    }

    // ---- race.json ----

    /** Every check × free combination any run has, in the enums' order. */
    static List<RaceRow> race(List<Run> runs) {
        List<RaceRow> rows = new ArrayList<>();
        for (IsolationCheck check : IsolationCheck.values()) {
            for (InodeFreePolicy free : InodeFreePolicy.values()) {
                List<List<RaceOutcome>> per = runs.stream().map(r -> r.race().orElse(List.of()).stream()
                        .filter(o -> o.check() == check && o.free() == free).toList()).toList();
                if (per.stream().anyMatch(l -> !l.isEmpty())) {
                    rows.add(new RaceRow(check, free, per));
                }
            }
        }
        return rows;
    }
}
