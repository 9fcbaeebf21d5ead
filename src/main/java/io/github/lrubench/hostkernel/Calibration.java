package io.github.lrubench.hostkernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.ResultFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * calibration.json: the host kernel's cost of compaction per migrated page, per page type, with
 * every trial and the context it was measured in; or, when it could not be measured, why.
 *
 * @param measured  false when the host could not be measured (then only {@code reason} is set)
 * @param reason    why it was not measured, one line; null when measured
 * @param context   the host and the settings of the measurement
 * @param summaries one per page type measured
 * @param trials    every trial, warm-ups included (marked)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Calibration(boolean measured, String reason, Context context, List<Summary> summaries, List<Trial> trials,
                          List<Mode> modes, List<Setting> settings) {

    /** A calibration that could not be made. */
    public static Calibration notMeasured(String reason) {
        return new Calibration(false, reason, null, null, null, null, null);
    }

    /**
     * Whether it holds a figure: a page type or a mode with at least one counted trial. One that
     * does not (refused, failed, or every trial too small) is what a resume measures again.
     */
    public boolean hasFigures() {
        return measured && ((summaries != null && summaries.stream().anyMatch(s -> s.counted() > 0))
                || (modes != null && modes.stream().anyMatch(m -> m.measured() && m.summary().counted() > 0)));
    }

    /** The result of the modes that run the check; empty for a file written before they were measured. */
    public Optional<Mode> mode(CompactionMode m) {
        return modes == null ? Optional.empty() : modes.stream().filter(x -> x.mode() == m).findFirst();
    }

    public Optional<Summary> summary(PageType type) {
        return summaries == null ? Optional.empty() : summaries.stream().filter(s -> s.type() == type).findFirst();
    }

    /**
     * Reads calibration.json; a missing, empty, malformed or incomplete file is a
     * BadInputException naming the file. Fields this version does not know are ignored.
     */
    /**
     * A time with its interval as a report will use it: with counted trials, a positive finite
     * estimate inside low <= estimate <= high (bounds may be absent, NaN); with none, no estimate
     * at all (NaN: "not measured"). Anything else is a corrupt file, refused naming the field.
     */
    private static void figures(Path file, String field, int counted, int trials, Interval i) {
        if (counted < 0 || trials < 0 || counted > trials) {
            throw new BadInputException(file, "not calibration JSON: " + field + ": counted " + counted + " of " + trials + " trials");
        }
        if (i == null) {
            throw new BadInputException(file, "not calibration JSON: " + field + " is missing");
        }
        double e = i.estimate();
        if (counted == 0) {
            if (!Double.isNaN(e)) {
                throw new BadInputException(file, "not calibration JSON: " + field + " has a figure (" + e + ") from 0 counted trials");
            }
            return;
        }
        if (!(e > 0) || Double.isInfinite(e)) {
            throw new BadInputException(file, "not calibration JSON: " + field + " must be a positive time, was " + e);
        }
        if (i.hasBounds() && !(i.low() <= e && e <= i.high())) {
            throw new BadInputException(file, "not calibration JSON: " + field + ": its interval [" + i.low() + ", " + i.high()
                    + "] does not contain its estimate " + e);
        }
    }

    public static Calibration read(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file, "is a directory, expected calibration.json");
        }
        String text = ResultFiles.readText(file);
        Calibration c;
        try {
            c = JmhJson.mapper().readerFor(Calibration.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
            throw new BadInputException(file, "not calibration JSON" + where + ": " + e.getOriginalMessage());
        }
        if (c == null) {
            throw new BadInputException(file, "not calibration JSON: null");
        }
        if (c.measured()) {
            if (c.context() == null || c.summaries() == null || c.trials() == null) {
                throw new BadInputException(file, "not calibration JSON: measured, but \"context\", \"summaries\" or \"trials\" is missing");
            }
            if (c.summaries().stream().anyMatch(s -> s == null || s.type() == null)) {
                throw new BadInputException(file, "not calibration JSON: a summary without a page type");
            }
            if (c.modes() != null && c.modes().stream().anyMatch(m -> m == null || m.mode() == null
                    || (m.measured() ? m.summary() == null || m.trials() == null : m.reason() == null))) {
                throw new BadInputException(file, "not calibration JSON: a mode without its name, or measured without a summary and trials, "
                        + "or not measured without a reason");
            }
            for (Summary s : c.summaries()) {
                figures(file, "summaries[" + s.type() + "]", s.counted(), s.trials(), new Interval(s.medianNsPerMigratedPage(), s.low(), s.high()));
            }
            if (c.modes() != null) {
                for (Mode m : c.modes()) {
                    if (m.measured()) {
                        ModeSummary s = m.summary();
                        String where = "modes[" + m.mode() + "].summary";
                        figures(file, where + ".nsPerScannedPfn", s.counted(), s.trials(), s.nsPerScannedPfn());
                        figures(file, where + ".nsPerIsolatedPage", s.counted(), s.trials(), s.nsPerIsolatedPage());
                        figures(file, where + ".nsPerMigratedPage", s.counted(), s.trials(), s.nsPerMigratedPage());
                    }
                }
            }
        } else if (c.reason() == null || c.reason().isBlank()) {
            throw new BadInputException(file, "not calibration JSON: neither measured nor a reason why not");
        }
        return c;
    }

    /** Writes calibration.json atomically (a reader sees the old file or the whole new one). */
    public void write(Path file) {
        JmhJson.writeJson(file, this);
    }

    /**
     * Where and how it was measured.
     *
     * @param kernelRelease           /proc/sys/kernel/osrelease
     * @param transparentHugepage     /sys/kernel/mm/transparent_hugepage/enabled (the selected value in brackets)
     * @param compactionProactiveness /proc/sys/vm/compaction_proactiveness, null where the kernel lacks it
     * @param hypervisor              the CPU flags include "hypervisor" (a VM)
     * @param cores                   online CPUs
     * @param memTotalKb              MemTotal
     * @param memAvailableKb          MemAvailable before the first trial
     * @param dir                     where the files were written
     * @param fileSystem              the file system type of {@code dir} (tmpfs, ext4, ...)
     * @param sizeBytes               memory each trial fragments (two halves, one freed)
     * @param trialsPerType           trials per page type, the first of each discarded as warm-up
     * @param minMigratedPages        a trial that migrated fewer pages does not count (too few to time)
     * @param confidenceLevel         of every interval
     */
    public record Context(String kernelRelease, String transparentHugepage, String compactionProactiveness, boolean hypervisor,
                          int cores, long memTotalKb, long memAvailableKb, String dir, String fileSystem, long sizeBytes,
                          int trialsPerType, long minMigratedPages, double confidenceLevel) {
    }

    /**
     * One write of 1 to /proc/sys/vm/compact_memory after fragmenting memory with one page type.
     *
     * @param wallNanos         how long the write took (compact_nodes() runs inside it)
     * @param vmstatDelta       every /proc/vmstat counter that changed across the write, and the
     *                          summary's counters (pgmigrate_success, pgmigrate_fail,
     *                          compact_migrate_scanned, compact_free_scanned, compact_isolated)
     *                          whenever the kernel has them, 0 included: absent means the kernel lacks it
     * @param buddyBefore       free blocks per order (all zones) before the write
     * @param buddyAfter        the same after
     * @param migrated          pages this write migrated: its own mm_compaction_migratepages events' nr_migrated where
     *                          the trace was read, else the pgmigrate_success delta
     * @param nsPerMigratedPage wallNanos / migrated (NaN when nothing migrated)
     * @param counted           not a warm-up and migrated at least {@link Context#minMigratedPages}
     * @param migratedElsewhere pages other tasks (kcompactd, other processes' compaction) migrated during the write,
     *                          from the trace; then {@code migrated} is this process's own, from its own events.
     *                          Null where no trace could be read (then {@code migrated} is /proc/vmstat's, all of it)
     */
    public record Trial(PageType type, int index, boolean warmup, long wallNanos, Map<String, Long> vmstatDelta,
                        long[] buddyBefore, long[] buddyAfter, long migrated, double nsPerMigratedPage, boolean counted,
                        Long migratedElsewhere) {
    }

    /**
     * One page type over its counted trials.
     *
     * @param medianNsPerMigratedPage          median over counted trials
     * @param low                              lower bound of the distribution-free interval of the median
     * @param high                             upper bound
     * @param migrateScannedPerMigrated        compact_migrate_scanned / pgmigrate_success, median
     * @param freeScannedPerMigrated           compact_free_scanned / pgmigrate_success, median
     * @param migrationFailuresPerTrial        pgmigrate_fail per trial, median
     * @param tooFewShare                      share of non-warm-up trials that migrated too few pages to count
     */
    public record Summary(PageType type, int trials, int counted, double medianNsPerMigratedPage, double low, double high,
                          double migrateScannedPerMigrated, double freeScannedPerMigrated, double migrationFailuresPerTrial,
                          double tooFewShare) {
    }

    /**
     * A kernel setting the calibration changed, as its file read before and after (restored).
     *
     * @param file   the file under / ("proc/sys/vm/compaction_proactiveness")
     * @param before the file's text before the first change
     * @param after  the file's text after the calibration put it back
     */
    public record Setting(String file, String before, String after) {
    }

    /**
     * One compaction mode that runs the check (see {@link CompactionMode}), or why it was not measured.
     *
     * @param mode     which
     * @param measured false when it could not be measured here (then only {@code reason} is set)
     * @param reason   why not, one line; null when measured
     * @param how      how the trials made it compact and timed it, one line
     * @param fillBytes the dirty page cache written (half of it then freed page by page) before the trials
     * @param checkCost the check's cost c per dirty page the overhead was computed with, ns; null when none was given
     * @param summary  over the counted trials
     * @param trials   every trial, the warm-up included (marked)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mode(CompactionMode mode, boolean measured, String reason, String how, long fillBytes, Interval checkCost,
                       ModeSummary summary, List<ModeTrial> trials) {
        public static Mode notMeasured(CompactionMode mode, String reason) {
            return new Mode(mode, false, reason, null, 0, null, null, null);
        }

        /** What a trial's time is divided by. */
        public enum Per {
            SCANNED_PFN, ISOLATED_PAGE, MIGRATED_PAGE;

            long of(ModeTrial t) {
                return switch (this) {
                    case SCANNED_PFN -> t.scanned();
                    case ISOLATED_PAGE -> t.taken();
                    case MIGRATED_PAGE -> t.migrated();
                };
            }
        }

        /** Each counted trial's time over its count, ns (trials with a count of 0 left out). */
        public double[] nsPer(Per per) {
            return nsPer(trials == null ? List.of() : trials, per);
        }

        /** {@link #nsPer(Per)} of any list of trials. */
        public static double[] nsPer(List<ModeTrial> trials, Per per) {
            return trials.stream().filter(ModeTrial::counted).filter(t -> per.of(t) > 0)
                    .mapToDouble(t -> (double) t.nanos() / per.of(t)).toArray();
        }
    }

    /**
     * One trial of a mode: the compactions it caused (direct: the faulting thread's; sync-light: kcompactd's)
     * from its start to its end, read from the trace.
     *
     * @param nanos           compaction time: Σ (end − begin) of its matched compactions (direct), or
     *                        kcompactd's CPU time over the trial (sync-light, /proc/PID/schedstat)
     * @param compactionNanos each matched compaction's end − begin
     * @param compactions     matched compactions (begin and end both seen)
     * @param succeeded       of those, how many ended COMPACT_SUCCESS (a free block of the order asked for)
     * @param otherModeCompactions direct: the task's compactions in another mode (sync-light retries after async
     *                        failed), left out of the time and the work; they run the check too
     * @param attempts        direct: mm_compaction_try_to_compact_pages events (allocations that tried, deferred ones included)
     * @param hugePages       THPs faulted in the trial
     * @param scanned         pfns the migrate scanner scanned (Σ nr_scanned): free pfns included, so an upper bound on checks
     * @param taken           pages isolated (Σ nr_taken): each passed the check, so a lower bound on checks
     * @param migrated        Σ nr_migrated
     * @param failed          Σ nr_failed
     * @param migrateModes    the modes mm_migrate_pages named (MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT, MIGRATE_SYNC)
     * @param unmatchedTaken  pages isolated outside a matched begin/end pair (included in taken for sync-light)
     * @param othersTaken     pages isolated in the window by tasks not counted (other processes, kcompactd in a direct trial)
     * @param lostEvents      events the ring buffer overwrote (0 when nothing was lost)
     * @param vmstatDelta     global /proc/vmstat counters across the trial, a cross-check only: they also count compaction
     *                        this trial did not cause
     * @param counted         not the warm-up, at least {@link Context#minMigratedPages} pages taken, no events lost
     */
    public record ModeTrial(int index, boolean warmup, long startNs, long endNs, long nanos, long[] compactionNanos, int compactions,
                            int succeeded, int otherModeCompactions, int attempts, long hugePages, long scanned, long taken, long migrated, long failed,
                            List<String> migrateModes, long unmatchedTaken, long othersTaken, long lostEvents,
                            Map<String, Long> vmstatDelta, boolean counted) {
    }

    /**
     * A mode over its counted trials. Every ratio is per trial (its compaction time over its count),
     * then the median over trials with its distribution-free interval.
     *
     * @param compactions                 matched compactions in counted trials
     * @param successShare                of those, the share that ended COMPACT_SUCCESS
     * @param nsPerCompaction             median over those compactions of end − begin
     * @param nsPerScannedPfn             time per pfn scanned: the time per check if every scanned pfn was checked
     *                                    (the most checks there can be, so the largest overhead)
     * @param nsPerIsolatedPage           time per page isolated: the time per check if only the isolated pages were
     *                                    (the fewest, so the smallest overhead)
     * @param nsPerMigratedPage           time per page migrated
     * @param overheadIfTaken             c / nsPerIsolatedPage, c's interval carried (a fraction); null without c
     * @param overheadIfScanned           c / nsPerScannedPfn; null without c
     * @param overheadPerMigratedPage     c / nsPerMigratedPage: the old unit (one check per page moved), for comparison; null without c
     */
    public record ModeSummary(int trials, int counted, int compactions, double successShare, Interval nsPerCompaction,
                              Interval nsPerScannedPfn, Interval nsPerIsolatedPage, Interval nsPerMigratedPage,
                              Interval overheadIfTaken, Interval overheadIfScanned, Interval overheadPerMigratedPage) {
        /** The summary of these trials without a c (no overheads). */
        public static ModeSummary of(List<ModeTrial> trials) {
            return ModeCalibrator.summarize(trials, null);
        }
    }
}
