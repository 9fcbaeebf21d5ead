package io.github.lrubench.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Several runs side by side, as mmtests' compare-kernels: the first run is the baseline, and every
 * benchmark, mode, parameter combination and unit that any run has is a row. Each run's figure on a
 * row is its mean of fork means; each other run is set against the baseline with the report's
 * estimator, {@link ForkComparison}: the difference with Welch's interval on fork means and that
 * difference in percent of the baseline, at {@link RatioStats#LEVEL}. A row a run lacks is absent
 * there rather than a reason to refuse the rest; a run that shares no row with the baseline is
 * refused, as there is nothing to compare it on.
 *
 * @param runs the runs' names, the baseline first
 * @param rows grouped by benchmark in the order the runs list them
 */
public record RunComparison(List<String> runs, List<Row> rows) {

    public RunComparison {
        runs = List.copyOf(runs);
        rows = List.copyOf(rows);
    }

    /** One run's results under the name the comparison shows. */
    public record Run(String name, List<BenchmarkResult> results) {
    }

    /**
     * One run's figure on a row.
     *
     * @param mean       its mean of fork means with the Student t interval (no bounds without raw data)
     * @param vsBaseline against the baseline's; null for the baseline itself and where the baseline lacks the row
     */
    public record Cell(Interval mean, ForkComparison vsBaseline) {
        /** The difference's interval excludes 0. */
        public boolean resolved() {
            return vsBaseline != null && vsBaseline.delta().excludes(0);
        }
    }

    /**
     * One benchmark in one mode with one parameter combination, in one unit.
     *
     * @param what  the row as the first run that has it names it (benchmark, mode, parameters, unit)
     * @param cells one per run, in the runs' order; empty where the run lacks the row
     */
    public record Row(BenchmarkResult what, List<Optional<Cell>> cells) {
        public Row {
            cells = List.copyOf(cells);
        }

        public String unit() {
            return what.primary().unit();
        }
    }

    /**
     * The comparison of two or more runs, the first the baseline. A run that shares no benchmark,
     * mode, parameters and unit with the baseline is a BadInputException naming both.
     */
    public static RunComparison of(List<Run> runs) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a comparison needs two runs or more, got " + runs.size());
        }
        Map<String, BenchmarkResult[]> byKey = new LinkedHashMap<>();
        Map<String, Integer> benchmarkOrder = new HashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            for (BenchmarkResult r : runs.get(i).results()) {
                // A unit is part of a row: a figure in us/op is not set against one in ns/op.
                byKey.computeIfAbsent(r.key() + " in " + r.primary().unit(), k -> new BenchmarkResult[runs.size()])[i] = r;
                benchmarkOrder.putIfAbsent(r.benchmark(), benchmarkOrder.size());
            }
        }
        List<BenchmarkResult[]> lines = new ArrayList<>(byKey.values());
        // Rows only other runs have join their benchmark's rows (a stable sort keeps each run's order).
        lines.sort(java.util.Comparator.comparingInt(l -> benchmarkOrder.get(any(l).benchmark())));
        List<Row> rows = lines.stream().map(RunComparison::row).toList();
        RunComparison c = new RunComparison(runs.stream().map(Run::name).toList(), rows);
        for (int i = 1; i < runs.size(); i++) {
            if (c.compared(i) == 0) {
                throw new BadInputException("runs do not match: " + runs.get(i).name() + " (" + runs.get(i).results().size()
                        + " results) shares no benchmark, mode, parameters and unit with the baseline " + runs.get(0).name()
                        + " (" + runs.get(0).results().size() + " results)");
            }
        }
        return c;
    }

    private static BenchmarkResult any(BenchmarkResult[] line) {
        return Arrays.stream(line).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
    }

    private static Row row(BenchmarkResult[] line) {
        BenchmarkResult first = any(line), base = line[0];
        List<Optional<Cell>> cells = new ArrayList<>();
        for (int i = 0; i < line.length; i++) {
            BenchmarkResult r = line[i];
            if (r == null) {
                cells.add(Optional.empty());
            } else if (i == 0 || base == null) {
                cells.add(Optional.of(new Cell(ForkComparison.mean(r.primary()), null)));
            } else {
                ForkComparison fc = ForkComparison.of(r.primary(), base.primary());
                cells.add(Optional.of(new Cell(fc.variant(), fc)));
            }
        }
        return new Row(first, cells);
    }

    /** The rows every run has, in the same order: what the runs can be compared on. */
    public RunComparison shared() {
        return new RunComparison(runs, rows.stream().filter(r -> r.cells().stream().allMatch(Optional::isPresent)).toList());
    }

    /** How many rows run {@code i} lacks. */
    public int absent(int i) {
        return (int) rows.stream().filter(r -> r.cells().get(i).isEmpty()).count();
    }

    /** How many rows run {@code i} shares with the baseline. */
    public int compared(int i) {
        return (int) rows.stream().filter(r -> r.cells().get(0).isPresent() && r.cells().get(i).isPresent()).count();
    }
}
