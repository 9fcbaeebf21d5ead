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
        return estimate(a).minus(estimate(b)).interval();
    }

    /**
     * An estimate with its standard error and degrees of freedom, so that several can be combined
     * (contrasts, ratios) before the t quantile is applied once.
     */
    public record Estimate(double mean, double se, double df) {
        /** mean ± t(df)·se at the report's level; no bounds when se or df is unknown. */
        public Interval interval() {
            double half = t(df) * se;
            return Double.isFinite(half) ? new Interval(mean, mean - half, mean + half) : new Interval(mean, Double.NaN, Double.NaN);
        }

        public Estimate times(double k) {
            return new Estimate(mean * k, se * Math.abs(k), df);
        }

        /**
         * this / other by the delta method: relative errors add in quadrature; the smaller df is
         * kept (conservative). Fine while neither relative error is large, which the report shows.
         */
        public Estimate over(Estimate other) {
            double q = mean / other.mean;
            double rel2 = (se / mean) * (se / mean) + (other.se / other.mean) * (other.se / other.mean);
            double se = Math.abs(q) * Math.sqrt(rel2);
            if (mean == 0) {
                se = this.se / Math.abs(other.mean);
            }
            return new Estimate(q, se, Math.min(df, other.df));
        }

        /** this − other for independent estimates, Welch–Satterthwaite df. */
        public Estimate minus(Estimate other) {
            return contrast(new Estimate[]{this, other}, new double[]{1, -1});
        }
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
