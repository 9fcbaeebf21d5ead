package io.github.lrubench.bench;

import java.util.List;
import java.util.Locale;

/**
 * The run profiles of {@code scripts/bench}: forks, iterations, race time and the pass DiD's
 * rounds, settings only. Which parameter values each class runs under a profile is the suite's
 * business ({@code Suite}), how long a profile takes the run plan's ({@code RunPlan}; the README's
 * profiles table and {@code scripts/bench --help} print it).
 */
public enum Profile {
    SMOKE(1, 3, 1, 100, 2, 100, 2.0, 100, 2, 1, 2, 100),
    /** The suite's own defaults ({@link BenchDefaults}): what a class run straight from the jar does. */
    DEFAULT(BenchDefaults.FORKS, BenchDefaults.CHECK_FORKS, BenchDefaults.WARMUP_ITERATIONS, BenchDefaults.WARMUP_MILLIS,
            BenchDefaults.MEASUREMENT_ITERATIONS, BenchDefaults.MEASUREMENT_MILLIS, 30.0, 1000,
            BenchDefaults.DID_ROUNDS, BenchDefaults.DID_WARMUP_ITERATIONS, BenchDefaults.DID_MEASUREMENT_ITERATIONS, BenchDefaults.WARMUP_MILLIS),
    FULL(5, 20, 5, 1000, 10, 1000, 120.0, 10_000, 30, 6, 6, 500);

    /** JVM flags of every fork, recorded in metadata.json. */
    public static final List<String> FORK_JVM_ARGS = List.of(BenchDefaults.XMX);

    /**
     * Forks of the paired check ({@link Suite#PAIRED_CHECK}), whose c varies with each fork's
     * compilation more than with anything inside a fork; smoke runs enough for an interval.
     */
    public final int checkForks;
    public final int forks, warmupIterations, warmupMillis, measurementIterations, measurementMillis;
    /** Seconds of race stress for the whole race table in the run's race step at most: each combination's share is its cap. */
    public final double raceSeconds;
    /** Checks that raced a truncation each combination of the race table runs to, within its cap. */
    public final long raceRacedChecks;
    /** The pass DiD: rounds of four single-fork cells, and each fork's warm-up and measured iterations of this many ms. */
    public final int didRounds, didWarmupIterations, didMeasurementIterations, didIterationMillis;

    Profile(int forks, int checkForks, int wi, int wms, int mi, int mms, double raceSeconds, long raceRacedChecks, int didRounds, int didWi, int didMi, int didMs) {
        this.forks = forks;
        this.checkForks = checkForks;
        this.warmupIterations = wi;
        this.warmupMillis = wms;
        this.measurementIterations = mi;
        this.measurementMillis = mms;
        this.raceSeconds = raceSeconds;
        this.raceRacedChecks = raceRacedChecks;
        this.didRounds = didRounds;
        this.didWarmupIterations = didWi;
        this.didMeasurementIterations = didMi;
        this.didIterationMillis = didMs;
    }

    /** The lower-case name used on the command line and in metadata.json. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label: picocli lists the choices of {@code --profile} by it. */
    @Override
    public String toString() {
        return label();
    }

    /** The profile a label names, in any case. */
    public static Profile parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
