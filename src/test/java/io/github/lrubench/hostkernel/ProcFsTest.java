package io.github.lrubench.hostkernel;

import io.github.lrubench.results.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The readers on the dev VM's real files (fixtures/proc/). */
class ProcFsTest {

    static Map<String, Long> vmstat(String fixture) throws IOException {
        Path f = FakeProc.fixture(fixture);
        return ProcFs.parseVmstat(Files.readString(f), f);
    }

    @Test
    void readsEveryVmstatCounterAndTheDeltaOfOneCompaction() throws IOException {
        Map<String, Long> before = vmstat("vmstat-before"), after = vmstat("vmstat-after");
        assertThat(before).hasSize(192).containsEntry("pgmigrate_success", 530_623L).containsEntry("nr_free_pages", 1_178_502L);
        assertThat(before.keySet()).first().isEqualTo("nr_free_pages"); // the file's order

        Map<String, Long> d = ProcFs.delta(before, after);
        assertThat(d).hasSize(192)
                .containsEntry("pgmigrate_success", 8_064L)
                .containsEntry("pgmigrate_fail", 34L)
                .containsEntry("compact_migrate_scanned", 1_662_463L)
                .containsEntry("compact_free_scanned", 31_021L)
                .containsEntry("compact_isolated", 16_163L)
                .containsEntry("compact_stall", 0L)
                .containsEntry("nr_free_pages", -34L);
    }

    @Test
    void aCounterTheKernelLacksIsAbsentNeverZero() throws IOException {
        Map<String, Long> noCompaction = vmstat("vmstat-no-compaction"), after = vmstat("vmstat-after");
        assertThat(noCompaction).doesNotContainKeys("compact_migrate_scanned", "compact_free_scanned", "compact_isolated")
                .containsKey("pgmigrate_success");
        Map<String, Long> d = ProcFs.delta(noCompaction, after);
        assertThat(d).doesNotContainKeys("compact_migrate_scanned", "compact_free_scanned", "compact_isolated")
                .containsEntry("pgmigrate_success", 8_064L);
        assertThat(ProcFs.delta(after, noCompaction)).doesNotContainKey("compact_migrate_scanned");
    }

    @Test
    void aMalformedVmstatNamesTheFileAndLine(@TempDir Path dir) {
        Path f = dir.resolve("vmstat");
        assertThatThrownBy(() -> ProcFs.parseVmstat("nr_free_pages 1\npgmigrate_success x\n", f))
                .isInstanceOf(BadInputException.class).hasMessageContaining(f.toString()).hasMessageContaining("line 2");
        assertThatThrownBy(() -> ProcFs.parseVmstat("", f)).isInstanceOf(BadInputException.class).hasMessageContaining("no counters");
    }

    @Test
    void readsBuddyinfoPerZoneAndSummed() throws IOException {
        Path f = FakeProc.fixture("buddyinfo-before");
        BuddyInfo before = BuddyInfo.parse(Files.readString(f), f);
        assertThat(before.zones()).extracting(BuddyInfo.Zone::name).containsExactly("DMA", "DMA32", "Normal");
        assertThat(before.zones().get(2).node()).isZero();
        assertThat(before.zones().get(2).free()).containsExactly(338, 31, 211, 153, 66, 24, 146, 142, 89, 82, 298);
        assertThat(before.total()).hasSize(BuddyInfo.ORDERS).containsExactly(340, 33, 215, 155, 71, 28, 149, 145, 94, 85, 1053);

        Path g = FakeProc.fixture("buddyinfo-after");
        BuddyInfo after = BuddyInfo.parse(Files.readString(g), g);
        // The same zones after the pass: 7,964 free order-0 blocks where there were 340.
        assertThat(after.total()[0]).isEqualTo(7_964);
        // A block of order k is 2^k pages: the DMA zone's 1 + 1 + 3 blocks of order 8, 9, 10.
        assertThat(before.zones().get(0).freePages()).isEqualTo(256 + 512 + 3 * 1024);
        assertThatThrownBy(() -> BuddyInfo.parse("Node 0, zone Normal 1 x\n", g)).isInstanceOf(BadInputException.class);
    }

