package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.CompactControl;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.Compaction;
import io.github.lrubench.mm.Invariants;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.Kernel;
import io.github.lrubench.mm.Zone;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

import static io.github.lrubench.mm.IsolationCheck.NONE;
import static io.github.lrubench.mm.IsolationCheck.PAGE_LOCK;
import static io.github.lrubench.mm.IsolationCheck.PAGE_LOCK_V4_16;

/**
 * Question: what does the check cost per dirty page, c, when every variant is measured in one JVM,
 * on the same compiled code, in short blocks interleaved ABBA, beside a control where it cannot
 * act, an A/A pair that must show nothing, and dirty pages clustered against interleaved?
 *
 * <p>Kernel: isolate_migratepages_block() (mm/compaction.c, v4.15) over one 512-pfn pageblock in
 * which nothing gets isolated, as in {@link PageblockIsolationBenchmark} (kcompactd's sync-light
 * mode, ISOLATE_ASYNC_MIGRATE: every dirty page runs __isolate_lru_page()'s check and is then
 * refused, its filesystem having no migratepage; the other pages are under writeback and refused
 * before the check). Each {@link Cell} is its own model: a check and an exact number of dirty pages
 * in a layout. One invocation is one round: every cell scans its pageblock for one block of
 * {@link #SCANS_PER_BLOCK} scans, in cell order and then in reverse (ABBA), so linear drift within a
 * round falls equally on every cell. Every cell calls the same {@code isolateMigratepagesBlock}, so
 * the JIT compiles one body from a profile that has seen every check and every layout; the forks of
 * {@link PageblockIsolationBenchmark} each compiled their own, and differed by about 4 ns per dirty
 * page between two variants doing identical work (PAGE_LOCK and PAGE_LOCK_V4_16 on pages with a
 * mapping).
 *
 * <p>A block is timed by the thread's CPU time (CLOCK_THREAD_CPUTIME_ID through
 * {@link ThreadMXBean}), which leaves out the time the thread was not running (preemption by the
 * machine's other work; steal where the hypervisor's time accounting reaches the guest). Each cell's
 * CPU time over the iteration is a secondary result ({@code @AuxCounters}, named by
 * {@link Cell#metric}), with the pfns each cell scanned; the report differences cells within each iteration (so within a fork and a
 * round) and takes forks as the unit. The primary score, the time of a whole round, is only the
 * harness's clock.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar PairedCheckBenchmark}
 */
@State(Scope.Thread)
@Fork(value = BenchDefaults.CHECK_FORKS, jvmArgsAppend = BenchDefaults.XMX) // forks narrow c: BenchDefaults.CHECK_FORKS
public class PairedCheckBenchmark extends JmhDefaults {

    /**
     * Scans of a pageblock per block: about 10 ms (all writeback) to 23 ms (all dirty, PAGE_LOCK) on
     * this machine (4 to 9 ns per pfn), within the 10-50 ms that keeps adjacent blocks close in time
     * yet makes the two CPU-time reads around a block (about a microsecond) noise; a round of 22
     * blocks takes about a third of a second.
     */
    public static final int SCANS_PER_BLOCK = 5120;

    /** Where the dirty pages of a pageblock sit among the pages under writeback. */
    public enum Layout {
        /**
         * At pfns drawn at random (fixed seed) among the pageblock's: which pfn runs the check is
         * unpredictable, as in a page cache written by many files.
         */
        INTERLEAVED,
        /** At the pageblock's first pfns, in one run: the branch that decides "check or not" is predictable. */
        CLUSTERED;

