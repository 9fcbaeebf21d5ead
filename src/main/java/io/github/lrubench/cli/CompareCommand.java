package io.github.lrubench.cli;

import io.github.lrubench.report.RunsCompared;
import io.github.lrubench.report.RunsComparedMarkdown;
import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.results.AtomicFiles;
import io.github.lrubench.results.ChartRenderer;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.ResultFiles;
import io.github.lrubench.results.RunComparison;
import io.github.lrubench.results.RunComparisonMarkdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Two or more runs side by side, as mmtests' compare-kernels: the first run is the baseline (A). Each "
                + "benchmark row shows A's mean of fork means with its 95%% interval and, for each other run, its mean, its "
                + "difference from A with Welch's 95%% interval on fork means (the report's estimator), that difference in %% of "
                + "A, and '*' where the difference's interval excludes 0. A row a run lacks shows '-'; runs that share no row "
                + "with A are refused.",
                "Run directories add their calibration.json (each compaction mode's figures, as the file states them) and "
                + "race.json (each check x free combination's outcome) side by side.",
                "RUN is a run directory or a JMH result file (JSON or CSV)."})
public final class CompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "RUN", description = "The baseline first, then the runs to set against it.")
    List<Path> runs;

    @Option(names = "--out", description = "Directory for COMPARE.md and compare.png, a chart of each run's difference "
            + "in %% of A per row (default: print only).")
    Path out;

    @Option(names = "--shared", description = "Only the benchmark rows every run has (the runs' own tables, calibration "
            + "and race, stay whole).")
    boolean shared;

    /** The chart's file stem in --out. */
    static final String CHART = "compare";

    @Override
    public Integer call() {
        if (out != null) {
            UsageChecks.outDirectory(spec.commandLine(), out);
        }
        // Everything is read before anything is printed or written: a bad file leaves --out as it was.
        RunComparison all = RunComparison.of(runs.stream()
                .map(p -> new RunComparison.Run(p.toString(), ResultFiles.read(resultsFile(p)))).toList());
        RunComparison results = shared ? all.shared() : all;
        RunsCompared.Tables tables = RunsCompared.of(runs.stream().map(RunsCompared.Run::read).toList());
        String own = RunsComparedMarkdown.markdown(tables);
        String md = RunComparisonMarkdown.markdown(results) + (own.isEmpty() ? "" : "\n" + own);
        spec.commandLine().getOut().print(md);
        if (out != null) {
            ChartSpec chart = RunComparisonMarkdown.chart(results, CHART);
            boolean drawn = !chart.categories().isEmpty();
            if (drawn) {
                ChartRenderer.render(chart, out);
            }
            AtomicFiles.writeString(out.resolve("COMPARE.md"), "# Comparison\n\n" + md
                    + (drawn ? "\n![each run's difference in % of A](" + CHART + ".png)\n" : ""));
        }
        return 0;
    }

    private static Path resultsFile(Path p) {
        return Files.isDirectory(p) ? RunDirectory.open(p).resultsFile() : p;
    }
}
