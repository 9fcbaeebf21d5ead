package io.github.lrubench.bench;

/**
 * The suite's JMH defaults in one place (annotations need constants). The run profiles of
 * {@code scripts/bench} override them; so do JMH's flags.
 */
public final class BenchDefaults {
    public static final int FORKS = 2;
    public static final int WARMUP_ITERATIONS = 3;
    public static final int WARMUP_SECONDS = 1;
    public static final int MEASUREMENT_ITERATIONS = 5;
    public static final int MEASUREMENT_SECONDS = 1;
    /** Fork JVM flags: a fixed heap so GC sizing does not differ between forks. */
    public static final String XMX = "-Xmx1g";
    /** Workload seed: every fork builds the same model. */
    public static final long SEED = 20180112L;

    private BenchDefaults() {
    }
}
