package io.github.lrubench.hostkernel;

import io.github.lrubench.results.BadInputException;
import io.github.lrubench.results.ForkStats;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Measures the host kernel's cost of compaction per migrated page. For each page type and trial:
 * fragment memory with that type ({@link Fragmenter}), snapshot /proc/vmstat and /proc/buddyinfo,
 * time one write of 1 to /proc/sys/vm/compact_memory (compact_nodes(): every zone, MIGRATE_SYNC),
 * snapshot again, release the memory. The cost of a trial is the write's wall time over the pages
 * it migrated (pgmigrate_success): the migrate scanner, the free scanner and the migrations
 * themselves, everything the kernel did for the pages it moved.
 *
 * <p>{@link #SETTLE_CYCLES} untimed cycles come first, so the run starts from the state its own
 * cycles leave, whatever ran before. The first trial of each type is a warm-up (the change of
 * page type, the JIT); a trial counts when it migrated at least {@link #MIN_MIGRATED_PAGES}.
 */
public final class Calibrator {
    /** The most trials per page type or mode: each takes seconds, and this many already hours. */
    public static final int MAX_TRIALS = 1000;

    /** 1,024 pages (4 MiB): fewer migrated pages leave the fixed cost of scanning every zone dominant. */
    public static final long MIN_MIGRATED_PAGES = 1024;
    public static final double CONFIDENCE = 0.95;
    /** The asked size may be at most this share of MemAvailable. */
    public static final double MAX_SHARE_OF_AVAILABLE = 0.5;
    public static final long DEFAULT_MAX_SIZE = 1L << 30;
    /** Smallest size: two halves of {@link #MIN_MIGRATED_PAGES} pages each. */
    public static final long MIN_SIZE = 2 * MIN_MIGRATED_PAGES * Fragmenter.PAGE;
    public static final Path DEFAULT_DIR = Path.of("/dev/shm");
    /**
     * 11 (10 counted) compact_memory trials per page type. That mode (MIGRATE_SYNC) runs no check and is
     * now a reference row, not the verdict's denominator; 20 counted gave +-15% where 10 give about
     * +-25%, but took 110 s of the 5 minutes the three modes have together.
     */
    public static final int DEFAULT_TRIALS = 11;
    /**
     * 41 (40 counted) per check-running mode: a direct trial costs well under a second once memory is
     * filled. On the dev VM a run of 5 to 7 consecutive direct trials sometimes takes 2 to 2.4 times as
     * long per page (2 of 7 runs); with 20 counted trials the median's 95% interval (6th..15th) then
     * reached +36%, with 40 (14th..27th) it stays within the +-25% asked. Sync-light's windows end with
     * its one compaction, about 15 on the dev VM, whatever this says.
     */
    public static final int DEFAULT_MODE_TRIALS = 41;
    /** A pageblock is 2^9 pages (2 MiB) on x86-64 with 4 KiB pages: the order of a THP. */
    static final int PAGEBLOCK_ORDER = 9;
    /** Untimed fragment-and-compact cycles before the first trial (see Trials.settle). */
    public static final int SETTLE_CYCLES = 3;
    static final String TMPFS = "tmpfs";
    static final String MIGRATED = "pgmigrate_success";
    /** The /proc/vmstat counters the summary reads (absent on a kernel without CONFIG_COMPACTION, except pgmigrate_*). */
    static final List<String> SUMMARY_COUNTERS = List.of(MIGRATED, "pgmigrate_fail", "compact_migrate_scanned",
            "compact_free_scanned", "compact_isolated");

    private Calibrator() {
    }

    /**
     * What to measure.
     *
     * @param dir           where the page-cache workloads write their files (a private directory is made in it)
     * @param sizeBytes     memory each compact_memory trial fragments (two halves, one freed), rounded down to whole page pairs
     * @param trialsPerType compact_memory trials per page type, the first a warm-up; at least 2
     * @param types         the page types to measure, in order; empty: every type {@code dir}'s file system allows
     * @param modes         the compaction modes to measure, in {@link CompactionMode} order
     * @param modeTrials    trials per check-running mode, the first a warm-up; at least 2
     * @param fillBytes     memory the check-running modes fill; 0: min(MemAvailable, the cgroup's room) less a margin
     * @param checkCost     the check's cost c, ns per dirty page, with its standard error and df, to state the overhead with;
     *                      null: state the break-even c only
     */
    public record Options(Path dir, long sizeBytes, int trialsPerType, List<PageType> types, List<CompactionMode> modes,
                          int modeTrials, long fillBytes, ForkStats.Estimate checkCost) {
        public Options {
            if (dir == null) {
                throw new IllegalArgumentException("no directory");
            }
            if (sizeBytes < MIN_SIZE) {
                throw new IllegalArgumentException("size must be at least " + MIN_SIZE / (1 << 20) + " MiB, got " + sizeBytes + " bytes");
            }
            if (trialsPerType < 2 || trialsPerType > MAX_TRIALS) {
                throw new IllegalArgumentException("trials must be in 2.." + MAX_TRIALS + " (the first is a warm-up; a trial takes "
                        + "seconds, so " + MAX_TRIALS + " is already hours), got " + trialsPerType);
            }
            if (modeTrials < 2 || modeTrials > MAX_TRIALS) {
                throw new IllegalArgumentException("mode trials must be in 2.." + MAX_TRIALS + " (the first is a warm-up), got " + modeTrials);
            }
            if (fillBytes < 0) {
                throw new IllegalArgumentException("fill must not be negative, got " + fillBytes);
            }
            sizeBytes = sizeBytes / (2 * Fragmenter.PAGE) * (2 * Fragmenter.PAGE);
            types = List.copyOf(types);
            if (types.stream().distinct().count() != types.size()) {
                throw new IllegalArgumentException("a page type is listed twice: " + types);
            }
            modes = java.util.Arrays.stream(CompactionMode.values()).filter(modes::contains).toList();
            if (modes.isEmpty()) {
                throw new IllegalArgumentException("no compaction mode to measure");
            }
        }

        /** Every mode, and every page type the directory's file system allows. */
        public Options(Path dir, long sizeBytes, int trialsPerType, List<PageType> types) {
            this(dir, sizeBytes, trialsPerType, types, List.of(CompactionMode.values()), DEFAULT_MODE_TRIALS, 0, null);
        }

        /** Every mode, and every page type the directory's file system allows. */
        public Options(Path dir, long sizeBytes, int trialsPerType) {
            this(dir, sizeBytes, trialsPerType, List.of());
        }

        /** /dev/shm, min(1 GiB, 25% of MemAvailable), {@link #DEFAULT_TRIALS} trials, every type tmpfs allows, every mode. */
        public static Options defaults(ProcFs proc) {
            return new Options(DEFAULT_DIR, defaultSize(proc), DEFAULT_TRIALS);
        }

        public Options withTypes(List<PageType> only) {
            return new Options(dir, sizeBytes, trialsPerType, only, modes, modeTrials, fillBytes, checkCost);
        }

        public Options withModes(List<CompactionMode> only, int trials, long fill) {
            return new Options(dir, sizeBytes, trialsPerType, types, only, trials, fill, checkCost);
        }

        /** States the overhead with this c. */
        public Options withCheckCost(ForkStats.Estimate c) {
            return new Options(dir, sizeBytes, trialsPerType, types, modes, modeTrials, fillBytes, c);
        }
    }

    /**
     * min(1 GiB, 25% of the memory room: MemAvailable or the memory cgroup's, whichever is less), at
     * least {@link #MIN_SIZE}; 1 GiB when MemAvailable is unknown (then refused).
     */
    public static long defaultSize(ProcFs proc) {
        long quarter = proc.memoryRoomBytes().orElse(DEFAULT_MAX_SIZE * 4) / 4;
        return Math.max(MIN_SIZE, Math.min(DEFAULT_MAX_SIZE, quarter));
    }

    /** The page types a file system allows: clean page cache needs writeback to a disk, which tmpfs has not. */
    public static List<PageType> typesFor(String fileSystem) {
        return TMPFS.equals(fileSystem)
                ? List.of(PageType.PAGE_CACHE_DIRTY, PageType.PAGE_CACHE_MAPPED, PageType.ANON)
                : List.of(PageType.PAGE_CACHE_CLEAN, PageType.PAGE_CACHE_DIRTY, PageType.PAGE_CACHE_MAPPED, PageType.ANON);
    }

    /**
     * Runs every trial and returns the calibration; prints a plan line, a line per trial and the
     * summary table to {@code out}. Refused hosts (see {@link Preflight#refusal}) get a BadInputException with
     * the reason. Every file it made is gone when it returns or throws, and on Ctrl-C.
     */
    public static Calibration run(ProcFs proc, Options o, PrintStream out) {
        Optional<String> refused = Preflight.refusal(proc, o);
        if (refused.isPresent()) {
            throw new BadInputException(refused.get());
        }
        try (AutoCloseable lock = lock(proc)) {
            return runLocked(proc, o, out);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The system-wide calibration lock's file, under the host's /run (root's, and cleared at boot). */
    static Path lockFile(ProcFs proc) {
        return proc.root().resolve("run").resolve("lru-isolate-bench").resolve("calibrate.lock");
    }

    /**
     * One calibration on the machine at a time (issue 22 #4: a second one counted the first one's
     * migrations, "moved" 121%, and exited 0): an OS lock on a file under /run, which a dead holder
     * releases; a second calibrate is refused in one line (exit 2).
     */
    public static AutoCloseable lock(ProcFs proc) {
        return io.github.lrubench.results.FileLocks.tryLock(lockFile(proc), "is held: another calibration runs on this machine, "
                + "and two would count each other's migrations; wait for it to end");
    }

    private static Calibration runLocked(ProcFs proc, Options o, PrintStream out) {
        String fs = fileSystem(o.dir());
        List<PageType> types = types(o, fs);
        Calibration.Context context = new Calibration.Context(proc.kernelRelease().orElse(null),
                proc.transparentHugepage().orElse(null), proc.compactionProactiveness().orElse(null), proc.hypervisor(),
                proc.cores(), proc.memTotalKb().orElse(-1), proc.memAvailableKb().orElse(-1),
                o.dir().toAbsolutePath().toString(), fs, o.sizeBytes(), o.trialsPerType(), MIN_MIGRATED_PAGES, CONFIDENCE);
        List<Calibration.Trial> trials = new ArrayList<>();
        Optional<ProcFs.CpuTicks> cpu0 = proc.cpuTicks();
        OptionalLong self0 = proc.selfCpuTicks();
        if (o.modes().contains(CompactionMode.SYNC)) {
            out.println(plan(o, fs, types));
            out.flush();
            boolean host = proc.root().equals(Path.of("/"));
            Optional<String> untraced = TraceInstance.refusal(proc, host).or(() -> proc.threadId().isPresent() ? Optional.empty()
                    : Optional.of("no thread id in /proc/thread-self"));
            untraced.ifPresent(why -> out.println("reference: counts from /proc/vmstat, which also counts compaction elsewhere "
                    + "(kcompactd, other processes): no own events (" + why + ")"));
            try (Scratch scratch = Scratch.create(o.dir(), out);
                 TraceInstance trace = untraced.isPresent() ? null : TraceInstance.open(proc, host);
                 Trials run = new Trials(proc, scratch, o, out, trace)) {
                run.settle(types.get(0), SETTLE_CYCLES);
                for (PageType type : types) {
                    for (int i = 0; i < o.trialsPerType(); i++) {
                        trials.add(run.trial(type, i));
                    }
                }
            }
        }
        List<Calibration.Setting> settings = new ArrayList<>();
        List<Calibration.Mode> modes = ModeCalibrator.runAll(proc, o, fs, out, settings);
        otherPrograms(cpu0, self0, proc.cpuTicks(), proc.selfCpuTicks(), context.cores()).ifPresent(out::println);
        List<Calibration.Summary> summaries = o.modes().contains(CompactionMode.SYNC)
                ? types.stream().map(t -> ReferenceSummary.summarize(t, trials)).toList() : List.of();
        Calibration c = new Calibration(true, null, context, summaries, trials, modes, settings);
        if (!summaries.isEmpty()) {
            out.print(table(c));
        }
        out.print(ModeTable.of(c));
        out.flush();
        return c;
    }

    /** Above this share of the CPUs taken by other programs during the trials, the console says the timings suffer. */
    static final double BUSY_MACHINE = 0.10;

    /**
     * How much of the machine other programs took while the trials ran (from /proc/stat less this
     * process's own CPU time): on 2 CPUs a compiling or testing neighbour slows the compaction
     * itself and, using memory, leaves the kernel fewer free pages to compact into.
     */
    static Optional<String> otherPrograms(Optional<ProcFs.CpuTicks> before, OptionalLong selfBefore,
                                          Optional<ProcFs.CpuTicks> after, OptionalLong selfAfter, int cores) {
        if (before.isEmpty() || after.isEmpty() || selfBefore.isEmpty() || selfAfter.isEmpty()) {
            return Optional.empty();
        }
        long total = after.get().total() - before.get().total();
        if (total <= 0) {
            return Optional.empty();
        }
        long others = Math.max(0, after.get().busy() - before.get().busy() - (selfAfter.getAsLong() - selfBefore.getAsLong()));
        double share = (double) others / total, steal = (double) (after.get().steal() - before.get().steal()) / total;
        return Optional.of(String.format(Locale.ROOT, "other programs used %.0f%% of the %d CPUs during the trials (hypervisor steal %.0f%%)%s",
                100 * share, cores, 100 * steal, share > BUSY_MACHINE
                        ? ": the timings are noisier and slower than on a quiet machine; rerun when it is idle" : ""));
    }

    static List<PageType> types(Options o, String fileSystem) {
        return o.types().isEmpty() ? typesFor(fileSystem) : o.types();
    }

    static String fileSystem(Path dir) {
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String plan(Options o, String fs, List<PageType> types) {
        boolean files = types.stream().anyMatch(t -> t != PageType.ANON), anon = types.contains(PageType.ANON);
        String what = files && anon ? "page cache and anonymous memory" : files ? "page cache" : "anonymous memory";
        String where = files ? " on " + o.dir() + " (" + fs + ")" : "";
        return "calibrate: MIGRATE_SYNC reference (runs no check): fragments " + mib(o.sizeBytes()) + " of " + what + where
                + ", then writes 1 to /proc/sys/vm/compact_memory, " + o.trialsPerType() + " trials per page type ("
                + types.stream().map(Enum::name).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The trials of one run, in sequence. The kept half of a trial stays allocated until the next
     * trial has fragmented: compaction has just packed it at the top of the zone, so the next
     * trial's pages come from the free memory lower down, where the migrate scanner starts; it is
     * released before the next compaction (untimed), which then has room at the top to move them
     * to. Released at once instead, its pages would be handed out again first (the allocator
     * reuses what was freed last) and the next trial would sit where compaction does not look:
     * measured on the dev VM with 256 MiB: 64 pages migrated per trial that way, 17,000 this way.
     */
    private static final class Trials implements AutoCloseable {
        private final ProcFs proc;
        private final Scratch scratch;
        private final Options o;
        private final PrintStream out;
        private Fragmenter.Held previous;
        /** The write's own events (issue 22 #4); null: none, the counts are /proc/vmstat's. */
        private final TraceInstance trace;

        Trials(ProcFs proc, Scratch scratch, Options o, PrintStream out, TraceInstance trace) {
            this.proc = proc;
            this.scratch = scratch;
            this.o = o;
            this.out = out;
            this.trace = trace;
        }

        /**
         * What one fragment-and-compact cycle saw. {@code own}: the pages the write's own
         * compactions migrated (compact_nodes() runs in the writing thread, so its events carry
         * this thread's pid), {@code elsewhere}: other tasks' in the same window; both -1 when
         * not traced or when the ring buffer lost events (then /proc/vmstat's global count stands).
         */
        private record Cycle(long fragmentNanos, long wallNanos, Map<String, Long> vmstatDelta, BuddyInfo before, BuddyInfo after,
                             long own, long elsewhere) {
            boolean traced() {
                return own >= 0;
            }

            long migrated() {
                return traced() ? own : vmstatDelta.getOrDefault(MIGRATED, 0L);
            }
        }

        /** Fragments with {@code type}, releases the previous cycle's half, times one compaction, keeps this cycle's half. */
        private Cycle cycle(PageType type) {
            long t0 = System.nanoTime();
            Fragmenter.Held held = Fragmenter.fragment(type, scratch, o.sizeBytes(), msg -> out.println("  note: " + msg));
            long fragmentNanos = System.nanoTime() - t0;
            Cycle c;
            try {
                releasePrevious();
                if (trace != null) {
                    trace.off();
                    trace.clear();
                    trace.on();
                }
                Map<String, Long> before = proc.vmstat();
                BuddyInfo buddyBefore = proc.buddyinfo();
                long start = System.nanoTime();
                long wall = proc.compactMemory();
                long end = System.nanoTime();
                Map<String, Long> after = proc.vmstat();
                long own = -1, elsewhere = -1;
                if (trace != null) {
                    trace.off();
                    CompactionTrace t = CompactionTrace.parse(trace.read(), trace.dir().resolve("trace"));
                    int tid = proc.threadId().orElseThrow();
                    if (t.lost() == 0) {
                        own = t.window(p -> p == tid, start, end).all().migrated();
                        elsewhere = t.window(p -> p != tid, start, end).all().migrated();
                    } else {
                        out.println("  note: the trace lost " + t.lost() + " events; this trial's count is /proc/vmstat's");
                    }
                }
                c = new Cycle(fragmentNanos, wall, ReferenceSummary.kept(ProcFs.delta(before, after)), buddyBefore, proc.buddyinfo(),
                        own, elsewhere);
            } catch (RuntimeException | Error e) {
                try {
                    held.close();
                } catch (RuntimeException | Error suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            previous = held;
            return c;
        }

        /**
         * Untimed cycles before the first trial: after whatever ran before (another program, a
         * previous calibration), the first few compactions of a run are cut short and move fewer
         * pages at a different cost, until pages and free memory sit where compaction leaves them.
         */
        void settle(PageType type, int cycles) {
            List<String> migrated = new ArrayList<>();
            for (int i = 0; i < cycles; i++) {
                migrated.add(String.format(Locale.ROOT, "%,d", cycle(type).migrated()));
            }
            out.println("settle: " + cycles + " untimed cycles with " + type + " first, migrated " + String.join(", ", migrated) + " pages");
            out.flush();
        }

        Calibration.Trial trial(PageType type, int index) {
            Cycle c = cycle(type);
            long migrated = c.migrated();
            boolean warmup = index == 0;
            boolean counted = !warmup && migrated >= MIN_MIGRATED_PAGES;
            Calibration.Trial t = new Calibration.Trial(type, index, warmup, c.wallNanos(), c.vmstatDelta(), c.before().total(),
                    c.after().total(), migrated, migrated > 0 ? (double) c.wallNanos() / migrated : Double.NaN, counted,
                    c.traced() ? c.elsewhere() : null);
            out.println(String.format(Locale.ROOT, "%-17s %2d/%d %-8s fragment %5.2f s  compact %7.1f ms  migrated %,8d%s  %,7.0f ns/page  failed %,d%s",
                    type, index + 1, o.trialsPerType(), warmup ? "warm-up" : "", c.fragmentNanos() / 1e9, c.wallNanos() / 1e6, migrated,
                    c.traced() ? String.format(Locale.ROOT, " (other tasks +%,d, left out)", c.elsewhere()) : " (vmstat: all compaction)",
                    t.nsPerMigratedPage(), c.vmstatDelta().getOrDefault("pgmigrate_fail", 0L),
                    warmup || counted ? "" : "  (too few pages: not counted)"));
            out.flush();
            return t;
        }

        private void releasePrevious() {
            Fragmenter.Held p = previous;
            previous = null;
            if (p != null) {
                p.close();
            }
        }

        @Override
        public void close() {
            releasePrevious();
        }
    }
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    /** The MIGRATE_SYNC reference's console table ({@link ReferenceTable}). */
    public static String table(Calibration c) {
        return ReferenceTable.of(c);
    }
}
