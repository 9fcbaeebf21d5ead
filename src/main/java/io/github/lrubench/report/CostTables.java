package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Interval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.bench.SuiteParam.MIGRATE_EXTRA_NS;
import static io.github.lrubench.mm.IsolationCheck.NONE;

/** The cost tables: the floors, the model against the floors, and each fix against NONE per question. */
final class CostTables {
    private final SuiteResults run;
    private final Map<Suite, List<FixRow>> rows = new EnumMap<>(Suite.class);

    CostTables(SuiteResults run) {
        this.run = run;
    }

    /** "## heading" and "`Class`: not in this run.": how a section says its suite did not run. */
    static void printAbsent(Markdown md, String heading, Suite s) {
        md.heading(2, heading).para(Markdown.code(s.simpleName()) + ": not in this run.");
    }

    /** {@link #printAbsent} as text when the class has no results, else null: for sections not split yet (SideCosts). */
    static String absent(SuiteResults run, Suite s, String heading) {
        if (!run.of(s).isEmpty()) {
            return null;
        }
        Markdown md = new Markdown();
        printAbsent(md, heading, s);
        return md.toString();
    }

    /** The rows of one question's table, computed once: each check against NONE, controls marked. */
    List<FixRow> rows(Suite s) {
        return rows.computeIfAbsent(s, k -> FixRow.compare(run.of(k), CHECK, NONE, null, BenchmarkResult::primary));
    }

    /** One question's table of each check against NONE (Δ first, then Δ %, then the control's floor and the reading). */
    Section checkSection(String heading, Suite s, String what) {
        String missing = absent(run, s, heading);
        if (missing != null) {
            return Section.text(missing);
        }
        String control = s == Suite.ISOLATION_CHECK ? "The benchmark isolates only dirty pages: no setting of it leaves the check "
                + "nothing to do, so this table has no control.\n\n" : "";
        return Section.text("## " + heading + "\n\n" + what + "\n\n" + control + overheadTable(rows(s)));
    }

    static String overheadTable(List<FixRow> rows) {
        if (rows.isEmpty()) {
            return "No `" + SuiteParam.CHECK.key() + "` variants with a `" + IsolationCheck.NONE + "` baseline in this run.\n\n";
        }
        return FixTable.markdown(rows);
    }

    /** The cost tables' questions, in the report's order, with the word the forest plot labels each row with. */
    static final Map<Suite, String> FOREST = forestSuites();

    private static Map<Suite, String> forestSuites() {
        Map<Suite, String> m = new LinkedHashMap<>();
        m.put(Suite.ISOLATION_CHECK, "page");
        m.put(Suite.PAGEBLOCK_ISOLATION, "pfn");
        m.put(Suite.COMPACTION_PASS, "pass");
        return m;
    }

    static final String FOREST_STEM = "forest-fixes";

    /**
     * Every fix of the cost tables in one forest plot: Δ % of NONE with its 95% interval, the Δ in ns
     * in each row's label, controls a series of their own. The same rows as the tables.
     */
    Section forest(PassDidAnalysis.Analysis did) {
        List<String> labels = new ArrayList<>();
        List<Double> fixY = new ArrayList<>(), fixE = new ArrayList<>(), ctlY = new ArrayList<>(), ctlE = new ArrayList<>();
        for (Map.Entry<Suite, String> e : FOREST.entrySet()) {
            List<FixRow> rs = rows(e.getKey());
            Map<String, String> shared = rs.isEmpty() ? Map.of() : FixRow.shared(rs);
            for (FixRow r : rs) {
                labels.add(forestLabel(e.getValue(), r, shared.keySet()));
                Interval p = r.cmp().percent();
                double half = p.hasBounds() ? (p.high() - p.low()) / 2 : 0;
                boolean control = r.kind() == FixRow.Kind.CONTROL;
                (control ? ctlY : fixY).add(p.estimate());
                (control ? ctlE : fixE).add(half);
                (control ? fixY : ctlY).add(Double.NaN);
                (control ? fixE : ctlE).add(0.0);
            }
        }
        if (did != null) {
            // The pass DiD: its control and its difference in differences, by round.
            Interval ctl = did.controlPercent().interval(), d = did.didPercent().interval();
            labels.add(String.format(Locale.ROOT, "pass, direct: control 0%% x=0: %+.0f ns", did.control().mean()));
            ctlY.add(ctl.estimate());
            ctlE.add(ctl.hasBounds() ? (ctl.high() - ctl.low()) / 2 : 0);
            fixY.add(Double.NaN);
            fixE.add(0.0);
            labels.add(String.format(Locale.ROOT, "pass, direct: PAGE_LOCK DiD 100%% x=0: %+.0f ns", did.did().mean()));
            fixY.add(d.estimate());
            fixE.add(d.hasBounds() ? (d.high() - d.low()) / 2 : 0);
            ctlY.add(Double.NaN);
            ctlE.add(0.0);
        }
        String h = "## Every fix at a glance\n\n";
        if (labels.isEmpty()) {
            return Section.text(h + "No check variants with a `" + IsolationCheck.NONE + "` baseline in this run.\n\n");
        }
        List<Double> zero = labels.stream().map(l -> 0.0).toList();
        ChartSpec spec = new ChartSpec(FOREST_STEM, ChartSpec.Kind.BAR, "Each fix against NONE: Δ % with 95% interval (Δ ns in the label)",
                "question (page: per dirty page, pfn: per pfn of a pageblock, pass: per compaction pass), fix, dirty share, x: Δ",
                "Δ % of NONE (+ = costs)", labels,
                List.of(new ChartSpec.Series("fix", List.of(), fixY, fixE, ChartSpec.Style.MARKERS),
                        new ChartSpec.Series("control: 0% dirty, the check cannot act", List.of(), ctlY, ctlE, ChartSpec.Style.MARKERS),
                        new ChartSpec.Series("Δ = 0", List.of(), zero, zero, ChartSpec.Style.CURVE)),
                false, false);
        return new Section(h + "The rows of the three tables below, in their order, then the direct pass design's control and difference in differences: each fix's Δ in percent of `NONE` with its 95% "
                + "interval, its Δ in ns in the label. Controls (0% dirty, where no check runs) are drawn apart: their spread "
                + "is the measurement's own, the floor a fix must clear to count as resolved.\n\n"
                + "![forest plot of every fix](charts/" + FOREST_STEM + ".png)\n\n", List.of(spec));
    }

    /** "pass PAGE_LOCK 100% dirty x=4000: +1234 ns". */
    static String forestLabel(String question, FixRow r, java.util.Set<String> shared) {
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
        double d = r.delta().estimate();
        String ns = String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%+.0f" : "%+.2f", d);
        return sb.append(": ").append(ns).append(r.unit().startsWith("ns/") ? " ns" : " " + r.unit()).toString();
    }
}