    @Test
    void readsCpuTimeOfTheMachineAndOfThisProcess() throws IOException {
        Path stat = FakeProc.fixture("stat");
        // cpu  252338 0 109516 391034 2692 0 129 1405 0 0: idle and iowait are not busy, steal is
        assertThat(ProcFs.parseCpuTicks(Files.readString(stat), stat)).isEqualTo(new ProcFs.CpuTicks(363_388, 1_405, 757_114));
        // A process named "cal (x) py": the fields count from the last ')'; utime 61, stime 0.
        Path self = FakeProc.fixture("self-stat");
        assertThat(ProcFs.parseSelfCpuTicks(Files.readString(self), self)).isEqualTo(61);
        assertThatThrownBy(() -> ProcFs.parseCpuTicks("intr 1 2 3\n", stat)).isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> ProcFs.parseSelfCpuTicks("123 (x) R 1 2", self)).isInstanceOf(BadInputException.class);
    }

    @Test
    void readsTheSettingsAndTheHost(@TempDir Path dir) {
        FakeProc fake = FakeProc.create(dir);
        ProcFs p = fake.procFs();
        assertThat(p.memTotalKb()).hasValue(24_684_096L);
        assertThat(p.memAvailableKb()).hasValue(24_352_172L);
        assertThat(p.kernelRelease()).hasValue("6.18.44-fc-v595");
        assertThat(p.transparentHugepage()).hasValue("madvise");
        assertThat(p.compactionProactiveness()).hasValue("20");
        assertThat(p.hypervisor()).isTrue();
        assertThat(p.effectiveUid()).hasValue(0);
        assertThat(p.cores()).isEqualTo(2);
        assertThat(p.compactMemoryWritable()).isTrue();
        assertThat(p.buddyinfo().total()[0]).isEqualTo(340);
        assertThat(p.vmstat()).containsEntry("pgmigrate_success", 530_623L);
        assertThat(p.cpuTicks()).isEmpty(); // the fake root has no proc/stat until a test lays it out
        fake.copy("stat", ProcFs.STAT).copy("self-stat", ProcFs.SELF_STAT);
        assertThat(p.cpuTicks().orElseThrow().total()).isEqualTo(757_114);
        assertThat(p.selfCpuTicks()).hasValue(61);

        fake.delete(ProcFs.COMPACTION_PROACTIVENESS); // kernels before 5.9
        assertThat(p.compactionProactiveness()).isEmpty();
        fake.write(ProcFs.CPUINFO, fake.read(ProcFs.CPUINFO).replace(" hypervisor", ""));
        assertThat(p.hypervisor()).isFalse();
        fake.uids(0, 1000);
        assertThat(p.effectiveUid()).hasValue(1000); // the second field, not the real uid
        fake.write(ProcFs.MEMINFO, "MemTotal:  1000 kB\n");
        assertThat(p.memAvailableKb()).isEmpty();
    }

    @Test
    void compactMemoryWritesOneAndTimesIt(@TempDir Path dir) {
        FakeProc fake = FakeProc.create(dir);
        fake.chmod(ProcFs.COMPACT_MEMORY, "rw-------");
        assertThat(fake.procFs().compactMemory()).isNotNegative();
        assertThat(fake.read(ProcFs.COMPACT_MEMORY)).isEqualTo("1");
    }

    /** /proc and /sys files say size 0 and a sysctl answers only the first read: read as cat does. */
    @Test
    void readsAHostSysctlWhole() throws Exception {
        Path f = Path.of("/proc/sys/vm/compaction_proactiveness");
        assumeTrue(Files.isReadable(f), "no " + f + " on this host");
        Process cat = new ProcessBuilder("cat", f.toString()).start();
        String expected = new String(cat.getInputStream().readAllBytes()).strip();
        assertThat(cat.waitFor()).isZero();
        assertThat(ProcFs.host().compactionProactiveness()).hasValue(expected);
    }
}
