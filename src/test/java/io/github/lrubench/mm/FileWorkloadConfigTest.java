package io.github.lrubench.mm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The named construction of {@link FileWorkload.Config} at the call sites that used the positional
 * constructor gives the same record (the positional form is the one each site had).
 */
class FileWorkloadConfigTest {

    private static final long SEED = 20180112L; // BenchDefaults.SEED

    @Test
    void namedFormsEqualThePositionalRecordsTheyReplaced() {
        // RaceReplayTest: one-page files, all dirty, all pinned.
        assertThat(FileWorkload.Config.defaults(7).withPages(1, 1).withDirtyAndWriteback(1.0, 0).withPinnedFraction(1.0))
                .isEqualTo(new FileWorkload.Config(7, 1, 1, 1.0, 0, 1.0, 0));
        // CompactionEndToEndTest.MIXED and InvariantsTest.FILES.
        assertThat(FileWorkload.Config.defaults(2018).withPinnedFraction(0.1))
                .isEqualTo(new FileWorkload.Config(2018, 1, 8, 0.5, 0.05, 0.1, 0.0));
        assertThat(FileWorkload.Config.defaults(11).withPages(2, 4).withWritebackFraction(0.1))
                .isEqualTo(new FileWorkload.Config(11, 2, 4, 0.5, 0.1, 0.0, 0.0));
        // IsolationCheckTest: the anonymous-page kernel (withDirtyFraction(1.0) clamped writeback to 0
        // before), and all pages under writeback.
        assertThat(FileWorkload.Config.defaults(1).withDirtyAndWriteback(1.0, 0))
                .isEqualTo(new FileWorkload.Config(1, 1, 8, 1.0, 0, 0, 0));
        assertThat(FileWorkload.Config.defaults(1).withPages(1, 1).withDirtyAndWriteback(0, 1.0))
                .isEqualTo(new FileWorkload.Config(1, 1, 1, 0, 1.0, 0, 0));
        // RaceStress.
        assertThat(FileWorkload.Config.defaults(42).withPages(1, 4).withDirtyAndWriteback(1.0, 0.0).withPinnedFraction(1.0))
                .isEqualTo(new FileWorkload.Config(42, 1, 4, 1.0, 0.0, 1.0, 0.0));
        // ContendedCompactionBenchmark (seed per CPU), InodeFreeBenchmark, IsolationCheckBenchmark.
        assertThat(FileWorkload.Config.defaults(SEED + 3).withPages(1, 4).withPinnedFraction(0.5))
                .isEqualTo(new FileWorkload.Config(SEED + 3, 1, 4, 0.5, 0.05, 0.5, 0.0));
        assertThat(FileWorkload.Config.defaults(SEED).withPages(1, 4))
                .isEqualTo(new FileWorkload.Config(SEED, 1, 4, 0.5, 0.05, 0.0, 0.0));
        assertThat(FileWorkload.Config.defaults(SEED).withPages(1, 1).withDirtyAndWriteback(1.0, 0)
                .withNoMigratepageFraction(1.0))
                .isEqualTo(new FileWorkload.Config(SEED, 1, 1, 1.0, 0, 0, 1.0));
        // Models.warmAllChecks.
        assertThat(FileWorkload.Config.defaults(SEED).withNoMigratepageFraction(0.1))
                .isEqualTo(new FileWorkload.Config(SEED, 1, 8, 0.5, 0.05, 0, 0.1));
    }

    /** The two sites that sweep the dirty share: Models.unisolatablePageblock and CompactionPassBenchmark. */
    @Test
    void dirtySweepsEqualThePositionalRecordsAtEveryPercent() {
        for (int percent = 0; percent <= 100; percent++) {
            double dirty = percent / 100.0;
            assertThat(FileWorkload.Config.defaults(SEED).withPages(1, 1)
                    .withDirtyAndWriteback(dirty, 1.0 - dirty).withNoMigratepageFraction(1.0))
                    .isEqualTo(new FileWorkload.Config(SEED, 1, 1, dirty, 1.0 - dirty, 0, 1.0));
            assertThat(FileWorkload.Config.defaults(SEED).withDirtyAndWriteback(dirty, 0))
                    .isEqualTo(new FileWorkload.Config(SEED, 1, 8, dirty, 0, 0, 0));
        }
    }

    @Test
    void withersSetOneFieldAndTheConstructorStillValidates() {
        FileWorkload.Config d = FileWorkload.Config.defaults(1);
        assertThat(d.withDirtyFraction(0.2).writebackFraction()).isEqualTo(d.writebackFraction()); // no clamping
        assertThatThrownBy(() -> d.withDirtyFraction(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dirtyFraction + writebackFraction");
        assertThatThrownBy(() -> d.withMaxPages(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPages");
    }
}
