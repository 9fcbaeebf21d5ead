package io.github.lrubench.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.github.lrubench.cli.Cli.fixture;
import static io.github.lrubench.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 22, items 9 and 10: a t outside 1 ns .. 1 s, two values with one label, or a label that
 * would break REPORT.md's table are refused in one line before anything is written;
 * (seen failing: 1e308 looped in the chart's range until out of memory; RealKernelVerdictTest has the bounded chart).
 */
class ExtremeTTest {

    @ParameterizedTest
    @ValueSource(strings = {"1e308", "4.9e-324", "0.5", "-1700", "Infinity", "NaN", "2e9"})
    void aTOutsideOneNanosecondToOneSecondIsRefusedAtOnce(String t, @TempDir Path dir) throws Exception {
        Files.copy(fixture("suite/suite-paired.json"), dir.resolve("results.json"));
        Cli.Run r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run("report", dir.toString(), "--t-page", t));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--t-page");
        assertThat(dir.resolve("REPORT.md")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000:x,2000:x", "1000,1000", "1000.2,1000.4", "1000:a|b", "1000:`x`"})
    void duplicateOrUnsafeLabelsAreRefused(String values, @TempDir Path dir) throws Exception {
        Files.copy(fixture("suite/suite-paired.json"), dir.resolve("results.json"));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("report", dir.toString()));
        for (String v : values.split(",")) {
            args.add("--t-page");
            args.add(v);
        }
        Cli.Run r = run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("--t-page");
        assertThat(dir.resolve("REPORT.md")).doesNotExist();
    }
}
