package io.github.lrubench.hostkernel;

import io.github.lrubench.Slow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real run of direct async and sync-light compaction on this machine's kernel (a 4 GiB fill, 3
 * trials each): runs where the host allows it (Linux, root, tracefs, THP, proactive compaction)
 * and is skipped with the reason printed elsewhere. Checks behaviour, not timings: each mode's
 * migrations are in the mode it claims, every setting reads as before byte for byte, no trace
 * instance and no file is left. (Faulting the free pageblocks as THPs touches most of memory: it
 * takes about a minute on the dev VM.)
 */
@Slow
class ModesEndToEndTest {

    static Map<String, String> settings(ProcFs host) {
        Map<String, String> m = new TreeMap<>();
        for (String f : List.of(ProcFs.THP_ENABLED, ProcFs.THP_DEFRAG, ProcFs.COMPACTION_PROACTIVENESS)) {
            host.read(f).ifPresent(v -> m.put(f, v));
        }
        return m;
    }

    @Test
    void measuresBothCheckingModesAndLeavesTheMachineAsFound(@TempDir Path out) throws IOException {
        ProcFs host = ProcFs.host();
        Path dir = Calibrator.DEFAULT_DIR;
        Calibrator.Options o = new Calibrator.Options(dir, Calibrator.MIN_SIZE, 2, List.of(PageType.PAGE_CACHE_DIRTY))
                .withModes(List.of(CompactionMode.DIRECT_ASYNC, CompactionMode.SYNC_LIGHT), 3, 4L << 30); // its freed half outlasts the 1 GiB THP margin
        Optional<String> refused = Files.isDirectory(dir) ? Preflight.refusal(host, o)
                .or(() -> ModeCalibrator.refusal(host, true, o.fillBytes(), dir))
                .or(() -> ModeCalibrator.refusal(host, CompactionMode.DIRECT_ASYNC))
                .or(() -> ModeCalibrator.refusal(host, CompactionMode.SYNC_LIGHT)) : Optional.of("no " + dir);
        refused.ifPresent(reason -> System.out.println("ModesEndToEndTest skipped: " + reason));
        assumeTrue(refused.isEmpty(), () -> refused.orElseThrow());

        Map<String, String> before = settings(host);
        List<Path> instances = TraceInstance.instances(host);
        Set<Path> dirs = CalibrationEndToEndTest.calibrationDirs(dir);
        boolean tracefsMounted = Files.exists(host.file(ProcFs.TRACEFS).resolve("trace"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Calibration c = Calibrator.run(host, o, new PrintStream(console, true, StandardCharsets.UTF_8));
        System.out.print(console.toString(StandardCharsets.UTF_8));

        assertThat(settings(host)).isEqualTo(before);
        assertThat(Files.exists(host.file(ProcFs.TRACEFS).resolve("trace"))).isEqualTo(tracefsMounted);
        if (tracefsMounted) {
            assertThat(TraceInstance.instances(host)).isEqualTo(instances);
        }
        assertThat(CalibrationEndToEndTest.calibrationDirs(dir)).isEqualTo(dirs);
        assertThat(c.settings()).extracting(Calibration.Setting::file).contains(ProcFs.COMPACTION_PROACTIVENESS);
        assertThat(c.settings()).allSatisfy(s -> assertThat(s.after()).isEqualTo(s.before()));
        assertThat(c.modes()).extracting(Calibration.Mode::mode).containsExactly(CompactionMode.DIRECT_ASYNC, CompactionMode.SYNC_LIGHT);
        for (Calibration.Mode m : c.modes()) {
            assertThat(m.measured()).as(m.reason()).isTrue();
            // Direct runs every trial; sync-light's windows stop once kcompactd's compaction is over.
            assertThat(m.trials()).hasSizeBetween(m.mode() == CompactionMode.DIRECT_ASYNC ? 3 : 1, 3).allSatisfy(t -> {
                assertThat(t.endNs()).isGreaterThanOrEqualTo(t.startNs());
                assertThat(t.taken()).isLessThanOrEqualTo(t.scanned());
                assertThat(t.migrated() + t.failed()).isLessThanOrEqualTo(t.taken() + t.unmatchedTaken());
                assertThat(t.succeeded()).isLessThanOrEqualTo(t.compactions());
                assertThat(t.compactionNanos()).hasSize(t.compactions());
                assertThat(java.util.Arrays.stream(t.compactionNanos()).min().orElse(0)).isNotNegative();
                assertThat(t.counted()).isEqualTo(!t.warmup() && t.lostEvents() == 0 && t.nanos() > 0
                        && t.taken() >= Calibrator.MIN_MIGRATED_PAGES);
            });
            assertThat(m.trials().get(0).warmup()).isTrue();
        }
        // The mode each claims is the mode the kernel migrated in (mm_migrate_pages names it).
        assertThat(c.mode(CompactionMode.DIRECT_ASYNC).orElseThrow().trials()).filteredOn(t -> t.migrated() > 0).isNotEmpty()
                .allSatisfy(t -> assertThat(t.migrateModes()).containsExactly("MIGRATE_ASYNC"));
        assertThat(c.mode(CompactionMode.SYNC_LIGHT).orElseThrow().trials()).filteredOn(t -> t.migrated() > 0).isNotEmpty()
                .allSatisfy(t -> assertThat(t.migrateModes()).containsExactly("MIGRATE_SYNC_LIGHT"));
        // Direct compaction ran: with every free pageblock used up, the faults compacted.
        assertThat(c.mode(CompactionMode.DIRECT_ASYNC).orElseThrow().trials()).anySatisfy(t -> assertThat(t.compactions()).isPositive());

        Path f = out.resolve("calibration.json");
        c.write(f);
        assertThat(Calibration.read(f).modes()).hasSize(2);
    }
}
