package io.github.lrubench.bench;

import java.util.List;
import java.util.Locale;

/**
 * The run profiles of {@code scripts/bench}: forks, iterations and race time. Which parameter
 * values each benchmark class runs under a profile is the class's business, in {@link Suite}.
 * Budgets on a 2-core machine: smoke about 2 min, default about 16 min, full unbounded.
 */
public enum Profile {
    SMOKE(1, 1, 100, 2, 100, 2.0),
    /** The suite's own defaults ({@link BenchDefaults}): what a class run straight from the jar does. */
    DEFAULT(BenchDefaults.FORKS, BenchDefaults.WARMUP_ITERATIONS, BenchDefaults.WARMUP_MILLIS,
            BenchDefaults.MEASUREMENT_ITERATIONS, BenchDefaults.MEASUREMENT_MILLIS, 5.0),
    FULL(5, 5, 1000, 10, 1000, 30.0);

    /** JVM flags of every fork, recorded in metadata.json. */
    public static final List<String> FORK_JVM_ARGS = List.of(BenchDefaults.XMX);
    /** Rough cost of starting one forked JVM, for the runtime estimate. */
    public static final double FORK_START_SECONDS = 1.5; // JVM start + JMH setup: 0.7 s in the first default run, plus the model warm-up

    public final int forks, warmupIterations, warmupMillis, measurementIterations, measurementMillis;
    /** Seconds of race stress for the whole race table in the run's race step. */
    public final double raceSeconds;

    Profile(int forks, int wi, int wms, int mi, int mms, double raceSeconds) {
        this.forks = forks;
        this.warmupIterations = wi;
        this.warmupMillis = wms;
        this.measurementIterations = mi;
        this.measurementMillis = mms;
        this.raceSeconds = raceSeconds;
    }

    /** Seconds one fork of one parameter combination takes. */
    public double secondsPerFork() {
        return FORK_START_SECONDS + (warmupIterations * warmupMillis + measurementIterations * measurementMillis) / 1000.0;
    }

    /** Seconds the benchmarks of a profile take, estimated from the combinations each class runs. */
    public double estimateSeconds(List<Suite> classes) {
        return classes.stream().mapToInt(s -> s.combinations(this)).sum() * forks * secondsPerFork();
    }

    /** The lower-case name used on the command line and in metadata.json. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Profile parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
