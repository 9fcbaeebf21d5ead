package io.github.lrubench.report;

import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Comparison;

import java.util.List;

/** This run against an earlier one (report --against): each figure in both and their ratio. */
final class ComparisonSection implements ReportSection<ComparisonSection.Against> {
    static final String CHART = "compare-against";

    record Against(String name, String thisName, List<Comparison.Row> rows, ChartSpec chart) {
    }

    @Override
    public Against compute(Report.Inputs in) {
        Report.Against a = in.against().orElseThrow();
        List<Comparison.Row> rows = Comparison.compare(a.results(), in.results(), a.name(), a.thisName());
        return new Against(a.name(), a.thisName(), rows, Comparison.chart(rows, CHART));
    }

    @Override
    public void print(Against a, Markdown md) {
        md.heading(2, "Comparison with " + a.name());
        md.text(Comparison.markdown(a.rows(), a.name(), a.thisName())).line();
        md.image("comparison", CHART);
    }

    @Override
    public List<ChartSpec> charts(Against a) {
        return List.of(a.chart());
    }
}
