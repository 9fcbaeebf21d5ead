package io.github.lrubench.results;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The tooling's one confidence level, and percentile intervals of bootstrap or sampling replicates
 * at it: {@value #REPLICATES} replicates from a fixed seed, so a report is reproducible. (Runs are
 * compared on fork means with Welch's interval, {@link ForkComparison}; a ratio bootstrap that
 * compare once used is gone, so there is one estimator.)
 */
public final class RatioStats {
    public static final int REPLICATES = 4000;
    public static final double LEVEL = 0.95;
    public static final long SEED = 0x5eed_2018L;

    private RatioStats() {
    }

    /** The percentile interval of replicates around a point estimate, at {@link #LEVEL}; [n/a] without replicates. */
    public static Interval percentileInterval(double point, double[] replicates) {
        if (replicates.length == 0) {
            return new Interval(point, Double.NaN, Double.NaN);
        }
        double[] sorted = replicates.clone();
        Arrays.sort(sorted);
        double alpha = (1 - LEVEL) / 2;
        return new Interval(point, quantile(sorted, alpha), quantile(sorted, 1 - alpha));
    }

    /** Linear interpolation between order statistics (type 7, as R's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
