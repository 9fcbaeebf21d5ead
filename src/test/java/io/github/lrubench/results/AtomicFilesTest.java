package io.github.lrubench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Outputs get the permissions any Unix tool's new file gets under the process umask, not 0600. */
class AtomicFilesTest {
    @Test
    void outputsFollowTheUmask(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path fresh = Files.createFile(dir.resolve("fresh")); // 0666 less the umask
        Path written = dir.resolve("out.json");
        AtomicFiles.writeString(written, "{}");
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(fresh));
        AtomicFiles.write(dir.resolve("filled.csv"), tmp -> Files.writeString(tmp, "a,b"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("filled.csv"))).isEqualTo(Files.getPosixFilePermissions(fresh));
        assertThat(Files.readString(written)).isEqualTo("{}");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** ENOSPC is named as a full disk (issue 22 #11), other errors as they are; neither leaves a temporary. */
    @Test
    void aFullDiskIsNamedNotReportedAsAWriteError(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("race.json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFiles.write(target, tmp -> {
            throw new java.io.IOException("No space left on device");
        })).isInstanceOf(DiskSpace.NoSpaceException.class).hasMessageStartingWith("no space left on " + dir.toAbsolutePath() + " (");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFiles.write(target, tmp -> {
            throw new java.io.IOException("Input/output error");
        })).isNotInstanceOf(DiskSpace.NoSpaceException.class).hasMessage("cannot write " + target + ": Input/output error");
        try (var s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
    }
}
