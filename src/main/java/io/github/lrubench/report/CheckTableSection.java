package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.IsolationCheck;

import java.util.List;

/** One question's cost table: each check against NONE (Δ first, then Δ %, then the control's floor and the reading). */
final class CheckTableSection implements ReportSection<CheckTableSection.CheckTable> {

    /**
     * The questions the cost tables answer, in the report's order, with their fixed prose: heading,
     * what is measured, the word the forest plot labels its rows with, and why the table has no
     * control (null when it has one).
     */
    enum Question {
        PER_DIRTY_PAGE(Suite.ISOLATION_CHECK, "page", "Cost of the check per dirty page",
                "Uncontended `__isolate_lru_page()` on a dirty page, ns per page.",
                "The benchmark isolates only dirty pages: no setting of it leaves the check nothing to do, so this table has no control."),
        PER_PFN(Suite.PAGEBLOCK_ISOLATION, "pfn", "Cost per scanned pfn of a whole pageblock",
                "`isolate_migratepages_block()` over 512 pfns, ns per pfn, by dirty fraction.", null),
        PER_PASS(Suite.COMPACTION_PASS, "pass", "Cost of a whole compaction pass",
                "Isolate + migrate, ns per pass: the heavy operation the argument refers to.", null);

        final Suite suite;
        final String forestWord;
        final String heading;
        final String what;
        final String whyNoControl;

        Question(Suite suite, String forestWord, String heading, String what, String whyNoControl) {
            this.suite = suite;
            this.forestWord = forestWord;
            this.heading = heading;
            this.what = what;
            this.whyNoControl = whyNoControl;
        }
    }

    /**
     * @param question the question the table answers
     * @param ran      whether the run has the question's benchmark class at all
     * @param rows     each check against NONE, controls marked; empty when no variant has a NONE baseline
     */
    record CheckTable(Question question, boolean ran, List<FixRow> rows) {
    }

    private final CostTables costs;
    private final Question question;

    /** The table of {@code question}, from rows {@code costs} computes once for the tables and the forest plot. */
    CheckTableSection(CostTables costs, Question question) {
        this.costs = costs;
        this.question = question;
    }

    @Override
    public CheckTable compute(Report.Inputs in) {
        boolean ran = costs.has(question.suite);
        return new CheckTable(question, ran, ran ? costs.rows(question.suite) : List.of());
    }

    @Override
    public void print(CheckTable t, Markdown md) {
        Question q = t.question();
        if (!t.ran()) {
            CostTables.printAbsent(md, q.heading, q.suite);
            return;
        }
        md.heading(2, q.heading).para(q.what);
        if (q.whyNoControl != null) {
            md.para(q.whyNoControl);
        }
        if (t.rows().isEmpty()) {
            md.para("No " + Markdown.code(SuiteParam.CHECK.key()) + " variants with a " + Markdown.code(IsolationCheck.NONE.name())
                    + " baseline in this run.");
        } else {
            FixTable.print(t.rows(), md);
        }
    }
}
