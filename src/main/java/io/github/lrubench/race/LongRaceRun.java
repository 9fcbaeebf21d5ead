package io.github.lrubench.race;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The race's "never", with numbers ({@code scripts/race --long}): each combination the design
 * calls safe runs until {@link #safeGoal} dirty-page checks passed the isolation check with the
 * use-after-free oracle (slab poisoning) active, stopping at the first use after free; each open
 * one runs until its first use after free. A safe row's upper 95% bound on the forbidden rate is
 * {@link RaceOutcome#RULE_OF_THREE} / checks, and / raced checks for the trials that could have
 * gone wrong.
 *
 * <p>Safe combinations run the {@link RaceStress.Workload#VOLUME} workload with no extra window:
 * the kernel's own window, about a million checks a second on 2 cores, of which 1-3% raced a
 * truncation. Open ones run the race table's widened window on {@link RaceStress.Workload#HIT_RATE},
 * where the forbidden outcome comes within milliseconds; reaching the cap there is a finding
 * (race open, not hit), as it is for a safe row that did not reach its goal.
 *
 * @param checks   isolation checks, at least one
 * @param frees    inode free policies, at least one
 * @param safeGoal dirty-page checks each safe combination must pass, >= 1
 * @param safeCap  the longest a safe combination runs
 * @param openCap  the longest an open combination runs
 */
public record LongRaceRun(List<IsolationCheck> checks, List<InodeFreePolicy> frees, long safeGoal, Duration safeCap,
                          Duration openCap) {

    /** The "at least 10^8 dirty-page checks" per safe combination. */
    public static final long SAFE_GOAL = 100_000_000L;
    /**
     * 10^8 checks take about 100 s on this 2-core machine unloaded; 130 s leaves room for a loaded
     * one, and thirteen safe combinations at this cap (with RCU_SCHED_PREEMPT) plus two open ones
     * at {@link #OPEN_CAP} (which hit within milliseconds) stay within the 30 minutes the mode may
     * take.
     */
    public static final long SAFE_CAP_SECONDS = 130;
    public static final Duration SAFE_CAP = Duration.ofSeconds(SAFE_CAP_SECONDS);
    public static final Duration OPEN_CAP = Duration.ofSeconds(30);

    public LongRaceRun {
        checks = List.copyOf(checks);
        frees = List.copyOf(frees);
        if (checks.isEmpty() || frees.isEmpty()) {
            throw new IllegalArgumentException("need at least one check and one free, got " + checks + " x " + frees);
        }
        if (safeGoal < 1) {
            throw new IllegalArgumentException("safeGoal must be >= 1, was " + safeGoal);
        }
        Objects.requireNonNull(safeCap, "safeCap");
        Objects.requireNonNull(openCap, "openCap");
    }

    /** The long mode's goal and caps. */
    public static LongRaceRun standard(List<IsolationCheck> checks, List<InodeFreePolicy> frees) {
        return new LongRaceRun(checks, frees, SAFE_GOAL, SAFE_CAP, OPEN_CAP);
    }

    /** How one combination runs. */
    public RaceStress.Options options(IsolationCheck check, InodeFreePolicy free) {
        if (InodeFreePolicy.isSafe(check, free)) {
            return RaceStress.Options.of(check, free, 0, safeCap).with(RaceStress.Workload.VOLUME)
                    .until(RaceStress.Until.dirtyPageChecksOrFirstUaf(safeGoal));
        }
        return RaceStress.Options.of(check, free, RaceTableRun.DEFAULT_WINDOW_NS, openCap)
                .until(RaceStress.Until.firstUaf());
    }

    /**
     * One combination's row of the long table.
     *
     * @param outcome     the counts, as the race table holds them
     * @param workload    the file sizes it ran on
     * @param durationMs  how long it ran
     * @param untilReached true if its goal (or first use after free) ended it, false if the cap did
     */
    public record Row(RaceOutcome outcome, RaceStress.Workload workload, long durationMs, boolean untilReached) {
        /** A safe row reached its goal without a use after free; an open one showed it. */
        public boolean asExpected() {
            return outcome.expectedSafe() ? untilReached && !outcome.forbiddenSeen() : outcome.forbiddenSeen();
        }
    }

    /** Runs the model; {@code progress} gets each row as it finishes (a run takes up to half an hour). */
    public List<Row> run(Consumer<Row> progress) {
        return run(RaceStress::run, progress);
    }

    /** Runs every combination in table order (checks outer) through {@code stress}; tests pass a fake. */
    public List<Row> run(Function<RaceStress.Options, RaceStress.Result> stress, Consumer<Row> progress) {
        List<Row> rows = new ArrayList<>();
        for (IsolationCheck c : checks) {
            for (InodeFreePolicy f : frees) {
                RaceStress.Options o = options(c, f);
                RaceStress.Result r = stress.apply(o);
                Row row = new Row(RaceOutcome.of(r), o.workload(), r.durationMs(), r.untilReached());
                rows.add(row);
                progress.accept(row);
            }
        }
        return rows;
    }

    /** The long table for a terminal and a closing note (Markdown). */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| check | free | race | workload | window ns | dirty checks | raced checks "
                + "| UAF detected | 95% bound per check | per raced check | s | stopped by |\n"
                + "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (Row row : rows) {
            RaceOutcome r = row.outcome();
            String stop = row.untilReached() ? (r.forbiddenSeen() ? "first UAF" : "goal") : "cap";
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %d | %d | %d | %s | %s | %.1f | %s%s |%n",
                    r.check(), r.free().label(), r.safety().text(), row.workload(), r.windowNs(), r.dirtyPageChecks(),
                    r.racedChecks(), r.uafDetected(), RaceTable.bound(r.upperBoundPerCheck()),
                    RaceTable.bound(r.upperBoundPerRacedCheck()), row.durationMs() / 1e3, stop,
                    row.asExpected() ? "" : " (**not as designed**)"));
        }
        return sb.toString();
    }
}
