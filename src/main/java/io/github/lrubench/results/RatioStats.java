package io.github.lrubench.results;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Confidence interval of a ratio of two JMH means from the per-fork raw data, by a hierarchical
 * percentile bootstrap: each replicate resamples forks with replacement (forks are JMH's
 * independent unit: each is a fresh JVM with its own JIT decisions and memory layout), then the
 * iterations inside each drawn fork with replacement, and takes the ratio of the two grand means.
 * The interval is the 2.5th and 97.5th percentile of {@value #REPLICATES} replicates; the seed is
 * fixed so a report is reproducible. With one fork only within-fork noise is covered, which
 * understates the uncertainty; the report says how many forks it had.
 */
public final class RatioStats {
    public static final int REPLICATES = 4000;
    public static final double LEVEL = 0.95;
    public static final long SEED = 0x5eed_2018L;
    public static final String METHOD = "hierarchical percentile bootstrap (forks, then iterations within forks; "
            + REPLICATES + " replicates, fixed seed), " + Math.round(LEVEL * 100) + "% interval";

    private RatioStats() {
    }

    /** mean(numerator) / mean(denominator) with its interval; [n/a] bounds without raw data. */
    public static Interval ratio(Metric numerator, Metric denominator) {
        double[][] a = forks(numerator.rawData());
        double[][] b = forks(denominator.rawData());
        if (a.length == 0 || b.length == 0) {
            return new Interval(numerator.score() / denominator.score(), Double.NaN, Double.NaN);
        }
        double point = grandMean(a) / grandMean(b);
        SplittableRandom rnd = new SplittableRandom(SEED);
        double[] reps = new double[REPLICATES];
        for (int i = 0; i < REPLICATES; i++) {
            reps[i] = resampledMean(a, rnd) / resampledMean(b, rnd);
        }
        Arrays.sort(reps);
        double alpha = (1 - LEVEL) / 2;
        return new Interval(point, quantile(reps, alpha), quantile(reps, 1 - alpha));
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

    /** The cost ratio of a variant against a baseline: time ratio, or inverted for throughput. */
    public static Interval costRatio(BenchmarkResult variant, BenchmarkResult baseline) {
        return isThroughput(variant) ? ratio(baseline.primary(), variant.primary())
                : ratio(variant.primary(), baseline.primary());
    }

    public static boolean isThroughput(BenchmarkResult r) {
        return r.mode().equals("thrpt") || r.primary().unit().startsWith("ops/");
    }

    static double[][] forks(List<List<Double>> raw) {
        return raw.stream()
                .map(f -> f.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray())
                .filter(f -> f.length > 0)
                .toArray(double[][]::new);
    }

    static double grandMean(double[][] forks) {
        double s = 0;
        int n = 0;
        for (double[] f : forks) {
            for (double v : f) {
                s += v;
                n++;
            }
        }
        return s / n;
    }

    private static double resampledMean(double[][] forks, SplittableRandom rnd) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < forks.length; i++) {
            double[] f = forks[rnd.nextInt(forks.length)];
            for (int j = 0; j < f.length; j++) {
                s += f[rnd.nextInt(f.length)];
            }
            n += f.length;
        }
        return s / n;
    }

    /** Linear interpolation between order statistics (type 7, as R's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
