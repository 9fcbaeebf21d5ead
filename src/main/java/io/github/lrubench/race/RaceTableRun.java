package io.github.lrubench.race;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One race table to run: every check x every free with the same window, each combination until
 * the same number of checks raced a truncation (or, without such a goal, for the same time), its
 * time share a cap. Rows come in table order: checks outer, frees inner.
 *
 * @param checks         isolation checks, at least one
 * @param frees          inode free policies, at least one
 * @param windowNs       extra delay inside the race window, >= 0
 * @param perCombination how long each combination runs at most, > 0
 * @param racedGoal      raced checks each combination runs to (0: none, it runs its whole time)
 */
public record RaceTableRun(List<IsolationCheck> checks, List<InodeFreePolicy> frees, long windowNs,
                           Duration perCombination, long racedGoal) {

    /** A table without a raced-check goal: each combination runs its whole time. */
    public RaceTableRun(List<IsolationCheck> checks, List<InodeFreePolicy> frees, long windowNs, Duration perCombination) {
        this(checks, frees, windowNs, perCombination, 0);
    }

    /**
     * 100 us: the window found dependable by RaceStressTest (about 200 detections per second in
     * each unsafe combination on a 2-core machine; 500 us and more leave too few trials).
     */
    public static final long DEFAULT_WINDOW_NS = 100_000;
    public static final List<IsolationCheck> ALL_CHECKS = List.of(IsolationCheck.values());
    public static final List<InodeFreePolicy> ALL_FREES = List.of(InodeFreePolicy.values());

    public RaceTableRun {
        checks = List.copyOf(checks);
        frees = List.copyOf(frees);
        if (checks.isEmpty() || frees.isEmpty()) {
            throw new IllegalArgumentException("need at least one check and one free, got " + checks + " x " + frees);
        }
        if (windowNs < 0) {
            throw new IllegalArgumentException("windowNs must be >= 0, was " + windowNs);
        }
        Objects.requireNonNull(perCombination, "perCombination");
        if (perCombination.isNegative() || perCombination.isZero()) {
            throw new IllegalArgumentException("perCombination must be > 0, was " + perCombination);
        }
        if (racedGoal < 0) {
            throw new IllegalArgumentException("racedGoal must be >= 0, was " + racedGoal);
        }
    }

    /** This table, each combination running to {@code goal} raced checks within its time. */
    public RaceTableRun toRacedChecks(long goal) {
        return new RaceTableRun(checks, frees, windowNs, perCombination, goal);
    }

    /** Shares {@code total} equally among the combinations. */
    public static RaceTableRun withinTotal(List<IsolationCheck> checks, List<InodeFreePolicy> frees, long windowNs,
                                           Duration total) {
        long n = (long) checks.size() * frees.size();
        return new RaceTableRun(checks, frees, windowNs, n == 0 ? total : total.dividedBy(n)); // n == 0: the constructor says why
    }

    public int combinations() {
        return checks.size() * frees.size();
    }

    /** Runs the model for every combination. */
    public List<RaceOutcome> run() {
        return run(CombinationRunner.MODEL);
    }

    public List<RaceOutcome> run(CombinationRunner runner) {
        List<RaceOutcome> rows = new ArrayList<>(combinations());
        for (IsolationCheck c : checks) {
            for (InodeFreePolicy f : frees) {
                rows.add(runner.run(c, f, windowNs, perCombination, racedGoal));
            }
        }
        return rows;
    }
}
