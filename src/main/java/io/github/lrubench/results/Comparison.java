package io.github.lrubench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Two runs side by side, as mmtests' compare-kernels: each figure in both runs, the ratio B/A
 * with its bootstrap interval (time ratio; for throughput A/B, so above 1 always means B is
 * slower), and a mark where the interval excludes 1. The report's {@code --against} section; the
 * {@code compare} command sets any number of runs against a baseline with the report's own
 * estimator instead ({@link RunComparison}).
 */
public final class Comparison {
    /** One compared figure. */
    public record Row(BenchmarkResult a, BenchmarkResult b, Interval ratio) {
        public boolean significant() {
            return ratio.excludes(1.0);
        }
    }

    private Comparison() {
    }

    /** Pairs results by benchmark, mode and parameters; refuses runs that do not match. */
    public static List<Row> compare(List<BenchmarkResult> a, List<BenchmarkResult> b, String nameA, String nameB) {
        Map<String, BenchmarkResult> ma = index(a), mb = index(b);
        if (!ma.keySet().equals(mb.keySet())) {
            TreeSet<String> onlyA = new TreeSet<>(ma.keySet());
            onlyA.removeAll(mb.keySet());
            TreeSet<String> onlyB = new TreeSet<>(mb.keySet());
            onlyB.removeAll(ma.keySet());
            throw new BadInputException("runs do not match: " + onlyA.size() + " benchmark/parameter combinations only in "
                    + nameA + (onlyA.isEmpty() ? "" : " (e.g. " + onlyA.first() + ")") + ", " + onlyB.size() + " only in " + nameB
                    + (onlyB.isEmpty() ? "" : " (e.g. " + onlyB.first() + ")"));
        }
        List<Row> rows = new ArrayList<>();
        for (var e : ma.entrySet()) {
            BenchmarkResult ra = e.getValue(), rb = mb.get(e.getKey());
            rows.add(new Row(ra, rb, RatioStats.costRatio(rb, ra)));
        }
        return rows;
    }

    private static Map<String, BenchmarkResult> index(List<BenchmarkResult> rs) {
        Map<String, BenchmarkResult> m = new LinkedHashMap<>();
        rs.forEach(r -> m.put(r.key(), r));
        return m;
    }

    public static String markdown(List<Row> rows, String nameA, String nameB) {
        StringBuilder sb = new StringBuilder();
        sb.append("A = `").append(nameA).append("`, B = `").append(nameB).append("`. Ratio = cost of B / cost of A ")
          .append("(time ratio; throughput inverted), ").append(RatioStats.METHOD)
          .append(". `*` marks an interval that excludes 1. A and B are JMH's scores with JMH's own `±`, a 99.9% half-interval, not the ratio's level.\n\n");
        sb.append("| benchmark | mode | params | unit | A (± 99.9%) | B (± 99.9%) | B/A [" + Math.round(RatioStats.LEVEL * 100) + "% interval] | |\n|---|---|---|---|--:|--:|--:|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.a().shortName(), r.a().mode(), r.a().paramLabel(),
                    r.a().primary().unit(), Format.score(r.a().primary()), Format.score(r.b().primary()),
                    r.ratio().format("%.3f"), r.significant() ? "*" : ""));
        }
        return sb.toString();
    }

    public static ChartSpec chart(List<Row> rows, String stem) {
        List<String> cats = new ArrayList<>();
        List<Double> y = new ArrayList<>(), e = new ArrayList<>();
        for (Row r : rows) {
            cats.add(r.a().shortName() + (r.a().params().isEmpty() ? "" : " " + r.a().paramLabel()));
            y.add(r.ratio().estimate());
            // XChart draws symmetric bars: the wider side of the bootstrap interval is shown.
            e.add(r.ratio().hasBounds() ? Math.max(r.ratio().high() - r.ratio().estimate(), r.ratio().estimate() - r.ratio().low()) : 0.0);
        }
        return new ChartSpec(stem, ChartSpec.Kind.BAR, "cost ratio B/A (1 = no change)", "", "ratio", cats,
                List.of(new ChartSpec.Series("B/A", List.of(), y, e)), false, false);
    }
}
