package io.github.lrubench.hostkernel;

import io.github.lrubench.results.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static io.github.lrubench.hostkernel.Calibrator.MAX_SHARE_OF_AVAILABLE;
import static io.github.lrubench.hostkernel.Calibrator.MIGRATED;
import static io.github.lrubench.hostkernel.Calibrator.TMPFS;
import static io.github.lrubench.hostkernel.Calibrator.fileSystem;
import static io.github.lrubench.hostkernel.Calibrator.mib;
import static io.github.lrubench.hostkernel.Calibrator.types;

/**
 * Whether this host can be measured at all, asked before a calibration creates anything: the checks
 * that refuse a host in one line (the MIGRATE_SYNC reference's; each check-running mode adds its own,
 * {@link ModeCalibrator#refusal}).
 */
public final class Preflight {
    /** A trial's files at their peak against its size: the probe measured 1.5x (issue 22 #7), the check took 1x. */
    static final double PEAK_FACTOR = 1.5;

    private Preflight() {
    }

    /**
     * Why this host cannot be measured with these options, one line; empty when it can. Checks,
     * in order, before anything is created: Linux, root, compact_memory present and writable,
     * pgmigrate_success in /proc/vmstat, the directory, the page types against its file system,
     * MemAvailable against the size, the directory's free space.
     */
    public static Optional<String> refusal(ProcFs proc, Calibrator.Options o) {
        String os = proc.osName() == null ? "" : proc.osName();
        if (!os.startsWith("Linux")) {
            return Optional.of("not Linux (os.name is \"" + os + "\"): compaction is measured through Linux's /proc/sys/vm/compact_memory");
        }
        OptionalInt uid = proc.effectiveUid();
        if (uid.isEmpty()) {
            return Optional.of("cannot tell the effective uid: no \"Uid:\" line in " + proc.file(ProcFs.SELF_STATUS));
        }
        if (uid.getAsInt() != 0) {
            return Optional.of("not root (effective uid " + uid.getAsInt() + "): writing " + proc.file(ProcFs.COMPACT_MEMORY) + " needs root");
        }
        if (!Files.exists(o.dir())) {
            return Optional.of("directory " + o.dir() + " does not exist");
        }
        if (!Files.isDirectory(o.dir())) {
            return Optional.of(o.dir() + " is not a directory");
        }
        if (!Files.isWritable(o.dir())) {
            return Optional.of("directory " + o.dir() + " is not writable");
        }
        if (!o.modes().contains(CompactionMode.SYNC)) {
            return Optional.empty(); // the check-running modes say per mode why they cannot run
        }
        Path compact = proc.file(ProcFs.COMPACT_MEMORY);
        if (!Files.exists(compact)) {
            return Optional.of("no " + compact + ": the kernel is built without CONFIG_COMPACTION");
        }
        if (!proc.compactMemoryWritable()) {
            return Optional.of(compact + " is not writable (a read-only /proc/sys, as in a container?)");
        }
        Map<String, Long> vmstat;
        try {
            vmstat = proc.vmstat();
        } catch (BadInputException e) {
            return Optional.of("cannot read the migration counters: " + e.getMessage());
        }
        if (!vmstat.containsKey(MIGRATED)) {
            return Optional.of(proc.file(ProcFs.VMSTAT) + " has no pgmigrate_success counter: migrated pages cannot be counted");
        }
        String fs = fileSystem(o.dir());
        List<PageType> types = types(o, fs);
        if (types.contains(PageType.PAGE_CACHE_CLEAN) && TMPFS.equals(fs)) {
            return Optional.of(PageType.PAGE_CACHE_CLEAN + " needs a disk file system, " + o.dir() + " is tmpfs (its pages are never written back)");
        }
        OptionalLong room = proc.memoryRoomBytes(); // inside a memory cgroup its room bounds what fits
        if (room.isEmpty()) {
            return Optional.of("no MemAvailable in " + proc.file(ProcFs.MEMINFO) + ": cannot tell whether " + mib(o.sizeBytes()) + " fit");
        }
        long availBytes = room.getAsLong();
        if (o.sizeBytes() > MAX_SHARE_OF_AVAILABLE * availBytes) {
            return Optional.of("size " + mib(o.sizeBytes()) + " is more than " + Math.round(100 * MAX_SHARE_OF_AVAILABLE)
                    + "% of MemAvailable or the memory cgroup's room, whichever is less (" + mib(availBytes) + "): choose a smaller size");
        }
        if (types.stream().anyMatch(t -> t != PageType.ANON)) {
            try {
                long usable = Files.getFileStore(o.dir()).getUsableSpace();
                long peak = (long) (PEAK_FACTOR * o.sizeBytes());
                if (usable < peak) {
                    return Optional.of(o.dir() + " has " + mib(usable) + " free, the files need " + mib(peak) + " at their peak ("
                            + PEAK_FACTOR + " x " + mib(o.sizeBytes()) + ")");
                }
            } catch (IOException e) {
                return Optional.of("cannot tell the free space of " + o.dir() + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }
}