        /** Which of {@code n} pfns hold the {@code dirty} dirty pages. */
        boolean[] dirtyPfns(int dirty, int n) {
            boolean[] d = new boolean[n];
            if (this == CLUSTERED) {
                for (int i = 0; i < dirty; i++) {
                    d[i] = true;
                }
                return d;
            }
            List<Integer> pfns = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pfns.add(i);
            }
            Collections.shuffle(pfns, new java.util.Random(BenchDefaults.SEED));
            for (int i = 0; i < dirty; i++) {
                d[pfns.get(i)] = true;
            }
            return d;
        }
    }

    /**
     * The cells, in round order: each check beside NONE at the same dirty pages, so that the pairs
     * the report differences run next to each other.
     */
    public enum Cell {
        /** The control: no page is dirty, no check runs; PAGE_LOCK − NONE here is everything but the check. */
        NONE_0(NONE, 0, Layout.INTERLEAVED, SuiteMetric.PAIRED_NONE_0),
        LOCK_0(PAGE_LOCK, 0, Layout.INTERLEAVED, SuiteMetric.PAIRED_LOCK_0),
        NONE_10(NONE, 51, Layout.INTERLEAVED, SuiteMetric.PAIRED_NONE_10),
        LOCK_10(PAGE_LOCK, 51, Layout.INTERLEAVED, SuiteMetric.PAIRED_LOCK_10),
        NONE_50(NONE, 256, Layout.INTERLEAVED, SuiteMetric.PAIRED_NONE_50),
        LOCK_50(PAGE_LOCK, 256, Layout.INTERLEAVED, SuiteMetric.PAIRED_LOCK_50),
        /** The A/A partner of LOCK_50: on dirty pages with a mapping PAGE_LOCK_V4_16 does exactly what PAGE_LOCK does. */
        V4_16_50(PAGE_LOCK_V4_16, 256, Layout.INTERLEAVED, SuiteMetric.PAIRED_V4_16_50),
        NONE_50_CLUSTERED(NONE, 256, Layout.CLUSTERED, SuiteMetric.PAIRED_NONE_50_CLUSTERED),
        LOCK_50_CLUSTERED(PAGE_LOCK, 256, Layout.CLUSTERED, SuiteMetric.PAIRED_LOCK_50_CLUSTERED),
        NONE_100(NONE, Zone.PAGEBLOCK_NR_PAGES, Layout.INTERLEAVED, SuiteMetric.PAIRED_NONE_100),
        LOCK_100(PAGE_LOCK, Zone.PAGEBLOCK_NR_PAGES, Layout.INTERLEAVED, SuiteMetric.PAIRED_LOCK_100);

        public final IsolationCheck check;
        /** Dirty pages among the pageblock's 512 (10% is 51 of them). */
        public final int dirtyPages;
        public final Layout layout;
        /** The secondary result that carries this cell's ns per scanned pfn. */
        public final SuiteMetric metric;

        Cell(IsolationCheck check, int dirtyPages, Layout layout, SuiteMetric metric) {
            this.check = check;
            this.dirtyPages = dirtyPages;
            this.layout = layout;
            this.metric = metric;
        }

        /** Dirty pages per scanned pfn: the share c is divided by. */
        public double dirtyShare() {
            return dirtyPages / (double) Zone.PAGEBLOCK_NR_PAGES;
        }

        /** This cell's blocks in a round: forward then back, so each cell's mean position is the same. */
        static List<Cell> round() {
            List<Cell> r = new ArrayList<>(List.of(values()));
            List<Cell> back = new ArrayList<>(List.of(values()));
            Collections.reverse(back);
            r.addAll(back);
            return r;
        }
    }

    /** One cell's model: a kernel with its pageblock, the CPU that scans it and its compact_control. */
    static final class CellModel {
        final Kernel kernel;
        final Compaction compaction;
        final Cpu cpu;
        final CompactControl cc;

        CellModel(Cell cell) {
            kernel = Models.layoutPageblock(cell.check, cell.dirtyPages, cell.layout);
            compaction = kernel.compaction();
            cpu = new CpuPool(kernel).take(); // the model's second CPU stays idle
            cc = new CompactControl(CompactMode.KCOMPACTD_SYNC_LIGHT);
        }
    }

    /**
     * What the iteration's blocks counted (EVENTS: JMH sums them over iterations; the report reads
     * each iteration's values from the raw data): the CPU nanoseconds each cell's blocks took, named
     * by its {@link Cell#metric}, and the pfns each cell scanned, the same for every cell since a
     * round runs each twice. A cell's ns per scanned pfn in an iteration is its nanoseconds over
     * {@code pfnsPerCell}.
     */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class CellTimes {
        public long nsNone0, nsLock0, nsNone10, nsLock10, nsNone50, nsLock50, nsV416at50, nsNone50clustered, nsLock50clustered,
                nsNone100, nsLock100;
        /** pfns scanned by each cell this iteration. */
        public long pfnsPerCell;

        @Setup(Level.Iteration)
        public void reset() {
            nsNone0 = nsLock0 = nsNone10 = nsLock10 = nsNone50 = nsLock50 = nsV416at50 = nsNone50clustered = nsLock50clustered
                    = nsNone100 = nsLock100 = pfnsPerCell = 0;
        }

        void add(Cell c, long ns) {
            switch (c) {
                case NONE_0 -> nsNone0 += ns;
                case LOCK_0 -> nsLock0 += ns;
                case NONE_10 -> nsNone10 += ns;
                case LOCK_10 -> nsLock10 += ns;
                case NONE_50 -> nsNone50 += ns;
                case LOCK_50 -> nsLock50 += ns;
                case V4_16_50 -> nsV416at50 += ns;
                case NONE_50_CLUSTERED -> nsNone50clustered += ns;
                case LOCK_50_CLUSTERED -> nsLock50clustered += ns;
                case NONE_100 -> nsNone100 += ns;
                case LOCK_100 -> nsLock100 += ns;
            }
        }
    }

    private CellModel[] models;
    private Cell[] order;
    /** Non-final so the JIT cannot fold the block's loop bound. */
    private int scansPerBlock;
    private int endPfn;
    private ThreadMXBean threads;

    @Setup(Level.Trial)
    public void setup() {
        threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot read a thread's CPU time, which the paired blocks are timed by");
        }
        threads.setThreadCpuTimeEnabled(true);
        Models.warmAllChecks();
        models = new CellModel[Cell.values().length];
        for (Cell c : Cell.values()) {
            models[c.ordinal()] = new CellModel(c);
        }
        order = Cell.round().toArray(new Cell[0]);
        scansPerBlock = SCANS_PER_BLOCK;
        endPfn = Zone.PAGEBLOCK_NR_PAGES;
    }

    @Benchmark
    public void pairedRound(CellTimes times, Blackhole bh) {
        round(times, bh::consume);
    }

    /** One ABBA round; {@code sink} takes each scan's result (JMH's Blackhole, or a test's). */
    void round(CellTimes times, IntConsumer sink) {
        for (Cell c : order) {
            CellModel m = models[c.ordinal()];
            long start = threads.getCurrentThreadCpuTime();
            for (int s = 0; s < scansPerBlock; s++) {
                sink.accept(m.compaction.isolateMigratepagesBlock(m.cpu, m.cc, 0, endPfn));
            }
            times.add(c, threads.getCurrentThreadCpuTime() - start);
        }
        times.pfnsPerCell += 2L * scansPerBlock * endPfn; // every cell ran two blocks
    }

    /** The cell's model, for tests. */
    CellModel model(Cell c) {
        return models[c.ordinal()];
    }

    /** Test hook: fewer scans per block. */
    void scansPerBlock(int n) {
        scansPerBlock = n;
    }

    @TearDown(Level.Iteration)
    public void checkInvariants() {
        for (CellModel m : models) {
            if (m.cc.nrMigratepages() != 0 || m.cc.uafDetected != 0) {
                throw new IllegalStateException("a paired pageblock must stay unisolated: " + m.cc.nrMigratepages()
                        + " isolated, " + m.cc.uafDetected + " use after free");
            }
            Invariants.check(m.kernel, null, m.cc);
        }
    }

    @TearDown(Level.Trial)
    public void shutdown() {
        for (CellModel m : models) {
            m.kernel.close();
        }
    }
}
