package io.github.lrubench.run;

import io.github.lrubench.bench.Profile;
import io.github.lrubench.hostkernel.FakeProc;
import io.github.lrubench.hostkernel.ProcFs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** metadata.json describes the machine the run was made on, read through ProcFs, and its note follows the real core count. */
class RunMetadataTest {
    @Test
    void theNoteNamesThisMachinesCores() {
        assertThat(RunMetadata.note(2)).contains("fills both cores of a 2-core machine");
        assertThat(RunMetadata.note(16)).isEqualTo("a 1+1 @Group uses 2 of this machine's 16 cores");
    }

    @Test
    void hostFactsComeFromProcFs(@TempDir Path dir) throws Exception {
        // The dev VM's cpuinfo has 2 processors; this fake host has 16 of another model and its own MemTotal and kernel.
        String cpuinfo = IntStream.range(0, 16).mapToObj(i -> "processor\t: " + i + "\nmodel name\t: Test CPU 9000\n\n")
                .collect(Collectors.joining());
        FakeProc host = FakeProc.create(dir).write(ProcFs.CPUINFO, cpuinfo).write(ProcFs.OSRELEASE, "9.9.9-test\n")
                .write(ProcFs.MEMINFO, "MemTotal:       1048576 kB\nMemFree:          524288 kB\n");
        RunMetadata m = RunMetadata.collect(Files.createDirectories(dir.resolve("repo")), Profile.SMOKE, host.procFs());
        assertThat(m.cores()).isEqualTo(16);
        assertThat(m.note()).isEqualTo(RunMetadata.note(16));
        assertThat(m.cpuModel()).isEqualTo("Test CPU 9000");
        assertThat(m.memTotal()).isEqualTo("1048576 kB");
        assertThat(m.kernel()).isEqualTo("9.9.9-test");
        assertThat(m.gitCommit()).isEqualTo("unknown"); // not a git checkout
        assertThat(m.profile()).isEqualTo(Profile.SMOKE.label());
        assertThat(m.status()).isEqualTo(RunMetadata.Status.RUNNING);
    }

    @Test
    void theBuilderKeepsEveryFieldItDoesNotSet(@TempDir Path dir) {
        RunMetadata m = RunMetadata.collect(dir, Profile.DEFAULT, FakeProc.create(dir.resolve("root")).procFs());
        RunMetadata ended = m.withClasses(java.util.List.of("A")).resumedOn("abc").ended(RunMetadata.Status.COMPLETE);
        assertThat(ended).usingRecursiveComparison().ignoringFields("classes", "resumedOnCommits", "status", "endTime").isEqualTo(m);
        assertThat(ended.classes()).containsExactly("A");
        assertThat(ended.resumedOnCommits()).containsExactly("abc");
        assertThat(ended.status()).isEqualTo(RunMetadata.Status.COMPLETE);
        assertThat(ended.endTime()).isNotNull();
        assertThat(ended.restarted()).usingRecursiveComparison().ignoringFields("status", "endTime").isEqualTo(ended);
        assertThat(ended.restarted().endTime()).isNull();
    }
}
