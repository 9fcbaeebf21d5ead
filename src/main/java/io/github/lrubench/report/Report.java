package io.github.lrubench.report;

import io.github.lrubench.run.PassDidObservation;
import io.github.lrubench.run.RunMetadata;
import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Comparison;
import io.github.lrubench.results.ForkComparison;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.RatioStats;
import io.github.lrubench.race.LongRaceRun;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.race.RaceTable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * REPORT.md of a run directory: environment, the verdict on Mel Gorman's "overhead is minimal"
 * argument, one section per question with each fix against NONE (Δ with its 95% interval, judged
 * against its control), the costs that argument did not weigh, and the race table. Every input
 * is read before anything is written; the charts the markdown links to are drawn first, then
 * REPORT.md.
 */
public final class Report {

    /**
     * Everything a report is made of, read once.
     *
     * @param runName  the run directory's name, the report's title
     * @param did      the pass DiD's forks (did.json), if the run has them
     * @param calibration the host kernel's cost per migrated page (calibration.json), if the run has one
     * @param others   compaction costs measured elsewhere (per check, per migrated page), placed beside this run's
     * @param against  an earlier run to compare with, and its name as given
     */
    public record Inputs(String runName, List<BenchmarkResult> results, Optional<List<PassDidObservation>> did, Optional<RunMetadata> metadata,
                         Optional<List<RaceOutcome>> race, Optional<Calibration> calibration, List<OtherSystemCost> others,
                         Optional<Against> against) {
    }

    /** An earlier run's results and the names both runs are shown under in the comparison. */
    public record Against(String name, String thisName, List<BenchmarkResult> results) {
    }

    private Report() {
    }

    /** Reads a run (and the one to compare with), then writes its charts and REPORT.md. */
    public static Path write(RunDirectory run, RunDirectory against, List<OtherSystemCost> others) {
        Optional<Against> cmp = against == null ? Optional.empty()
                : Optional.of(new Against(against.toString(), run.toString(), against.readResults()));
        Inputs in = new Inputs(name(run), run.readResults(), run.readDid(), run.readMetadata(), run.readRace(), run.readCalibration(),
                List.copyOf(others), cmp);
        return write(run, in);
    }

    /** Writes the report of inputs already read (the bench stage holds them in memory). */
    public static Path write(RunDirectory run, Inputs in) {
        Section s = build(in);
        return run.writeReport(s.markdown(), s.charts());
    }

    /** The inputs of a run whose results, metadata and race table the caller holds (the bench stage). */
    public static Inputs inputs(RunDirectory run, List<BenchmarkResult> results, List<PassDidObservation> did, RunMetadata meta, List<RaceOutcome> race,
                                Calibration calibration, List<OtherSystemCost> others) {
        return new Inputs(name(run), results, Optional.ofNullable(did), Optional.ofNullable(meta), Optional.ofNullable(race), Optional.ofNullable(calibration),
                List.copyOf(others), Optional.empty());
    }

    static String name(RunDirectory run) {
        return String.valueOf(run.path().toAbsolutePath().normalize().getFileName());
    }

    /** The markdown alone (no files), for tests. */
    public static String markdown(List<BenchmarkResult> results, RunMetadata meta, List<RaceOutcome> race) {
        return markdown(results, meta, race, null, List.of());
    }

    /** The markdown alone (no files), with a calibration and costs from elsewhere, for tests. */
    public static String markdown(List<BenchmarkResult> results, RunMetadata meta, List<RaceOutcome> race,
                                  Calibration calibration, List<OtherSystemCost> others) {
        return build(new Inputs(".", results, Optional.empty(), Optional.ofNullable(meta), Optional.ofNullable(race),
                Optional.ofNullable(calibration), others, Optional.empty())).markdown();
    }

    /** The run's c, the check's cost per dirty page, as the report computes it; empty when the run cannot give it. */
    public static Optional<ForkStats.Estimate> checkCost(List<BenchmarkResult> results) {
        return Optional.ofNullable(CheckCost.of(new SuiteResults(results))).map(CheckCost::cost);
    }

    static Section build(Inputs in) {
        SuiteResults run = new SuiteResults(in.results());
        CostTables costs = new CostTables(run);
        SideCosts side = new SideCosts(run);
        List<Section> parts = new ArrayList<>();
        parts.add(Section.text("# lru-isolate-bench report: " + in.runName() + "\n\n"
                + "Question: is the page-lock check's overhead \"minimal as the calling context (compaction) is quite a "
                + "heavy operation anyway\" (Mel Gorman, 2018)? Every figure below is computed from this run's files.\n\n"));
        parts.add(environment(in.metadata()));
        parts.add(Section.text(method()));
        parts.add(RealKernelVerdict.of(run, in.calibration(), in.others()));
        parts.add(ModelVerdict.of(run, in.did().orElse(null)));
        parts.add(costs.floor());
        parts.add(costs.harness());
        parts.add(costs.checkSection("Cost of the check per dirty page", Suite.ISOLATION_CHECK,
                "Uncontended `__isolate_lru_page()` on a dirty page, ns per page."));
        parts.add(costs.checkSection("Cost per scanned pfn of a whole pageblock", Suite.PAGEBLOCK_ISOLATION,
                "`isolate_migratepages_block()` over 512 pfns, ns per pfn, by dirty fraction."));
        parts.add(costs.checkSection("Cost of a whole compaction pass", Suite.COMPACTION_PASS,
                "Isolate + migrate, ns per pass: the heavy operation the argument refers to."));
        parts.add(costs.forest(in.did().map(PassDidAnalysis::analyse).orElse(null)));
        parts.add(side.contended());
        parts.add(side.freeSide());
        parts.add(GracePeriodChart.of(run));
        parts.add(race(in.race().orElse(null)));
        in.against().ifPresent(a -> parts.add(comparison(a, in.results())));
        parts.add(Section.text("## Charts\n\n[`charts/`](charts/) holds the charts above as PNG and SVG. For a chart of every "
                + "benchmark and metric, run `scripts/plot results.json --out DIR`.\n"));
        return Section.join(parts);
    }

