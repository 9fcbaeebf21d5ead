package io.github.lrubench.cli;

import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartPlanner;
import io.github.lrubench.results.ChartRenderer;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.ResultFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Charts (PNG and SVG) from JMH JSON or CSV files of any JMH project: bars per parameter "
                + "combination with the 99.9%% interval, a line per numeric parameter, one chart per secondary metric.")
public final class PlotCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JMH result files (-rf json or -rf csv).")
    List<Path> files;

    @Option(names = "--out", defaultValue = "charts", description = "Output directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--max-charts", defaultValue = "200", paramLabel = "N",
            description = "Draw at most N charts, in input order (default ${DEFAULT-VALUE}); a line says how many were skipped.")
    int maxCharts;

    /** The most points (bars or line points) a chart is drawn with: more cannot be read, and take minutes to render. */
    static final int MAX_POINTS = 5000;

    @Override
    public Integer call() {
        if (maxCharts < 1) {
            throw new ParameterException(spec.commandLine(), "--max-charts must be at least 1, got " + maxCharts);
        }
        UsageChecks.outDirectory(spec.commandLine(), out);
        List<BenchmarkResult> results = ResultFiles.readAll(files); // all inputs valid before anything is written
        // This project's fix axes make the series where a file has them; any other parameter otherwise.
        List<ChartSpec> specs = new ChartPlanner(List.of(SuiteParam.CHECK.key(), SuiteParam.FREE.key())).plan(results);
        // Bounded work: a chart of more points than anyone can read takes minutes to draw, and so do thousands of charts.
        List<ChartSpec> readable = specs.stream().filter(c -> c.points() <= MAX_POINTS).toList();
        List<ChartSpec> drawn = readable.subList(0, Math.min(maxCharts, readable.size()));
        ChartRenderer.renderAll(drawn, out);
        spec.commandLine().getOut().printf("%d results, %d charts (PNG + SVG) in %s%n", results.size(), drawn.size(), out);
        int crowded = specs.size() - readable.size(), over = readable.size() - drawn.size();
        if (crowded + over > 0) {
            spec.commandLine().getOut().printf("skipped %d of %d charts: %d past --max-charts %d, %d with more than %d points%n",
                    crowded + over, specs.size(), over, maxCharts, crowded, MAX_POINTS);
        }
        return 0;
    }
}
