package io.github.lrubench.report;

import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.RunComparison;
import io.github.lrubench.results.RunComparisonMarkdown;

import java.util.List;

/**
 * This run against an earlier one (report --against): each figure in both, and this run's Δ against
 * the earlier one with the same estimator as the rest of the report and {@code scripts/compare}
 * (Welch on fork means).
 */
final class ComparisonSection implements ReportSection<ComparisonSection.Against> {
    static final String CHART = "compare-against";

    record Against(String name, RunComparison comparison, ChartSpec chart) {
    }

    @Override
    public Against compute(Report.Inputs in) {
        Report.Against a = in.against().orElseThrow();
        RunComparison c = RunComparison.of(List.of(new RunComparison.Run(a.name(), a.results()),
                new RunComparison.Run(a.thisName(), in.results())));
        return new Against(a.name(), c, RunComparisonMarkdown.chart(c, CHART));
    }

    @Override
    public void print(Against a, Markdown md) {
        md.heading(2, "Comparison with " + a.name());
        md.text(RunComparisonMarkdown.markdown(a.comparison())).line();
        md.image("comparison", CHART);
    }

    @Override
    public List<ChartSpec> charts(Against a) {
        return List.of(a.chart());
    }
}
