package io.github.lrubench.cli;

import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.race.CombinationRunner;
import io.github.lrubench.race.LongRaceRun;
import io.github.lrubench.race.RaceOutcome;
import io.github.lrubench.race.RaceStress;
import io.github.lrubench.race.RaceStress.Options;
import io.github.lrubench.race.RaceTable;
import io.github.lrubench.race.RaceTableRun;
import io.github.lrubench.race.RaceVerdict;
import io.github.lrubench.results.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "race", mixinStandardHelpOptions = true,
        description = "Stress the truncate vs __isolate_lru_page() race for each check x free combination and print a "
                + "jcstress-style outcome table; with --out also race.csv and race.json.")
public final class RaceCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "2", converter = SecondsConverter.class,
            description = "Seconds per combination, " + Options.MIN_SECONDS + " to " + Options.MAX_SECONDS
                    + " (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--window-ns", defaultValue = "" + RaceTableRun.DEFAULT_WINDOW_NS, converter = WindowConverter.class,
            description = "Extra ns inside the race window, as a preempted vCPU, 0 to " + Options.MAX_WINDOW_NS
                    + " (default ${DEFAULT-VALUE}).")
    long windowNs;

    @Option(names = "--check", arity = "1..*", description = "Isolation checks: ${COMPLETION-CANDIDATES} (default all).")
    List<IsolationCheck> checks;

    @Option(names = "--free", arity = "1..*", description = "Inode free policies: ${COMPLETION-CANDIDATES} (default all).")
    List<InodeFreePolicy> frees;

    @Option(names = "--out", description = "Run directory to write " + RunDirectory.RACE_CSV + " and " + RunDirectory.RACE_JSON + " into "
            + "(with --long also " + RunDirectory.RACE_LONG + ").")
    Path out;

    @Option(names = "--long", description = "The race's \"never\" with numbers (not for CI, up to 30 minutes): "
            + "each safe combination to " + LongRaceRun.SAFE_GOAL + " dirty-page checks (at most "
            + LongRaceRun.SAFE_CAP_SECONDS + " s each) on the kernel's own window, each open one to its first use "
            + "after free; prints the upper 95%% bound on the forbidden rate. Takes no --seconds or --window-ns.")
    boolean longMode;

    /** The model; tests inject a fake. */
    CombinationRunner runner = CombinationRunner.MODEL;
    /** The long mode's stress; tests inject a fake. */
    Function<Options, RaceStress.Result> longStress = RaceStress::run;

    @Override
    public Integer call() {
        if (out != null) {
            UsageChecks.outDirectory(spec.commandLine(), out); // before the stress, not after it
        }
        if (longMode) {
            return runLong();
        }
        RaceTableRun table = new RaceTableRun(checks == null ? RaceTableRun.ALL_CHECKS : checks,
                frees == null ? RaceTableRun.ALL_FREES : frees, windowNs, Duration.ofNanos(Math.max(1, (long) (seconds * 1e9))));
        List<RaceOutcome> rows = table.run(runner);
        spec.commandLine().getOut().print(RaceTable.format(rows));
        spec.commandLine().getOut().flush();
        if (out != null) {
            RunDirectory.at(out).writeRace(rows);
        }
        boolean broken = rows.stream().anyMatch(o -> o.verdict() == RaceVerdict.FAIL);
        return broken ? 1 : 0;
    }

    private int runLong() {
        for (String fixed : List.of("--seconds", "--window-ns")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(fixed)) {
                throw new ParameterException(spec.commandLine(), "--long sets its own " + fixed + "; give one or the other");
            }
        }
        LongRaceRun run = LongRaceRun.standard(checks == null ? RaceTableRun.ALL_CHECKS : checks,
                frees == null ? RaceTableRun.ALL_FREES : frees);
        var err = spec.commandLine().getErr();
        List<LongRaceRun.Row> finished = new java.util.ArrayList<>();
        List<LongRaceRun.Row> rows = run.run(longStress, row -> {
            err.printf("%s x %s: %d dirty checks, %d raced, %d UAF in %.1f s%n", row.outcome().check(), row.outcome().free(),
                    row.outcome().dirtyPageChecks(), row.outcome().racedChecks(), row.outcome().uafDetected(), row.durationMs() / 1e3);
            err.flush();
            finished.add(row);
            if (out != null) { // each finished row lands at once: an interrupted --long keeps them (issue 22 #14)
                RunDirectory.at(out).writeRace(finished.stream().map(LongRaceRun.Row::outcome).toList());
                RunDirectory.at(out).writeLongRace(LongRaceRun.markdown(finished));
            }
        });
        String table = LongRaceRun.markdown(rows);
        spec.commandLine().getOut().print(table);
        spec.commandLine().getOut().flush();
        List<RaceOutcome> outcomes = rows.stream().map(LongRaceRun.Row::outcome).toList();
        if (out != null) {
            RunDirectory.at(out).writeRace(outcomes);
            RunDirectory.at(out).writeLongRace(table);
        }
        return outcomes.stream().anyMatch(o -> o.verdict() == RaceVerdict.FAIL) ? 1 : 0;
    }

    /** --seconds within the stress's own limits, refused while parsing so nothing has run yet. */
    static final class SecondsConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double s;
            try {
                s = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of seconds");
            }
            if (!(s >= Options.MIN_SECONDS && s <= Options.MAX_SECONDS)) {
                throw new TypeConversionException("'" + value + "' is outside " + Options.MIN_SECONDS + ".." + Options.MAX_SECONDS + " s");
            }
            return s;
        }
    }

    /** --window-ns within the stress's own limits. */
    static final class WindowConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long w;
            try {
                w = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number of ns");
            }
            if (w < 0 || w > Options.MAX_WINDOW_NS) {
                throw new TypeConversionException("'" + value + "' is outside 0.." + Options.MAX_WINDOW_NS + " ns");
            }
            return w;
        }
    }
}
