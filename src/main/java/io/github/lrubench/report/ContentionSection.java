package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.Metric;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.lrubench.bench.SuiteMetric.BLOCKS_SKIPPED;
import static io.github.lrubench.bench.SuiteMetric.COMPACTIONS_CONTENDED;
import static io.github.lrubench.bench.SuiteMetric.INODES_DEFERRED;
import static io.github.lrubench.bench.SuiteMetric.INODES_FREED;
import static io.github.lrubench.bench.SuiteMetric.ISOLATED;
import static io.github.lrubench.bench.SuiteMetric.MIGRATED;
import static io.github.lrubench.bench.SuiteMetric.PUT_BACK_ON_FAILURE;
import static io.github.lrubench.bench.SuiteMetric.SKIPPED_INVERTED;
import static io.github.lrubench.bench.SuiteMetric.SKIPPED_TRYLOCK;
import static io.github.lrubench.bench.SuiteMetric.UAF_DETECTED;
import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.FREE;

/**
 * What the overhead argument never weighed, first part: pages skipped under contention. A
 * compacting and a truncating thread (ContendedCompactionBenchmark's @Group), each role's own
 * throughput and counters, and each fix against its baseline per role.
 */
final class ContentionSection implements ReportSection<ContentionSection.Contention> {
    static final Suite SUITE = Suite.CONTENDED_COMPACTION;
    /** The compacting thread's counters, in the table's column order. */
    static final List<SuiteMetric> COMPACTOR_COUNTERS = List.of(ISOLATED, MIGRATED, SKIPPED_TRYLOCK, SKIPPED_INVERTED, UAF_DETECTED,
            PUT_BACK_ON_FAILURE, BLOCKS_SKIPPED, COMPACTIONS_CONTENDED);
    /** The truncating thread's counters: how destroy_inode() freed the evicted inodes. */
    static final List<SuiteMetric> TRUNCATOR_COUNTERS = List.of(INODES_FREED, INODES_DEFERRED);

    /**
     * One role's thread in one result: the group member's rate and the counters of its thread.
     *
     * @param params   the result's parameters
     * @param rate     the role's operations per second over fork means with its interval; null when the result lacks the member
     * @param counters each counter's events per second (JMH's score, a mean over iterations); a counter the result lacks is absent
     */
    record Member(String params, Interval rate, Map<SuiteMetric, Double> counters) {
    }

    /**
     * @param member         the compacting thread
     * @param skippedPercent pages skipped (trylock failed, or refused by v4.16's inverted condition) per 100 the scanner
     *                       reached (isolated or skipped); NaN when it reached none
     */
    record Compactor(Member member, double skippedPercent) {
    }

    /** Why a fix ran faster than its baseline. */
    enum Faster {
        /** It refuses dirty anonymous pages, so a pass does less work: not a gain. */
        REFUSES_PAGES,
        /** The interval contains 0. */
        NOT_RESOLVED,
        /** The interval excludes 0, and nothing in the model makes the fix cheaper for the role: drift, with no control to tell. */
        UNEXPLAINED
    }

    /**
     * A fix against its baseline for one role.
     *
     * @param faster  why the fix ran faster, null when it did not
     * @param refused the fix's {@code skippedInverted} per second, for {@link Faster#REFUSES_PAGES}; 0 otherwise
     */
    record Fix(FixRow row, Faster faster, double refused) {
    }

    /**
     * @param compactors each result's compacting thread; empty when the run has no contended results
     * @param truncators each result's truncating thread
     * @param byCheck    each check against NONE, the roles interleaved
     * @param byFree     each free against PREEMPT_RCU, the roles interleaved
     */
    record Contention(List<Compactor> compactors, List<Member> truncators, List<Fix> byCheck, List<Fix> byFree) {
        boolean inRun() {
            return !compactors.isEmpty();
        }
    }

    @Override
    public Contention compute(Report.Inputs in) {
        List<BenchmarkResult> rs = new SuiteResults(in.results()).of(SUITE);
        List<Compactor> compactors = new ArrayList<>();
        List<Member> truncators = new ArrayList<>();
        for (BenchmarkResult r : rs) {
            double iso = score(r, ISOLATED), skipped = score(r, SKIPPED_TRYLOCK) + score(r, SKIPPED_INVERTED);
            compactors.add(new Compactor(member(r, Role.COMPACTION, COMPACTOR_COUNTERS),
                    iso + skipped > 0 ? 100 * skipped / (iso + skipped) : Double.NaN));
            truncators.add(member(r, Role.TRUNCATION, TRUNCATOR_COUNTERS));
        }
        return new Contention(List.copyOf(compactors), List.copyOf(truncators), fixes(rs, contendedRows(rs, true)),
                fixes(rs, contendedRows(rs, false)));
    }

