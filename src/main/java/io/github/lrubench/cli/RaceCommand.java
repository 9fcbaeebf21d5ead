package io.github.lrubench.cli;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.race.CombinationRunner;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.race.RaceTable;
import io.github.lrubench.race.RaceTableRun;
import io.github.lrubench.race.RaceVerdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "race", mixinStandardHelpOptions = true,
        description = "Stress the truncate vs __isolate_lru_page() race for each check x free combination and print a "
                + "jcstress-style outcome table; with --out also race.csv and race.json.")
public final class RaceCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "2", description = "Seconds per combination (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--window-ns", defaultValue = "" + RaceTableRun.DEFAULT_WINDOW_NS, description = "Extra ns inside the race window, as a preempted vCPU (default ${DEFAULT-VALUE}).")
    long windowNs;

    @Option(names = "--check", arity = "1..*", description = "Isolation checks: ${COMPLETION-CANDIDATES} (default all).")
    List<IsolationCheck> checks;

    @Option(names = "--free", arity = "1..*", description = "Inode free policies: ${COMPLETION-CANDIDATES} (default all).")
    List<InodeFreePolicy> frees;

    @Option(names = "--out", description = "Run directory to write race.csv and race.json into.")
    Path out;

    /** The model; tests inject a fake. */
    CombinationRunner runner = CombinationRunner.MODEL;

    @Override
    public Integer call() {
        if (!(seconds > 0) || seconds > 86400) {
            throw new ParameterException(spec.commandLine(), "--seconds must be > 0 and <= 86400, got " + seconds);
        }
        if (windowNs < 0) {
            throw new ParameterException(spec.commandLine(), "--window-ns must be >= 0, got " + windowNs);
        }
        RaceTableRun table = new RaceTableRun(checks == null ? RaceTableRun.ALL_CHECKS : checks,
                frees == null ? RaceTableRun.ALL_FREES : frees, windowNs, Duration.ofNanos(Math.max(1, (long) (seconds * 1e9))));
        List<RaceOutcome> rows = table.run(runner);
        spec.commandLine().getOut().print(RaceTable.format(rows));
        spec.commandLine().getOut().flush();
        if (out != null) {
            RaceTable.writeCsv(rows, out.resolve("race.csv"));
            RaceTable.writeJson(rows, out.resolve("race.json"));
        }
        boolean broken = rows.stream().anyMatch(o -> o.verdict() == RaceVerdict.FAIL);
        return broken ? 1 : 0;
    }
}
