package io.github.lrubench.report;

import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ForkComparison;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;

/**
 * One fix against its baseline on one metric: what a cost table prints and the forest plot draws,
 * computed once ({@link #compare}).
 *
 * @param benchmark the result's short name
 * @param axis      the parameter the fix varies (check or free)
 * @param baseline  the baseline's value of that axis (NONE, PREEMPT_RCU)
 * @param variant   the fix's value
 * @param others    the other parameters, equal in both cells
 * @param role      the @Group member or counter the metric is, or null for the primary metric
 * @param unit      the metric's unit
 * @param throughput true for ops per time, where a cost is a negative Δ
 * @param cmp       means, Δ and Δ % with their 95% intervals
 * @param kind      whether this row is a control, is judged against one, or has none
 * @param floor     the detection floor of its control (its own for a control row), NaN without one
 */
record FixRow(String benchmark, SuiteParam axis, String baseline, String variant, Map<String, String> others,
              Role role, String unit, boolean throughput, ForkComparison cmp, Kind kind, double floor) {

    enum Kind {
        /** The same comparison where the fix cannot act (0% dirty: no dirty page, no check). */
        CONTROL,
        /** Judged against its control's floor. */
        CONTROLLED,
        /** No control exists in this table: judged by "interval excludes 0" alone. */
        UNCONTROLLED
    }

    /** Each row's reading: which side of its control's floor (or of 0) its Δ lies, and which way. FixTable words it. */
    enum Reading {
        CONTROL_CONTAINS_ZERO,
        CONTROL_EXCLUDES_ZERO,
        COSTLIER,
        CHEAPER,
        UNCONTROLLED_COSTLIER,
        UNCONTROLLED_CHEAPER,
        NOT_RESOLVED,
        NO_INTERVAL;

        boolean resolved() {
            return this == COSTLIER || this == CHEAPER || this == UNCONTROLLED_COSTLIER || this == UNCONTROLLED_CHEAPER;
        }
    }

    Interval delta() {
        return cmp.delta();
    }

    /** True when the fix does more work per time, or takes less time, than its baseline. */
    boolean faster() {
        return throughput ? delta().estimate() > 0 : delta().estimate() < 0;
    }

    Reading reading() {
        Interval d = delta();
        if (!d.hasBounds()) {
            return Reading.NO_INTERVAL;
        }
        boolean costlier = throughput ? d.estimate() < 0 : d.estimate() > 0;
        return switch (kind) {
            case CONTROL -> d.excludes(0) ? Reading.CONTROL_EXCLUDES_ZERO : Reading.CONTROL_CONTAINS_ZERO;
            case CONTROLLED -> !ForkComparison.beyond(d, floor) ? Reading.NOT_RESOLVED : costlier ? Reading.COSTLIER : Reading.CHEAPER;
            case UNCONTROLLED -> !d.excludes(0) ? Reading.NOT_RESOLVED : costlier ? Reading.UNCONTROLLED_COSTLIER : Reading.UNCONTROLLED_CHEAPER;
        };
    }

    /** The parameters every row shares, which a table states once above itself instead of in each row. */
    static Map<String, String> shared(List<FixRow> rows) {
        Map<String, String> common = new LinkedHashMap<>(rows.get(0).others());
        for (FixRow r : rows) {
            common.entrySet().removeIf(e -> !Objects.equals(r.others().get(e.getKey()), e.getValue()));
        }
        if (rows.size() < 2) {
            common.clear(); // one row: say everything in it
        }
        return common;
    }

    /**
     * Each result whose {@code axis} is not {@code baseline} against the result with the same
     * benchmark, mode and other parameters at the baseline, on the metric {@code metric} picks
     * ({@code role} names it, null for the primary). For the check axis, a result at 0% dirty is a
     * control (no dirty page, so no check runs) and every other dirty share with the same other
     * parameters is judged against its floor; elsewhere there is no control.
     */
    static List<FixRow> compare(List<BenchmarkResult> rs, SuiteParam axis, Enum<?> baseline, Role role,
                                Function<BenchmarkResult, Metric> metric) {
        String base = baseline.name();
        List<FixRow> raw = new ArrayList<>();
        for (BenchmarkResult v : rs) {
            String value = SuiteResults.param(v, axis);
            if (value == null || value.equals(base)) {
                continue;
            }
            Map<String, String> want = new LinkedHashMap<>(v.params());
            want.put(axis.key(), base);
            BenchmarkResult b = rs.stream().filter(x -> x.benchmark().equals(v.benchmark()) && x.mode().equals(v.mode())
                    && x.params().equals(want)).findFirst().orElse(null);
            Metric mv = metric.apply(v);
            Metric mb = b == null ? null : metric.apply(b);
            if (mv == null || mb == null) {
                continue;
            }
            Map<String, String> others = new LinkedHashMap<>(v.params());
            others.remove(axis.key());
            // A rate (ops per time) falls when it costs; a time or a count rises.
            raw.add(new FixRow(v.shortName(), axis, base, value, others, role, mv.unit(), mv.unit().startsWith("ops/"),
                    ForkComparison.of(mv, mb), Kind.UNCONTROLLED, Double.NaN));
        }
        // Each variant's rows grouped by the other parameters but the dirty share, each group led by its control.
        List<String> variants = raw.stream().map(FixRow::variant).distinct().toList();
        List<Map<String, String>> groups = raw.stream().map(FixRow::groupKey).distinct().toList();
        raw.sort(java.util.Comparator.<FixRow>comparingInt(r -> variants.indexOf(r.variant()))
                .thenComparingInt(r -> groups.indexOf(r.groupKey()))
                .thenComparingDouble(FixRow::dirty));
        List<FixRow> out = new ArrayList<>();
        for (FixRow r : raw) {
            FixRow control = r.control(raw);
            if (control == null) {
                out.add(r);
            } else {
                double f = ForkComparison.floor(control.delta());
                out.add(r.with(control == r ? Kind.CONTROL : Kind.CONTROLLED, f));
            }
        }
        return out;
    }

    /** The other parameters but the dirty share. */
    private Map<String, String> groupKey() {
        Map<String, String> k = new LinkedHashMap<>(others);
        k.remove(DIRTY_PERCENT.key());
        return k;
    }

    /** The dirty share, or 0 when the benchmark has none. */
    private double dirty() {
        String d = others.get(DIRTY_PERCENT.key());
        return d == null ? 0 : Double.parseDouble(d);
    }

    /** The control row of this one among {@code rows} (itself when it is one), or null. */
    private FixRow control(List<FixRow> rows) {
        String dirty = others.get(DIRTY_PERCENT.key());
        if (axis != CHECK || dirty == null) {
            return null;
        }
        if (Double.parseDouble(dirty) == 0) {
            return this;
        }
        Map<String, String> want = new LinkedHashMap<>(others);
        want.put(DIRTY_PERCENT.key(), "0");
        return rows.stream().filter(c -> c.benchmark.equals(benchmark) && c.variant.equals(variant) && c.others.equals(want))
                .findFirst().orElse(null);
    }

    private FixRow with(Kind k, double f) {
        return new FixRow(benchmark, axis, baseline, variant, others, role, unit, throughput, cmp, k, f);
    }
}
