package io.github.lrubench.report;

import io.github.lrubench.bench.PassDid;
import io.github.lrubench.bench.PassDid.Cell;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.ForkStats.Estimate;
import io.github.lrubench.results.Interval;
import io.github.lrubench.run.PassDidObservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The direct measurement of the check on a whole pass ({@link PassDid}), as the Java model's verdict
 * shows it: the cells, the control, the DiD, the composed estimate beside it, and whether the forks
 * were warm and the machine steady. {@link PassDidAnalysis} computes the design's figures; this
 * section judges and prints them.
 */
final class PassDidSection implements ReportSection<Optional<PassDidSection.Direct>> {
    static final String CHART = "verdict-direct-pass-forks";

    /** How the direct DiD and the composed estimate compare, in percent of the NONE pass. */
    enum Agreement {
        /** An estimate has no interval (one fork per cell). */
        NO_INTERVAL,
        /** Direct − composed excludes 0. */
        DISAGREE,
        /** They agree, but the direct interval is wider than ±1 point: it cannot tell them apart. */
        AGREE_WIDE,
        AGREE
    }

    /**
     * The composed estimate at the design's point and its comparison with the direct one.
     *
     * @param pagesChecked       dirty pages checked per pass (pages isolated at 100% dirty, NONE)
     * @param delta              c × pagesChecked, ns per pass
     * @param percent            delta in % of the NONE pass at 100% dirty
     * @param directMinusComposed the direct DiD % minus the composed %, percentage points
     */
    record Composed(double pagesChecked, Estimate delta, Estimate percent, Estimate directMinusComposed, Agreement agreement,
                    double detectable) {
    }

    /**
     * The design's figures as the report reads them.
     *
     * @param analysis       the design's figures by round
     * @param effectPercent  PAGE_LOCK − NONE at 100% dirty, % of the NONE pass
     * @param controlExcludesZero the control differs where no check runs
     * @param didHalfWidth   half-width of the DiD's % interval, percentage points (target: 1)
     * @param roundsForOnePoint rounds a ±1 point interval would need at this spread
     * @param forks          forks of the complete rounds
     * @param composed       the composed estimate beside it; null when the run gives no c
     * @param warmup         the warm-up the forks had, as JMH recorded it
     * @param warmupOutlier  the first measured iteration differs from the rest of its fork
     * @param drifted        later rounds differ from earlier ones; false without a drift figure (fewer than 4 rounds)
     * @param chart          each fork's mean in run order
     */
    record Direct(PassDidAnalysis.Analysis analysis, Estimate effectPercent, boolean controlExcludesZero, double didHalfWidth,
                  double roundsForOnePoint, int forks, Composed composed, String warmup, boolean warmupOutlier, boolean drifted,
                  ChartSpec chart) {
    }

    @Override
    public Optional<Direct> compute(Report.Inputs in) {
        return compute(in.did().orElse(null), CheckCost.of(new SuiteResults(in.results())));
    }

    /** The design's figures, or empty when the run has no did.json or fewer than two complete rounds. */
    static Optional<Direct> compute(List<PassDidObservation> obs, CheckCost cost) {
        PassDidAnalysis.Analysis a = obs == null ? null : PassDidAnalysis.analyse(obs);
        if (a == null) {
            return Optional.empty();
        }
        Estimate base = a.cells().get(Cell.NONE_DIRTY);
        Interval didPct = a.didPercent().interval();
        double half = (didPct.high() - didPct.low()) / 2;
        Composed composed = null;
        if (cost != null) {
            Estimate delta = PassDidAnalysis.composed(a, cost);
            Estimate pct = delta.over(base).times(100);
            Estimate diff = a.didPercent().minus(pct);
            Interval d = diff.interval();
            Agreement agreement = !d.hasBounds() ? Agreement.NO_INTERVAL : d.excludes(0) ? Agreement.DISAGREE
                    : half > 1 ? Agreement.AGREE_WIDE : Agreement.AGREE;
            composed = new Composed(a.isolated(), delta, pct, diff, agreement, ForkStats.detectable(diff, PairedCheckSection.POWER));
        }
        return Optional.of(new Direct(a, a.effect().over(base).times(100), a.control().interval().excludes(0), half,
                a.roundsForOnePoint(), a.rounds() * Cell.values().length, composed, obs.get(0).warmup(),
                a.warmup().interval().excludes(0), a.drift() != null && a.drift().interval().excludes(0), chart(obs)));
    }

