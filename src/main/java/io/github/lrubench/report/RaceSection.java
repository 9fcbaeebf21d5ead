package io.github.lrubench.report;

import io.github.lrubench.race.LongRaceRun;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.race.RaceTable;
import io.github.lrubench.results.ChartSpec;

import java.util.List;

/** The race itself: the stress table, how many safe variants showed the forbidden outcome, and its chart. */
final class RaceSection implements ReportSection<RaceSection.Race> {

    /**
     * @param rows       race.json's rows, empty when the run has none
     * @param brokenSafe safe variants (by contract or in practice) that showed the forbidden outcome
     * @param chart      the forbidden outcome's rate per combination, null without rows
     */
    record Race(List<RaceOutcome> rows, long brokenSafe, ChartSpec chart, double sensitivity, Long windowNs) {
    }

    @Override
    public Race compute(Report.Inputs in) {
        List<RaceOutcome> rows = in.race().orElse(List.of());
        List<Long> windows = rows.stream().map(RaceOutcome::windowNs).distinct().toList();
        return new Race(rows, rows.stream().filter(r -> r.forbiddenSeen() && r.expectedSafe()).count(),
                rows.isEmpty() ? null : RaceChart.chart(rows), RaceTable.sensitivity(rows), windows.size() == 1 ? windows.get(0) : null);
    }

    @Override
    public void print(Race r, Markdown md) {
        md.heading(2, "The race itself (stress, jcstress-style)");
        if (r.rows().isEmpty()) {
            md.para("race.json: not in this run.");
            return;
        }
        md.para("Forbidden outcome: a use after free of the inode's address_space. Expected safe: the check takes the page "
                + "lock or the free is RCU_SCHED (closed by contract), or the free is v4.15's PREEMPT_RCU (closed in practice: "
                + "its grace periods wait for a tick the IRQ-off CPU does not take); the `race` column says which. "
                + "IMMEDIATE is a hypothetical free, PREEMPT_RCU_CONTRACT preemptible RCU as its API contract reads. "
                + "Raced checks are the dirty-page checks whose window a truncation of their file overlapped: the trials "
                + "that could have gone wrong" + (r.windowNs() == null ? "" : "; every row widened the window by " + r.windowNs() + " ns")
                + ". Where the outcome was not seen, its rate is below the bound at 95% (rule of three: −ln 0.05 / n, about "
                + "3 / n, rounded up), given two ways. Per raced check it is divided by the stress's detection sensitivity, the "
                + "smallest share of raced checks that showed the outcome where the race is open"
                + (Double.isNaN(r.sensitivity()) ? " (no open row saw it in this table: unadjusted)" : " (" + FigureFormat.lone(r.sensitivity(), 2)
                + " here)") + ": a stress that catches a share q of the failures bounds their rate only to 3 / (n·q). Per distinct "
                + "eviction raced, the independent trials: the checks that met one eviction share its timing. "
                + "`scripts/race --long` runs each safe combination to " + LongRaceRun.SAFE_GOAL
                + " checks for a tighter bound. The trials do not prove a combination safe: \"closed by contract\" rests on the "
                + "page lock's and RCU-sched's guarantees, and \"closed in practice\" on v4.15's preemptible-RCU implementation, "
                + "whose grace periods wait for a tick the IRQ-off CPU does not take; the stress only fails to refute them.");
        md.text(RaceTable.markdown(r.rows())).line();
        md.para(r.brokenSafe() == 0 ? "No safe variant showed the forbidden outcome."
                : Markdown.bold(r.brokenSafe() + " safe variant(s) showed the forbidden outcome: the model or a fix is broken."));
        if (r.chart() != null) { // no row with dirty-page checks: nothing to draw, so no link
            md.image("forbidden outcome rate per check and free", RaceChart.CHART);
        }
    }

    @Override
    public List<ChartSpec> charts(Race r) {
        return r.chart() == null ? List.of() : List.of(r.chart());
    }
}
