package io.github.lrubench.report;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The printer of {@link FixRow}s: one Markdown table per comparison, every interval 95%. It judges
 * nothing: the rows carry every figure and reading, {@link FigureFormat} formats the figures, and
 * the readings' words are here.
 */
final class FixTable {
    private FixTable() {
    }

    /**
     * The table: params, fix, optional role, baseline and variant means, Δ, Δ %, the control's floor
     * and the reading, with the shared parameters and the readings' legend around it.
     */
    static void print(List<FixRow> rows, Markdown md) {
        print(rows, r -> null, md);
    }

    /** The table with a last "note" column when {@code note} gives any row one. */
    static void print(List<FixRow> rows, Function<FixRow, String> note, Markdown md) {
        if (rows.isEmpty()) {
            return;
        }
        FixRow first = rows.get(0);
        boolean roles = rows.stream().anyMatch(r -> r.role() != null);
        boolean notes = rows.stream().anyMatch(r -> note.apply(r) != null);
        Set<String> units = new LinkedHashSet<>();
        rows.forEach(r -> units.add(r.unit()));
        String unit = units.size() == 1 ? first.unit() : "the metric's unit";
        Map<String, String> shared = FixRow.shared(rows);
        if (!shared.isEmpty()) {
            md.para("Every row: " + String.join(", ", shared.entrySet().stream()
                    .map(e -> Markdown.code(e.getKey() + "=" + e.getValue())).toList()) + ".");
        }
        List<String> columns = new ArrayList<>(List.of("params", first.axis().key()));
        StringBuilder align = new StringBuilder("ll");
        if (roles) {
            columns.add("metric");
            align.append('l');
        }
        columns.addAll(List.of(first.baseline() + " [95% CI]", "variant [95% CI]", "Δ [95% CI] (" + unit + ")",
                "Δ % of " + first.baseline() + " [95% CI]", "control floor", "resolved"));
        align.append("rrrrrl");
        if (notes) {
            columns.add("note");
            align.append('l');
        }
        md.tableHeader(columns, align.toString());
        for (FixRow r : rows) {
            String params = params(r, shared.keySet());
            List<String> cells = new ArrayList<>(List.of(r.kind() == FixRow.Kind.CONTROL ? params + " " + Markdown.bold("(control)") : params,
                    variant(r)));
            if (roles) {
                cells.add(r.role() == null ? "-" : r.role().label());
            }
            int exponent = Format.siExponent(Math.abs(r.cmp().baseline().estimate())); // one prefix for the row's figures
            cells.addAll(List.of(FigureFormat.si(r.cmp().baseline(), exponent, false), FigureFormat.si(r.cmp().variant(), exponent, false),
                    FigureFormat.si(r.delta(), exponent, true), FigureFormat.percent(r.cmp().percent()),
                    Double.isFinite(r.floor()) ? "±" + FigureFormat.lone(r.floor(), 2) : "none", text(r.reading())));
            if (notes) {
                String n = note.apply(r);
                cells.add(n == null ? "" : n);
            }
            md.row(cells);
        }
        md.line();
        if (rows.stream().anyMatch(r -> r.kind() == FixRow.Kind.UNCONTROLLED)) {
            md.para("† No control in this table (no setting where the fix cannot act): \"resolved\" means only that Δ's "
                    + "interval excludes 0, which drift between cells can also produce.");
        }
        if (rows.stream().anyMatch(FixRow::throughput)) {
            md.para("Throughput: Δ is variant − baseline in operations per second, so a cost is a *negative* Δ.");
        }
    }

    /** "dirtyPercent=50, migrateExtraNs=0" without the keys in {@code omit}; "-" when nothing is left. */
    private static String params(FixRow r, Set<String> omit) {
        List<String> kv = r.others().entrySet().stream().filter(e -> !omit.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
        return kv.isEmpty() ? "-" : String.join(", ", kv);
    }

    /** A reading as the "resolved" column words it; † marks a table without a control. */
    private static String text(FixRow.Reading r) {
        return switch (r) {
            case CONTROL_CONTAINS_ZERO -> "control: contains 0";
            case CONTROL_EXCLUDES_ZERO -> "control: " + Markdown.bold("excludes 0");
            case COSTLIER -> "yes: costlier";
            case CHEAPER -> "yes: cheaper";
            case UNCONTROLLED_COSTLIER -> "yes†: costlier";
            case UNCONTROLLED_CHEAPER -> "yes†: cheaper";
            case NOT_RESOLVED -> "no";
            case NO_INTERVAL -> "n/a";
        };
    }

    /** The fix as the table names it: a free policy with the kernel it runs on (RCU_SCHED's row is no change there). */
    static String variant(FixRow r) {
        if (r.axis() == SuiteParam.FREE) {
            for (InodeFreePolicy f : InodeFreePolicy.values()) {
                if (f.name().equals(r.variant())) {
                    return f.kernelLabel();
                }
            }
        }
        return r.variant();
    }
}
