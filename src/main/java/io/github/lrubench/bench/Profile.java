package io.github.lrubench.bench;

import java.util.List;
import java.util.Locale;

/**
 * The run profiles of {@code scripts/bench}: forks, iterations and race time. Which parameter
 * values each benchmark class runs under a profile is the class's business, in {@link Suite}.
 * Budgets on a 2-core machine, benchmarks and the pass DiD: smoke about 2 min, default at most
 * 21 min (25 with the race, the host-kernel calibration and the report), full unbounded.
 */
public enum Profile {
    SMOKE(1, 1, 100, 2, 100, 2.0, 2, 1, 2, 100),
    /** The suite's own defaults ({@link BenchDefaults}): what a class run straight from the jar does. */
    DEFAULT(BenchDefaults.FORKS, BenchDefaults.WARMUP_ITERATIONS, BenchDefaults.WARMUP_MILLIS,
            BenchDefaults.MEASUREMENT_ITERATIONS, BenchDefaults.MEASUREMENT_MILLIS, 5.0,
            BenchDefaults.DID_ROUNDS, BenchDefaults.DID_WARMUP_ITERATIONS, BenchDefaults.DID_MEASUREMENT_ITERATIONS, BenchDefaults.WARMUP_MILLIS),
    FULL(5, 5, 1000, 10, 1000, 30.0, 30, 6, 6, 500);

    /** JVM flags of every fork, recorded in metadata.json. */
    public static final List<String> FORK_JVM_ARGS = List.of(BenchDefaults.XMX);
    /** Rough cost of starting one forked JVM, for the runtime estimate. */
    public static final double FORK_START_SECONDS = 1.5; // JVM start + JMH setup: 0.7 s in the first default run, plus the model warm-up

    public final int forks, warmupIterations, warmupMillis, measurementIterations, measurementMillis;
    /** Seconds of race stress for the whole race table in the run's race step. */
    public final double raceSeconds;
    /**
     * The pass DiD ({@link PassDid}): rounds of four single-fork cells, and each
     * fork's warm-up and measured iterations of this many ms.
     */
    public final int didRounds, didWarmupIterations, didMeasurementIterations, didIterationMillis;

    Profile(int forks, int wi, int wms, int mi, int mms, double raceSeconds, int didRounds, int didWi, int didMi, int didMs) {
        this.forks = forks;
        this.warmupIterations = wi;
        this.warmupMillis = wms;
        this.measurementIterations = mi;
        this.measurementMillis = mms;
        this.raceSeconds = raceSeconds;
        this.didRounds = didRounds;
        this.didWarmupIterations = didWi;
        this.didMeasurementIterations = didMi;
        this.didIterationMillis = didMs;
    }

    /** Seconds one fork of one parameter combination takes. */
    public double secondsPerFork() {
        return FORK_START_SECONDS + (warmupIterations * warmupMillis + measurementIterations * measurementMillis) / 1000.0;
    }

    /** Seconds the benchmarks of a profile take, estimated from the combinations each class runs. */
    public double estimateSeconds(List<Suite> classes) {
        return classes.stream().mapToInt(s -> s.combinations(this)).sum() * forks * secondsPerFork();
    }

    /** Seconds the benchmarks and, when its class is among them, the pass DiD take. */
    public double totalSeconds(List<Suite> classes) {
        return estimateSeconds(classes) + (classes.contains(PassDid.SUITE) ? PassDid.estimateSeconds(this) : 0);
    }

    /** The lower-case name used on the command line and in metadata.json. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
