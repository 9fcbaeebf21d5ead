package io.github.lrubench.results;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link RunComparison} is printed: a Markdown table in compare-kernels' layout (the
 * baseline's column, then for each other run its mean, Δ and Δ %) and a chart of each run's Δ % per
 * row. The runs are named A (the baseline), B, C, ... and their names listed once above the table.
 */
public final class RunComparisonMarkdown {
    /** What a row a run lacks shows, as compare-kernels does. */
    public static final String ABSENT = "-";

    private RunComparisonMarkdown() {
    }

    /** The column name of run {@code i}: A, B, ..., Z, AA, AB, ... */
    public static String letter(int i) {
        return (i >= 26 ? letter(i / 26 - 1) : "") + (char) ('A' + i % 26);
    }

    /** "A = `run-1` (the baseline), B = `run-2`, C = `run-3`." */
    public static String legend(List<String> runs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            parts.add(letter(i) + " = `" + runs.get(i) + "`" + (i == 0 ? " (the baseline)" : ""));
        }
        return String.join(", ", parts) + ".";
    }

    public static String markdown(RunComparison c) {
        int n = c.runs().size();
        int level = (int) Math.round(RatioStats.LEVEL * 100);
        StringBuilder sb = new StringBuilder(legend(c.runs()));
        sb.append(" Each figure is a run's mean of fork means of the benchmark's primary metric (forks are JMH's independent unit), ")
          .append("A's with its Student t interval. For each other run X, X − A is the difference in the row's unit with Welch's interval on ")
          .append("fork means (a time: + is slower; a throughput: + is faster), then that difference in % of A (delta method); ")
          .append("`*` marks a difference whose interval excludes 0. One confidence level, ").append(level)
          .append("%, throughout. Figures are rounded to their interval by the Particle Data Group's rule (the half-width's leading digits 100-354 keep two significant digits, 355-949 one, 950-999 round up to two).\n\n");
        sb.append(absence(c)).append("\n\n");
        StringBuilder head = new StringBuilder("| benchmark | mode | params | unit | A [" + level + "% CI] |");
        StringBuilder rule = new StringBuilder("|---|---|---|---|--:|");
        for (int i = 1; i < n; i++) {
            String x = letter(i);
            head.append(" ").append(x).append(" | ").append(x).append(" − A [").append(level).append("% CI] | ")
                .append(x).append(" − A % | |");
            rule.append("--:|--:|--:|---|");
        }
        sb.append(head).append('\n').append(rule).append('\n');
        for (RunComparison.Row r : c.rows()) {
            BenchmarkResult w = r.what();
            sb.append("| ").append(w.shortName()).append(" | ").append(w.mode()).append(" | ").append(w.paramLabel()).append(" | ")
              .append(r.unit()).append(" | ").append(r.cells().get(0).map(b -> Format.interval(b.mean(), false)).orElse(ABSENT)).append(" |");
            for (int i = 1; i < n; i++) {
                Optional<RunComparison.Cell> cell = r.cells().get(i);
                ForkComparison vs = cell.map(RunComparison.Cell::vsBaseline).orElse(null);
                sb.append(' ').append(cell.map(x -> Format.estimate(x.mean(), false)).orElse(ABSENT)).append(" | ")
                  .append(vs == null ? ABSENT : Format.interval(vs.delta(), true)).append(" | ")
                  .append(vs == null ? ABSENT : Format.estimate(vs.percent(), true) + "%").append(" | ")
                  .append(cell.map(RunComparison.Cell::resolved).orElse(false) ? "*" : "").append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** "83 rows (benchmark, mode, parameters, unit) in all; A lacks 33, B lacks 33, C lacks 25 (shown as -; ...)." */
    static String absence(RunComparison c) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < c.runs().size(); i++) {
            parts.add(letter(i) + " lacks " + c.absent(i));
        }
        boolean any = c.rows().stream().anyMatch(r -> r.cells().stream().anyMatch(Optional::isEmpty));
        return c.rows().size() + " rows (benchmark, mode, parameters, unit) in all; " + String.join(", ", parts)
                + (any ? " (shown as " + ABSENT + "; a row the baseline lacks has no difference)." : ".");
    }

    /**
     * Each other run's Δ % of the baseline per row with its interval, one point per run and row
     * (runs apart, so no interval hides another), a line at 0. Rows without a difference are left out.
     */
    public static ChartSpec chart(RunComparison c, String stem) {
        int n = c.runs().size();
        List<String> cats = new ArrayList<>();
        List<List<Double>> y = new ArrayList<>(), lo = new ArrayList<>(), hi = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            y.add(new ArrayList<>());
            lo.add(new ArrayList<>());
            hi.add(new ArrayList<>());
        }
        List<RunComparison.Row> drawn = c.rows().stream()
                .filter(r -> r.cells().stream().skip(1).anyMatch(x -> x.map(RunComparison.Cell::vsBaseline).isPresent())).toList();
        Set<String> seen = new HashSet<>();
        for (RunComparison.Row r : drawn) {
            String row = chartLabel(r, drawn);
            for (int i = 1; i < n; i++) {
                ForkComparison vs = r.cells().get(i).map(RunComparison.Cell::vsBaseline).orElse(null);
                if (vs == null) {
                    continue;
                }
                String label = letter(i) + ": " + row;
                for (int k = 2; !seen.add(label); k++) {
                    label = letter(i) + ": " + row + " (" + k + ")"; // another mode or unit of the same row
                }
                cats.add(label);
                Interval p = vs.percent();
                for (int j = 1; j < n; j++) {
                    y.get(j - 1).add(j == i ? p.estimate() : Double.NaN);
                    lo.get(j - 1).add(j == i && p.hasBounds() ? p.low() : Double.NaN);
                    hi.get(j - 1).add(j == i && p.hasBounds() ? p.high() : Double.NaN);
                }
            }
        }
        List<ChartSpec.Series> series = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            List<Double> zeros = y.get(i - 1).stream().map(v -> 0.0).toList();
            series.add(new ChartSpec.Series(letter(i) + ": " + c.runs().get(i), List.of(), y.get(i - 1), zeros, ChartSpec.Style.MARKERS)
                    .withBounds(lo.get(i - 1), hi.get(i - 1)));
        }
        List<Double> zero = cats.stream().map(l -> 0.0).toList();
        series.add(new ChartSpec.Series("Δ = 0", List.of(), zero, zero, ChartSpec.Style.CURVE));
        return new ChartSpec(stem, ChartSpec.Kind.BAR, "Each run against A (" + c.runs().get(0) + "): Δ % with "
                + Math.round(RatioStats.LEVEL * 100) + "% interval", "run: benchmark, parameters", "Δ % of A", cats, series, false, false);
    }

    /**
     * "Class.method k=v k=v": the row's parameters but those every drawn row of its benchmark shares
     * (they tell no row apart and would make the labels the chart's largest part).
     */
    static String chartLabel(RunComparison.Row row, List<RunComparison.Row> drawn) {
        StringBuilder sb = new StringBuilder(row.what().shortName());
        List<BenchmarkResult> same = drawn.stream().map(RunComparison.Row::what)
                .filter(w -> w.benchmark().equals(row.what().benchmark())).toList();
        row.what().params().forEach((k, v) -> {
            if (same.stream().anyMatch(w -> !v.equals(w.param(k)))) {
                sb.append(' ').append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }
}
