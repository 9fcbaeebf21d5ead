package io.github.lrubench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.lrubench.bench.PassDid;
import io.github.lrubench.bench.PassDid.Cell;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.ForkStats.Estimate;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.Metric;
import io.github.lrubench.run.PassDidObservation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The direct measurement of the check on a whole pass ({@link PassDid}): its forks analysed
 * as a difference in differences by round, with the control, a warm-up check, the variance
 * components that decide how many forks a target needs, and the composed estimate at the same
 * point beside it.
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
     * @param drift     fork means of the later half of the rounds against the earlier half, % (every cell alike)
     */
    record Analysis(int rounds, Map<Cell, Estimate> cells, Estimate control, Estimate effect, Estimate did,
                    Estimate warmup, double withinSd, double betweenSd, double isolated, List<Double> byIteration, Estimate drift) {

        double base() {
            return cells.get(Cell.NONE_DIRTY).mean();
        }

        double controlBase() {
            return cells.get(Cell.NONE_CLEAN).mean();
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

    /** The analysis of complete rounds; null when fewer than two rounds are complete. */
    /** Pages of a kind a fork's pass handled (ns per pass over the counter's ns per page of that kind). */
    static double perPass(PassDidObservation o, SuiteMetric counter) {
        Metric m = SuiteResults.metric(o.result(), counter);
        return m == null ? Double.NaN : o.result().primary().score() / m.score();
    }

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
        // Drift: each cell's later-half fork means against its earlier-half ones, pooled over cells.
        Estimate drift = null;
        if (n >= 4) {
            Estimate[] halves = new Estimate[2 * Cell.values().length];
            double[] w = new double[halves.length];
            int i = 0;
            for (Cell c : Cell.values()) {
                double[] all = means.get(c);
                double base = ForkStats.mean(Arrays.copyOfRange(all, 0, n / 2));
                halves[i] = ForkStats.estimate(Arrays.stream(Arrays.copyOfRange(all, n / 2, n)).map(v -> 100 * v / base).toArray());
                halves[i + 1] = ForkStats.estimate(Arrays.stream(Arrays.copyOfRange(all, 0, n / 2)).map(v -> 100 * v / base).toArray());
                w[i] = 1.0 / Cell.values().length;
                w[i + 1] = -1.0 / Cell.values().length;
                i += 2;
            }
            drift = ForkStats.contrast(halves, w);
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

    static final String CHART = "verdict-direct-pass-forks";

    /** The section's markdown and the per-fork chart; a line saying so when the run has no design. */
    static Section of(List<PassDidObservation> obs, CheckCost cost) {
        StringBuilder md = new StringBuilder("### Direct measurement: a difference in differences on the pass\n\n");
        Analysis a = obs == null ? null : analyse(obs);
        if (a == null) {
            return Section.text(md.append("did.json: not in this run (or fewer than two complete rounds), so no direct measurement.\n\n").toString());
        }
        Interval ctl = a.control().interval(), ctlPct = a.controlPercent().interval();
        Interval did = a.did().interval(), didPct = a.didPercent().interval();
        md.append(String.format(Locale.ROOT, "%s at x = 0 (%s, every parameter fixed), four cells: NONE and PAGE_LOCK at 0%% dirty "
                + "(the control: no page is dirty, so the check never runs) and at 100%% dirty. Each fork is its own JMH invocation of "
                + "one cell; %d rounds of four forks ran in ABBA order (ABCD, DCBA, ...), so drift falls on every cell alike. "
                + "Estimates are by round (%d rounds, t with %d df): DiD = (LOCK_DIRTY − NONE_DIRTY) − (LOCK_CLEAN − NONE_CLEAN).%n%n",
                PassDid.SUITE.simpleName(), PassDid.MODE, a.rounds(), a.rounds(), a.rounds() - 1));
        md.append("| cell | check | dirty % | forks | ns per pass, mean [95% CI] |\n|---|---|--:|--:|--:|\n");
        for (Cell c : Cell.values()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s |%n", c, c.check, c.dirtyPercent, a.rounds(),
                    a.cells().get(c).interval().format("%.1f")));
        }
        Estimate composed = cost == null ? null : composed(a, cost);
        Estimate composedPct = composed == null ? null : composed.over(a.cells().get(Cell.NONE_DIRTY)).times(100);
        md.append("\n| figure | Δ ns per pass [95% CI] | % of the NONE pass [95% CI] |\n|---|--:|--:|\n");
        md.append(String.format(Locale.ROOT, "| control: PAGE_LOCK − NONE at 0%% dirty (no check runs) | %s | %s |%n",
                ctl.format("%+.1f"), ctlPct.format("%+.2f")));
        md.append(String.format(Locale.ROOT, "| PAGE_LOCK − NONE at 100%% dirty | %s | %s |%n",
                a.effect().interval().format("%+.1f"), a.effect().over(a.cells().get(Cell.NONE_DIRTY)).times(100).interval().format("%+.2f")));
        md.append(String.format(Locale.ROOT, "| **direct: difference in differences** | **%s** | **%s** |%n", did.format("%+.1f"), didPct.format("%+.2f")));
        if (composed != null) {
            md.append(String.format(Locale.ROOT, "| composed: c × %.2f dirty pages checked per pass | %s | %s |%n", a.isolated(),
                    composed.interval().format("%+.1f"), composedPct.interval().format("%+.2f")));
        }
        md.append('\n');
        // What the control says, what the direct figure resolves, and whether the two estimates agree.
        boolean controlClean = !ctl.excludes(0);
        md.append(String.format(Locale.ROOT, "**Control.** Its interval %s zero (%s ns, %s%% of the pass)%s.%n%n",
                controlClean ? "contains" : "**excludes**", ctl.format("%+.1f"), ctlPct.format("%+.2f"),
                controlClean ? "" : ": the two variants differ where no check runs, and the DiD subtracts that"));
        double half = (didPct.high() - didPct.low()) / 2;
        md.append(String.format(Locale.ROOT, "**Resolution.** The direct overhead at 100%% dirty is %s%% of a pass; its interval's half-width is "
                        + "%.2f percentage points (target: 1). Fork means vary by %.1f%% (SD) around their cell's mean and iterations by %.1f%% "
                        + "around their fork's mean; at this spread a ±1 point interval needs about %.0f rounds (%d ran).%n%n",
                didPct.format("%+.2f"), half, a.betweenSd(), a.withinSd(), a.roundsForOnePoint(), a.rounds()));
        if (composed != null) {
            Estimate diff = a.didPercent().minus(composedPct);
            Interval d = diff.interval();
            md.append(String.format(Locale.ROOT, "**Direct against composed.** Direct − composed = %s percentage points: %s.%n%n",
                    d.format("%+.2f"), !d.hasBounds() ? "cannot be judged, an estimate has no interval (one fork per cell)" : d.excludes(0)
                            ? "the two estimates **disagree** beyond their intervals; the composed figure rests on the pageblock scan's c, "
                            + "the direct one on whole passes, and one of them misses a cost the other carries"
                            : (half > 1 ? "they agree within their intervals, which are wide: the direct measurement cannot tell them apart"
                            : "they agree within their intervals")));
        }
        Interval w = a.warmup().interval();
        md.append(String.format(Locale.ROOT, "**Warm-up.** The first measured iteration of a fork differs from the rest of that fork by %s%% "
                + "(over %d forks, after %s): %s. Each measured iteration as %% of its fork's mean, averaged over forks: %s.%n%n", w.format("%+.2f"),
                a.rounds() * Cell.values().length, warmupLabel(obs),
                w.excludes(0) ? "**it is an outlier**: the forks were not yet steady, or the first iteration carries what the warm-up left behind"
                        : "no sign of a warm-up transient",
                a.byIteration().stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).collect(java.util.stream.Collectors.joining(", "))));
        if (a.drift() != null) {
            Interval dr = a.drift().interval();
            md.append(String.format(Locale.ROOT, "**Drift.** Fork means of the later half of the rounds against the earlier half, every cell alike: "
                    + "%s%%. %s%n%n", dr.format("%+.2f"), dr.excludes(0)
                    ? "The machine changed under the run: what ABBA interleaving is for, since it falls on every cell alike; it still "
                    + "widens every interval, and the chart shows where."
                    : "No drift beyond noise."));
        }
        md.append("![pass fork means in run order](charts/").append(CHART).append(".png)\n\n");
        return new Section(md.toString(), List.of(chart(obs)));
    }

    /** The warm-up the forks had, from the JMH result's own record of it. */
    private static String warmupLabel(List<PassDidObservation> obs) {
        return obs.get(0).warmup();
    }

    /** Chart (3): each fork's mean in run order, one series per cell, so bimodality and drift are visible. */
    static ChartSpec chart(List<PassDidObservation> obs) {
        List<ChartSpec.Series> series = new ArrayList<>();
        for (Cell c : Cell.values()) {
            List<PassDidObservation> mine = obs.stream().filter(o -> o.cell() == c).toList();
            series.add(new ChartSpec.Series(c + " (" + c.check + ", " + c.dirtyPercent + "% dirty)",
                    mine.stream().map(o -> (double) o.sequence()).toList(), mine.stream().map(PassDidObservation::mean).toList(),
                    mine.stream().map(o -> 0.0).toList(), ChartSpec.Style.MARKERS));
        }
        return new ChartSpec(CHART, ChartSpec.Kind.LINE, "compaction pass at x = 0: each fork's mean, in run order (ABBA rounds)",
                "fork in run order", "ns per pass", List.of(), series, false, false);
    }
}
