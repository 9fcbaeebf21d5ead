package io.github.lrubench.cli;

import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.results.ChartRenderer;
import io.github.lrubench.results.Comparison;
import io.github.lrubench.results.AtomicFiles;
import io.github.lrubench.results.ResultFiles;
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
        description = "Two runs side by side (as mmtests' compare-kernels): each figure in both, the ratio B/A with its "
                + "interval, '*' where the interval excludes 1, and a chart. RUN_A/RUN_B are run directories or result files.")
public final class CompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_A")
    Path a;

    @Parameters(index = "1", paramLabel = "RUN_B")
    Path b;

    @Option(names = "--out", description = "Directory for COMPARE.md and the chart (default: print only).")
    Path out;

    @Override
    public Integer call() {
        if (out != null) {
            UsageChecks.outDirectory(spec.commandLine(), out);
        }
        List<Comparison.Row> rows = Comparison.compare(ResultFiles.read(file(a)), ResultFiles.read(file(b)), a.toString(), b.toString());
        String md = Comparison.markdown(rows, a.toString(), b.toString());
        spec.commandLine().getOut().print(md);
        if (out != null) {
            ChartRenderer.render(Comparison.chart(rows, "compare"), out);
            AtomicFiles.writeString(out.resolve("COMPARE.md"), "# Comparison\n\n" + md + "\n![ratio](compare.png)\n");
        }
        return 0;
    }

    private static Path file(Path p) {
        return Files.isDirectory(p) ? RunDirectory.open(p).resultsFile() : p;
    }
}
