package io.github.lrubench.hostkernel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.github.lrubench.results.BadInputException;
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
public record Calibration(boolean measured, String reason, Context context, List<Summary> summaries, List<Trial> trials) {

    /** A calibration that could not be made. */
    public static Calibration notMeasured(String reason) {
        return new Calibration(false, reason, null, null, null);
    }

    public Optional<Summary> summary(PageType type) {
        return summaries == null ? Optional.empty() : summaries.stream().filter(s -> s.type() == type).findFirst();
    }

    /**
     * Reads calibration.json; a missing, empty, malformed or incomplete file is a
     * BadInputException naming the file. Fields this version does not know are ignored.
     */
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
     * @param migrated          pgmigrate_success delta
     * @param nsPerMigratedPage wallNanos / migrated (NaN when nothing migrated)
     * @param counted           not a warm-up and migrated at least {@link Context#minMigratedPages}
     */
    public record Trial(PageType type, int index, boolean warmup, long wallNanos, Map<String, Long> vmstatDelta,
                        long[] buddyBefore, long[] buddyAfter, long migrated, double nsPerMigratedPage, boolean counted) {
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
}
