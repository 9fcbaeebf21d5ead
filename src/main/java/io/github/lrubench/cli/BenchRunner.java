package io.github.lrubench.cli;

import io.github.lrubench.run.PassDidObservation;
import io.github.lrubench.run.RunMetadata;
import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.bench.PassDid;
import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.RunPlan;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.race.CombinationRunner;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.race.RaceTable;
import io.github.lrubench.race.RaceTableRun;
import io.github.lrubench.report.Report;
import io.github.lrubench.report.OtherSystemCost;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ForkStats;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a profile class by class into a run directory. Each class's JSON lands in its part by
 * rename as soon as it finishes, so an interrupt keeps every finished class and {@code --resume}
 * runs only the missing ones. The merged results, CSV, race table, charts and REPORT.md are
 * derived from the parts at the end, each written once.
 */
public final class BenchRunner {
    private final BenchmarkExecutor executor;
    private final Optional<CombinationRunner> race;
    private final Optional<Function<Optional<ForkStats.Estimate>, Calibration>> calibrate;
    private final List<OtherSystemCost> others;
    private final PrintStream out;
    private boolean allowOtherCommit;

    /**
     * @param race      runs the race table; empty to leave it out (tests)
     * @param calibrate measures the host kernel, given the run's c to state the overhead with (a refusal comes back as
     *                  a not-measured calibration); empty when the user said --no-calibrate
     * @param others    compaction costs measured elsewhere, for the report
     */
    public BenchRunner(BenchmarkExecutor executor, Optional<CombinationRunner> race, Optional<Function<Optional<ForkStats.Estimate>, Calibration>> calibrate,
                       List<OtherSystemCost> others, PrintStream out) {
        this.executor = executor;
        this.race = race;
        this.calibrate = calibrate;
        this.others = List.copyOf(others);
        this.out = out;
    }

    /** Lets a resume run on another commit than the run's (both are then recorded in metadata.json). */
    public BenchRunner allowingOtherCommit(boolean allow) {
        this.allowOtherCommit = allow;
        return this;
    }

    /** Records how the run ended, once: the first end (failure, interrupt or completion) wins. */
    private static final class Ending {
        private final RunDirectory run;
        private RunMetadata meta;
        private boolean ended;

        Ending(RunDirectory run, RunMetadata meta) {
            this.run = run;
            this.meta = meta;
        }

        synchronized void end(RunMetadata.Status status) {
            end(meta.ended(status));
        }

        synchronized void end(RunMetadata endedMeta) {
            if (!ended) {
                ended = true;
                meta = endedMeta;
                try {
                    run.writeMetadata(meta);
                } catch (RuntimeException e) {
                    // shutting down: nothing more to do
                }
            }
        }
    }

    /**
     * Runs {@code classes} into {@code run}: a new run, or a resume of the run its metadata.json
     * describes. A resume checks everything before it writes anything: its profile must be the
     * run's, so one run never mixes settings.
     */
    public void run(RunDirectory run, Profile profile, List<Suite> classes, Path repoDir) throws Exception {
        run.checkOwnDirectories(); // before anything is written or deleted in it
        try (AutoCloseable machine = executor.machineLock(); AutoCloseable mine = run.lock()) {
            runLocked(run, profile, classes, repoDir);
        }
    }

