package io.github.lrubench.race;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.Ballast;
import io.github.lrubench.mm.CompactControl;
import io.github.lrubench.mm.FileWorkload;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.Invariants;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.Kernel;
import io.github.lrubench.mm.KernelConfig;
import io.github.lrubench.mm.Zone;

import java.time.Duration;
import java.util.Objects;

/**
 * The race as a stress run, in the spirit of jcstress: CPU 0 runs async compaction passes over a
 * small zone while CPU 1 truncates and unlinks files and creates new ones, for a bounded time or
 * until a stop condition ({@link Until}) holds, and the run counts how often the compacting CPU
 * read a freed inode. The window between the
 * mapping read and the a_ops dereference can be widened ({@link Options#windowNs()}) the way a
 * preempted vCPU widens it; without that, the race needs luck measured in machine-years.
 *
 * <p>The workload is sized to make the forbidden outcome likely where it is possible: few (by
 * default one) small files, all dirty, all pinned by another user (so truncation never needs the
 * LRU lock and the inode can be freed while compaction still holds the page), one pageblock.
 */
public final class RaceStress {

    /**
     * When a run ends before its duration, which is then only a safety cap. Asked on the
     * compacting CPU after each compaction pass; either condition stops the run.
     *
     * @param atFirstUaf        stop at the first use after free
     * @param atDirtyPageChecks stop once at least this many dirty pages reached the isolation check
     *                          (0: no such goal)
     */
    public record Until(boolean atFirstUaf, long atDirtyPageChecks, long atRacedChecks) {
        /** Run the whole duration. */
        public static final Until DURATION = new Until(false, 0);

        public Until {
            if (atDirtyPageChecks < 0) {
                throw new IllegalArgumentException("atDirtyPageChecks must be >= 0, was " + atDirtyPageChecks);
            }
            if (atRacedChecks < 0) {
                throw new IllegalArgumentException("atRacedChecks must be >= 0, was " + atRacedChecks);
            }
        }

        /** No raced-check goal. */
        public Until(boolean atFirstUaf, long atDirtyPageChecks) {
            this(atFirstUaf, atDirtyPageChecks, 0);
        }

        /**
         * Stop once {@code n} checks raced a truncation ({@link RacedChecks}): every row of a table
         * then bounds its rate over the same number of trials that could have gone wrong, whatever
         * the combination's speed; the duration is a cap. A use after free does not stop it, so an
         * open row's rate is measured over the same n.
         */
        public static Until racedChecks(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("n must be >= 1, was " + n);
            }
            return new Until(false, 0, n);
        }

        /** Stop at the first use after free: where the race is open, seeing it once is the answer. */
        public static Until firstUaf() {
            return new Until(true, 0);
        }

