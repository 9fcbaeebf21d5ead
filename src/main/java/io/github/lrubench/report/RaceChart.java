package io.github.lrubench.report;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Interval;
import org.apache.commons.math3.distribution.BetaDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The race table as a chart, so that "not seen" reads as "at most this often" (a 95% bound from the trials run) beside the rates where the race was seen. */
final class RaceChart {
    /** Chart file stem. */
    static final String CHART = "race-outcomes";
    /** Two-sided level of the Clopper–Pearson interval. */
    static final double ALPHA = 0.05;

    private RaceChart() {
    }

    /**
     * The forbidden outcome's rate per dirty-page check: when seen, the rate with its exact
     * (Clopper–Pearson) 95% interval; when not, 0 with the rule-of-three bound 3/n (one-sided 95%).
     * NaN bounds with no trials.
     */
    static Interval rate(long seen, long n) {
        if (n <= 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        if (seen == 0) {
            return new Interval(0, 0, Math.min(1, 3.0 / n));
        }
        double lo = new BetaDistribution(seen, n - seen + 1).inverseCumulativeProbability(ALPHA / 2);
        double hi = seen == n ? 1 : new BetaDistribution(seen + 1, n - seen).inverseCumulativeProbability(1 - ALPHA / 2);
        return new Interval((double) seen / n, lo, hi);
    }

    /**
     * One category per row (check × free), one series per reading of the race (open, closed in
     * practice, closed by contract) and outcome (seen: a point with its interval; not seen: its
     * upper bound as a downward triangle), on a log axis.
     */
    static ChartSpec chart(List<RaceOutcome> rows) {
        List<RaceOutcome> rs = rows.stream().filter(r -> r.dirtyPageChecks() > 0).toList();
        if (rs.isEmpty()) {
            return null;
        }
        boolean windows = rs.stream().map(RaceOutcome::windowNs).distinct().count() > 1;
        List<String> cats = rs.stream().map(r -> r.check().name() + " × " + r.free().name() + (windows ? " @" + r.windowNs() + " ns" : "")).toList();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (InodeFreePolicy.Safety safety : List.of(InodeFreePolicy.Safety.OPEN, InodeFreePolicy.Safety.CLOSED_IN_PRACTICE,
                InodeFreePolicy.Safety.CLOSED_BY_CONTRACT)) {
            for (boolean seen : List.of(true, false)) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < rs.size(); i++) {
                    if (rs.get(i).safety() == safety && rs.get(i).forbiddenSeen() == seen) {
                        idx.add(i);
                    }
                }
                if (!idx.isEmpty()) {
                    groups.put("race " + safety.text() + (seen ? ": seen, rate [95% CI]" : ": not seen, 95% upper bound 3/n")
                            + (seen && safety != InodeFreePolicy.Safety.OPEN ? " (FAIL)" : ""), idx);
                }
            }
        }
        List<ChartSpec.Series> series = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            boolean seen = rs.get(g.getValue().get(0)).forbiddenSeen();
            List<Double> y = new ArrayList<>(), lo = new ArrayList<>(), hi = new ArrayList<>();
            for (int i = 0; i < rs.size(); i++) {
                Interval r = rate(rs.get(i).uafDetected(), rs.get(i).dirtyPageChecks());
                boolean in = g.getValue().contains(i);
                y.add(!in ? Double.NaN : seen ? r.estimate() : r.high());
                lo.add(in && seen ? r.low() : Double.NaN);
                hi.add(in && seen ? r.high() : Double.NaN);
            }
            ChartSpec.Series s = ChartSpec.Series.of(g.getKey(), List.of(), y, seen ? ChartSpec.Style.MARKERS : ChartSpec.Style.UPPER_BOUND);
            series.add((seen ? s.withBounds(lo, hi) : s).withNonNegative(true));
        }
        return new ChartSpec(CHART, ChartSpec.Kind.BAR, "use after free per dirty-page check, by isolation check × inode free",
                "", "use after free per check (log)", cats, series, false, true)
                .withReferences(List.of(ChartSpec.Reference.horizontal(1, "every check")));
    }
}
