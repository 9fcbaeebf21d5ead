package io.github.lrubench.report;

import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.bench.SuiteParam.MIGRATE_EXTRA_NS;

/**
 * Every fix of the cost tables in one forest plot: Δ % of NONE with its 95% interval, the Δ in ns
 * in each row's label, controls a series of their own. The same rows as the tables, then the pass
 * DiD's control and difference in differences.
 */
final class ForestSection implements ReportSection<List<ForestSection.Point>> {
    static final String STEM = "forest-fixes";

    enum Kind {
        FIX, CONTROL,
        /** The pass DiD's control and its difference in differences, ns per pass. */
        DIRECT_CONTROL, DIRECT_DID;

        boolean control() {
            return this == CONTROL || this == DIRECT_CONTROL;
        }
    }

    /**
     * One row of the plot.
     *
     * @param name    question, fix and the parameters that tell it from its table's other rows: "pfn PAGE_LOCK 100%"
     * @param delta   Δ in {@code unit}
     * @param percent Δ % of the baseline with its interval
     */
    record Point(String name, Kind kind, Interval delta, String unit, Interval percent) {
    }

    private final CostTables costs;

    /** The plot of the rows {@code costs} computes once for the tables too. */
    ForestSection(CostTables costs) {
        this.costs = costs;
    }

    @Override
    public List<Point> compute(Report.Inputs in) {
        return points(in.did().map(PassDidAnalysis::analyse).orElse(null));
    }

    /** The tables' rows in their order, then the pass DiD's two figures when {@code did} is not null. */
    List<Point> points(PassDidAnalysis.Analysis did) {
        List<Point> out = new ArrayList<>();
        for (CheckTableSection.Question q : CheckTableSection.Question.values()) {
            List<FixRow> rs = costs.rows(q.suite);
            Set<String> shared = rs.isEmpty() ? Set.of() : FixRow.shared(rs).keySet();
            for (FixRow r : rs) {
                out.add(new Point(name(q.forestWord, r, shared), r.kind() == FixRow.Kind.CONTROL ? Kind.CONTROL : Kind.FIX,
                        r.delta(), r.unit(), r.cmp().percent()));
            }
        }
        if (did != null) {
            out.add(new Point("pass, direct: control 0% x=0", Kind.DIRECT_CONTROL, did.control().interval(), "ns/pass",
                    did.controlPercent().interval()));
            out.add(new Point("pass, direct: PAGE_LOCK DiD 100% x=0", Kind.DIRECT_DID, did.did().interval(), "ns/pass",
                    did.didPercent().interval()));
        }
        return out;
    }

    /** "pass PAGE_LOCK 100% x=4000": the question's word, the fix, and its parameters the table's rows do not share. */
    static String name(String question, FixRow r, Set<String> shared) {
        StringBuilder sb = new StringBuilder(question).append(' ').append(r.variant());
        r.others().forEach((k, v) -> {
            if (shared.contains(k)) {
                return;
            }
            if (k.equals(DIRTY_PERCENT.key())) {
                sb.append(' ').append(v).append('%');
            } else if (k.equals(MIGRATE_EXTRA_NS.key())) {
                sb.append(" x=").append(v);
            } else {
                sb.append(' ').append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    @Override
    public void print(List<Point> points, Markdown md) {
        md.heading(2, "Every fix at a glance");
        if (points.isEmpty()) {
            md.para("No check variants with a " + Markdown.code(IsolationCheck.NONE.name()) + " baseline in this run.");
            return;
        }
        md.para("The rows of the three tables below, in their order, then the pass DiD's control and difference in differences: each fix's Δ in percent of `NONE` with its 95% "
                + "interval, its Δ in ns in the label. Controls (0% dirty, where no check runs) are drawn apart: their spread "
                + "is the measurement's own, the floor a fix must clear to count as resolved.");
        md.image("forest plot of every fix", STEM);
    }

    /** "pfn PAGE_LOCK 100%: +3.7 ns": the Δ in its unit, rounded to its interval. */
    static String label(Point p) {
        String ns = Format.estimate(p.delta(), true);
        return p.name() + ": " + ns + (p.unit().startsWith("ns/") ? " ns" : " " + p.unit());
    }

    @Override
    public List<ChartSpec> charts(List<Point> points) {
        if (points.isEmpty()) {
            return List.of();
        }
        List<Double> fixY = new ArrayList<>(), fixE = new ArrayList<>(), ctlY = new ArrayList<>(), ctlE = new ArrayList<>();
        for (Point p : points) {
            Interval i = p.percent();
            double half = i.hasBounds() ? (i.high() - i.low()) / 2 : 0;
            // Each series has a value per row, NaN where the row is the other series'.
            (p.kind().control() ? ctlY : fixY).add(i.estimate());
            (p.kind().control() ? ctlE : fixE).add(half);
            (p.kind().control() ? fixY : ctlY).add(Double.NaN);
            (p.kind().control() ? fixE : ctlE).add(0.0);
        }
        List<Double> zero = points.stream().map(p -> 0.0).toList();
        return List.of(new ChartSpec(STEM, ChartSpec.Kind.BAR, "Each fix against NONE: Δ % with 95% interval (Δ ns in the label)",
                "question (page: per dirty page, pfn: per pfn of a pageblock, pass: per compaction pass), fix, dirty share, x: Δ",
                "Δ % of NONE (+ = costs)", points.stream().map(ForestSection::label).toList(),
                List.of(new ChartSpec.Series("fix", List.of(), fixY, fixE, ChartSpec.Style.MARKERS),
                        new ChartSpec.Series("control: 0% dirty, the check cannot act", List.of(), ctlY, ctlE, ChartSpec.Style.MARKERS),
                        new ChartSpec.Series("Δ = 0", List.of(), zero, zero, ChartSpec.Style.CURVE)),
                false, false));
    }
}