    @Override
    public void print(Optional<Direct> direct, Markdown md) {
        md.heading(3, "The pass DiD: the check measured directly on the pass, a difference in differences");
        if (direct.isEmpty()) {
            md.para("did.json: not in this run (or fewer than two complete rounds), so no pass DiD" + (Suite.COMPACTION_PASS.withdrawn() == null
                    ? "." : "; its class is withdrawn from the profiles (see the Java model's verdict above)."));
            return;
        }
        Direct d = direct.get();
        PassDidAnalysis.Analysis a = d.analysis();
        md.para(PassDid.SUITE.simpleName() + " at x = 0 (" + PassDid.MODE + ", every parameter fixed), four cells: NONE and PAGE_LOCK at 0% dirty "
                + "(the control: no page is dirty, so the check never runs) and at 100% dirty. Each fork is its own JMH invocation of "
                + "one cell; " + a.rounds() + " rounds of four forks ran in ABBA order (ABCD, DCBA, ...), so drift falls on every cell alike. "
                + "Estimates are by round (" + a.rounds() + " rounds, t with " + (a.rounds() - 1) + " df): "
                + "DiD = (LOCK_DIRTY − NONE_DIRTY) − (LOCK_CLEAN − NONE_CLEAN).");
        md.tableHeader(List.of("cell", "check", "dirty %", "forks", "ns per pass, mean [95% CI]"), "llrrr");
        for (Cell c : Cell.values()) {
            md.row(List.of(c.name(), c.check.name(), String.valueOf(c.dirtyPercent), String.valueOf(a.rounds()),
                    FigureFormat.interval(a.cells().get(c).interval())));
        }
        md.line().tableHeader(List.of("figure", "Δ ns per pass [95% CI]", "% of the NONE pass [95% CI]"), "lrr");
        String ctl = FigureFormat.signedInterval(a.control().interval()), ctlPct = FigureFormat.signedInterval(a.controlPercent().interval());
        String didPct = FigureFormat.signedInterval(a.didPercent().interval());
        md.row(List.of("control: PAGE_LOCK − NONE at 0% dirty (no check runs)", ctl, ctlPct));
        md.row(List.of("PAGE_LOCK − NONE at 100% dirty", FigureFormat.signedInterval(a.effect().interval()),
                FigureFormat.signedInterval(d.effectPercent().interval())));
        md.row(List.of(Markdown.bold("direct: difference in differences"), Markdown.bold(FigureFormat.signedInterval(a.did().interval())),
                Markdown.bold(didPct)));
        Composed c = d.composed();
        if (c != null) {
            md.row(List.of("composed: c × " + FigureFormat.fixed(c.pagesChecked(), 2) + " dirty pages checked per pass",
                    FigureFormat.signedInterval(c.delta().interval()), FigureFormat.signedInterval(c.percent().interval())));
        }
        md.line();
        md.para(Markdown.bold("Control.") + " Its interval " + (d.controlExcludesZero() ? Markdown.bold("excludes") : "contains") + " zero ("
                + ctl + " ns, " + ctlPct + "% of the pass)"
                + (d.controlExcludesZero() ? ": the two variants differ where no check runs, and the DiD subtracts that" : "") + ".");
        md.para(Markdown.bold("Resolution.") + " The direct overhead at 100% dirty is " + didPct + "% of a pass; its interval's half-width is "
                + FigureFormat.fixed(d.didHalfWidth(), 2) + " percentage points (target: 1). Fork means vary by "
                + FigureFormat.fixed(a.betweenSd(), 1) + "% (SD) around their cell's mean and iterations by " + FigureFormat.fixed(a.withinSd(), 1)
                + "% around their fork's mean; at this spread a ±1 point interval needs about " + FigureFormat.fixed(d.roundsForOnePoint(), 0)
                + " rounds (" + a.rounds() + " ran).");
        if (c != null) {
            md.para(Markdown.bold("Direct against composed.") + " Direct − composed = " + FigureFormat.signedInterval(c.directMinusComposed().interval())
                    + " percentage points: " + switch (c.agreement()) {
                        case NO_INTERVAL -> "cannot be judged, an estimate has no interval (one fork per cell)";
                        case DISAGREE -> "the two estimates " + Markdown.bold("disagree") + " beyond their intervals; the composed figure rests on "
                                + "the pageblock scan's c, the direct one on whole passes, and one of them misses a cost the other carries";
                        case AGREE_WIDE, AGREE -> "this design cannot tell them apart (the interval contains 0), and the smallest "
                                + "difference it would detect four times in five is " + FigureFormat.lone(c.detectable(), 2)
                                + " percentage points" + (c.detectable() > Math.abs(c.percent().mean()) ? ", more than the composed figure itself" : "");
                    } + ".");
        }
        md.para(Markdown.bold("Warm-up.") + " The first measured iteration of a fork differs from the rest of that fork by "
                + FigureFormat.signedInterval(a.warmup().interval()) + "% (over " + d.forks() + " forks, after " + d.warmup() + "): "
                + (d.warmupOutlier() ? Markdown.bold("it is an outlier") + ": the forks were not yet steady, or the first iteration carries what the "
                + "warm-up left behind" : "no sign of a warm-up transient")
                + ". Each measured iteration as % of its fork's mean, averaged over forks: "
                + String.join(", ", a.byIteration().stream().map(v -> FigureFormat.fixed(v, 1)).toList()) + ".");
        if (a.drift() != null) {
            md.para(Markdown.bold("Drift.") + " The later half of the rounds against the earlier half (each round's level: its four forks, each as % "
                    + "of its cell's earlier-half mean; rounds the unit, Welch): "
                    + FigureFormat.signedInterval(a.drift().interval()) + "%. " + (d.drifted()
                    ? "The machine changed under the run: what ABBA interleaving is for, since it falls on every cell alike; it still "
                    + "widens every interval, and the chart shows where."
                    : "No drift beyond noise."));
        }
        md.image("pass fork means in run order", CHART);
    }

    @Override
    public List<ChartSpec> charts(Optional<Direct> d) {
        return d.map(x -> List.of(x.chart())).orElse(List.of());
    }

    /** Each fork's mean in run order, one series per cell, so bimodality and drift are visible. */
    static ChartSpec chart(List<PassDidObservation> obs) {
        List<ChartSpec.Series> series = new ArrayList<>();
        for (Cell c : Cell.values()) {
            List<PassDidObservation> mine = obs.stream().filter(o -> o.cell() == c).toList();
            series.add(new ChartSpec.Series(c + " (" + c.check + ", " + c.dirtyPercent + "% dirty)",
                    mine.stream().map(o -> (double) o.sequence()).toList(), mine.stream().map(PassDidObservation::mean).toList(),
                    mine.stream().map(o -> 0.0).toList(), ChartSpec.Style.MARKERS));
        }
        return new ChartSpec(CHART, ChartSpec.Kind.LINE, "compaction pass at x = 0: each fork's mean, in run order (ABBA rounds)",
                "fork in run order", "ns per pass", List.of(), series, false, false);
    }
}
