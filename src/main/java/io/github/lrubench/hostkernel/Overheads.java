package io.github.lrubench.hostkernel;

import io.github.lrubench.results.Interval;
import io.github.lrubench.results.RatioStats;

import java.util.Arrays;
import java.util.List;
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

    /**
     * The median of {@code t} with the percentile interval of the same bootstrap replicates
     * {@link #of} pairs with c (same seed): the interval a report prints beside the overhead it
     * propagates, so t has one interval method.
     */
    public static Interval medianInterval(double[] t, long seed) {
        if (t.length == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        return RatioStats.percentileInterval(OrderStatistics.median(t), medianReplicates(t, seed));
    }

    /** The medians and their bootstrap intervals per isolated page, per scanned pfn and per migrated page, with {@link #ofMode}'s seeds. */
    public static OfMode timesOfMode(List<Calibration.ModeTrial> trials) {
        return new OfMode(medianInterval(Calibration.Mode.nsPer(trials, Calibration.Mode.Per.ISOLATED_PAGE), RatioStats.SEED),
                medianInterval(Calibration.Mode.nsPer(trials, Calibration.Mode.Per.SCANNED_PFN), RatioStats.SEED + 1),
                medianInterval(Calibration.Mode.nsPer(trials, Calibration.Mode.Per.MIGRATED_PAGE), RatioStats.SEED + 2));
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

    /** A mode's three overheads: c over the time per isolated page, per scanned pfn, per migrated page (fractions). */
    public record OfMode(Interval ifIsolated, Interval ifScanned, Interval perMigratedPage) {
    }

    /**
     * The overheads of one mode's counted trials with c and its draws; one seed per ratio, so the
     * calibration and the report, given the same c, print the same figures.
     */
    public static OfMode ofMode(List<Calibration.ModeTrial> trials, double c, double[] cDraws) {
        return new OfMode(of(c, cDraws, Calibration.Mode.nsPer(trials, Calibration.Mode.Per.ISOLATED_PAGE), RatioStats.SEED),
                of(c, cDraws, Calibration.Mode.nsPer(trials, Calibration.Mode.Per.SCANNED_PFN), RatioStats.SEED + 1),
                of(c, cDraws, Calibration.Mode.nsPer(trials, Calibration.Mode.Per.MIGRATED_PAGE), RatioStats.SEED + 2));
    }
}