        /** Stop after {@code n} trials, or earlier at a use after free (where the race is closed, one is a bug). */
        public static Until dirtyPageChecksOrFirstUaf(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("n must be >= 1, was " + n);
            }
            return new Until(true, n);
        }

        /** Asked on the compacting CPU's thread, which alone writes {@code cc} and the raced count. */
        boolean reached(CompactControl cc, long raced) {
            return (atFirstUaf && cc.uafDetected > 0) || (atDirtyPageChecks > 0 && cc.dirtyChecked >= atDirtyPageChecks)
                    || (atRacedChecks > 0 && raced >= atRacedChecks);
        }
    }

    /**
     * The stress's file sizes. The race needs the truncating CPU to evict the very file whose page
     * the compacting CPU holds in its window, so there is one file (see {@link Options#of}); its
     * size trades evictions per second against dirty-page checks per second.
     */
    public enum Workload {
        /**
         * 1 to 4 pages: the file is evicted about 140,000 times a second, so a widened window
         * nearly always meets a truncation. On 2 cores, about 100,000 dirty-page checks a second on
         * the kernel's own window, about 5,600 on the race table's 100 us one.
         */
        HIT_RATE(1, 4),
        /**
         * 64 to 128 pages: a pass checks many dirty pages of the file, about 900,000 a second on
         * 2 cores, with 4,000 evictions a second: the volume a "never" needs.
         */
        VOLUME(64, 128);

        private final int minPages;
        private final int maxPages;

        Workload(int minPages, int maxPages) {
            this.minPages = minPages;
            this.maxPages = maxPages;
        }
    }

    /**
     * @param check    isolation check under test
     * @param free     inode free policy under test
     * @param windowNs delay between mapping read and a_ops dereference, 0..1 s
     * @param duration how long both CPUs run at most, 1 ms..1 h
     * @param files    files kept alive by the truncating CPU, 1..64
     * @param seed     workload seed
     * @param until    when to stop before the duration has passed
     * @param workload the file sizes
     */
    public record Options(IsolationCheck check, InodeFreePolicy free, long windowNs, Duration duration, int files, long seed,
                          Until until, Workload workload) {
        /** Files kept alive by {@link #of}; see there why so few. */
        public static final int DEFAULT_FILES = 1;
        /** The longest extra window: a second covers any preempted vCPU and still leaves trials. */
        public static final long MAX_WINDOW_NS = 1_000_000_000L;
        /** The shortest and longest stress per combination in seconds (the CLI's --seconds checks the same). */
        public static final double MIN_SECONDS = 0.001;
        public static final long MAX_SECONDS = 3_600;

        public Options {
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(free, "free");
            if (windowNs < 0 || windowNs > MAX_WINDOW_NS) {
                throw new IllegalArgumentException("windowNs must be in 0.." + MAX_WINDOW_NS + ", was " + windowNs);
            }
            Objects.requireNonNull(duration, "duration");
            if (duration.compareTo(Duration.ofNanos((long) (MIN_SECONDS * 1e9))) < 0 || duration.compareTo(Duration.ofSeconds(MAX_SECONDS)) > 0) {
                throw new IllegalArgumentException("duration must be in " + MIN_SECONDS + ".." + MAX_SECONDS + " s, was " + duration);
            }
            if (files < 1 || files > 64) {
                throw new IllegalArgumentException("files must be in 1..64, was " + files);
            }
            Objects.requireNonNull(until, "until");
            Objects.requireNonNull(workload, "workload");
        }

        /**
         * One file. A hit needs the truncating CPU to evict the very file whose page the
         * compacting CPU holds in the window, and it always evicts the oldest. With 8 files that
         * is about one window in eight: at a 100 us window on the 2-core machine preemptible RCU
         * (then modelled by its contract only, today's PREEMPT_RCU_CONTRACT, whose free also waits
         * for the grace-period thread to get a core) saw 0-20 hits per second, sometimes 0. With 2 files, 1-360 per 1.5 s under load from another JMH run. With one
         * file every eviction inside a window is a hit: 124-1,800 per 1.5 s under the same load.
         */
        public static Options of(IsolationCheck check, InodeFreePolicy free, long windowNs, Duration duration) {
            return new Options(check, free, windowNs, duration, DEFAULT_FILES, 42, Until.DURATION, Workload.HIT_RATE);
        }

        /** The same run, stopping when {@code u} holds; the duration becomes a cap. */
        public Options until(Until u) {
            return new Options(check, free, windowNs, duration, files, seed, u, workload);
        }

        /** The same run on other file sizes. */
        public Options with(Workload w) {
            return new Options(check, free, windowNs, duration, files, seed, until, w);
        }
    }

    /**
     * The outcome of one combination.
     *
     * @param durationMs      how long both CPUs ran
     * @param untilReached    the run's {@link Until} condition ended it (false: the duration did)
     * @param dirtyPageChecks dirty pages that reached the isolation check (the trials)
     * @param racedChecks     of those, checks whose window a truncation of their file overlapped
     *                        ({@link RacedChecks}): the ones that could have gone wrong
     * @param uafDetected     a_ops reads from a freed inode (the forbidden outcome)
     * @param racedEvictions  distinct evictions the raced checks met ({@link RacedChecks#evictions()})
     */
    public record Result(IsolationCheck check, InodeFreePolicy free, long windowNs, long durationMs, boolean untilReached,
                         long passes, long dirtyPageChecks, long racedChecks, long uafDetected, long skippedTrylock,
                         long skippedInverted, long isolated, long migrated, long inodesEvicted, long racedEvictions) {

        /** A result without the distinct evictions (test doubles). */
        public Result(IsolationCheck check, InodeFreePolicy free, long windowNs, long durationMs, boolean untilReached,
                      long passes, long dirtyPageChecks, long racedChecks, long uafDetected, long skippedTrylock,
                      long skippedInverted, long isolated, long migrated, long inodesEvicted) {
            this(check, free, windowNs, durationMs, untilReached, passes, dirtyPageChecks, racedChecks, uafDetected, skippedTrylock,
                    skippedInverted, isolated, migrated, inodesEvicted, RaceOutcome.NOT_COUNTED);
        }

        /** True if the model says this combination cannot read a freed inode. */
        public boolean expectedSafe() {
            return InodeFreePolicy.isSafe(check, free);
        }

        public boolean forbiddenSeen() {
            return uafDetected > 0;
        }
    }

    private RaceStress() {
    }

    /** Runs one combination; checks the invariants at the end (throws on a broken model). */
    public static Result run(Options o) {
        // Three pageblocks, files in the first: v4.15 compacts no zone of one pageblock (the scanners
        // meet at once) and none with a free pageblock (compaction_suitable()); Ballast below. The
        // race needs compaction to run: compaction_suitable()'s order-0 checks (watermark,
        // fragmentation index) are off, so no workload of the table can make it skip the zone.
        KernelConfig kc = KernelConfig.defaults().withCompactionWatermark(false).withNrCpus(2).withNrPageblocks(3)
                .withCheck(o.check()).withFree(o.free()).withWindowNs(o.windowNs())
                .withSlabDebug(true, 4096);
        FileWorkload.Config wc = FileWorkload.Config.defaults(o.seed()).withPages(o.workload().minPages, o.workload().maxPages).withDirtyAndWriteback(1.0, 0.0).withPinnedFraction(1.0);
        try (Kernel kernel = new Kernel(kc)) {
            RacedChecks raced = new RacedChecks();
            kernel.setHooks(raced); // before the CPUs' threads start
            Cpu compactCpu = kernel.cpu(0);
            Cpu truncCpu = kernel.cpu(1);
            // Unmovable pages (Ballast), taken before the files: the last pfn of pageblock 0, so
            // that it is never free, not even once the truncating CPU evicted its files (else
            // kcompactd, compacting for a THP order, ends at once with COMPACT_SUCCESS), and all
            // of pageblocks 1 and 2, so that the free scanner finds no target and the files stay
            // in pageblock 0, where the migrate scanner goes through them every run (with targets
            // above, migration moved them to the top, which the migrate scanner never reaches,
            // and the race stopped).
            Ballast.occupy(kernel, truncCpu, Zone.PAGEBLOCK_NR_PAGES - 1);
            for (int pfn = Zone.PAGEBLOCK_NR_PAGES; pfn < kernel.zone().nrPages(); pfn++) {
                Ballast.occupy(kernel, truncCpu, pfn);
            }
            FileWorkload workload = new FileWorkload(kernel, wc);
            for (int i = 0; i < o.files(); i++) {
                workload.createFile(truncCpu);
            }
            CompactControl cc = new CompactControl();
            long t0 = System.nanoTime();
            boolean reached = TwoCpuRun.run(o.duration(), compactCpu, () -> kernel.compaction().compactPass(compactCpu, cc),
                    () -> o.until().reached(cc, raced.raced()), () -> workload.step(truncCpu));
            long durationMs = (System.nanoTime() - t0) / 1_000_000;
            Invariants.check(kernel, workload, cc);
            workload.verifyContents();
            workload.evictAll(truncCpu);
            kernel.rcuBarrierAll(truncCpu);
            Invariants.check(kernel, workload, cc);
            return new Result(o.check(), o.free(), o.windowNs(), durationMs, reached, cc.passes,
                    cc.dirtyChecked, raced.raced(), cc.uafDetected, cc.skippedTrylock, cc.skippedInverted, cc.isolated,
                    cc.migrated, workload.filesEvicted(), raced.evictions());
        }
    }
}