    private void runLocked(RunDirectory run, Profile profile, List<Suite> classes, Path repoDir) throws Exception {
        Optional<RunMetadata> recorded = run.readMetadata();
        if (recorded.isPresent()) {
            Profile theirs = recordedProfile(run, recorded.get());
            if (theirs != profile) {
                throw new BadInputException(run.path(), "the run was made with profile " + theirs.label()
                        + "; a resume takes the run's profile, not " + profile.label() + " (leave out --profile)");
            }
        }
        if (recorded.isPresent()) {
            String made = recorded.get().gitCommit(), now = RunMetadata.currentCommit(repoDir);
            if (!now.equals(made)) {
                if (!allowOtherCommit) {
                    throw new BadInputException(run.path(), "the run was made at commit " + made + ", this is commit " + now
                            + "; resuming would mix code (check out " + made + ", or say --allow-other-commit)");
                }
                recorded = recorded.map(m -> m.resumedOn(now));
            }
            // The same commit with edited sources is other code too: the classes run now would not be the run's.
            List<String> dirty = RunMetadata.uncommittedCode(repoDir);
            if (dirty != null && !dirty.isEmpty()) {
                if (!allowOtherCommit) {
                    throw new BadInputException(run.path(), "this checkout has uncommitted changes (" + dirty.get(0)
                            + (dirty.size() > 1 ? " and " + (dirty.size() - 1) + " more" : "") + "); resuming would mix code "
                            + "(commit or stash them, or say --allow-other-commit)");
                }
                recorded = recorded.map(m -> m.resumedOn(now + " with uncommitted changes"));
            }
        }
        run.createParts();
        run.removeStrayTempFiles();
        RunMetadata meta = recorded.map(RunMetadata::restarted).orElseGet(() -> RunMetadata.collect(repoDir, profile));
        if (recorded.isEmpty() || meta.classes() != null) {
            meta = meta.withClasses(selection(meta.classes(), classes)); // a resume's extra classes join the run's
        }
        if (recorded.isEmpty()) { // what a resume must honour (BenchCommand reads it back)
            meta = meta.withOptions(calibrate.isEmpty(),
                    others.stream().filter(o -> o.per() == OtherSystemCost.Per.CHECK).map(OtherSystemCost::spec).toList(),
                    others.stream().filter(o -> o.per() == OtherSystemCost.Per.MIGRATED_PAGE).map(OtherSystemCost::spec).toList());
        }
        run.writeMetadata(meta);
        Ending ending = new Ending(run, meta);
        // On Ctrl-C the JVM runs this: finished parts are already in place, record how it ended.
        Thread hook = new Thread(() -> ending.end(RunMetadata.Status.INTERRUPTED));
        Runtime.getRuntime().addShutdownHook(hook);
        List<BenchmarkResult> results;
        List<RaceOutcome> raceRows;
        List<PassDidObservation> did;
        Calibration calibration;
        Path report;
        try {
            RunPlan plan = plan(run, profile, classes);
            RunPlan.Clock clock = plan.start(System::nanoTime);
            runClasses(run, plan, clock);
            results = run.mergeParts();
            did = didStep(run, plan, clock, classes);
            raceRows = raceStep(run, profile);
            calibration = calibrationStep(run, results);
            // The report shows the status it will have; metadata.json records it only after the
            // report is written, so an interrupt or failure in the report is never 'complete'.
            RunMetadata done = meta.ended(RunMetadata.Status.COMPLETE);
            report = Report.write(run, Report.inputs(run, results, did, done, raceRows, calibration, others));
            ending.end(done);
        } catch (Exception | Error e) {
            ending.end(RunMetadata.Status.FAILED);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: it recorded the end
            }
        }
        out.println("wrote " + report);
    }

    /** The run's classes (null: none yet) and these, in suite order. */
    static List<String> selection(List<String> recorded, List<Suite> classes) {
        List<String> names = new ArrayList<>();
        for (Suite s : Suite.values()) {
            if (classes.contains(s) || (recorded != null && recorded.contains(s.simpleName()))) {
                names.add(s.simpleName());
            }
        }
        return names;
    }

    /** The classes a run selected, as its metadata.json records them; the whole suite where it does not say. */
    public static List<Suite> recordedClasses(RunDirectory run, RunMetadata m) {
        if (m.classes() == null) {
            return List.of(Suite.values());
        }
        List<Suite> out = new ArrayList<>();
        for (String name : m.classes()) {
            out.add(java.util.Arrays.stream(Suite.values()).filter(s -> s.simpleName().equals(name)).findFirst()
                    .orElseThrow(() -> new BadInputException(run.metadataFile(), "unknown benchmark class '" + name + "' in classes")));
        }
        return out;
    }

    /**
     * The profile a run was made with, as metadata.json records it; refused if the profile's settings
     * changed since (a resume under the same name would then mix settings).
     */
    public static Profile recordedProfile(RunDirectory run, RunMetadata m) {
        Profile p;
        try {
            p = Profile.parse(String.valueOf(m.profile()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(run.metadataFile(), "unknown profile '" + m.profile() + "', expected one of "
                    + List.of(Profile.values()));
        }
        RunMetadata now = m.withProfile(p);
        if (!now.settings().equals(m.settings())) {
            throw new BadInputException(run.metadataFile(), "the run's profile " + p.label() + " had settings " + m.settings()
                    + ", now " + now.settings() + "; resuming would mix them");
        }
        return p;
    }

    /** What the run has left: the classes without a finished part, the pass DiD forks not yet run. */
    private RunPlan plan(RunDirectory run, Profile profile, List<Suite> classes) {
        List<Suite> finished = classes.stream().filter(run::hasPart).toList();
        finished.forEach(c -> out.println("skip " + c.simpleName() + ": already in " + run.partJson(c)));
        RunPlan plan = RunPlan.of(profile, classes).remaining(finished::contains, run::hasDidFork);
        out.println("profile " + profile.label() + ": " + plan.summary());
        return plan;
    }

    private void runClasses(RunDirectory run, RunPlan plan, RunPlan.Clock clock) throws Exception {
        List<RunPlan.ClassWork> todo = plan.classes();
        for (int k = 0; k < todo.size(); k++) {
            Suite c = todo.get(k).suite();
            out.printf(Locale.ROOT, "[%d/%d] %s  %s%n", k + 1, todo.size(), c.simpleName(), clock.status());
            RunDirectory.Staged st = run.stagePart(c);
            try {
                executor.run(c, plan.profile(), st.json(), st.log());
                run.finishPart(c, st);
            } finally {
                run.discard(st); // renamed into place, or unfinished: either way the temporaries go now, freeing a full disk's room to record the failure
            }
            clock.finished(todo.get(k));
            run.writeConsoleLog();
        }
    }

    /**
     * The pass DiD ({@link PassDid}) when its class is selected: one JMH invocation
     * per fork, in ABBA order; each fork's JSON is renamed into place when it finishes, so an
     * interrupt keeps the finished forks and a resume runs the rest. When not selected, the run's
     * did.json if it has one, else null.
     */
    private List<PassDidObservation> didStep(RunDirectory run, RunPlan plan, RunPlan.Clock clock, List<Suite> classes)
            throws Exception {
        if (!classes.contains(PassDid.SUITE)) {
            return run.readDid().orElse(null); // what an earlier run or resume measured stays in the report
        }
        List<PassDid.Fork> forks = PassDid.forks(plan.profile());
        run.createDid();
        out.printf(Locale.ROOT, "pass DiD: %d of %d forks to run%n", plan.didForks().size(), forks.size());
        for (PassDid.Fork f : plan.didForks()) {
            out.printf(Locale.ROOT, "[did %d/%d] round %d %s  %s%n", f.sequence() + 1, forks.size(), f.round(), f.cell(), clock.status());
            RunDirectory.Staged st = run.stageDidFork(f);
            try {
                executor.runFork(f, plan.profile(), st.json(), st.log());
                run.finishDidFork(f, st);
            } finally {
                run.discard(st);
            }
            clock.finished(f);
        }
        return run.mergeDid(forks);
    }

    /** The race table, unless the run already has one; null when no race runner is given (tests). */
    private List<RaceOutcome> raceStep(RunDirectory run, Profile profile) {
        if (run.hasRace()) {
            out.println("race: already in " + run.raceFile());
            return run.readRace().orElseThrow();
        }
        if (race.isEmpty()) {
            out.println("race: skipped, no race runner given");
            return null;
        }
        List<RaceOutcome> rows = RaceTableRun.withinTotal(RaceTableRun.ALL_CHECKS, RaceTableRun.ALL_FREES,
                RaceTableRun.DEFAULT_WINDOW_NS, Duration.ofNanos((long) (profile.raceSeconds * 1e9))).toRacedChecks(profile.raceRacedChecks)
                .run(race.get());
        out.print(RaceTable.format(rows));
        run.writeRace(rows);
        return rows;
    }

    /**
     * The host kernel's cost per migrated page, unless the run already has it. Whatever happens is
     * recorded in calibration.json: the figures, or "not measured" and why (refused, skipped,
     * failed); a failed calibration does not fail the run, whose benchmarks stand on their own.
     */
    private Calibration calibrationStep(RunDirectory run, List<BenchmarkResult> results) {
        if (run.hasCalibration()) {
            Calibration had = run.readCalibration().orElseThrow();
            // One without a figure (refused, failed, every trial too small) is measured again, unless this resume may not calibrate.
            if (had.hasFigures() || calibrate.isEmpty()) {
                out.println("calibration: already in " + run.calibrationFile());
                return had;
            }
            out.println("calibration: " + run.calibrationFile() + " has no figure ("
                    + (had.measured() ? "no counted trial" : had.reason()) + "); measuring again");
        }
        Calibration c;
        if (calibrate.isEmpty()) {
            c = Calibration.notMeasured("skipped with --no-calibrate");
        } else {
            try {
                c = calibrate.get().apply(Report.checkCost(results));
            } catch (RuntimeException e) {
                c = Calibration.notMeasured("failed: " + String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " "));
            }
        }
        if (!c.measured()) {
            out.println("calibration: not measured: " + c.reason());
        }
        run.writeCalibration(c);
        return c;
    }
}
