package io.github.lrubench.report;

import io.github.lrubench.run.PassDidObservation;
import io.github.lrubench.run.RunMetadata;
import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.results.BenchmarkResult;
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
        RunDirectory.Contents c = run.readAll();
        Inputs in = new Inputs(name(run), c.results(), c.did(), c.metadata(), c.race(), c.calibration(), List.copyOf(others), cmp);
        return write(run, in);
    }

    /** Writes the report of inputs already read (the bench stage holds them in memory). */
    public static Path write(RunDirectory run, Inputs in) {
        Markdown md = build(in);
        return run.writeReport(md.toString(), md.charts());
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
                Optional.ofNullable(calibration), others, Optional.empty())).toString();
    }

    /** The run's c, the check's cost per dirty page, as the report computes it; empty when the run cannot give it. */
    public static Optional<ForkStats.Estimate> checkCost(List<BenchmarkResult> results) {
        return Optional.ofNullable(CheckCost.of(new SuiteResults(results))).map(CheckCost::cost);
    }

    /** The whole report: every section computed and printed, in order, with the charts it links to. */
    static Markdown build(Inputs in) {
        SuiteResults run = new SuiteResults(in.results());
        CostTables costs = new CostTables(run);
        Markdown md = new Markdown();
        md.heading(1, "lru-isolate-bench report: " + in.runName())
                .para("Question: is the page-lock check's overhead \"minimal as the calling context (compaction) is quite a "
                        + "heavy operation anyway\" (Mel Gorman, 2018)? Every figure below is computed from this run's files.");
        md.section(new EnvironmentSection(), in);
        md.section(new MethodSection(), in);
        md.section(new KernelModes(), in);
        md.section(new PairedCheckSection(), in);
        md.section(new RealKernelVerdict(), in);
        md.section(new ModelVerdict(), in);
        md.section(new PassDidSection(), in);
        md.section(new FloorSection(), in);
        md.section(new HarnessSection(), in);
        for (CheckTableSection.Question q : CheckTableSection.Question.values()) {
            md.section(new CheckTableSection(costs, q), in);
        }
        md.section(new ForestSection(costs), in);
        md.section(new ContentionSection(), in);
        md.section(new ContendedPassSection(), in);
        md.section(new FreeSideSection(), in);
        md.section(new GracePeriodChart(), in);
        md.section(new RaceSection(), in);
        if (in.against().isPresent()) {
            md.section(new ComparisonSection(), in);
        }
        md.heading(2, "Charts").text("[`charts/`](charts/) holds the charts above as PNG and SVG. For a chart of every "
                + "benchmark and metric, run `scripts/plot results.json --out DIR`.").line();
        return md;
    }
}
