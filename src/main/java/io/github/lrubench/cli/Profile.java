package io.github.lrubench.cli;

import java.util.List;
import java.util.Map;

/**
 * The run profiles, defined here and nowhere else. Per-class parameter overrides keep the number
 * of forks (each a JVM start of ~0.5-1 s) inside the budget; classes not overridden run all their
 * @Param values. Budgets on a 2-core machine: smoke <= 2 min, default <= 20 min, full unbounded.
 */
public enum Profile {
    SMOKE(1, 1, 100, 2, 100, 2.0, Map.of(
            "IsolationCheckBenchmark", Map.of(),
            "PageblockIsolationBenchmark", Map.of("check", "NONE,PAGE_LOCK", "dirtyPercent", "100"),
            "CompactionPassBenchmark", Map.of("check", "NONE,PAGE_LOCK", "free", "IMMEDIATE", "dirtyPercent", "100",
                    "migrateExtraNs", "0,4000"),
            "ContendedCompactionBenchmark", Map.of("check", "NONE,PAGE_LOCK", "free", "IMMEDIATE", "windowNs", "0"),
            "InodeFreeBenchmark", Map.of("free", "IMMEDIATE,RCU_SCHED"),
            "GracePeriodBenchmark", Map.of("pfnsPerLockHold", "32"))),
    // PAGE_LOCK_V4_16 runs the same instructions as PAGE_LOCK on a page with a mapping; its cost
    // is measured per page and per pfn, so the pass benchmark compares NONE and PAGE_LOCK only.
    // Forks are the independent unit and fork-to-fork (JIT) variance dominates this suite's noise,
    // so the default buys forks (4) with short iterations rather than long iterations in 2 forks.
    // windowNs stays 0 in the contended runs: the widened window is the race table's business.
    DEFAULT(4, 2, 500, 3, 500, 5.0, Map.of(
            "CompactionPassBenchmark", Map.of("check", "NONE,PAGE_LOCK", "free", "IMMEDIATE"),
            "ContendedCompactionBenchmark", Map.of("windowNs", "0"))),
    FULL(5, 5, 1000, 10, 1000, 30.0, Map.of());

    /** Benchmark classes in run order: cheapest questions first, so a smoke run fails fast. */
    public static final List<String> CLASSES = List.of("FloorBenchmark", "IsolationCheckBenchmark",
            "PageblockIsolationBenchmark", "CompactionPassBenchmark", "ContendedCompactionBenchmark",
            "InodeFreeBenchmark", "GracePeriodBenchmark");
    public static final String PACKAGE = "io.github.lrubench.bench.";
    /** JVM flags of every fork, recorded in metadata.json. */
    public static final List<String> FORK_JVM_ARGS = List.of("-Xmx1g");
    /** Rough cost of starting one forked JVM, for the runtime estimate. */
    public static final double FORK_START_SECONDS = 1.5; // JVM start + JMH setup: 0.7 s in the first default run, plus the model warm-up

    public final int forks, warmupIterations, warmupMillis, measurementIterations, measurementMillis;
    /** Seconds of race stress per combination in the run's race step. */
    public final double raceSeconds;
    private final Map<String, Map<String, String>> params;

    Profile(int forks, int wi, int wms, int mi, int mms, double raceSeconds, Map<String, Map<String, String>> params) {
        this.forks = forks;
        this.warmupIterations = wi;
        this.warmupMillis = wms;
        this.measurementIterations = mi;
        this.measurementMillis = mms;
        this.raceSeconds = raceSeconds;
        this.params = params;
    }

    /** Parameter overrides for a class: name to comma-separated values. */
    public Map<String, String> params(String simpleClassName) {
        return params.getOrDefault(simpleClassName, Map.of());
    }

    /** Seconds one fork of one parameter combination takes. */
    public double secondsPerFork() {
        return FORK_START_SECONDS + (warmupIterations * warmupMillis + measurementIterations * measurementMillis) / 1000.0;
    }

    public static Profile parse(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
