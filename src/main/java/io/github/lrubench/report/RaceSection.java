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
    record Race(List<RaceOutcome> rows, long brokenSafe, ChartSpec chart) {
    }

    @Override
    public Race compute(Report.Inputs in) {
        List<RaceOutcome> rows = in.race().orElse(List.of());
        return new Race(rows, rows.stream().filter(r -> r.forbiddenSeen() && r.expectedSafe()).count(),
                rows.isEmpty() ? null : RaceChart.chart(rows));
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
                + "that could have gone wrong. Where the outcome was not seen, its rate is below the bound at 95% (rule of "
                + "three: −ln 0.05 / checks, about 3 / checks, rounded up). The bound treats the checks as independent "
                + "trials; checks that meet the same eviction are not, so per raced check it is optimistic. "
                + "`scripts/race --long` runs each safe combination to " + LongRaceRun.SAFE_GOAL
                + " checks for a tighter one.");
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
