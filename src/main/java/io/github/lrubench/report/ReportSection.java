package io.github.lrubench.report;

import io.github.lrubench.results.ChartSpec;

import java.util.List;

/**
 * One part of REPORT.md, in two steps kept apart: {@link #compute} reads the run and returns a record of
 * figures (estimates with their intervals, units, labels, resolved or not) and builds no Markdown
 * (a few plain-text labels and notes travel in the records);
 * {@link #print} turns that record into Markdown through the one writer, {@link Markdown}, whose
 * {@link FigureFormat} formats every figure. Tests check the records against independently computed
 * figures, and the printing against golden files.
 *
 * @param <F> the section's record of figures
 */
interface ReportSection<F> {

    /** The section's figures, from the report's inputs; no Markdown. */
    F compute(Report.Inputs in);

    /** The section's Markdown: fixed prose lives here (one place per section), figures go through {@link Markdown}. */
    void print(F figures, Markdown md);

    /** The charts the printed Markdown links to, drawn by the writer before REPORT.md. */
    default List<ChartSpec> charts(F figures) {
        return List.of();
    }
}
