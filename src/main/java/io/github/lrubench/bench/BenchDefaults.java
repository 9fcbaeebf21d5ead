package io.github.lrubench.bench;

/**
 * The suite's JMH settings when a class is run straight from the jar: the {@link Profile#DEFAULT}
 * profile's, kept here because annotations need compile-time constants ({@link JmhDefaults} holds
 * the annotations every class inherits). {@link Profile} builds its default from these, so there is
 * one definition; JMH's own flags override them.
 */
public final class BenchDefaults {
    /**
     * Forks are the independent unit and fork-to-fork (JIT) variance dominates this suite's
     * noise, so the default buys forks with short iterations rather than long iterations in few forks.
     */
    public static final int FORKS = 4;
    public static final int WARMUP_ITERATIONS = 2;
    public static final int WARMUP_MILLIS = 500;
    public static final int MEASUREMENT_ITERATIONS = 3;
    public static final int MEASUREMENT_MILLIS = 500;
    /**
     * The pass DiD ({@link PassDid}): rounds of four single-fork cells. A pilot
     * (5 forks per cell, 500 ms iterations) put the fork-to-fork SD of a pass near 8% of its mean; 14
     * rounds is what the default's 25-minute budget affords beside the paired check's forks (16
     * before it), and the report says what it resolves.
     * Seven warm-up iterations: with five, the first measured iteration of a default run sat 2.5% [0.1, 4.9]
     * above the rest of its fork; the report shows the per-iteration profile so a reader can judge.
     */
    public static final int DID_ROUNDS = 14;
    public static final int DID_WARMUP_ITERATIONS = 7;
    public static final int DID_MEASUREMENT_ITERATIONS = 4;
    /**
     * Forks of {@link PairedCheckBenchmark}: inside a fork its paired cells agree to a hundredth of
     * a ns per pfn, but c itself moved between 2.1 and 4.1 ns per dirty page from one fork's
     * compilation to the next in a 4-fork pilot (SD 0.85 ns): forks are what narrows c, and they
     * are cheap (about 4 s each). Twelve put the 95% half-width under a quarter of c (17% and 9% in the
     * two default runs of issues 21 and 23).
     */
    public static final int CHECK_FORKS = 12;
    /** Fork JVM flags: a fixed heap so GC sizing does not differ between forks. */
    public static final String XMX = "-Xmx1g";
    /** Workload seed: every fork builds the same model. */
    public static final long SEED = 20180112L;

    private BenchDefaults() {
    }
}
