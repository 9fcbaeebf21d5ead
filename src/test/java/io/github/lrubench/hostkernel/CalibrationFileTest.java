package io.github.lrubench.hostkernel;

import io.github.lrubench.results.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** calibration.json: written atomically, read back whole (NaN included), bad files refused in one line. */
class CalibrationFileTest {

    static Calibration sample() {
        Calibration.Context ctx = new Calibration.Context("6.18.44-fc-v595", "madvise", null, true, 2, 24_684_096, 24_352_172,
                "/dev/shm", "tmpfs", 1L << 30, 11, Calibrator.MIN_MIGRATED_PAGES, Calibrator.CONFIDENCE);
        Calibration.Trial warm = new Calibration.Trial(PageType.ANON, 0, true, 211_800_000, Map.of("pgmigrate_success", 99_436L),
                new long[]{148_386, 11_160, 3_176, 1_694, 616, 151, 37, 34, 22, 23, 877}, new long[11], 99_436, 2_130.0, false, 1_234L);
        Calibration.Trial none = new Calibration.Trial(PageType.ANON, 1, false, 3_000_000, Map.of("pgmigrate_success", 0L),
                new long[11], new long[11], 0, Double.NaN, false, null);
        Calibration.Summary s = new Calibration.Summary(PageType.ANON, 1, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 1.0);
        return new Calibration(true, null, ctx, List.of(s), List.of(warm, none), null, null);
    }

    @Test
    void roundTrips(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("calibration.json");
        Files.writeString(f, "older");
        sample().write(f);
        Calibration back = Calibration.read(f);
        assertThat(back).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(sample());
        assertThat(back.summary(PageType.ANON).orElseThrow().medianNsPerMigratedPage()).isNaN();
        assertThat(back.context().compactionProactiveness()).isNull();
        // Calibration leaves out its null fields; the context says null where the kernel lacks a setting.
        assertThat(Files.readString(f)).doesNotContain("\"reason\"").contains("\"compactionProactiveness\" : null");
        try (var s = Files.list(dir)) {
            assertThat(s).containsExactly(f); // no temporary left behind
        }

        Calibration not = Calibration.notMeasured("not root (effective uid 1000): writing /proc/sys/vm/compact_memory needs root");
        not.write(f);
        assertThat(Calibration.read(f)).isEqualTo(not);
        assertThat(Files.readString(f)).doesNotContain("context");
    }

    @Test
    void ignoresFieldsItDoesNotKnow(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("calibration.json");
        Files.writeString(f, "{\"measured\": false, \"reason\": \"not Linux\", \"addedLater\": 1}");
        assertThat(Calibration.read(f).reason()).isEqualTo("not Linux");
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing", "directory", "empty", "truncated", "array", "measured-without-context", "no-reason", "null"})
    void refusesBadFilesInOneLine(String kind, @TempDir Path dir) throws IOException {
        Path f = dir.resolve("calibration.json");
        String good = Files.readString(write(dir.resolve("good.json")));
        switch (kind) {
            case "missing" -> { }
            case "directory" -> Files.createDirectory(f);
            case "empty" -> Files.writeString(f, "");
            case "truncated" -> Files.writeString(f, good.substring(0, good.length() / 2));
            case "array" -> Files.writeString(f, "[1, 2]");
            case "measured-without-context" -> Files.writeString(f, "{\"measured\": true, \"summaries\": [], \"trials\": []}");
            case "no-reason" -> Files.writeString(f, "{\"measured\": false}");
            case "null" -> Files.writeString(f, "null");
            default -> throw new IllegalArgumentException(kind);
        }
        assertThatThrownBy(() -> Calibration.read(f)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(f.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    static Path write(Path f) {
        sample().write(f);
        return f;
    }

    /** A measured calibration whose every trial was too small has no figure (issue 22 #6): a resume measures it again. */
    @Test
    void zeroCountedTrialsAreNoFigure() {
        assertThat(sample().hasFigures()).isFalse();
        assertThat(Calibration.notMeasured("refused").hasFigures()).isFalse();
        assertThat(CalibratorTableTest.calibration(104_858).hasFigures()).isTrue();
        assertThat(CalibratorTableTest.calibration(100).hasFigures()).isFalse();
    }

    /** Such a type says "not measured" and why in calibrate's console, never NaN. */
    @Test
    void theConsoleSaysNotMeasuredForATypeWithoutCountedTrials() {
        String table = Calibrator.table(CalibratorTableTest.calibration(100));
        assertThat(table).contains("PAGE_CACHE_DIRTY  not measured: no counted trial of 10 (not the warm-up, at least 1,024 pages migrated)")
                .doesNotContain("NaN");
    }

    /** A mode whose every trial was kept out says "not measured" and what kept each out, never NaN. */
    @Test
    void theConsoleSaysNotMeasuredForAModeWithoutCountedTrials() {
        List<Calibration.ModeTrial> trials = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            trials.add(new Calibration.ModeTrial(i, i == 0, 0, 1_000_000, 900_000, new long[]{900_000}, 1, 0, 0, 1, 1, 5_000, 100, 90, 10,
                    List.of("MIGRATE_ASYNC"), 0, 0, i == 3 ? 7 : 0, Map.of(), false));
        }
        Calibration.Mode m = new Calibration.Mode(CompactionMode.DIRECT_ASYNC, true, null, "test", 1L << 30, null,
                Calibration.ModeSummary.of(trials), trials);
        Calibration c = new Calibration(true, null, sample().context(), List.of(), List.of(), List.of(m), List.of());
        assertThat(c.hasFigures()).isFalse();
        assertThat(ModeTable.of(c)).contains(CompactionMode.DIRECT_ASYNC.label())
                .contains("not measured: no counted trial of 4 (1 warm-up, 2 isolated too few pages, 1 lost trace events)")
                .doesNotContain("NaN");
    }
}
