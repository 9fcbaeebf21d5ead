package io.github.lrubench.report;

import io.github.lrubench.results.ChartSpec;

import java.util.ArrayList;
import java.util.List;

/** One part of REPORT.md: its markdown and the charts that markdown links to, drawn by the writer. */
record Section(String markdown, List<ChartSpec> charts) {

    static Section text(String markdown) {
        return new Section(markdown, List.of());
    }

    /** Sections in order, as one. */
    static Section join(List<Section> parts) {
        StringBuilder md = new StringBuilder();
        List<ChartSpec> charts = new ArrayList<>();
        for (Section s : parts) {
            md.append(s.markdown());
            charts.addAll(s.charts());
        }
        return new Section(md.toString(), charts);
    }
}
