package io.github.lrubench.hostkernel;

import io.github.lrubench.hostkernel.Tunables.Tunable;
import io.github.lrubench.results.ForkStats;
import io.github.lrubench.results.Interval;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Measures the host kernel's compaction in the modes that run the check: direct async compaction
 * for THP faults, and kcompactd's proactive sync-light compaction. Both need memory in which no
 * free pageblock is left, so one fill serves both: nearly all available memory is written as dirty
 * page cache and every other page freed ({@link MemoryFill}).
 *
 * <ul>
 *   <li><b>Direct async.</b> compaction_proactiveness is 0 (kcompactd would otherwise compact in the
 *       background and serve the faults). The free pageblocks left are faulted as THPs first
 *       (untimed); then a thread faults 2 MiB pages of a MADV_HUGEPAGE region
 *       ({@link ThpRegion}), {@link #STEP} at a time, until its own async compactions have isolated
 *       {@link #DIRECT_TRIAL_PAGES} pages. Time is Σ (end − begin) of its matched
 *       compactions in the trace.</li>
 *   <li><b>Sync-light.</b> The free pageblocks left are faulted as THPs (proactiveness 0), so the
 *       node's free memory is all fragmented; then compaction_proactiveness is written
 *       {@link #PROACTIVENESS}, which wakes kcompactd (mm/compaction.c,
 *       compaction_proactiveness_sysctl_handler()) into one long proactive compaction, and each trial
 *       is a {@link #WINDOW_NANOS} window of it. Time is kcompactd's CPU time over the window (its
 *       schedstat: the compaction begins before and outlasts any one window, so begin/end pairs cannot
 *       time it), work is every event of kcompactd's in the window.</li>
 * </ul>
 */
final class ModeCalibrator {
    /** THPs faulted between two looks at the trace in a direct trial. */
    static final int STEP = 8;
    /**
     * A direct trial faults until its compactions isolated this many pages (~32 compactions on the dev VM):
     * with {@link Calibrator#MIN_MIGRATED_PAGES} (~4 compactions) one slow compaction swung a trial by 3x,
     * and 10 counted trials gave a 95% interval of -16%..+130% of the median.
     */
    static final long DIRECT_TRIAL_PAGES = 8 * 1024;
    /** At most this many steps a direct trial (a safety net: ~1 GiB of THPs). */
    static final int MAX_STEPS = 64;
    /**
     * Written to start the sync-light phase: kcompactd compacts proactively while the node's
     * fragmentation score is above 100 − P + 10 and stops at max(100 − P, 5)
     * (mm/compaction.c, fragmentation_score_wmark()); at 100 it runs one long compaction of all the
     * fragmented free memory, which the trials then cut into windows. The write also wakes it
     * (compaction_proactiveness_sysctl_handler()), and writing 0 ends it at its next check.
     */
    static final String PROACTIVENESS = "100";
    /** A sync-light trial is this long a window of kcompactd's compaction (~50,000 pages on the dev VM). */
    static final long WINDOW_NANOS = 100_000_000L;
    /** Memory left unfilled: the larger of this and {@link #MARGIN_SHARE} of MemTotal. */
    static final long MARGIN_BYTES = 1L << 30;
    static final double MARGIN_SHARE = 0.08;
    static final List<String> CROSS_CHECK = List.of("compact_stall", "compact_fail", "compact_success", "thp_fault_alloc",
            "thp_fault_fallback", "pgmigrate_success", "compact_daemon_wake", "compact_daemon_migrate_scanned");

    private ModeCalibrator() {
    }

    /** How much to fill: min(MemAvailable, the cgroup's room) less the margin; 0 when unknown. */
    static long fillBytes(ProcFs proc) {
        OptionalLong roomBytes = proc.memoryRoomBytes();
        if (roomBytes.isEmpty()) {
            return 0;
        }
        long room = roomBytes.getAsLong();
        long margin = Math.max(MARGIN_BYTES, (long) (MARGIN_SHARE * proc.memTotalKb().orElse(0) * 1024));
        long traceBuffers = (long) TraceInstance.BUFFER_KB * 1024 * proc.cores(); // allocated after this is computed
        return Math.max(0, (room - margin - traceBuffers) / MemoryFill.CHUNK * MemoryFill.CHUNK);
    }

    /** Why no check-running mode can be measured here (shared by both); empty when they can. */
    static Optional<String> refusal(ProcFs proc, boolean mayMount, long fill, java.nio.file.Path dir) {
        Optional<String> t = TraceInstance.refusal(proc, mayMount);
        if (t.isPresent()) {
            return t;
        }
        if (fill < 2 * Calibrator.MIN_SIZE) {
            return Optional.of("too little memory to fill: " + Calibrator.mib(fill) + " after the margin");
        }
        try {
            long usable = java.nio.file.Files.getFileStore(dir).getUsableSpace();
            if (usable < fill) {
                return Optional.of(dir + " has " + Calibrator.mib(usable) + " free, the fill needs " + Calibrator.mib(fill)
                        + " (nearly all available memory, so that no free pageblock is left)");
            }
        } catch (java.io.IOException e) {
            return Optional.of("cannot tell the free space of " + dir + ": " + e.getMessage());
        }
        return Libc.load();
    }

    /** Why this mode cannot be measured here beyond {@link #refusal}; empty when it can. */
    static Optional<String> refusal(ProcFs proc, CompactionMode mode) {
        return switch (mode) {
            case SYNC -> Optional.empty();
            case DIRECT_ASYNC -> proc.read(ProcFs.THP_ENABLED).isEmpty() || proc.read(ProcFs.THP_DEFRAG).isEmpty()
                    ? Optional.of("no " + proc.file(ProcFs.THP_ENABLED) + " or defrag: the kernel is built without transparent hugepages")
                    : proc.threadId().isEmpty() ? Optional.of("cannot tell this thread's id from " + proc.file(ProcFs.THREAD_SELF_STAT))
                    : proc.compactionProactiveness().isEmpty()
                    ? Optional.of("no " + proc.file(ProcFs.COMPACTION_PROACTIVENESS) + " (before 5.9): kcompactd cannot be kept from serving the faults")
                    : Optional.empty();
            case SYNC_LIGHT -> proc.compactionProactiveness().isEmpty()
                    ? Optional.of("no " + proc.file(ProcFs.COMPACTION_PROACTIVENESS) + ": proactive compaction needs Linux 5.9 or later")
                    : proc.read(ProcFs.THP_ENABLED).isEmpty()
                    ? Optional.of("no transparent hugepages: the free pageblocks a trial makes cannot be used up again")
                    : proc.kcompactdPids().isEmpty() ? Optional.of("no kcompactd thread in " + proc.file("proc"))
                    : proc.kcompactdPids().stream().anyMatch(p -> proc.taskCpuNanos(p).isEmpty())
                    ? Optional.of("no /proc/PID/schedstat for kcompactd (CONFIG_SCHED_INFO off): its CPU time cannot be read")
                    : Optional.empty();
        };
    }

    /** What the modes share while they run. */
    record Host(ProcFs proc, Tunables tunables, TraceInstance trace, ThpRegion region, PrintStream out, int trials, long fillBytes,
                ForkStats.Estimate checkCost) {
    }

    /**
     * Direct async and sync-light, on one fill of nearly all available memory; every setting
     * changed is restored before this returns (recorded in {@code settings}), the trace instance
     * removed, the fill's file deleted.
     */
    static List<Calibration.Mode> runAll(ProcFs proc, Calibrator.Options o, String fs, PrintStream out, List<Calibration.Setting> settings) {
        List<CompactionMode> wanted = o.modes().stream().filter(CompactionMode::runsCheck).toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        long fill = o.fillBytes() > 0 ? o.fillBytes() : fillBytes(proc);
        boolean host = proc.root().equals(Path.of("/"));
        Optional<String> refused = refusal(proc, host, fill, o.dir());
        if (refused.isPresent()) {
            wanted.forEach(m -> out.println(m.label() + ": not measured: " + refused.get()));
            return wanted.stream().map(m -> Calibration.Mode.notMeasured(m, refused.get())).toList();
        }
        out.println(String.format(Locale.ROOT, "calibrate: fills %s with dirty page cache on %s (%s) and frees every other page, "
                + "then %d trials each of %s; changes compaction_proactiveness and, where they would keep THP faults from "
                + "compacting, THP enabled/defrag, restoring each afterwards", Calibrator.mib(fill), o.dir(), fs, o.modeTrials(),
                wanted.stream().map(CompactionMode::label).collect(Collectors.joining(" and "))));
        out.flush();
        List<Calibration.Mode> done = new ArrayList<>();
        Tunables tunables = new Tunables(proc);
        try (tunables; Scratch scratch = Scratch.create(o.dir(), out); TraceInstance trace = TraceInstance.open(proc, host);
             ThpRegion region = ThpRegion.reserve(proc.memTotalKb().orElse(0) * 1024 / ThpRegion.HPAGE)) {
            // Only files the kernel has: a mode that needs a missing one says so in its own refusal.
            if (tunables.current(Tunables.Tunable.COMPACTION_PROACTIVENESS).isPresent()) {
                tunables.set(Tunables.Tunable.COMPACTION_PROACTIVENESS, "0");
            }
            if (tunables.current(Tunables.Tunable.THP_ENABLED).filter("never"::equals).isPresent()) {
                tunables.set(Tunables.Tunable.THP_ENABLED, "madvise");
            }
            if (tunables.current(Tunables.Tunable.THP_DEFRAG).filter(d -> !List.of("always", "madvise", "defer+madvise").contains(d)).isPresent()) {
                tunables.set(Tunables.Tunable.THP_DEFRAG, "madvise"); // defer and never keep a fault from compacting directly
            }
            long t0 = System.nanoTime();
            try (MemoryFill f = MemoryFill.fill(scratch, fill, written -> { })) {
                out.println(String.format(Locale.ROOT, "fill: %s written and every other page freed in %.1f s", Calibrator.mib(f.bytes()),
                        (System.nanoTime() - t0) / 1e9));
                out.flush();
                Host h = new Host(proc, tunables, trace, region, out, o.modeTrials(), f.bytes(),
                        o.checkCost());
                for (CompactionMode m : wanted) {
                    try {
                        done.add(run(h, m));
                    } catch (RuntimeException e) { // one mode failing keeps the other's and the reference's results
                        String why = "failed: " + String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " ");
                        out.println(m.label() + ": not measured: " + why);
                        done.add(Calibration.Mode.notMeasured(m, why));
                    }
                }
            }
        } finally {
            for (Tunables.Restored r : tunables.restored()) {
                settings.add(new Calibration.Setting(r.tunable().file, r.before(), r.after()));
            }
        }
        return done;
    }

    /** Runs one mode's trials; the host is already filled. */
    static Calibration.Mode run(Host h, CompactionMode mode) {
        Optional<String> refused = refusal(h.proc(), mode);
        if (refused.isPresent()) {
            h.out().println(mode.label() + ": not measured: " + refused.get());
            return Calibration.Mode.notMeasured(mode, refused.get());
        }
        List<Calibration.ModeTrial> trials = new ArrayList<>();
        String how;
        if (mode == CompactionMode.DIRECT_ASYNC) {
            h.tunables().set(Tunable.COMPACTION_PROACTIVENESS, "0");
            int tid = h.proc().threadId().orElseThrow();
            // the free pageblocks left: faults there need no compaction
            long free = h.region().fault(Math.min(freePageblocks(h.proc()), thpRoom(h.proc())));
            h.out().println(String.format(Locale.ROOT, "%-12s %,d THPs faulted into free pageblocks first (untimed)", mode.name(), free));
            how = "THP faults (MADV_HUGEPAGE, " + STEP + " at a time) until the faulting thread's own compactions isolated "
                    + DIRECT_TRIAL_PAGES + " pages; time = Σ (end − begin) of its matched compactions";
            for (int i = 0; i < h.trials(); i++) {
                trials.add(direct(h, tid, i));
            }
        } else {
            List<Integer> kcompactd = h.proc().kcompactdPids();
            how = "free pageblocks used up with THP faults, then compaction_proactiveness set to " + PROACTIVENESS
                    + " (wakes kcompactd, which compacts all the fragmented memory), cut into windows of " + WINDOW_NANOS / 1_000_000
                    + " ms; time = kcompactd's CPU time over the window (schedstat), work = its events in the window";
            trials.addAll(syncLight(h, kcompactd));
        }
        Calibration.ModeSummary s = summarize(trials, h.checkCost());
        return new Calibration.Mode(mode, true, null, how, h.fillBytes(), h.checkCost() == null ? null : h.checkCost().interval(), s,
                List.copyOf(trials));
    }

    private static Calibration.ModeTrial direct(Host h, int tid, int index) {
        TraceInstance trace = h.trace();
        trace.off();
        trace.clear();
        Map<String, Long> v0 = h.proc().vmstat();
        long faulted = 0;
        trace.on();
        long start = System.nanoTime();
        CompactionTrace t = null;
        for (int step = 0; step < MAX_STEPS; step++) {
            long n = h.region().fault(Math.min(STEP, thpRoom(h.proc()))); // none when memory runs low: the trial ends short
            faulted += n;
            t = CompactionTrace.parse(trace.read(), trace.dir().resolve("trace"));
            if (n < STEP || asyncTaken(t.window(p -> p == tid, start, Long.MAX_VALUE)) >= DIRECT_TRIAL_PAGES) {
                break;
            }
        }
        long end = System.nanoTime();
        trace.off();
        t = CompactionTrace.parse(trace.read(), trace.dir().resolve("trace"));
        Map<String, Long> dv = crossCheck(ProcFs.delta(v0, h.proc().vmstat()));
        CompactionTrace.Window mine = t.window(p -> p == tid, start, end);
        CompactionTrace.Window others = t.window(p -> p != tid, start, end);
        // Direct compaction retries at a higher priority in MIGRATE_SYNC_LIGHT when async fails (the
        // begin prints "sync"): those compactions run the check too, but are not this mode's.
        List<CompactionTrace.Compaction> async = mine.matched().stream().filter(CompactionTrace.Compaction::async).toList();
        CompactionTrace.Work w = async.stream().map(CompactionTrace.Compaction::work).reduce(CompactionTrace.Work.NONE, CompactionTrace.Work::plus);
        long nanos = async.stream().mapToLong(CompactionTrace.Compaction::nanos).sum();
        return trial(h, CompactionMode.DIRECT_ASYNC, index, start, end, nanos, async, mine.matched().size() - async.size(),
                mine.attempts(), w, faulted, mine.unmatched().taken(), others.all().taken(), t.lost(), dv);
    }

    /** Pages isolated by the window's matched async compactions (a direct trial's own mode). */
    private static long asyncTaken(CompactionTrace.Window w) {
        return w.matched().stream().filter(CompactionTrace.Compaction::async).mapToLong(c -> c.work().taken()).sum();
    }

    /**
     * One proactive compaction, cut into windows: each window's time is kcompactd's CPU time across it
     * (read at its edges; a running task's schedstat lags by up to a tick, so a window's time is off by
     * at most a tick either way and the edges' errors do not add up across windows), its work every
     * event of kcompactd's inside it. Stops at {@link Host#trials()} windows or when kcompactd has been
     * idle for a whole window.
     */
    private static List<Calibration.ModeTrial> syncLight(Host h, List<Integer> kcompactd) {
        TraceInstance trace = h.trace();
        ProcFs proc = h.proc();
        h.tunables().set(Tunable.COMPACTION_PROACTIVENESS, "0");
        long faulted = h.region().fault(Math.min(freePageblocks(proc), thpRoom(proc)));
        h.out().println(String.format(Locale.ROOT, "%-12s %,d THPs faulted into free pageblocks first (untimed)", CompactionMode.SYNC_LIGHT.name(), faulted));
        trace.off();
        trace.clear();
        int n = h.trials();
        long[] at = new long[n + 1], cpu = new long[n + 1];
        List<Map<String, Long>> vm = new ArrayList<>();
        trace.on();
        vm.add(proc.vmstat());
        cpu[0] = cpu(proc, kcompactd);
        at[0] = System.nanoTime();
        h.tunables().set(Tunable.COMPACTION_PROACTIVENESS, PROACTIVENESS);
        int windows = 0;
        try {
            while (windows < n) {
                sleepUntil(at[0] + (windows + 1) * WINDOW_NANOS);
                cpu[windows + 1] = cpu(proc, kcompactd);
                at[windows + 1] = System.nanoTime();
                vm.add(proc.vmstat());
                windows++;
                if (windows > 1 && cpu[windows] == cpu[windows - 1]) {
                    break; // idle a whole window: the compaction is over
                }
            }
        } finally {
            h.tunables().set(Tunable.COMPACTION_PROACTIVENESS, "0");
        }
        trace.off();
        CompactionTrace t = CompactionTrace.parse(trace.read(), trace.dir().resolve("trace"));
        IntPredicate isK = kcompactd::contains;
        // A proactive compaction outlasts a window: each matched compaction belongs to the window it ended in.
        List<CompactionTrace.Compaction> phase = t.window(isK, at[0], at[windows]).matched();
        List<Calibration.ModeTrial> out = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            long from = at[i], to = at[i + 1];
            CompactionTrace.Window k = t.window(isK, from, to);
            CompactionTrace.Window others = t.window(isK.negate(), from, to);
            List<CompactionTrace.Compaction> ended = phase.stream().filter(c -> c.endNs() >= from && c.endNs() < to).toList();
            out.add(trial(h, CompactionMode.SYNC_LIGHT, i, from, to, cpu[i + 1] - cpu[i], ended, 0, k.attempts(), k.all(),
                    i == 0 ? faulted : 0, k.unmatched().taken(), others.all().taken(), t.lost(),
                    crossCheck(ProcFs.delta(vm.get(i), vm.get(i + 1)))));
        }
        if (windows < n) {
            h.out().println(String.format(Locale.ROOT, "%-12s kcompactd was idle after %d windows: the compaction was over",
                    CompactionMode.SYNC_LIGHT.name(), windows));
        }
        return out;
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while kcompactd compacted", e);
            }
        }
    }

    private static Calibration.ModeTrial trial(Host h, CompactionMode mode, int index, long start, long end, long nanos,
                                               List<CompactionTrace.Compaction> matched, int otherMode, int attempts,
                                               CompactionTrace.Work work, long hugePages, long unmatchedTaken,
                                               long othersTaken, long lost, Map<String, Long> dv) {
        boolean warmup = index == 0;
        boolean counted = !warmup && lost == 0 && nanos > 0 && work.taken() >= Calibrator.MIN_MIGRATED_PAGES;
        Calibration.ModeTrial t = new Calibration.ModeTrial(index, warmup, start, end, nanos,
                matched.stream().mapToLong(CompactionTrace.Compaction::nanos).toArray(), matched.size(),
                (int) matched.stream().filter(CompactionTrace.Compaction::succeeded).count(), otherMode, attempts, hugePages,
                work.scanned(), work.taken(), work.migrated(), work.failed(), List.copyOf(work.migrateModes()), unmatchedTaken,
                othersTaken, lost, dv, counted);
        h.out().println(String.format(Locale.ROOT, "%-12s %2d/%d %-8s %4d THPs  %3d compactions (%d success%s)  %8.1f ms  scanned %,9d  "
                        + "taken %,8d  migrated %,8d  failed %,6d  %6.0f ns/taken %5.0f ns/scanned  %s%s%s",
                mode.name(), index + 1, h.trials(), warmup ? "warm-up" : "", hugePages, t.compactions(), t.succeeded(),
                otherMode > 0 ? String.format(Locale.ROOT, "; %d sync-light retries left out", otherMode) : "", nanos / 1e6,
                t.scanned(), t.taken(), t.migrated(), t.failed(), (double) nanos / t.taken(), (double) nanos / t.scanned(),
                String.join(",", t.migrateModes()), othersTaken > 0 ? String.format(Locale.ROOT, "  (others took %,d)", othersTaken) : "",
                warmup || counted ? "" : lost > 0 ? "  (events lost: not counted)" : "  (too few pages: not counted)"));
        h.out().flush();
        return t;
    }

    /**
     * THPs that may still be faulted: MemFree less {@link #MARGIN_BYTES}, in huge pages. The fill's
     * freed half is free memory too, so on a full-size fill this never binds; on a small one it keeps
     * the faults from taking the memory the machine (and this JVM) still needs.
     */
    static long thpRoom(ProcFs proc) {
        long free = proc.meminfoKb("MemFree").orElse(0) * 1024;
        return Math.max(0, (free - MARGIN_BYTES) / ThpRegion.HPAGE);
    }

    /** Free blocks of pageblock order or more, in pageblocks (THPs that fit without compaction). */
    static long freePageblocks(ProcFs proc) {
        long n = 0;
        for (BuddyInfo.Zone z : proc.buddyinfo().zones()) {
            for (int k = Calibrator.PAGEBLOCK_ORDER; k < z.free().length; k++) {
                n += z.free()[k] << (k - Calibrator.PAGEBLOCK_ORDER);
            }
        }
        return n;
    }

    private static long cpu(ProcFs proc, List<Integer> pids) {
        long sum = 0;
        for (int p : pids) {
            sum += proc.taskCpuNanos(p).orElseThrow(() -> new IllegalStateException("kcompactd (pid " + p + ") is gone"));
        }
        return sum;
    }

    static Map<String, Long> crossCheck(Map<String, Long> delta) {
        Map<String, Long> kept = new java.util.LinkedHashMap<>();
        for (String k : CROSS_CHECK) {
            if (delta.containsKey(k)) {
                kept.put(k, delta.get(k));
            }
        }
        return java.util.Collections.unmodifiableMap(kept);
    }

    static Calibration.ModeSummary summarize(List<Calibration.ModeTrial> all, ForkStats.Estimate c) {
        List<Calibration.ModeTrial> measured = all.stream().filter(t -> !t.warmup()).toList();
        List<Calibration.ModeTrial> counted = measured.stream().filter(Calibration.ModeTrial::counted).toList();
        double[] perCompaction = counted.stream().flatMapToLong(t -> java.util.Arrays.stream(t.compactionNanos())).asDoubleStream().toArray();
        int compactions = counted.stream().mapToInt(Calibration.ModeTrial::compactions).sum();
        int succeeded = counted.stream().mapToInt(Calibration.ModeTrial::succeeded).sum();
        Overheads.OfMode o = c == null ? null : Overheads.ofMode(all, c.mean(), c.draws());
        return new Calibration.ModeSummary(measured.size(), counted.size(), compactions,
                compactions == 0 ? Double.NaN : (double) succeeded / compactions, median(perCompaction),
                median(Calibration.Mode.nsPer(all, Calibration.Mode.Per.SCANNED_PFN)),
                median(Calibration.Mode.nsPer(all, Calibration.Mode.Per.ISOLATED_PAGE)),
                median(Calibration.Mode.nsPer(all, Calibration.Mode.Per.MIGRATED_PAGE)), o == null ? null : o.ifIsolated(),
                o == null ? null : o.ifScanned(), o == null ? null : o.perMigratedPage());
    }

    private static Interval median(double[] v) {
        return OrderStatistics.medianInterval(v, Calibrator.CONFIDENCE);
    }
}
