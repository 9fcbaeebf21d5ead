package io.github.lrubench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which charts a set of JMH results gets, for any JMH project: per benchmark and metric a
 * bar chart (one series per value of the series parameter, one group per combination of the other
 * varying parameters, JMH's 99.9% interval as error bars); a line chart against every numeric
 * parameter; the same for each secondary metric (@AuxCounters, @Group members); and for sample
 * mode a chart of the percentiles.
 */
public final class ChartPlanner {
    /** Above this many series a line chart is split into one chart per other-parameter combination. */
    static final int MAX_LINE_SERIES = 9;
    /** Parameters preferred as the series of a chart (a project's axes of comparison), in order. */
    private final List<String> seriesPreference;

    /** @param seriesPreference parameters to prefer as a chart's series, e.g. the axes a project compares */
    public ChartPlanner(List<String> seriesPreference) {
        this.seriesPreference = List.copyOf(seriesPreference);
    }

    /** Charts for any JMH results, with no preferred series parameter. */
    public static List<ChartSpec> planAll(List<BenchmarkResult> results) {
        return new ChartPlanner(List.of()).plan(results);
    }

    public List<ChartSpec> plan(List<BenchmarkResult> results) {
        Map<String, List<BenchmarkResult>> groups = new LinkedHashMap<>();
        for (BenchmarkResult r : results) {
            groups.computeIfAbsent(r.benchmark() + "|" + r.mode(), k -> new ArrayList<>()).add(r);
        }
        // Modes per benchmark, once: asking the whole list per group made a large input quadratic.
        Map<String, Set<String>> modes = new java.util.HashMap<>();
        results.forEach(r -> modes.computeIfAbsent(r.benchmark(), k -> new java.util.HashSet<>()).add(r.mode()));
        List<ChartSpec> out = new ArrayList<>();
        for (List<BenchmarkResult> g : groups.values()) {
            BenchmarkResult first = g.get(0);
            String stem = stem(first, modes.get(first.benchmark()).size());
            Set<String> metrics = new LinkedHashSet<>();
            g.forEach(r -> metrics.addAll(r.secondary().keySet()));
            out.addAll(forMetric(g, stem, first.shortName(), r -> r.primary()));
            for (String m : metrics) {
                out.addAll(forMetric(g, stem + "-" + sanitize(m), first.shortName() + ":" + m, r -> r.secondary().get(m)));
            }
            if (!first.primary().percentiles().isEmpty() && first.mode().equals("sample")) {
                out.add(percentiles(g, stem + "-percentiles", first.shortName()));
            }
        }
        return out;
    }

    /** The file stem of a benchmark's charts: its short name, and its mode where it ran in several. */
    public static String stem(List<BenchmarkResult> all, BenchmarkResult r) {
        return stem(r, modesOf(all, r.benchmark()));
    }

    private static String stem(BenchmarkResult r, long modes) {
        return sanitize(r.shortName() + (modes > 1 ? "-" + r.mode() : ""));
    }

    /** The stem of the primary metric's bar chart of the benchmark {@code r} belongs to. */
    public static String barStem(List<BenchmarkResult> all, BenchmarkResult r) {
        return stem(all, r) + "-bar";
    }

    private static long modesOf(List<BenchmarkResult> all, String benchmark) {
        return all.stream().filter(r -> r.benchmark().equals(benchmark)).map(BenchmarkResult::mode).distinct().count();
    }

    List<ChartSpec> forMetric(List<BenchmarkResult> g, String stem, String title, Function<BenchmarkResult, Metric> metric) {
        List<BenchmarkResult> rs = g.stream().filter(r -> metric.apply(r) != null).toList();
        if (rs.isEmpty()) {
            return List.of();
        }
        String unit = metric.apply(rs.get(0)).unit();
        List<String> varying = varyingParams(rs);
        String seriesParam = seriesParam(varying, rs);
        List<ChartSpec> out = new ArrayList<>();
        // Bar chart: series = seriesParam values, categories = the other varying params.
        List<String> varyingOthers = new ArrayList<>(varying);
        varyingOthers.remove(seriesParam);
        // With nothing else varying, the category still says which parameters the rows ran with
        // (a run of -p pfnsPerLockHold=33 alone), as a varying parameter's value would: never just "all".
        List<String> others = varyingOthers.isEmpty() && seriesParam == null ? paramNames(rs) : varyingOthers;
        List<String> cats = distinct(rs, r -> label(r, others));
        List<String> seriesNames = seriesParam == null ? List.of(title.contains(":") ? title.substring(title.indexOf(':') + 1) : "score")
                : distinct(rs, r -> r.param(seriesParam));
        List<ChartSpec.Series> bars = new ArrayList<>();
        List<Double> allY = new ArrayList<>();
        // Each row by (category, series), the first of equal ones: one pass, not one per bar.
        Map<List<String>, BenchmarkResult> cell = new java.util.HashMap<>();
        rs.forEach(x -> cell.putIfAbsent(List.of(label(x, others), seriesParam == null ? "" : x.param(seriesParam)), x));
        for (String s : seriesNames) {
            List<Double> y = new ArrayList<>(), e = new ArrayList<>();
            for (String c : cats) {
                BenchmarkResult r = cell.get(List.of(c, seriesParam == null ? "" : s));
                Metric m = r == null ? null : metric.apply(r);
                y.add(m == null ? Double.NaN : m.score());
                e.add(m == null ? 0.0 : halfWidth(m));
            }
            allY.addAll(y);
            bars.add(new ChartSpec.Series(seriesParam == null ? s : seriesParam + "=" + s, List.of(), y, e)
                    .withNonNegative(nonNegativeUnit(unit)));
        }
        out.add(new ChartSpec(stem + "-bar", ChartSpec.Kind.BAR, title, others.isEmpty() ? "" : String.join(", ", others),
                unit, cats, bars, false, false));
        // Line chart against each numeric parameter.
        for (String p : varying) {
            if (!numeric(rs, p)) {
                continue;
            }
            List<String> rest = new ArrayList<>(varying);
            rest.remove(p);
            List<String> seriesBy = rest;
            List<String> splitBy = List.of();
            if (distinct(rs, r -> label(r, rest)).size() > MAX_LINE_SERIES) {
                String sp = seriesParam(rest, rs);
                seriesBy = sp == null ? List.of() : List.of(sp);
                List<String> split = new ArrayList<>(rest);
                split.remove(sp);
                splitBy = split;
            }
            List<String> sb = seriesBy, spb = splitBy;
            for (Map.Entry<String, List<BenchmarkResult>> partRows : byLabel(rs, spb).entrySet()) {
                String part = partRows.getKey();
                List<BenchmarkResult> sub = partRows.getValue();
                List<ChartSpec.Series> lines = new ArrayList<>();
                List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
                for (Map.Entry<String, List<BenchmarkResult>> line : byLabel(sub, sb).entrySet()) {
                    String sname = line.getKey();
                    List<BenchmarkResult> pts = line.getValue().stream()
                            .sorted((a, b) -> Double.compare(Double.parseDouble(a.param(p)), Double.parseDouble(b.param(p)))).toList();
                    List<Double> x = pts.stream().map(r -> Double.parseDouble(r.param(p))).toList();
                    List<Double> y = pts.stream().map(r -> metric.apply(r).score()).toList();
                    List<Double> e = pts.stream().map(r -> halfWidth(metric.apply(r))).toList();
                    xs.addAll(x);
                    ys.addAll(y);
                    lines.add(new ChartSpec.Series(sb.isEmpty() ? "score" : sname, x, y, e).withNonNegative(nonNegativeUnit(unit)));
                }
                String suffix = spb.isEmpty() ? "" : "-" + sanitize(part);
                out.add(new ChartSpec(stem + "-vs-" + sanitize(p) + suffix, ChartSpec.Kind.LINE,
                        title + (spb.isEmpty() ? "" : " (" + part + ")"), p, unit, List.of(), lines,
                        ChartSpec.spansDecades(xs), ChartSpec.spansDecades(ys)));
            }
        }
        return out;
    }

    private static ChartSpec percentiles(List<BenchmarkResult> g, String stem, String title) {
        List<String> varying = varyingParams(g);
        Set<Double> keys = new java.util.TreeSet<>();
        g.forEach(r -> keys.addAll(r.primary().percentiles().keySet()));
        keys.removeIf(k -> k > 99.99);
        List<String> cats = keys.stream().map(k -> "p" + Format.percentile(k)).toList();
        List<ChartSpec.Series> s = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (BenchmarkResult r : g) {
            List<Double> y = keys.stream().map(k -> r.primary().percentiles().getOrDefault(k, Double.NaN)).toList();
            all.addAll(y);
            List<String> named = varying.isEmpty() ? paramNames(g) : varying;
            s.add(new ChartSpec.Series(named.isEmpty() ? "score" : label(r, named), List.of(), y,
                    y.stream().map(v -> 0.0).toList()));
        }
        return new ChartSpec(stem, ChartSpec.Kind.BAR, title + " percentiles", "percentile",
                g.get(0).primary().unit(), cats, s, false, false);
    }

    /**
     * Whether a unit is one of JMH's times, rates or counts ("ns/op", "ops/s", "#", "#/s"), which
     * cannot be negative, so their error bars stop at zero.
     */
    static boolean nonNegativeUnit(String unit) {
        return unit != null && (unit.equals("#") || unit.matches("(ops|#)/[A-Za-z]+") || unit.matches("[A-Za-z]+/op"));
    }

    static double halfWidth(Metric m) {
        if (m.hasInterval()) {
            return Math.max(0, (m.ciHigh() - m.ciLow()) / 2);
        }
        return Double.isFinite(m.scoreError()) ? m.scoreError() : 0;
    }

    static List<String> varyingParams(List<BenchmarkResult> rs) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        rs.forEach(r -> r.params().keySet().forEach(k -> values.putIfAbsent(k, new LinkedHashSet<>())));
        // A row without a parameter has the value MISSING for it, which makes the parameter vary too.
        values.forEach((k, v) -> rs.forEach(r -> v.add(r.param(k))));
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
    }

    /** Every parameter any of the rows has, in first-seen order. */
    private static List<String> paramNames(List<BenchmarkResult> rs) {
        Set<String> names = new LinkedHashSet<>();
        rs.forEach(r -> names.addAll(r.params().keySet()));
        return List.copyOf(names);
    }

    String seriesParam(List<String> varying, List<BenchmarkResult> rs) {
        if (varying.contains(ResultFiles.INPUT)) {
            return ResultFiles.INPUT; // several input files: each its own series
        }
        for (String p : seriesPreference) {
            if (varying.contains(p)) {
                return p;
            }
        }
        return varying.stream().filter(p -> !numeric(rs, p)).findFirst()
                .orElse(varying.isEmpty() ? null : varying.get(0));
    }

    static boolean numeric(List<BenchmarkResult> rs, String p) {
        if (p.equals(ResultFiles.INPUT)) {
            return false; // a file's label, even one that reads as a number
        }
        for (BenchmarkResult r : rs) {
            String v = r.param(p);
            try {
                Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    static String label(BenchmarkResult r, List<String> params) {
        if (params.isEmpty()) {
            return "all";
        }
        StringBuilder sb = new StringBuilder();
        for (String p : params) {
            sb.append(sb.length() == 0 ? "" : " ").append(p).append('=').append(r.param(p));
        }
        return sb.toString();
    }

    /** The rows by their label over {@code params}, in first-seen order. */
    private static Map<String, List<BenchmarkResult>> byLabel(List<BenchmarkResult> rs, List<String> params) {
        Map<String, List<BenchmarkResult>> m = new LinkedHashMap<>();
        rs.forEach(r -> m.computeIfAbsent(label(r, params), k -> new ArrayList<>()).add(r));
        return m;
    }

    static List<String> distinct(List<BenchmarkResult> rs, Function<BenchmarkResult, String> f) {
        return new ArrayList<>(rs.stream().map(f).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    public static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9._=-]+", "_");
    }
}
