package io.github.lrubench.cli;

import io.github.lrubench.report.OtherSystemCost;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The options that place another system's compaction cost on a report: one home for bench and report. */
final class OtherSystemOptions {
    @Option(names = "--t-check", paramLabel = "NS[:LABEL]", converter = OtherSystemCostConverter.PerCheck.class,
            description = "Compaction time per check measured elsewhere (its calibrate, or a trace by hand: README), "
                    + "placed on the verdict by mode (repeatable).")
    List<OtherSystemCost> perCheck = new ArrayList<>();

    @Option(names = "--t-page", paramLabel = "NS[:LABEL]", converter = OtherSystemCostConverter.PerMigratedPage.class,
            description = "A cost of compaction per migrated page measured elsewhere (the old unit, one check per page moved), "
                    + "placed on the per-page chart (repeatable).")
    List<OtherSystemCost> perMigratedPage = new ArrayList<>();

    /** Both, per check first; two values of one option with one label are a usage error (one line, exit 2). */
    List<OtherSystemCost> all() {
        List<OtherSystemCost> out = new ArrayList<>(perCheck);
        out.addAll(perMigratedPage);
        try {
            OtherSystemCost.requireDistinctLabels(out);
        } catch (IllegalArgumentException e) {
            throw new io.github.lrubench.results.BadInputException(e.getMessage());
        }
        return out;
    }
}
