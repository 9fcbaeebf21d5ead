package io.github.lrubench.cli;

import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write RUN_DIR/REPORT.md and RUN_DIR/charts/: each fix's overhead against NONE with an interval, "
                + "the break-even verdict on the overhead argument, skipped pages, deferred memory, the race table.")
public final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR")
    Path runDir;

    @Option(names = "--against", paramLabel = "OTHER_RUN_DIR", description = "Add a comparison with an earlier run.")
    Path against;

    @Mixin
    OtherSystemOptions others = new OtherSystemOptions();

    @Override
    public Integer call() throws Exception {
        RunDirectory run = RunDirectory.open(runDir);
        run.checkOwnDirectories();
        Path out;
        try (AutoCloseable lock = run.lock()) { // not while a bench writes the run
            out = Report.write(run, against == null ? null : RunDirectory.open(against), others.all());
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
