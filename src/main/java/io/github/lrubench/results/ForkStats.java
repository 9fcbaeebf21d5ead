package io.github.lrubench.results;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.List;

/**
 * Fork-level intervals: each fork's mean over its measured iterations is one observation, since a
 * fork is JMH's independent unit (a fresh JVM with its own JIT decisions and memory layout) and the
 * iterations inside one fork are not independent of each other. Intervals are Student t at
 * {@link RatioStats#LEVEL}: with 4 forks the t quantile (3.18) widens the interval honestly where a
 * percentile bootstrap over 4 forks behaves like a z interval and under-covers.
 */
public final class ForkStats {
    public static final String METHOD = "Student t on fork means (forks are the unit), "
            + Math.round(RatioStats.LEVEL * 100) + "% interval";

    private ForkStats() {
    }

    /** The mean of each fork's measured iterations (non-finite values skipped; empty forks dropped). */
    public static double[] forkMeans(Metric m) {
        return forkMeans(m.rawData());
    }

    public static double[] forkMeans(List<List<Double>> raw) {
        return raw.stream()
                .map(f -> f.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray())
                .filter(f -> f.length > 0)
                .mapToDouble(ForkStats::mean)
                .toArray();
    }

    /** The two-sided t quantile at {@link RatioStats#LEVEL} for df degrees of freedom; NaN when df is not positive. */
    public static double t(double df) {
        if (!(df > 0)) {
            return Double.NaN;
        }
        return new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - RatioStats.LEVEL) / 2);
    }

    /** mean ± t·s/√n over independent observations (fork means, or paired per-round differences). */
    public static Interval meanInterval(double[] xs) {
        double m = mean(xs);
        if (xs.length < 2) {
            return new Interval(m, Double.NaN, Double.NaN);
        }
        double half = t(xs.length - 1) * Math.sqrt(variance(xs) / xs.length);
        return new Interval(m, m - half, m + half);
    }

    /** mean(a) − mean(b) of two independent samples of fork means, Welch's interval (unequal variances). */
    public static Interval welchDifference(double[] a, double[] b) {
        double d = mean(a) - mean(b);
        if (a.length < 2 || b.length < 2) {
            return new Interval(d, Double.NaN, Double.NaN);
        }
        double va = variance(a) / a.length, vb = variance(b) / b.length;
        double se2 = va + vb;
        if (se2 == 0) {
            return new Interval(d, d, d);
        }
        // Welch–Satterthwaite degrees of freedom
        double df = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double half = t(df) * Math.sqrt(se2);
        return new Interval(d, d - half, d + half);
    }

    /** An interval multiplied by a constant (e.g. to percent of a baseline mean). */
    public static Interval scale(Interval i, double factor) {
        double lo = i.low() * factor, hi = i.high() * factor;
        return new Interval(i.estimate() * factor, Math.min(lo, hi), Math.max(lo, hi));
    }

    public static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return xs.length == 0 ? Double.NaN : s / xs.length;
    }

    /** Sample variance (n − 1). */
    public static double variance(double[] xs) {
        if (xs.length < 2) {
            return Double.NaN;
        }
        double m = mean(xs), s = 0;
        for (double x : xs) {
            s += (x - m) * (x - m);
        }
        return s / (xs.length - 1);
    }
}
