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

    /**
     * A positive quantity's interval on the log scale (counts and rates, whose t interval on few
     * forks can reach below zero): exp(mean(ln x) ± t·s/√n), the estimate the geometric mean. When a
     * fork counted nothing the log is undefined: the arithmetic {@link #meanInterval} with its lower
     * bound floored at 0, and a mean of 0 when every fork counted nothing.
     */
    public static Interval logInterval(double[] xs) {
        if (xs.length == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        boolean positive = true;
        for (double x : xs) {
            positive &= x > 0;
        }
        if (!positive) {
            Interval a = meanInterval(xs);
            return a.hasBounds() ? new Interval(a.estimate(), Math.max(0, a.low()), a.high()) : a;
        }
        double[] logs = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            logs[i] = Math.log(xs[i]);
        }
        Interval l = meanInterval(logs);
        return new Interval(Math.exp(l.estimate()), Math.exp(l.low()), Math.exp(l.high()));
    }

    /**
     * The smallest true difference a two-sided t test of this estimate against 0, at the report's
     * level, detects with probability {@code power}: (t_{1−α/2} + t_{power})·se on its df; NaN without
     * a standard error. What "cannot tell apart" is worth.
     */
    public static double detectable(Estimate e, double power) {
        if (!(e.se() > 0) || !(e.df() > 0)) {
            return Double.NaN;
        }
        return (t(e.df()) + new TDistribution(null, e.df()).inverseCumulativeProbability(power)) * e.se();
    }

    /** The two-sided p-value of an estimate against 0 (t with its df; NaN without a standard error). */
    public static double pValue(Estimate e) {
        if (!(e.se() > 0) || !(e.df() > 0)) {
            return Double.NaN;
        }
        return 2 * (1 - new TDistribution(null, e.df()).cumulativeProbability(Math.abs(e.mean() / e.se())));
    }

    /**
     * Holm's step-down adjustment of a family of p-values (same order out as in): the k-th smallest
     * is multiplied by (m − k + 1), then made monotone and capped at 1. NaN stays NaN and does not count.
     */
    public static double[] holm(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
            m += Double.isNaN(p[i]) ? 0 : 1;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Double.isNaN(p[a]) ? 2 : p[a], Double.isNaN(p[b]) ? 2 : p[b]));
        double[] out = new double[p.length];
        double running = 0;
        for (int k = 0; k < p.length; k++) {
            int i = order[k];
            if (Double.isNaN(p[i])) {
                out[i] = Double.NaN;
                continue;
            }
            running = Math.max(running, Math.min(1, (m - k) * p[i]));
            out[i] = running;
        }
        return out;
    }

    /** mean(a) − mean(b) of two independent samples of fork means, Welch's interval (unequal variances). */
    public static Interval welchDifference(double[] a, double[] b) {
        return estimate(a).minus(estimate(b)).interval();
    }

    /**
     * An estimate with its standard error and degrees of freedom, so that several can be combined
     * (contrasts, ratios) before the t quantile is applied once.
     */
    public record Estimate(double mean, double se, double df) {
        /** mean ± t(df)·se at the report's level; no bounds when se or df is unknown. */
        public Interval interval() {
            if (se == 0) {
                return new Interval(mean, mean, mean); // no spread at all (identical forks)
            }
            double half = t(df) * se;
            return Double.isFinite(half) ? new Interval(mean, mean - half, mean + half) : new Interval(mean, Double.NaN, Double.NaN);
        }

        public Estimate times(double k) {
            return new Estimate(mean * k, se * Math.abs(k), df);
        }

        /**
         * this / other for independent estimates by the delta method: se(q)² = (se_a² + q²·se_b²) / b²,
         * Welch–Satterthwaite df over the two terms. Fine while other's relative error is small,
         * which the report shows beside it.
         */
        public Estimate over(Estimate other) {
            double q = mean / other.mean;
            double va = se * se / (other.mean * other.mean);
            double vb = q * q * other.se * other.se / (other.mean * other.mean);
            double v = va + vb;
            double df = v == 0 ? Double.NaN : v * v / (va * va / this.df + vb * vb / other.df);
            return new Estimate(q, Math.sqrt(v), df);
        }

        /** this − other for independent estimates, Welch–Satterthwaite df. */
        public Estimate minus(Estimate other) {
            return contrast(new Estimate[]{this, other}, new double[]{1, -1});
        }

        /**
         * {@link RatioStats#REPLICATES} draws from this estimate's sampling distribution, mean + se·T_df
         * (normal for infinite df), fixed seed: paired with another quantity's bootstrap replicates they
         * carry this estimate's uncertainty into a ratio. Empty without a standard error.
         */
        public double[] draws() {
            return draws(RatioStats.SEED);
        }

        /** {@link #draws()} from another seed: draws of two estimates paired in one ratio must not share a random stream. */
        public double[] draws(long seed) {
            if (!(se > 0) || !(df > 0)) {
                return new double[0];
            }
            double[] d = new double[RatioStats.REPLICATES];
            if (Double.isInfinite(df)) {
                java.util.Random rnd = new java.util.Random(seed);
                for (int i = 0; i < d.length; i++) {
                    d[i] = mean + se * rnd.nextGaussian();
                }
                return d;
            }
            org.apache.commons.math3.distribution.TDistribution t = new org.apache.commons.math3.distribution.TDistribution(
                    new org.apache.commons.math3.random.Well19937c(seed), df);
            for (int i = 0; i < d.length; i++) {
                d[i] = mean + se * t.sample();
            }
            return d;
        }

        /** An estimate known only as a 95% interval (a figure from elsewhere): normal, se = half-width / 1.96. */
        public static Estimate fromInterval(Interval i) {
            return new Estimate(i.estimate(), i.hasBounds() ? (i.high() - i.low()) / 2 / 1.959963984540054 : Double.NaN,
                    Double.POSITIVE_INFINITY);
        }
    }

    /** A metric's fork means as one estimate; its score without an error when it has no raw data (a CSV). */
    public static Estimate estimate(Metric m) {
        double[] means = forkMeans(m);
        return means.length == 0 ? new Estimate(m.score(), Double.NaN, Double.NaN) : estimate(means);
    }

    /** The mean of independent observations with its standard error (n − 1 df). */
    public static Estimate estimate(double[] xs) {
        return new Estimate(mean(xs), xs.length < 2 ? Double.NaN : Math.sqrt(variance(xs) / xs.length), xs.length - 1);
    }

    /**
     * Σ w_i·mean_i over independent estimates (e.g. a difference in differences of four cells run as
     * separate forks): variance Σ w_i²·se_i², Welch–Satterthwaite degrees of freedom.
     */
    public static Estimate contrast(Estimate[] cells, double[] weights) {
        double m = 0, v = 0, dfDen = 0;
        for (int i = 0; i < cells.length; i++) {
            double vi = weights[i] * weights[i] * cells[i].se() * cells[i].se();
            m += weights[i] * cells[i].mean();
            v += vi;
            dfDen += vi * vi / cells[i].df();
        }
        double df = v == 0 ? Double.NaN : v * v / dfDen;
        return new Estimate(m, Math.sqrt(v), df);
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
