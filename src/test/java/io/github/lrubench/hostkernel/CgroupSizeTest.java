package io.github.lrubench.hostkernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22 #5: inside a 700 MiB memory cgroup calibrate was OOM-killed, sized by the machine's
 * MemAvailable; its default size and its refusal now take the cgroup's room too. Seen failing with
 * the cgroup left out (the default was 1 GiB).
 */
class CgroupSizeTest {

    @Test
    void aMemoryCgroupBoundsTheSizeAndTheRefusal(@TempDir Path root, @TempDir Path dir) throws Exception {
        FakeProc.create(root).memAvailableKb(16L << 20); // 16 GiB available on the machine
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/cgroup"), "0::/bench\n");
        Path cg = Files.createDirectories(root.resolve("sys/fs/cgroup/bench"));
        Files.writeString(cg.resolve("memory.max"), String.valueOf(700L << 20));
        Files.writeString(cg.resolve("memory.current"), String.valueOf(100L << 20));
        ProcFs proc = new ProcFs(root, "Linux");
        assertThat(proc.cgroupMemoryRoom()).hasValue(600L << 20);
        assertThat(proc.memoryRoomBytes()).hasValue(600L << 20); // the one rule the three sizes below use
        assertThat(ModeCalibrator.fillBytes(proc)).isZero(); // 600 MiB is less than the 1 GiB margin: the fill modes refuse
        assertThat(Calibrator.defaultSize(proc)).isEqualTo(150L << 20); // a quarter of the cgroup's room, not 1 GiB
        Calibrator.Options big = new Calibrator.Options(dir, 400L << 20, 2, java.util.List.of(PageType.ANON));
        assertThat(Preflight.refusal(proc, big)).hasValueSatisfying(r -> assertThat(r).contains("MemAvailable"));
    }
}
