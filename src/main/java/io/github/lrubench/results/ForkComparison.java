package io.github.lrubench.results;

/**
 * A variant against a baseline, forks as the unit ({@link ForkStats}): each side's mean of fork
 * means with its Student t interval, the difference variant − baseline with Welch's interval, and
 * that difference in percent of the baseline, 100·(variant/baseline − 1), whose interval carries
 * both means' uncertainty (delta method, Welch–Satterthwaite degrees of freedom), all at
 * {@link RatioStats#LEVEL}.
 *
 * <p>A difference is judged against a <em>control</em>: the same comparison where the variant
 * cannot act, so any difference it shows is the measurement's own (drift between cells, JIT and
 * layout luck). Its detection floor is {@link #floor}, and a difference is resolved only when its
 * whole interval lies beyond that floor on one side of zero ({@link #beyond}).
 */
public record ForkComparison(Interval baseline, Interval variant, Interval delta, Interval percent) {

    public static final String METHOD = "difference of means of fork means with Welch's t interval; "
            + "the percent of the baseline by the delta method (both means' uncertainty, Welch–Satterthwaite df)";

    /** From JMH's raw data; without it (a CSV source) the scores alone, with no bounds. */
    public static ForkComparison of(Metric variant, Metric baseline) {
        double[] v = ForkStats.forkMeans(variant), b = ForkStats.forkMeans(baseline);
        if (v.length == 0 || b.length == 0) {
            return of(new double[] {variant.score()}, new double[] {baseline.score()});
        }
        return of(v, b);
    }

    /** A metric's mean of fork means with its t interval; its score with no bounds when it has no raw data. */
    public static Interval mean(Metric m) {
        double[] f = ForkStats.forkMeans(m);
        return f.length == 0 ? new Interval(m.score(), Double.NaN, Double.NaN) : ForkStats.meanInterval(f);
    }

    /** From fork means of the variant and of the baseline. */
    public static ForkComparison of(double[] variant, double[] baseline) {
        return new ForkComparison(ForkStats.meanInterval(baseline), ForkStats.meanInterval(variant),
                ForkStats.welchDifference(variant, baseline), percentOf(variant, baseline));
    }

    /**
     * 100·(mean(v)/mean(b) − 1) with a delta-method interval: se(r)² = (s_v²/n_v + r²·s_b²/n_b) / mean(b)²,
     * t at Welch–Satterthwaite df. NaN bounds with fewer than two forks on either side.
     */
    static Interval percentOf(double[] v, double[] b) {
        // The ratio's one home is ForkStats.Estimate.over; here shifted to percent above the baseline.
        Interval r = ForkStats.estimate(v).over(ForkStats.estimate(b)).interval();
        return new Interval(100 * (r.estimate() - 1), 100 * (r.low() - 1), 100 * (r.high() - 1));
    }

    /**
     * A control's detection floor F: the farthest from zero its difference's interval reaches,
     * max(|low|, |high|). NaN without bounds.
     */
    public static double floor(Interval control) {
        return control.hasBounds() ? Math.max(Math.abs(control.low()), Math.abs(control.high())) : Double.NaN;
    }

    /**
     * True when the difference's whole interval lies beyond the floor on one side: low &gt; F or
     * high &lt; −F (so it also excludes zero). False without bounds or without a floor.
     */
    public static boolean beyond(Interval difference, double floor) {
        return difference.hasBounds() && Double.isFinite(floor) && (difference.low() > floor || difference.high() < -floor);
    }
}
