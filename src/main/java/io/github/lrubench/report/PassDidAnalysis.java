package io.github.lrubench.report;

import io.github.lrubench.bench.PassDid;
import io.github.lrubench.bench.PassDid.Cell;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.ForkStats.Estimate;
import io.github.lrubench.results.Metric;
import io.github.lrubench.run.PassDidObservation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The direct measurement of the check on a whole pass ({@link PassDid}): its forks analysed
 * as a difference in differences by round, with the control, a warm-up check, the variance
 * components that decide how many forks a target needs, and the composed estimate at the same
 * point beside it. Figures only: {@link PassDidSection} judges and prints them.
 */
public final class PassDidAnalysis {

    /**
     * The design's figures.
     *
     * @param rounds    complete rounds (all four cells), the unit of the paired estimates
     * @param cells     each cell's fork means
     * @param control   (LOCK_CLEAN − NONE_CLEAN) by round: no check runs, so what else differs (ns/pass)
     * @param effect    (LOCK_DIRTY − NONE_DIRTY) by round (ns/pass)
     * @param did       effect − control by round: the check's cost per pass at 100% dirty
     * @param warmup    first measured iteration against the rest of its fork, % of the fork's mean
     * @param withinSd  iterations around their fork's mean, % (pooled)
     * @param betweenSd fork means around their cell's mean, % (pooled)
     * @param isolated  pages isolated per pass at 100% dirty (NONE, from the counters): the pages checked
     * @param byIteration each measured iteration's mean over forks, % of its fork's mean (the warm-up profile)
     * @param drift     the later half of the rounds against the earlier half, % (each round's level over its four cells; rounds the unit)
     */
    record Analysis(int rounds, Map<Cell, Estimate> cells, Estimate control, Estimate effect, Estimate did,
                    Estimate warmup, double withinSd, double betweenSd, double isolated, List<Double> byIteration, Estimate drift) {

        double base() {
            return cells.get(Cell.NONE_DIRTY).mean();
        }

        /** DiD as % of the 100% dirty NONE pass, its interval carrying the base's error too. */
        Estimate didPercent() {
            return did.over(cells.get(Cell.NONE_DIRTY)).times(100);
        }

        Estimate controlPercent() {
            return control.over(cells.get(Cell.NONE_CLEAN)).times(100);
        }

        /** Rounds a DiD interval of ±1 percentage point of the base would need, from this run's spread of the DiD. */
        double roundsForOnePoint() {
            double sd = did.se() * Math.sqrt(rounds);
            double z = ForkStats.t(Math.max(rounds - 1, 1));
            double n = Math.pow(z * sd / (0.01 * base()), 2);
            return Math.ceil(n);
        }
    }

    /** Pages of a kind a fork's pass handled (ns per pass over the counter's ns per page of that kind). */
    static double perPass(PassDidObservation o, SuiteMetric counter) {
        Metric m = SuiteResults.metric(o.result(), counter);
        return m == null ? Double.NaN : o.result().primary().score() / m.score();
    }

    /** The analysis of complete rounds; null when fewer than two rounds are complete. */
    static Analysis analyse(List<PassDidObservation> obs) {
        Map<Integer, Map<Cell, PassDidObservation>> byRound = new TreeMap<>();
        for (PassDidObservation o : obs) {
            byRound.computeIfAbsent(o.round(), r -> new EnumMap<>(Cell.class)).put(o.cell(), o);
        }
        List<Map<Cell, PassDidObservation>> complete = byRound.values().stream().filter(m -> m.size() == Cell.values().length).toList();
        if (complete.size() < 2) {
            return null;
        }
        int n = complete.size();
        double[] control = new double[n], effect = new double[n], did = new double[n];
        Map<Cell, double[]> means = new EnumMap<>(Cell.class);
        for (Cell c : Cell.values()) {
            means.put(c, new double[n]);
        }
        for (int i = 0; i < n; i++) {
            Map<Cell, PassDidObservation> r = complete.get(i);
            for (Cell c : Cell.values()) {
                means.get(c)[i] = r.get(c).mean();
            }
            control[i] = r.get(Cell.LOCK_CLEAN).mean() - r.get(Cell.NONE_CLEAN).mean();
            effect[i] = r.get(Cell.LOCK_DIRTY).mean() - r.get(Cell.NONE_DIRTY).mean();
            did[i] = effect[i] - control[i];
        }
        Map<Cell, Estimate> cells = new EnumMap<>(Cell.class);
        means.forEach((c, m) -> cells.put(c, ForkStats.estimate(m)));
        // Warm-up: is the first measured iteration of a fork an outlier against the rest of it?
        List<Double> first = new ArrayList<>();
        List<double[]> profile = new ArrayList<>();
        double within = 0;
        int withinDf = 0;
        for (Map<Cell, PassDidObservation> r : complete) {
            for (PassDidObservation o : r.values()) {
                List<Double> it = o.iterations();
                double m = o.mean();
                for (double v : it) {
                    within += Math.pow((v - m) / m, 2);
                }
                withinDf += it.size() - 1;
                double[] rel = new double[it.size()];
                for (int k = 0; k < rel.length; k++) {
                    rel[k] = 100 * it.get(k) / m;
                }
                profile.add(rel);
                if (it.size() >= 2) {
                    double rest = it.subList(1, it.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                    first.add(100 * (it.get(0) - rest) / rest);
                }
            }
        }
        double between = 0;
        for (Cell c : Cell.values()) {
            between += ForkStats.variance(means.get(c)) / Math.pow(ForkStats.mean(means.get(c)), 2);
        }
        double[] isolated = complete.stream().mapToDouble(r -> perPass(r.get(Cell.NONE_DIRTY), SuiteMetric.ISOLATED_PAGE)).toArray();
        int positions = profile.stream().mapToInt(p -> p.length).min().orElse(0);
        List<Double> byIteration = new ArrayList<>();
        for (int k = 0; k < positions; k++) {
            int kk = k;
            byIteration.add(profile.stream().mapToDouble(p -> p[kk]).average().orElse(Double.NaN));
        }
        // Drift: rounds are the unit (a round's four forks ran back to back, so they share its
        // moment): each round's level is the mean over its cells of each fork as % of its cell's
        // earlier-half mean; the later half of the rounds against the earlier half, Welch.
        Estimate drift = null;
        if (n >= 4) {
            double[] level = new double[n];
            for (Cell c : Cell.values()) {
                double[] all = means.get(c);
                double base = ForkStats.mean(Arrays.copyOfRange(all, 0, n / 2));
                for (int r = 0; r < n; r++) {
                    level[r] += 100 * all[r] / base / Cell.values().length;
                }
            }
            drift = ForkStats.estimate(Arrays.copyOfRange(level, n / 2, n)).minus(ForkStats.estimate(Arrays.copyOfRange(level, 0, n / 2)));
        }
        return new Analysis(n, cells, ForkStats.estimate(control), ForkStats.estimate(effect), ForkStats.estimate(did),
                ForkStats.estimate(first.stream().mapToDouble(Double::doubleValue).toArray()),
                withinDf > 0 ? 100 * Math.sqrt(within / withinDf) : Double.NaN,
                100 * Math.sqrt(between / Cell.values().length), ForkStats.mean(isolated), List.copyOf(byIteration), drift);
    }

    /** The check's composed cost per pass at the design's point: c times the dirty pages a pass checks. */
    static Estimate composed(Analysis a, CheckCost cost) {
        return cost.cost().times(a.isolated());
    }
}
