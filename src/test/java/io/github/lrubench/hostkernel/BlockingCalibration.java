package io.github.lrubench.hostkernel;

import java.nio.file.Path;
import java.util.List;

/**
 * A child JVM for {@link CalibratorCleanupTest}: calibrates against a fake root whose
 * compact_memory write never returns, so the parent can signal it mid-cycle.
 * Arguments: the fake root, the directory to calibrate in.
 */
public final class BlockingCalibration {
    static final String BLOCKED = "blocked in compact_memory";

    private BlockingCalibration() {
    }

    public static void main(String[] args) {
        ProcFs proc = new ProcFs(Path.of(args[0]), "Linux") {
            @Override
            public long compactMemory() {
                System.out.println(BLOCKED); // the first settling cycle: its kept file exists
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("interrupted");
            }
        };
        Calibrator.run(proc, new Calibrator.Options(Path.of(args[1]), Calibrator.MIN_SIZE, 3, List.of(PageType.PAGE_CACHE_MAPPED)), System.out);
    }
}
