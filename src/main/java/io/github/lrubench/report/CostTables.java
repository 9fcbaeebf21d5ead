package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.results.BenchmarkResult;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.mm.IsolationCheck.NONE;

/**
 * The cost tables' rows, each fix against NONE per question, computed once for the sections that
 * show them: the tables ({@link CheckTableSection}) and the forest plot ({@link ForestSection}).
 */
final class CostTables {
    private final SuiteResults run;
    private final Map<Suite, List<FixRow>> rows = new EnumMap<>(Suite.class);

    CostTables(SuiteResults run) {
        this.run = run;
    }

    /** Whether the run has any result of the suite's class. */
    boolean has(Suite s) {
        return !run.of(s).isEmpty();
    }

    /** The rows of one question's table, computed once: each check against NONE, controls marked. */
    List<FixRow> rows(Suite s) {
        return rows.computeIfAbsent(s, k -> FixRow.compare(run.of(k), CHECK, NONE, null, BenchmarkResult::primary));
    }

    /** "## heading" and "`Class`: not in this run.": how a section says its suite did not run. */
    static void printAbsent(Markdown md, String heading, Suite s) {
        md.heading(2, heading).para(Markdown.code(s.simpleName()) + ": not in this run.");
    }
}
