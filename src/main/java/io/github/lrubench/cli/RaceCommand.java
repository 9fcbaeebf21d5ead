package io.github.lrubench.cli;

import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.race.RaceTable;
import io.github.lrubench.results.RaceRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "race", mixinStandardHelpOptions = true,
        description = "Stress the truncate vs __isolate_lru_page() race for each check x free combination and print a "
                + "jcstress-style outcome table; with --out also race.csv and race.json.")
public final class RaceCommand implements Callable<Integer> {
    static final List<String> CHECKS = List.of("NONE", "PAGE_LOCK", "PAGE_LOCK_V4_16");
    static final List<String> FREES = List.of("IMMEDIATE", "PREEMPT_RCU", "RCU_SCHED");
    /**
     * 100 us: the window found dependable by RaceStressTest (about 200 detections per second in
     * each unsafe combination on a 2-core machine; 500 us and more leave too few trials).
     */
    static final long DEFAULT_WINDOW_NS = 100_000;

    @Spec CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "2", description = "Seconds per combination (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--window-ns", defaultValue = "" + DEFAULT_WINDOW_NS, description = "Extra ns inside the race window, as a preempted vCPU (default ${DEFAULT-VALUE}).")
    long windowNs;

    @Option(names = "--check", arity = "1..*", description = "Isolation checks: NONE PAGE_LOCK PAGE_LOCK_V4_16 (default all).")
    List<String> checks;

    @Option(names = "--free", arity = "1..*", description = "Inode free policies: IMMEDIATE PREEMPT_RCU RCU_SCHED (default all).")
    List<String> frees;

    @Option(names = "--out", description = "Run directory to write race.csv and race.json into.")
    Path out;

    /** Injected by tests; otherwise the one registered in the jar. */
    RaceRunner runner;

    @Override
    public Integer call() {
        if (!(seconds > 0) || seconds > 86400) {
            throw new ParameterException(spec.commandLine(), "--seconds must be > 0 and <= 86400, got " + seconds);
        }
        if (windowNs < 0) {
            throw new ParameterException(spec.commandLine(), "--window-ns must be >= 0, got " + windowNs);
        }
        List<String> cs = validate(checks, CHECKS, "--check");
        List<String> fs = validate(frees, FREES, "--free");
        RaceRunner r = runner != null ? runner : RaceRunner.find().orElseThrow(() -> new IllegalStateException(
                "race: not yet available: no RaceRunner implementation is built into this jar (it comes with the model)"));
        List<RaceOutcome> rows = new ArrayList<>();
        for (String c : cs) {
            for (String f : fs) {
                rows.add(r.run(c, f, windowNs, seconds));
            }
        }
        spec.commandLine().getOut().print(RaceTable.format(rows));
        spec.commandLine().getOut().flush();
        if (out != null) {
            RaceTable.writeCsv(rows, out.resolve("race.csv"));
            RaceTable.writeJson(rows, out.resolve("race.json"));
        }
        boolean broken = rows.stream().anyMatch(o -> o.forbiddenSeen() && o.expectedSafe());
        return broken ? 1 : 0;
    }

    private List<String> validate(List<String> given, List<String> allowed, String opt) {
        if (given == null || given.isEmpty()) {
            return allowed;
        }
        for (String g : given) {
            if (!allowed.contains(g)) {
                throw new ParameterException(spec.commandLine(), opt + ": unknown value '" + g + "', expected one of " + allowed);
            }
        }
        return given;
    }
}
