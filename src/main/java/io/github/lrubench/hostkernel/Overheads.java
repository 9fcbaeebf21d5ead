package io.github.lrubench.hostkernel;

import io.github.lrubench.results.Interval;
import io.github.lrubench.results.RatioStats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The check's overhead c / t, where t is compaction time per check (or per migrated page) from a
 * calibration's trials, with both uncertainties carried: each replicate pairs one draw of c with
 * one bootstrap replicate of the median t over the trials, and the interval is the percentile
 * interval of {@link RatioStats}. One method, used by calibrate's console, calibration.json and the
 * report alike.
 */
public final class Overheads {
    private Overheads() {
    }

    /**
     * @param c      the check's cost, ns
     * @param cReps  draws of c from its sampling distribution (empty: c taken as exact)
     * @param t      one t per counted trial, ns
     * @param seed   for the bootstrap of the median of t
     * @return the overhead as a fraction, NaN without trials
     */
    public static Interval of(double c, double[] cReps, double[] t, long seed) {
        if (t.length == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        double point = c / OrderStatistics.median(t);
        double[] tReps = medianReplicates(t, seed);
        double[] reps = new double[RatioStats.REPLICATES];
        for (int i = 0; i < reps.length; i++) {
            reps[i] = (cReps.length == 0 ? c : cReps[i % cReps.length]) / tReps[i];
        }
        return RatioStats.percentileInterval(point, reps);
    }

    /** Bootstrap replicates of the median of {@code v}. */
    public static double[] medianReplicates(double[] v, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] reps = new double[RatioStats.REPLICATES];
        double[] draw = new double[v.length];
        for (int i = 0; i < reps.length; i++) {
            for (int j = 0; j < v.length; j++) {
                draw[j] = v[rnd.nextInt(v.length)];
            }
            Arrays.sort(draw);
            reps[i] = draw.length % 2 == 1 ? draw[draw.length / 2] : (draw[draw.length / 2 - 1] + draw[draw.length / 2]) / 2;
        }
        return reps;
    }

    /**
     * Draws of c for a figure given only as an estimate with a 95% interval (calibrate's
     * {@code --check-ns}): normal, with the interval's half-width over 1.96 as its standard error.
     */
    public static double[] drawsFromInterval(Interval c) {
        if (!c.hasBounds()) {
            return new double[0];
        }
        double se = (c.high() - c.low()) / 2 / 1.959963984540054;
        java.util.Random rnd = new java.util.Random(RatioStats.SEED);
        double[] d = new double[RatioStats.REPLICATES];
        for (int i = 0; i < d.length; i++) {
            d[i] = c.estimate() + se * rnd.nextGaussian();
        }
        return d;
    }
}
