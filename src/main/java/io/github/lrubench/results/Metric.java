package io.github.lrubench.results;

import java.util.List;
import java.util.Map;

/**
 * One JMH metric (primary or secondary) as JMH reports it.
 *
 * @param score       JMH's score (NaN when JMH wrote "NaN")
 * @param scoreError  half-width of JMH's 99.9% interval (NaN with too few samples)
 * @param ciLow       lower end of JMH's 99.9% interval
 * @param ciHigh      upper end
 * @param unit        e.g. "ns/op", "ops/ms", "#"
 * @param percentiles JMH's scorePercentiles keyed by percentile (0..100)
 * @param rawData     per fork, the per-iteration scores; empty when the source (CSV) has none
 */
public record Metric(double score, double scoreError, double ciLow, double ciHigh, String unit,
                     Map<Double, Double> percentiles, List<List<Double>> rawData) {

    public Metric {
        // Sorted, so every writer (results.csv above all) lists percentiles in the same order on every run.
        percentiles = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(percentiles));
        rawData = rawData.stream().map(List::copyOf).toList();
        if (Double.isNaN(ciLow) && !Double.isNaN(score) && !Double.isNaN(scoreError)) {
            ciLow = score - scoreError;
            ciHigh = score + scoreError;
        }
    }

    /** Number of measured iterations over all forks. */
    public int samples() {
        return rawData.stream().mapToInt(List::size).sum();
    }

    public boolean hasInterval() {
        return Double.isFinite(ciLow) && Double.isFinite(ciHigh);
    }
}