    static Member member(BenchmarkResult r, Role role, List<SuiteMetric> counters) {
        Map<SuiteMetric, Double> values = new LinkedHashMap<>();
        for (SuiteMetric c : counters) {
            Metric m = SuiteResults.metric(r, c);
            if (m != null) {
                values.put(c, m.score());
            }
        }
        return new Member(r.paramLabel(), role.mean(r), values);
    }

    /** The rows of every fix against its baseline, per role: each check against NONE, or each free against PREEMPT_RCU. */
    static List<FixRow> contendedRows(List<BenchmarkResult> rs, boolean checkAxis) {
        List<FixRow> compact = checkAxis ? FixRow.compare(rs, CHECK, IsolationCheck.NONE, Role.COMPACTION, Role.COMPACTION::of)
                : FixRow.compare(rs, FREE, InodeFreePolicy.PREEMPT_RCU, Role.COMPACTION, Role.COMPACTION::of);
        List<FixRow> truncate = checkAxis ? FixRow.compare(rs, CHECK, IsolationCheck.NONE, Role.TRUNCATION, Role.TRUNCATION::of)
                : FixRow.compare(rs, FREE, InodeFreePolicy.PREEMPT_RCU, Role.TRUNCATION, Role.TRUNCATION::of);
        List<FixRow> out = new ArrayList<>();
        for (int i = 0; i < Math.max(compact.size(), truncate.size()); i++) {
            if (i < compact.size()) {
                out.add(compact.get(i));
            }
            if (i < truncate.size()) {
                out.add(truncate.get(i));
            }
        }
        return out;
    }

    private static List<Fix> fixes(List<BenchmarkResult> rs, List<FixRow> rows) {
        return rows.stream().map(row -> fix(row, rs)).toList();
    }

    /**
     * The row and, where the fix runs faster than its baseline, why. A fix that refuses pages does
     * less work per pass, which is not a gain; otherwise a faster row whose interval contains 0 is
     * noise, and one that excludes it has no mechanism in the model.
     */
    static Fix fix(FixRow row, List<BenchmarkResult> rs) {
        if (!row.faster()) {
            return new Fix(row, null, 0);
        }
        BenchmarkResult variant = rs.stream().filter(r -> row.variant().equals(SuiteResults.param(r, row.axis()))
                && row.others().entrySet().stream().allMatch(e -> e.getValue().equals(r.param(e.getKey())))).findFirst().orElse(null);
        double refused = variant == null ? 0 : score(variant, SKIPPED_INVERTED);
        if (row.role() == Role.COMPACTION && row.variant().equals(IsolationCheck.PAGE_LOCK_V4_16.name()) && refused > 0) {
            return new Fix(row, Faster.REFUSES_PAGES, refused);
        }
        return new Fix(row, row.delta().excludes(0) ? Faster.UNEXPLAINED : Faster.NOT_RESOLVED, 0);
    }

    /** A counter's score, 0 when the result lacks it or it is not finite. */
    private static double score(BenchmarkResult r, SuiteMetric name) {
        Metric m = SuiteResults.metric(r, name);
        return m == null || !Double.isFinite(m.score()) ? 0 : m.score();
    }

