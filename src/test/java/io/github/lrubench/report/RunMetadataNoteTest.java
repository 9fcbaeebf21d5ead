package io.github.lrubench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** metadata.json's note says what a 1+1 @Group means on the machine the run was made on, not on the dev VM. */
class RunMetadataNoteTest {
    @Test
    void theNoteNamesThisMachinesCores() {
        assertThat(RunMetadata.note(2)).contains("fills both cores of a 2-core machine");
        assertThat(RunMetadata.note(16)).isEqualTo("a 1+1 @Group uses 2 of this machine's 16 cores");
        assertThat(RunMetadata.collect(java.nio.file.Path.of("."), io.github.lrubench.bench.Profile.SMOKE).note())
                .isEqualTo(RunMetadata.note(Runtime.getRuntime().availableProcessors()));
    }
}
