package io.github.lrubench.bench;

/**
 * The suite's JMH settings when a class is run straight from the jar: the {@link Profile#DEFAULT}
 * profile's, kept here because annotations need compile-time constants. {@link Profile} builds
 * its default from these, so there is one definition; JMH's own flags override them.
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
    /** Fork JVM flags: a fixed heap so GC sizing does not differ between forks. */
    public static final String XMX = "-Xmx1g";
    /** Workload seed: every fork builds the same model. */
    public static final long SEED = 20180112L;

    private BenchDefaults() {
    }
}
