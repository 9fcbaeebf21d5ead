package io.github.lrubench.report;

import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.results.BenchmarkResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.mm.IsolationCheck.NONE;
import static io.github.lrubench.mm.IsolationCheck.PAGE_LOCK;

/**
 * The model against this machine's floors: is the simulated check as dear as the bare bit pair
 * (not cheaper, which would flatter NONE; not dearer, which would flatter nothing), and how much
 * dearer is the simulated scan than a bare array walk (model cost dilutes the check's ratio)?
 */
final class HarnessSection implements ReportSection<List<HarnessSection.Ratio>> {
    static final String HEADING = "Model against the floor";

    /** The figures compared, each with its row label. */
    enum Figure {
        CHECK_VS_PAIR("ns the page-lock check adds per dirty page (IsolationCheck PAGE_LOCK - NONE) vs trylock+unlock pair"),
        SCAN_VS_WALK("ns per pfn, pageblock scan, NONE, 50% dirty vs bare 512-entry scan"),
        CHECK_IN_SCAN_VS_PAIR("ns the check adds per dirty page inside the scan (pageblock PAGE_LOCK - NONE at 50%, / 0.5) vs pair");

        final String label;

        Figure(String label) {
            this.label = label;
        }
    }

    /** A model figure against its floor, ns (scores, not intervals: the ratio is a sanity check, not a test). */
    record Ratio(Figure figure, double model, double floor) {
        double ratio() {
            return model / floor;
        }
    }

    /** The figures the run can give, CHECK_VS_PAIR first; empty when the floor or the isolation check did not run. */
    @Override
    public List<Ratio> compute(Report.Inputs in) {
        SuiteResults run = new SuiteResults(in.results());
        BenchmarkResult pair = run.one(SuiteBenchmark.TRYLOCK_UNLOCK_PAIR, Map.of());
        BenchmarkResult scan = run.one(SuiteBenchmark.SCAN512, Map.of());
        BenchmarkResult chkNone = run.one(SuiteBenchmark.ISOLATE_DIRTY_PAGE, Map.of(CHECK, NONE));
        BenchmarkResult chkLock = run.one(SuiteBenchmark.ISOLATE_DIRTY_PAGE, Map.of(CHECK, PAGE_LOCK));
        BenchmarkResult pbNone = run.one(SuiteBenchmark.SCAN_PAGEBLOCK, Map.of(CHECK, NONE, DIRTY_PERCENT, 50));
        BenchmarkResult pbLock = run.one(SuiteBenchmark.SCAN_PAGEBLOCK, Map.of(CHECK, PAGE_LOCK, DIRTY_PERCENT, 50));
        if (pair == null || scan == null || chkNone == null || chkLock == null) {
            return List.of();
        }
        double pairNs = pair.primary().score();
        List<Ratio> out = new ArrayList<>();
        out.add(new Ratio(Figure.CHECK_VS_PAIR, chkLock.primary().score() - chkNone.primary().score(), pairNs));
        if (pbNone != null) {
            out.add(new Ratio(Figure.SCAN_VS_WALK, pbNone.primary().score(), scan.primary().score()));
            if (pbLock != null) {
                // At 50% dirty half the pfns are checked: the added ns over 0.5 is per dirty page.
                out.add(new Ratio(Figure.CHECK_IN_SCAN_VS_PAIR, (pbLock.primary().score() - pbNone.primary().score()) / 0.5, pairNs));
            }
        }
        return out;
    }

    @Override
    public void print(List<Ratio> ratios, Markdown md) {
        md.heading(2, HEADING);
        if (ratios.isEmpty()) {
            md.para("Floor or isolation-check results: not in this run.");
            return;
        }
        md.tableHeader(List.of("figure", "model", "floor", "model / floor"), "lrrr");
        ratios.forEach(r -> md.row(List.of(r.figure().label, FigureFormat.num(r.model()), FigureFormat.num(r.floor()),
                FigureFormat.num(r.ratio()))));
        md.line().para("The check's added nanoseconds should match the bare pair: the model neither hides nor inflates it. "
                + "The simulated scan per pfn is dearer than a bare array walk because it does what the kernel does per pfn "
                + "(a struct page per pfn reached through the memmap, the isolation-path flag tests, and every 32 pfns a "
                + "trylock of the LRU lock, its release and cond_resched()); the walk has none of that. That extra cost "
                + "dilutes the check's *ratio* against the scan, never its nanoseconds.");
    }
}
