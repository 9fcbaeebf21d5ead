package io.github.lrubench.cli;

import io.github.lrubench.race.RaceOutcome;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the command tests share: a command line run as main() runs it, with its exit code and output, and the fixtures. */
final class Cli {
    /**
     * The race command's name, read from its {@code @Command} annotation: the tests invoke the
     * command by this, never by a literal, which would spell the suite's benchmark method of the
     * same name (ArchitectureTest forbids that in tests).
     */
    static final String RACE = RaceCommand.class.getAnnotation(CommandLine.Command.class).name();

    record Run(int code, String out, String err) {
    }

    static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(LruBench.commandLine(), args);
    }

    static Path fixture(String res) throws URISyntaxException {
        return Path.of(Cli.class.getClassLoader().getResource("fixtures/" + res).toURI());
    }

    /** The command line with a race whose stress only records the duration it was asked for. */
    static CommandLine withRecordingRace(List<Duration> calls) {
        CommandLine cl = LruBench.commandLine();
        RaceCommand race = cl.getSubcommands().get(RACE).getCommand();
        race.runner = (c, f, w, d) -> {
            calls.add(d);
            return new RaceOutcome(c, f, w, 100, 50, 25, 0, 0, 0);
        };
        return cl;
    }

    private Cli() {
    }
}
