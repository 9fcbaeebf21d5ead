package io.github.lrubench.cli;

import io.github.lrubench.run.RunDirectory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22 #13: every file a report reads goes through one place ({@link RunDirectory#readAll}),
 * so each, cut short, is refused in one line naming it, exit 2, and REPORT.md is left as it was.
 * The run is a committed one with all five ({@code results/20261206T145340Z-vm}).
 */
class ReportInputsTest {
    static final Path RUN = Path.of("results/20261206T145340Z-vm");
    static final List<String> INPUTS = RunDirectory.REPORT_INPUTS;

    private static Path copy(Path to) throws IOException {
        try (Stream<Path> files = Files.walk(RUN)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(RUN.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
        return to;
    }

    @ParameterizedTest
    @FieldSource("INPUTS")
    void eachInputCutShortIsRefusedInOneLineNamingIt(String name, @TempDir Path tmp) throws Exception {
        Path run = copy(tmp.resolve("run"));
        assertThat(RUN.resolve(name)).as("the committed run has every input").exists();
        Path f = run.resolve(name);
        String text = Files.readString(f);
        Files.writeString(f, text.substring(0, text.length() / 2));
        String report = Files.readString(run.resolve(RunDirectory.REPORT));
        Cli.Run r = Cli.run("report", run.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(LruBench.BAD_INPUT);
        assertThat(r.err().strip()).startsWith(f.toString()).doesNotContain("\n");
        assertThat(run.resolve(RunDirectory.REPORT)).content().isEqualTo(report);
    }
}
