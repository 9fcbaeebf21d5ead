package io.github.lrubench.cli;

import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.DiskSpace;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;

/**
 * The one command-line entry point, beside JMH's own main in target/benchmarks.jar. Exit codes:
 * 0 ok, 2 bad input (usage errors, missing or malformed files) or no space left where the output goes, 1 failure.
 */
@Command(name = "lru-bench", mixinStandardHelpOptions = true, version = "lru-isolate-bench 0.1",
        description = "Run, plot, report, compare, race, calibrate: from benchmarks to a verdict with error bars.",
        subcommands = {BenchCommand.class, PlotCommand.class, ReportCommand.class, CompareCommand.class, RaceCommand.class,
                CalibrateCommand.class})
public final class LruBench implements Runnable {
    public static final int OK = 0, FAILURE = 1, BAD_INPUT = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: bench, plot, report, compare, race or calibrate");
    }

    public static CommandLine commandLine() {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = new CommandLine(new LruBench());
        BenchCommand.configure(cl.getSubcommands().get("bench"));
        // Usage errors: one line naming the command and the problem, exit 2 (not the whole usage text).
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine bad = ex.getCommandLine();
            bad.getErr().println(bad.getCommandName() + ": " + String.valueOf(ex.getMessage()).replaceAll("[\\r\\n]+", " ")
                    + " (see --help)");
            return BAD_INPUT;
        });
        // picocli's stdout writer buffers and main() ends in System.exit: print() without a flush would
        // lose everything (or all past the first 8 KiB), so flush every command's streams after it ran.
        cl.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } catch (OutOfMemoryError e) {
                // The stack has unwound, so what the command held is garbage: one line, no trace.
                CommandLine last = parseResult.asCommandLineList().get(parseResult.asCommandLineList().size() - 1);
                last.getErr().println(last.getCommandName() + ": out of memory" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                        + "; give Java more heap, e.g. LRUBENCH_JAVA_OPTS=-Xmx4g");
                return FAILURE;
            } finally {
                parseResult.asCommandLineList().forEach(c -> {
                    c.getOut().flush();
                    c.getErr().flush();
                });
            }
        });
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (ex instanceof BadInputException) {
                line.getErr().println(ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof DiskSpace.NoSpaceException) { // the --out given cannot hold the output: the user's to fix, as a bad input is
                line.getErr().println(line.getCommandName() + ": " + ex.getMessage());
                return BAD_INPUT;
            }
            String msg = ex instanceof UncheckedIOException && ex.getMessage() != null ? ex.getMessage()
                    : ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            line.getErr().println(line.getCommandName() + ": " + msg.replaceAll("[\\r\\n]+", " "));
            return FAILURE;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
