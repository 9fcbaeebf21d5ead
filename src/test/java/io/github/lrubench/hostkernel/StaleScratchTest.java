package io.github.lrubench.hostkernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22 #5: a calibration killed without its shutdown hook (SIGKILL, the OOM killer) left its
 * lru-calibrate-* directory behind; the next one removes such directories whose process is dead,
 * says so, and touches nothing else. Seen failing with removeStale a no-op.
 */
class StaleScratchTest {

    @Test
    void directoriesOfDeadCalibrationsGoAndNothingElse(@TempDir Path parent, @TempDir Path outside) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        Path stale = Files.createDirectory(parent.resolve(Scratch.PREFIX + dead + "-abc"));
        Files.write(stale.resolve("dirty-0"), new byte[3 << 20]);
        Path precious = Files.writeString(outside.resolve("precious"), "keep");
        Files.createSymbolicLink(stale.resolve("link"), precious);
        Path running = Files.createDirectory(parent.resolve(Scratch.PREFIX + ProcessHandle.current().pid() + "-def"));
        Path older = Files.createDirectory(parent.resolve(Scratch.PREFIX + "123456789")); // no pid recorded: not ours to judge
        Path other = Files.createDirectory(parent.resolve("someone-else-" + dead + "-x"));
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        Scratch.removeStale(parent, new PrintStream(said, true, StandardCharsets.UTF_8));
        assertThat(stale).doesNotExist();
        assertThat(precious).hasContent("keep");
        assertThat(running).exists();
        assertThat(older).exists();
        assertThat(other).exists();
        assertThat(said.toString(StandardCharsets.UTF_8)).contains("removed " + stale).contains("3 MiB").contains("process " + dead);
    }
}