    @Override
    public void print(Contention c, Markdown md) {
        md.heading(2, "What the argument never weighed: contention");
        if (!c.inRun()) {
            md.para(FreeSideSection.notInRun(SUITE));
            return;
        }
        md.para("A compacting CPU against a truncating CPU (one JMH @Group, one thread each). JMH's primary score of the group is "
                + "the *sum* of both threads' operations, which mixes a compaction pass with a truncation; the tables show each "
                + "role's own throughput (the group members' secondary results) with its 95% interval over fork means.");
        md.heading(3, "Each role");
        md.para("Compacting CPU: passes per second and its counters, events per second (OPERATIONS aux counters, means over "
                + "iterations). `skippedTrylock`: pages isolation skipped because trylock_page() failed; `skippedInverted`: "
                + "dirty pages refused only by the v4.16 inverted condition; `uafDetected`: use after free caught by the "
                + "poisoned inode cache. What direct async compaction loses beyond a refused page (skip_on_failure): "
                + "`putBackOnFailure`: pages isolated and put back unmigrated because a later page of their "
                + "cc->order-aligned block was refused; `blocksSkipped`: such blocks given up; `compactionsContended`: "
                + "whole compactions ended by LRU-lock contention.");
        md.tableHeader(columns(Role.COMPACTION, COMPACTOR_COUNTERS, "skipped share"), "lr" + "r".repeat(COMPACTOR_COUNTERS.size() + 1));
        for (Compactor k : c.compactors()) {
            List<String> cells = cells(k.member(), COMPACTOR_COUNTERS);
            cells.add(Double.isNaN(k.skippedPercent()) ? "-" : FigureFormat.fractionPercent(new Interval(k.skippedPercent() / 100, Double.NaN, Double.NaN)));
            md.row(cells);
        }
        md.line().para("Truncating CPU: truncations per second (one unlink and one new file each) and how destroy_inode() freed "
                + "the evicted inodes, per second.");
        md.tableHeader(columns(Role.TRUNCATION, TRUNCATOR_COUNTERS, null), "lr" + "r".repeat(TRUNCATOR_COUNTERS.size()));
        c.truncators().forEach(t -> md.row(cells(t, TRUNCATOR_COUNTERS)));
        md.line().para("`skippedTrylock` is mostly not a cost: a dirty page whose lock is busy at isolation would, once isolated, "
                + "meet trylock_page() again in async `__unmap_and_move()` and be given up there, and the lock holder is "
                + "usually truncation, which is removing the page anyway. The page is skipped either way; the check only "
                + "moves where.");
        md.heading(3, "Each check against NONE, per role");
        fixTable(c.byCheck(), md);
        md.heading(3, "Each free against PREEMPT_RCU, per role");
        md.para("`PREEMPT_RCU` is v4.15's call_rcu() on a preemptible kernel, what destroy_inode() already did for the "
                + "filesystems in question, so a deferred free's cost is stated against it; `RCU_SCHED` is Huang Ying's "
                + "call_rcu_sched().");
        fixTable(c.byFree(), md);
    }

    /** "params", the role's rate with its interval, each counter's JMH key, then {@code last} if any. */
    private static List<String> columns(Role role, List<SuiteMetric> counters, String last) {
        List<String> cols = new ArrayList<>(List.of("params", role.label() + " [95% CI]"));
        counters.forEach(m -> cols.add(m.key()));
        if (last != null) {
            cols.add(last);
        }
        return cols;
    }

    /** A member's cells: params, rate, counters; "-" for what the result lacks. */
    private static List<String> cells(Member t, List<SuiteMetric> counters) {
        List<String> cells = new ArrayList<>(List.of(t.params(), t.rate() == null ? "-" : FigureFormat.si(t.rate(), "")));
        counters.forEach(m -> cells.add(t.counters().containsKey(m) ? FigureFormat.num(t.counters().get(m)) : "-"));
        return cells;
    }

    /** The fixes' table with a note on every row where the fix ran faster than its baseline. */
    private static void fixTable(List<Fix> fixes, Markdown md) {
        if (fixes.isEmpty()) {
            md.para("No variants with a baseline in this run.");
            return;
        }
        Map<FixRow, String> notes = new IdentityHashMap<>();
        fixes.stream().filter(f -> f.faster() != null).forEach(f -> notes.put(f.row(), note(f)));
        FixTable.print(fixes.stream().map(Fix::row).toList(), notes::get, md);
    }

    private static String note(Fix f) {
        return switch (f.faster()) {
            case REFUSES_PAGES -> "faster, not better: it refuses dirty anonymous pages (" + FigureFormat.num(f.refused()) + " "
                    + Markdown.code(SKIPPED_INVERTED.key()) + "/s), so a pass does less work";
            case NOT_RESOLVED -> "faster, but the interval contains 0: not resolved";
            case UNEXPLAINED -> "faster and the interval excludes 0, but nothing in the model makes this fix cheaper for this role: "
                    + "drift between cells run minutes apart (no control to tell)";
        };
    }
}
