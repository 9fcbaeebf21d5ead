package io.github.lrubench.cli;

import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartPlanner;
import io.github.lrubench.results.ChartRenderer;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.ResultFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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

    @Override
    public Integer call() {
        UsageChecks.outDirectory(spec.commandLine(), out);
        List<BenchmarkResult> results = ResultFiles.readAll(files); // all inputs valid before anything is written
        // This project's fix axes make the series where a file has them; any other parameter otherwise.
        List<ChartSpec> specs = new ChartPlanner(List.of(SuiteParam.CHECK.key(), SuiteParam.FREE.key())).plan(results);
        ChartRenderer.renderAll(specs, out);
        spec.commandLine().getOut().printf("%d results, %d charts (PNG + SVG) in %s%n", results.size(), specs.size(), out);
        return 0;
    }
}
