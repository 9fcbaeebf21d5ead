package io.github.lrubench;

import io.github.lrubench.cli.LruBench;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run README's answer rests on: `scripts/report` on a copy of it writes its REPORT.md byte for
 * byte, and it is whole (written by the tools from a clean checkout, status complete). A change to
 * the report that alters the committed answer fails here: run the default profile again, or say
 * in results/README.md why the answer's report no longer regenerates.
 */
class CurrentRunTest {

    static Path currentRun() throws IOException {
        Matcher m = Pattern.compile("^## The answer \\(run `(results/[^`]+)`", Pattern.MULTILINE).matcher(ReadmeTest.readme());
        assertThat(m.find()).as("README names the run of its answer").isTrue();
        return Path.of(m.group(1));
    }

    @Test
    void reportRegeneratesTheCommittedReportByteForByte(@TempDir Path tmp) throws IOException {
        Path run = currentRun();
        Path copy = tmp.resolve(run.getFileName()); // the report's title is the directory's name
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.startsWith(run.resolve("charts"))) {
                    Files.copy(p, target);
                }
            }
        }
        int code = LruBench.commandLine().execute("report", copy.toString());
        assertThat(code).isZero();
        assertThat(Files.readString(copy.resolve("REPORT.md"))).isEqualTo(Files.readString(run.resolve("REPORT.md")));
    }

    @Test
    void theRunIsWholeAndFromACleanCheckout() throws IOException {
        Path run = currentRun();
        String meta = Files.readString(run.resolve("metadata.json"));
        List<String> files = new java.util.ArrayList<>(List.of("results.json", "results.csv", "metadata.json", "console.log", "calibration.json",
                "race.json", "race.csv", "REPORT.md", "charts/verdict-real-kernel.png"));
        // did.json when the run selected the pass DiD's class (withdrawn from the profiles since issue 21)
        if (meta.contains("\"" + io.github.lrubench.bench.PassDid.SUITE.simpleName() + "\"")) {
            files.add("did.json");
        }
        for (String f : files) {
            assertThat(run.resolve(f)).as("%s of %s", f, run).isNotEmptyFile();
        }
        // the host kernel in every mode: the MIGRATE_SYNC reference and both modes that run the check
        io.github.lrubench.hostkernel.Calibration c = io.github.lrubench.hostkernel.Calibration.read(run.resolve("calibration.json"));
        assertThat(c.hasFigures()).isTrue();
        assertThat(c.summaries()).as("the MIGRATE_SYNC reference").anySatisfy(x -> assertThat(x.counted()).isPositive());
        for (io.github.lrubench.hostkernel.CompactionMode m : io.github.lrubench.hostkernel.CompactionMode.values()) {
            if (m.runsCheck()) {
                assertThat(c.mode(m)).as("%s in %s", m, run).hasValueSatisfying(x -> assertThat(x.measured() && x.summary().counted() > 0).isTrue());
            }
        }
        assertThat(meta).contains("\"gitDirty\" : false").contains("\"status\" : \"complete\"").contains("\"profile\" : \"default\"");
    }
}
