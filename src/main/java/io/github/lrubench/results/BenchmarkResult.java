package io.github.lrubench.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of JMH results: a benchmark in one mode with one parameter combination.
 *
 * @param benchmark  fully qualified id, e.g. org.example.MyBenchmark.measure
 * @param mode       JMH's short mode name: thrpt, avgt, sample, ss
 * @param threads    threads (the sum over a @Group's members)
 * @param forks      forks as configured (0 when the source does not say)
 * @param params     parameter values in JMH's order
 * @param primary    the primary metric
 * @param secondary  secondary metrics (@AuxCounters, @Group members, profilers) by label
 */
public record BenchmarkResult(String benchmark, String mode, int threads, int forks,
                              Map<String, String> params, Metric primary,
                              Map<String, Metric> secondary) {

    public BenchmarkResult {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        secondary = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }

    /** Identity across runs: benchmark, mode and parameters (order-insensitive). */
    public String key() {
        return benchmark + " [" + mode + "] " + new TreeMap<>(params);
    }

    /** The class part of the id: "org.example.MyBenchmark". */
    public String benchmarkClass() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? benchmark : benchmark.substring(0, dot);
    }

    /** The short name a chart shows: "MyBenchmark.measure". */
    public String shortName() {
        String cls = benchmarkClass();
        int dot = cls.lastIndexOf('.');
        return benchmark.substring(dot + 1);
    }

    /** "check=NONE, dirtyPercent=50"; "-" without parameters. */
    public String paramLabel() {
        if (params.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** What a row that lacks a parameter shows for it: a value of its own, so rows from other runs still chart. */
    public static final String MISSING = "\u2013";

    /** The parameter's value, {@link #MISSING} (never null) when this row lacks it. */
    public String param(String name) {
        return params.getOrDefault(name, MISSING);
    }

    /** This row with one more parameter, placed first (e.g. which input file it came from). */
    public BenchmarkResult withFirstParam(String name, String value) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(name, value);
        params.forEach(p::putIfAbsent);
        return new BenchmarkResult(benchmark, mode, threads, forks, p, primary, secondary);
    }
}