    /** The report's statistics, said once: one level, forks as the unit, Δ first, and when a Δ counts as resolved. */
    static String method() {
        int level = (int) Math.round(RatioStats.LEVEL * 100);
        return "## Method\n\n"
                + "One confidence level throughout: " + level + "%. Forks are the unit: each fork (a fresh JVM) contributes the "
                + "mean of its measured iterations, and a mean's interval is the " + ForkStats.METHOD + ". A fix against its "
                + "baseline is the " + ForkComparison.METHOD + ". The tables lead with Δ = variant − baseline in the metric's "
                + "own unit and its interval, then the percent. The Java model's verdict combines such estimates by the delta method (a contrast of four cells for c, "
                + "with Welch–Satterthwaite df; ratios by relative errors in quadrature) and its direct measurement is a t "
                + "interval over ABBA rounds; the real-kernel verdict pairs draws of c from its t distribution with a "
                + "bootstrap of the host kernel's median over its trials. JMH's own `±`, a 99.9% half-interval over all iterations as if they were "
                + "independent, is not printed.\n\n"
                + "**Resolved.** A Δ counts as resolved only when it clears the detection floor of its *control*: the same "
                + "comparison where the fix cannot act. In the pageblock and pass tables that is the 0% dirty row with the "
                + "other parameters equal (no dirty page, so no check runs), marked **(control)**. Its floor is "
                + "F = max(|low|, |high|) of the control's Δ interval, the largest difference the measurement produced with "
                + "nothing to measure; a Δ is resolved when its whole interval lies beyond F on one side of 0 (low > F, or "
                + "high < −F). A control whose interval excludes 0 shows drift or bias between cells, and its floor grows "
                + "with it. Where a table has no control (the isolation-check benchmark isolates only dirty pages; the "
                + "contended and free-side comparisons have no setting where the fix cannot act), \"yes†\" means only "
                + "that the interval excludes 0, which drift between cells can also produce. \"costlier\" and "
                + "\"cheaper\" say which way a resolved Δ goes; for throughput a cost is a negative Δ.\n\n"
                + "Counters of type EVENTS (`#`) are JMH totals over all measurement iterations of all forks; the tables "
                + "use their per-iteration values.\n\n";
    }

    private static Section environment(Optional<RunMetadata> meta) {
        StringBuilder md = new StringBuilder("## Environment\n\n");
        if (meta.isEmpty()) {
            md.append("No metadata.json in this run.\n\n");
        } else {
            md.append("| item | value |\n|---|---|\n");
            meta.get().tree().fields().forEachRemaining(e -> md.append("| ").append(e.getKey()).append(" | ")
                    .append(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()).append(" |\n"));
            md.append('\n');
        }
        return Section.text(md.toString());
    }

    private static Section race(List<RaceOutcome> race) {
        StringBuilder md = new StringBuilder("## The race itself (stress, jcstress-style)\n\n");
        if (race == null || race.isEmpty()) {
            return Section.text(md.append("race.json: not in this run.\n\n").toString());
        }
        md.append("Forbidden outcome: a use after free of the inode's address_space. Expected safe: the check takes the page "
                + "lock or the free is RCU_SCHED (closed by contract), or the free is v4.15's PREEMPT_RCU (closed in practice: "
                + "its grace periods wait for a tick the IRQ-off CPU does not take); the `race` column says which. "
                + "IMMEDIATE is a hypothetical free, PREEMPT_RCU_CONTRACT preemptible RCU as its API contract reads. "
                + "Raced checks are the dirty-page checks whose window a truncation of their file overlapped: the trials "
                + "that could have gone wrong. Where the outcome was not seen, its rate is below the bound at 95% (rule of "
                + "three: −ln 0.05 / checks, about 3 / checks, rounded up). The bound treats the checks as independent "
                + "trials; checks that meet the same eviction are not, so per raced check it is optimistic. "
                + "`scripts/race --long` runs each safe combination to " + LongRaceRun.SAFE_GOAL
                + " checks for a tighter one.\n\n")
                .append(RaceTable.markdown(race)).append('\n');
        long bad = race.stream().filter(r -> r.forbiddenSeen() && r.expectedSafe()).count();
        md.append(bad == 0 ? "No safe variant showed the forbidden outcome.\n\n"
                : "**" + bad + " safe variant(s) showed the forbidden outcome: the model or a fix is broken.**\n\n");
        return Section.join(List.of(Section.text(md.toString()), RaceChart.of(race)));
    }

    private static Section comparison(Against a, List<BenchmarkResult> results) {
        List<Comparison.Row> rows = Comparison.compare(a.results(), results, a.name(), a.thisName());
        return new Section("## Comparison with " + a.name() + "\n\n" + Comparison.markdown(rows, a.name(), a.thisName()) + '\n'
                + "![comparison](charts/compare-against.png)\n\n", List.of(Comparison.chart(rows, "compare-against")));
    }
}
