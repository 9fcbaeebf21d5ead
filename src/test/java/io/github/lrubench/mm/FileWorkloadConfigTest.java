package io.github.lrubench.mm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link FileWorkload.Config}'s construction: every field is checked against its range, a refusal
 * names the field and the value, the dirty and writeback shares never sum past 1 (createFile draws
 * one number per page and splits [0, 1) between them, so a larger sum would silently shrink the
 * writeback share), nothing is clamped, and each wither changes its own field alone.
 */
class FileWorkloadConfigTest {

    /** A config whose fields all differ, so a wither that writes the wrong field shows. */
    private static final FileWorkload.Config DISTINCT = new FileWorkload.Config(7, 2, 6, 0.3, 0.2, 0.4, 0.6, false);

    @Test
    void defaultsAreTheDocumentedWorkloadAndTheShortConstructorDrains() {
        // Javadoc of defaults(): files of 1..8 pages, half dirty, 5% under writeback, none pinned, all migratable, drained.
        assertThat(FileWorkload.Config.defaults(7)).isEqualTo(new FileWorkload.Config(7, 1, 8, 0.5, 0.05, 0.0, 0.0, true));
        assertThat(new FileWorkload.Config(7, 1, 8, 0.5, 0.05, 0.0, 0.0).drainAfterWrite()).isTrue();
    }

    static Stream<Arguments> outOfRange() {
        FileWorkload.Config d = FileWorkload.Config.defaults(1);
        return Stream.of(
                Arguments.of("minPages 0", (Runnable) () -> d.withMinPages(0), "minPages must be in 1..4096, was 0"),
                Arguments.of("minPages 4097", (Runnable) () -> d.withPages(4097, 4097), "minPages must be in 1..4096, was 4097"),
                Arguments.of("maxPages below minPages", (Runnable) () -> d.withPages(3, 2), "maxPages must be in minPages(3)..4096, was 2"),
                Arguments.of("maxPages 4097", (Runnable) () -> d.withMaxPages(4097), "maxPages must be in minPages(1)..4096, was 4097"),
                Arguments.of("dirty below 0", (Runnable) () -> d.withDirtyFraction(-0.01), "dirtyFraction must be in 0..1, was -0.01"),
                Arguments.of("dirty NaN", (Runnable) () -> d.withDirtyFraction(Double.NaN), "dirtyFraction must be in 0..1, was NaN"),
                Arguments.of("writeback above 1", (Runnable) () -> d.withDirtyAndWriteback(0, 1.01), "writebackFraction must be in 0..1, was 1.01"),
                Arguments.of("pinned above 1", (Runnable) () -> d.withPinnedFraction(1.5), "pinnedFraction must be in 0..1, was 1.5"),
                Arguments.of("pinned NaN", (Runnable) () -> d.withPinnedFraction(Double.NaN), "pinnedFraction must be in 0..1, was NaN"),
                Arguments.of("noMigratepage below 0", (Runnable) () -> d.withNoMigratepageFraction(-1), "noMigratepageFraction must be in 0..1, was -1.0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRange")
    void aFieldOutsideItsRangeIsRefusedNamingTheFieldAndTheValue(String what, Runnable build, String message) {
        assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void theDirtyAndWritebackSharesSumToOneAtMostAndNothingIsClamped() {
        FileWorkload.Config d = FileWorkload.Config.defaults(1); // 0.5 dirty, 0.05 writeback
        // One share at a time cannot go from (0.5, 0.05) to all dirty or all under writeback: the first step is refused,
        // not clamped.
        assertThatThrownBy(() -> d.withDirtyFraction(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dirtyFraction + writebackFraction must be <= 1, was 1.05");
        assertThatThrownBy(() -> d.withWritebackFraction(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dirtyFraction + writebackFraction must be <= 1, was 1.5");
        // Both at once can, and the bound is inclusive.
        assertThat(d.withDirtyAndWriteback(1.0, 0)).extracting(FileWorkload.Config::dirtyFraction, FileWorkload.Config::writebackFraction)
                .containsExactly(1.0, 0.0);
        assertThat(d.withDirtyAndWriteback(0, 1.0)).extracting(FileWorkload.Config::dirtyFraction, FileWorkload.Config::writebackFraction)
                .containsExactly(0.0, 1.0);
        assertThat(d.withDirtyFraction(0.95)).extracting(FileWorkload.Config::dirtyFraction, FileWorkload.Config::writebackFraction)
                .containsExactly(0.95, 0.05); // the other share is left as it was
    }

    static Stream<Arguments> withers() {
        // DISTINCT is 7, 2..6, 0.3, 0.2, 0.4, 0.6, false.
        return Stream.of(
                Arguments.of("seed", (UnaryOperator<FileWorkload.Config>) x -> x.withSeed(8), new FileWorkload.Config(8, 2, 6, 0.3, 0.2, 0.4, 0.6, false)),
                Arguments.of("minPages", (UnaryOperator<FileWorkload.Config>) x -> x.withMinPages(3), new FileWorkload.Config(7, 3, 6, 0.3, 0.2, 0.4, 0.6, false)),
                Arguments.of("maxPages", (UnaryOperator<FileWorkload.Config>) x -> x.withMaxPages(9), new FileWorkload.Config(7, 2, 9, 0.3, 0.2, 0.4, 0.6, false)),
                Arguments.of("pages", (UnaryOperator<FileWorkload.Config>) x -> x.withPages(10, 20), new FileWorkload.Config(7, 10, 20, 0.3, 0.2, 0.4, 0.6, false)),
                Arguments.of("dirty", (UnaryOperator<FileWorkload.Config>) x -> x.withDirtyFraction(0.1), new FileWorkload.Config(7, 2, 6, 0.1, 0.2, 0.4, 0.6, false)),
                Arguments.of("writeback", (UnaryOperator<FileWorkload.Config>) x -> x.withWritebackFraction(0.7), new FileWorkload.Config(7, 2, 6, 0.3, 0.7, 0.4, 0.6, false)),
                Arguments.of("dirty and writeback", (UnaryOperator<FileWorkload.Config>) x -> x.withDirtyAndWriteback(0.8, 0.15),
                        new FileWorkload.Config(7, 2, 6, 0.8, 0.15, 0.4, 0.6, false)),
                Arguments.of("pinned", (UnaryOperator<FileWorkload.Config>) x -> x.withPinnedFraction(0.9), new FileWorkload.Config(7, 2, 6, 0.3, 0.2, 0.9, 0.6, false)),
                Arguments.of("noMigratepage", (UnaryOperator<FileWorkload.Config>) x -> x.withNoMigratepageFraction(0.05),
                        new FileWorkload.Config(7, 2, 6, 0.3, 0.2, 0.4, 0.05, false)),
                Arguments.of("drainAfterWrite", (UnaryOperator<FileWorkload.Config>) x -> x.withDrainAfterWrite(true),
                        new FileWorkload.Config(7, 2, 6, 0.3, 0.2, 0.4, 0.6, true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withers")
    void aWitherChangesItsOwnFieldAlone(String what, UnaryOperator<FileWorkload.Config> wither, FileWorkload.Config expected) {
        assertThat(wither.apply(DISTINCT)).isEqualTo(expected);
    }
}
