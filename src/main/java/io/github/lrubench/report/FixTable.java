package io.github.lrubench.report;

import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/** How {@link FixRow}s are printed: one markdown table per comparison, every interval 95%. */
final class FixTable {
    private FixTable() {
    }

    /** "3.050 [2.610, 3.490]"; "3.050 [n/a]" without bounds. */
    static String interval(Interval i) {
        return Format.num(i.estimate()) + (i.hasBounds() ? " [" + Format.num(i.low()) + ", " + Format.num(i.high()) + "]" : " [n/a]");
    }

    /** A signed figure: "+5.058", "-0.240", "0.000". */
    static String signed(double v) {
        return (v > 0 ? "+" : "") + Format.num(v);
    }

    /** "+5.058 [+3.200, +6.916]". */
    static String signedInterval(Interval i) {
        return signed(i.estimate()) + (i.hasBounds() ? " [" + signed(i.low()) + ", " + signed(i.high()) + "]" : " [n/a]");
    }

    /** "+8.3% [-10.1, +26.7]". */
    static String percent(Interval i) {
        String e = String.format(java.util.Locale.ROOT, "%+.1f%%", i.estimate());
        return i.hasBounds() ? e + String.format(java.util.Locale.ROOT, " [%+.1f, %+.1f]", i.low(), i.high()) : e + " [n/a]";
    }

    /** The parameters every row shares, which the table states once above itself instead of in each row. */
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
     * The table: params, fix, optional role, baseline and variant means, Δ, Δ %, the control's floor
     * and the reading, with the shared parameters and the readings' legend around it.
     */
    static String markdown(List<FixRow> rows) {
        return markdown(rows, r -> null);
    }

    /** The table with a last "note" column when {@code note} gives any row one. */
    static String markdown(List<FixRow> rows, Function<FixRow, String> note) {
        if (rows.isEmpty()) {
            return "";
        }
        FixRow first = rows.get(0);
        boolean roles = rows.stream().anyMatch(r -> r.role() != null);
        boolean notes = rows.stream().anyMatch(r -> note.apply(r) != null);
        Set<String> units = new LinkedHashSet<>();
        rows.forEach(r -> units.add(r.unit()));
        String unit = units.size() == 1 ? first.unit() : "the metric's unit";
        Map<String, String> shared = shared(rows);
        StringBuilder md = new StringBuilder();
        if (!shared.isEmpty()) {
            md.append("Every row: ").append(String.join(", ", shared.entrySet().stream()
                    .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`").toList())).append(".\n\n");
        }
        md.append("| params | ").append(first.axis().key()).append(" | ").append(roles ? "metric | " : "")
                .append(first.baseline()).append(" [95% CI] | variant [95% CI] | Δ [95% CI] (").append(unit).append(") | Δ % of ")
                .append(first.baseline()).append(" [95% CI] | control floor | resolved |").append(notes ? " note |" : "").append("\n|---|---|");
        md.append(roles ? "---|" : "").append("--:|--:|--:|--:|--:|---|").append(notes ? "---|" : "").append('\n');
        for (FixRow r : rows) {
            String params = r.othersLabel(shared.keySet());
            if (r.kind() == FixRow.Kind.CONTROL) {
                params += " **(control)**";
            }
            md.append("| ").append(params).append(" | ").append(r.variant()).append(" | ");
            if (roles) {
                md.append(r.role() == null ? "-" : r.role().label()).append(" | ");
            }
            md.append(interval(r.cmp().baseline())).append(" | ").append(interval(r.cmp().variant()));
            md.append(" | ").append(signedInterval(r.delta())).append(" | ").append(percent(r.cmp().percent())).append(" | ")
                    .append(Double.isFinite(r.floor()) ? "±" + Format.num(r.floor()) : "none").append(" | ")
                    .append(r.reading().text).append(" |");
            if (notes) {
                String n = note.apply(r);
                md.append(' ').append(n == null ? "" : n).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
        if (rows.stream().anyMatch(r -> r.kind() == FixRow.Kind.UNCONTROLLED)) {
            md.append("† No control in this table (no setting where the fix cannot act): \"resolved\" means only that Δ's "
                    + "interval excludes 0, which drift between cells can also produce.\n\n");
        }
        if (rows.stream().anyMatch(FixRow::throughput)) {
            md.append("Throughput: Δ is variant − baseline in operations per second, so a cost is a *negative* Δ.\n\n");
        }
        return md.toString();
    }
}
