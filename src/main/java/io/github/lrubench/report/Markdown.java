package io.github.lrubench.report;

import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Interval;

import java.util.ArrayList;
import java.util.List;

/**
 * The one writer of REPORT.md: sections print through it, and their figures go through
 * {@link FigureFormat} (the tables other layers print, the race table and the run comparison, use
 * their own: results.Format and RaceTable). Markdown's syntax (headings,
 * tables, images) is spelled here; a section's printer supplies words and figures.
 */
final class Markdown {
    private final StringBuilder out = new StringBuilder();
    private final List<ChartSpec> charts = new ArrayList<>();

    /** Computes a section and prints it here, keeping its charts for the writer. */
    <F> Markdown section(ReportSection<F> s, Report.Inputs in) {
        F figures = s.compute(in);
        s.print(figures, this);
        charts.addAll(s.charts(figures));
        return this;
    }

    /** "## text" and a blank line. */
    Markdown heading(int level, String text) {
        out.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        return this;
    }

    /** A paragraph: the text and a blank line. */
    Markdown para(String text) {
        out.append(text).append("\n\n");
        return this;
    }

    /** Text as it is, no line added (a sentence built in parts, a preformatted line). */
    Markdown text(String text) {
        out.append(text);
        return this;
    }

    /** Ends a line. */
    Markdown line() {
        out.append('\n');
        return this;
    }

    /** A table's header row and its alignment row ("l" left, "r" right per column). */
    Markdown tableHeader(List<String> columns, String align) {
        if (columns.size() != align.length()) {
            throw new IllegalArgumentException(columns.size() + " columns, " + align.length() + " alignments");
        }
        row(columns);
        out.append('|');
        for (char a : align.toCharArray()) {
            out.append(a == 'r' ? "--:|" : "---|");
        }
        out.append('\n');
        return this;
    }

    /** One table row: "| a | b |". */
    Markdown row(List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        return this;
    }

    /** A chart the writer draws, linked as an image, and a blank line. */
    Markdown image(String alt, String stem) {
        out.append("![").append(alt).append("](charts/").append(stem).append(".png)\n\n");
        return this;
    }

    /** A chart to draw that this section links to itself. */
    Markdown chart(ChartSpec spec) {
        charts.add(spec);
        return this;
    }

    /** `code`. */
    static String code(String s) {
        return "`" + s + "`";
    }

    /** **bold**. */
    static String bold(String s) {
        return "**" + s + "**";
    }

    List<ChartSpec> charts() {
        return List.copyOf(charts);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
