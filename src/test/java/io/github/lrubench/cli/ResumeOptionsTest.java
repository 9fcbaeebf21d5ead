package io.github.lrubench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lrubench.bench.Profile;
import io.github.lrubench.report.OtherSystemCost;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.run.RunMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 22 #8: a resume forgot --no-calibrate (and did a full root calibration) and --t-page. The
 * run records both in metadata.json and a resume goes by them. Seen failing with the recording
 * removed (the resumed options came back empty and calibrating).
 */
class ResumeOptionsTest {

    @Test
    void aRunRecordsItsOptionsAndAResumeGoesByThem(@TempDir Path dir) throws Exception {
        RunDirectory run = RunDirectory.at(dir.resolve("run"));
        OtherSystemCost page = OtherSystemCost.parse(OtherSystemCost.Per.MIGRATED_PAGE, "2500:prod db");
        OtherSystemCost check = OtherSystemCost.parse(OtherSystemCost.Per.CHECK, "700");
        assertThatThrownBy(() -> new BenchRunner(new BenchResumeTest.FakeExecutor(1), Optional.empty(), Optional.empty(),
                List.of(check, page), BenchResumeFaithfulTest.QUIET).run(run, Profile.SMOKE, BenchResumeFaithfulTest.ALL,
                BenchResumeFaithfulTest.repo(dir))).isInstanceOf(InterruptedException.class);
        JsonNode m = JmhJson.mapper().readTree(run.metadataFile().toFile());
        assertThat(m.get("noCalibrate").asBoolean()).isTrue();
        RunMetadata recorded = run.readMetadata().orElseThrow();
        BenchCommand.RunOptions resumed = BenchCommand.RunOptions.of(recorded, false, List.of());
        assertThat(resumed.noCalibrate()).as("the run said --no-calibrate").isTrue();
        assertThat(resumed.costs()).containsExactly(check, page);
        // given again on the resume, this invocation's values win
        OtherSystemCost other = OtherSystemCost.parse(OtherSystemCost.Per.MIGRATED_PAGE, "3000:other");
        assertThat(BenchCommand.RunOptions.of(recorded, false, List.of(other)).costs()).containsExactly(other);
    }

    @Test
    void aRunMadeBeforeTheOptionsWereRecordedCalibratesAsItDid() {
        RunMetadata old = new RunMetadata.Builder().profile("smoke").build();
        BenchCommand.RunOptions o = BenchCommand.RunOptions.of(old, false, List.of());
        assertThat(o.noCalibrate()).isFalse();
        assertThat(o.costs()).isEmpty();
    }
}
