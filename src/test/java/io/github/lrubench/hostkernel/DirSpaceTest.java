package io.github.lrubench.hostkernel;

import io.github.lrubench.SmallTmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 22 #7 on a real file system: a trial's files peak at 1.5 times --size, so a --dir with room
 * for 1x but not 1.5x is refused up front (the check took 1x before). A 100 MiB tmpfs, which holds
 * nothing until written: 64 MiB (96 at the peak) fits, 80 MiB (120) does not.
 */
class DirSpaceTest {
    @Test
    void aDirWithRoomForTheSizeButNotItsPeakIsRefused(@TempDir Path tmp) throws Exception {
        try (SmallTmpfs fs = SmallTmpfs.mount(tmp, "100m")) {
            ProcFs host = ProcFs.host();
            List<PageType> dirty = List.of(PageType.PAGE_CACHE_DIRTY);
            Optional<String> fits = Preflight.refusal(host, new Calibrator.Options(fs.dir(), 64L << 20, 3, dirty));
            fits.ifPresent(r -> System.out.println("DirSpaceTest skipped: " + r));
            assumeTrue(fits.isEmpty(), () -> "this host refuses a calibration for another reason: " + fits.orElseThrow());
            assertThat(Preflight.refusal(host, new Calibrator.Options(fs.dir(), 80L << 20, 3, dirty)))
                    .hasValueSatisfying(r -> assertThat(r).startsWith(fs.dir() + " has 100 MiB free, the files need 120 MiB at their peak"));
        }
    }
}
