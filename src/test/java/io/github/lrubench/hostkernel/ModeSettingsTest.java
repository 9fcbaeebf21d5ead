package io.github.lrubench.hostkernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check-running modes' refusals and the restoring of every setting they change, on a fake root. */
class ModeSettingsTest {

    @Test
    void everySettingIsPutBackByteForByteAndRecorded(@TempDir Path root) {
        FakeProc p = FakeProc.create(root);
        String thp = p.read(ProcFs.THP_ENABLED), defrag = p.read(ProcFs.THP_DEFRAG), pro = p.read(ProcFs.COMPACTION_PROACTIVENESS);
        Tunables t = new Tunables(p.procFs());
        t.set(Tunables.Tunable.COMPACTION_PROACTIVENESS, "0");
        t.set(Tunables.Tunable.THP_DEFRAG, "defer"); // values the fixtures do not select, so the restore must write them back
        t.set(Tunables.Tunable.THP_ENABLED, "never");
        assertThat(p.read(ProcFs.COMPACTION_PROACTIVENESS)).isEqualTo("0");
        assertThat(p.read(ProcFs.THP_DEFRAG)).isEqualTo("defer");
        t.close();
        // A fake file is no sysfs choice list: it reads back the value written, which the kernel's would show in brackets.
        assertThat(p.read(ProcFs.THP_ENABLED)).isEqualTo(Tunables.Tunable.THP_ENABLED.value(thp));
        assertThat(p.read(ProcFs.THP_DEFRAG)).isEqualTo(Tunables.Tunable.THP_DEFRAG.value(defrag));
        assertThat(p.read(ProcFs.COMPACTION_PROACTIVENESS).strip()).isEqualTo(pro.strip()); // a sysctl reads back "20\n"
        assertThat(t.restored()).hasSize(3).allMatch(Tunables.Restored::same);
    }

    @Test
    void afterTheRestoreNoChangeIsAccepted(@TempDir Path root) {
        FakeProc p = FakeProc.create(root);
        String before = p.read(ProcFs.COMPACTION_PROACTIVENESS);
        Tunables t = new Tunables(p.procFs());
        t.close();
        assertThatThrownBy(() -> t.set(Tunables.Tunable.COMPACTION_PROACTIVENESS, "0")).hasMessageContaining("already restored");
        assertThat(p.read(ProcFs.COMPACTION_PROACTIVENESS)).isEqualTo(before);
    }

    @Test
    void aSettingThatCannotBePutBackIsAnErrorNamingIt(@TempDir Path root) throws IOException {
        FakeProc p = FakeProc.create(root);
        Tunables t = new Tunables(p.procFs());
        t.set(Tunables.Tunable.COMPACTION_PROACTIVENESS, "0");
        Path f = root.resolve(ProcFs.COMPACTION_PROACTIVENESS);
        Files.delete(f);
        Files.createDirectory(f); // the file is gone: the restore cannot write it
        assertThatThrownBy(t::close).hasMessageContaining("could not restore").hasMessageContaining("compaction_proactiveness");
    }

    @Test
    void withoutTracefsEachCheckingModeSaysWhy(@TempDir Path root) {
        FakeProc p = FakeProc.create(root);
        assertThat(ModeCalibrator.refusal(p.procFs(), false, 1L << 30, root)).hasValueSatisfying(r -> assertThat(r).contains("tracefs is not mounted"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Calibrator.Options o = new Calibrator.Options(root, Calibrator.MIN_SIZE, 2, List.of(PageType.PAGE_CACHE_DIRTY))
                .withModes(List.of(CompactionMode.DIRECT_ASYNC, CompactionMode.SYNC_LIGHT), 2, 1L << 30);
        Calibration c = Calibrator.run(p.procFs(), o, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(c.modes()).extracting(Calibration.Mode::measured).containsExactly(false, false);
        assertThat(c.modes()).allSatisfy(m -> assertThat(m.reason()).startsWith("tracefs is not mounted at " + root));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("direct MIGRATE_ASYNC (THP fault): not measured: tracefs is not mounted")
                .contains("kcompactd MIGRATE_SYNC_LIGHT (proactive): not measured: tracefs");
    }

    @Test
    void eachModeNamesWhatItLacks(@TempDir Path root) throws IOException {
        FakeProc p = FakeProc.create(root);
        p.delete(ProcFs.COMPACTION_PROACTIVENESS);
        assertThat(ModeCalibrator.refusal(p.procFs(), CompactionMode.SYNC_LIGHT)).hasValueSatisfying(r -> assertThat(r).contains("Linux 5.9"));
        FakeProc q = FakeProc.create(root.resolve("q"));
        assertThat(ModeCalibrator.refusal(q.procFs(), CompactionMode.SYNC_LIGHT)).hasValueSatisfying(r -> assertThat(r).contains("no kcompactd thread"));
        q.write("proc/38/comm", "kcompactd0\n");
        assertThat(ModeCalibrator.refusal(q.procFs(), CompactionMode.SYNC_LIGHT)).hasValueSatisfying(r -> assertThat(r).contains("schedstat"));
        q.write("proc/38/schedstat", "1999685407 196632951 13190\n");
        assertThat(ModeCalibrator.refusal(q.procFs(), CompactionMode.SYNC_LIGHT)).isEmpty();
        assertThat(q.procFs().taskCpuNanos(38)).hasValue(1999685407L);
        q.delete(ProcFs.THP_DEFRAG);
        assertThat(ModeCalibrator.refusal(q.procFs(), CompactionMode.DIRECT_ASYNC)).hasValueSatisfying(r -> assertThat(r).contains("transparent hugepages"));
        Path t = TraceInstanceTest.tracefs(q);
        for (TraceInstance.Event e : TraceInstance.Event.values()) {
            java.nio.file.Files.createDirectories(t.resolve("events").resolve(e.path));
        }
        assertThat(ModeCalibrator.refusal(q.procFs(), false, 2 * Calibrator.MIN_SIZE - 1, root))
                .hasValueSatisfying(r -> assertThat(r).startsWith("too little memory to fill"));
        assertThat(ModeCalibrator.refusal(q.procFs(), false, Long.MAX_VALUE / 2, root))
                .hasValueSatisfying(r -> assertThat(r).contains("free, the fill needs"));
    }

    @Test
    void theFillLeavesAMarginAndRespectsTheCgroup(@TempDir Path root) {
        FakeProc p = FakeProc.create(root);
        p.memAvailableKb(8L << 20); // 8 GiB
        long free = ModeCalibrator.fillBytes(p.procFs());
        assertThat(free).isLessThanOrEqualTo((8L << 30) - ModeCalibrator.MARGIN_BYTES).isPositive();
        p.write(ProcFs.SELF_CGROUP, "4:memory:/box\n");
        p.write("sys/fs/cgroup/memory/box/memory.limit_in_bytes", "" + (3L << 30) + "\n");
        p.write("sys/fs/cgroup/memory/box/memory.usage_in_bytes", "" + (1L << 30) + "\n");
        assertThat(ModeCalibrator.fillBytes(p.procFs())).isLessThanOrEqualTo((2L << 30) - ModeCalibrator.MARGIN_BYTES);
        p.write(ProcFs.SELF_CGROUP, "0::/box2\n");
        p.write("sys/fs/cgroup/box2/memory.max", "max\n");
        p.write("sys/fs/cgroup/box2/memory.current", "5\n");
        assertThat(ModeCalibrator.fillBytes(p.procFs())).isEqualTo(free); // unlimited
    }
}
