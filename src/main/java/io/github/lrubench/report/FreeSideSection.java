package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.kernel.KernelClock;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.KernelConfig;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ForkComparison;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.lrubench.bench.SuiteMetric.PEAK_DEFERRED_BYTES;
import static io.github.lrubench.bench.SuiteMetric.PEAK_DEFERRED_INODES;
import static io.github.lrubench.bench.SuiteMetric.SYNCHRONIZE_SCHED;
import static io.github.lrubench.bench.SuiteParam.FREE;

/**
 * What the overhead argument never weighed, second part: the free side. Inodes a deferred free
 * leaves waiting for a grace period (InodeFreeBenchmark), each free against PREEMPT_RCU, and how
 * long a grace period takes while the scanner holds the LRU lock (GracePeriodBenchmark).
 */
final class FreeSideSection implements ReportSection<FreeSideSection.FreeSide> {
    /** The grace-period percentiles the table shows. */
    static final List<Double> PERCENTILES = List.of(50.0, 90.0, 99.0, 99.9, 100.0);
    /** The roles each free is compared on, in table order. */
    static final List<Role> ROLES = List.of(Role.FREE_TRUNCATION, Role.KCOMPACTD, Role.PEAK_DEFERRED);

    /**
     * One free policy's deferred inodes. The peaks are EVENTS counters, which JMH sums over
     * iterations and forks: these are figures of the per-iteration peaks.
     *
     * @param truncations  truncations per second over fork means; null when the result lacks the member
     * @param peakInodes   the mean per-iteration peak of inodes waiting at once, with its interval over fork means; NaN without raw data
     * @param peakInodesMax the largest per-iteration peak
     * @param peakBytes    the mean per-iteration peak of {@code peakDeferredBytes} (struct inode's size)
     * @param peakBytesMax its largest per-iteration peak
     * @param ext4Bytes    the mean peak at ext4_inode_info's size
     * @param ext4BytesMax the largest peak at ext4_inode_info's size
     */
    record Deferred(String params, Interval truncations, Interval peakInodes, double peakInodesMax, double peakBytes, double peakBytesMax,
                    double ext4Bytes, double ext4BytesMax) {
    }

    /**
     * One IRQ-off section length's grace periods, from the {@code synchronizeSched} member alone.
     *
     * @param unit        JMH's unit of the percentiles; null when the result lacks the member
     * @param percentiles the latency at each of {@link #PERCENTILES} (NaN where JMH gave none)
     * @param p50Jiffies  the p50 in jiffies; NaN when the unit is not a time
     */
    record GracePeriods(String params, String unit, List<Double> percentiles, double p50Jiffies) {
    }

    /**
     * @param deferred     each free policy's deferred inodes; empty when the run has no InodeFreeBenchmark
     * @param fixes        each free against PREEMPT_RCU, per role
     * @param gracePeriods each lock-hold length's grace periods; empty when the run has no GracePeriodBenchmark
     * @param gracePeriodFixes each kernel's mean grace period against PREEMPT_RCU's, the workload and lock hold equal
     * @param hz           the model's tick rate, which grace periods wait on
     * @param msPerJiffy   a jiffy at {@code hz}
     */
    record FreeSide(List<Deferred> deferred, List<FixRow> fixes, List<GracePeriods> gracePeriods, List<FixRow> gracePeriodFixes, int hz,
                    double msPerJiffy) {
    }

    @Override
    public FreeSide compute(Report.Inputs in) {
        SuiteResults run = new SuiteResults(in.results());
        List<BenchmarkResult> inode = run.of(Suite.INODE_FREE);
        List<Deferred> deferred = inode.stream().map(FreeSideSection::deferred).toList();
        List<FixRow> fixes = new ArrayList<>();
        for (Role role : ROLES) {
            fixes.addAll(FixRow.compare(inode, FREE, InodeFreePolicy.PREEMPT_RCU, role, role::of));
        }
        double msPerJiffy = 1000.0 / KernelClock.DEFAULT_HZ;
        List<BenchmarkResult> gpResults = run.of(Suite.GRACE_PERIOD);
        List<GracePeriods> gp = gpResults.stream().map(r -> gracePeriods(r, msPerJiffy)).toList();
        List<FixRow> gpFixes = FixRow.compare(gpResults, FREE, InodeFreePolicy.PREEMPT_RCU, Role.GRACE_PERIOD, Role.GRACE_PERIOD::of);
        return new FreeSide(deferred, List.copyOf(fixes), gp, gpFixes, KernelClock.DEFAULT_HZ, msPerJiffy);
    }

    static Deferred deferred(BenchmarkResult r) {
        Metric peaks = SuiteResults.metric(r, PEAK_DEFERRED_INODES);
        Metric bytes = SuiteResults.metric(r, PEAK_DEFERRED_BYTES);
        Interval mean = perIterationMean(peaks);
        double max = perIterationPeak(peaks);
        return new Deferred(r.paramLabel(), Role.FREE_TRUNCATION.mean(r), mean, max, perIterationMean(bytes).estimate(),
                perIterationPeak(bytes), mean.estimate() * KernelConfig.EXT4_INODE_BYTES, max * KernelConfig.EXT4_INODE_BYTES);
    }

    static GracePeriods gracePeriods(BenchmarkResult r, double msPerJiffy) {
        Metric lat = SuiteResults.metric(r, SYNCHRONIZE_SCHED);
        if (lat == null) {
            return new GracePeriods(r.paramLabel(), null, List.of(), Double.NaN);
        }
        List<Double> ps = PERCENTILES.stream().map(p -> lat.percentiles().getOrDefault(p, Double.NaN)).toList();
        return new GracePeriods(r.paramLabel(), lat.unit(), ps, toMillis(lat.percentiles().getOrDefault(50.0, Double.NaN), lat.unit()) / msPerJiffy);
    }

    /** The per-iteration values of an EVENTS counter (JMH's score is their sum over iterations and forks). */
    static double[] perIteration(Metric m) {
        return m == null ? new double[0] : m.rawData().stream().flatMap(List::stream).filter(Double::isFinite)
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** The largest per-iteration value of an EVENTS counter. */
    static double perIterationPeak(Metric m) {
        double[] v = perIteration(m);
        return v.length == 0 ? (m == null ? Double.NaN : m.score()) : Arrays.stream(v).max().orElseThrow();
    }

    /**
     * The mean of the per-iteration values of an EVENTS counter, with its interval over fork means
     * (each fork's mean of its iterations' peaks); NaN without raw data.
     */
    static Interval perIterationMean(Metric m) {
        return m == null || m.rawData().isEmpty() ? new Interval(Double.NaN, Double.NaN, Double.NaN) : ForkComparison.mean(m);
    }

    /** A time per operation in JMH's unit ("us/op", "ms/op", ...) in milliseconds; NaN for another unit. */
    static double toMillis(double v, String unit) {
        String u = unit.contains("/") ? unit.substring(0, unit.indexOf('/')) : unit;
        return switch (u) {
            case "ns" -> v / 1e6;
            case "us" -> v / 1e3;
            case "ms" -> v;
            case "s" -> v * 1e3;
            default -> Double.NaN;
        };
    }

    /** "`Class`: not in this run." */
    static String notInRun(Suite s) {
        return Markdown.code(s.simpleName()) + ": not in this run.";
    }

    @Override
    public void print(FreeSide f, Markdown md) {
        md.heading(2, "What the argument never weighed: the free side");
        if (f.deferred().isEmpty()) {
            md.para(notInRun(Suite.INODE_FREE));
        } else {
            printDeferred(f, md);
        }
        if (f.gracePeriods().isEmpty()) {
            md.para(notInRun(Suite.GRACE_PERIOD));
        } else {
            printGracePeriods(f, md);
        }
    }

    private static void printDeferred(FreeSide f, Markdown md) {
        String inodeBytes = String.valueOf(KernelConfig.INODE_BYTES), ext4Bytes = String.valueOf(KernelConfig.EXT4_INODE_BYTES);
        md.para("A truncating task against kcompactd's sync-light compaction on the other CPU (one JMH @Group). "
                + "Costs of a deferred free are stated against `PREEMPT_RCU`, v4.15's call_rcu() on a preemptible kernel "
                + "(what destroy_inode() already did for these filesystems); `IMMEDIATE` is a hypothetical slab free. "
                + "Huang Ying's call_rcu_sched() is `" + InodeFreePolicy.RCU_SCHED_PREEMPT + "` on that same preemptible kernel: its row "
                + "against `PREEMPT_RCU` is the proposal's cost. `" + InodeFreePolicy.RCU_SCHED + "` is call_rcu_sched() on a "
                + "CONFIG_PREEMPT=n kernel, where v4.15's call_rcu() is the same call: there the proposal changes nothing, and its row "
                + "against `PREEMPT_RCU` compares two kernel configurations, not the proposal.");
        md.para("The peaks " + Markdown.code(PEAK_DEFERRED_INODES.key()) + " and " + Markdown.code(PEAK_DEFERRED_BYTES.key()) + " are EVENTS "
                + "counters, which JMH sums over iterations; the table shows, over the per-iteration peaks (the most inodes "
                + "waiting for a grace period at once in one iteration), their mean with its interval over fork means, and "
                + "their max. Memory at " + inodeBytes + " bytes per inode (struct inode, the model's "
                + Markdown.code(PEAK_DEFERRED_BYTES.key()) + ") and " + ext4Bytes + " (ext4_inode_info).");
        md.tableHeader(List.of("free", Role.FREE_TRUNCATION.label() + " [95% CI]", "peak deferred inodes: mean [95% CI]", "max",
                "bytes @" + inodeBytes + ": mean", "max", "bytes @" + ext4Bytes + " (ext4): mean", "max"), "lrrrrrrr");
        for (Deferred d : f.deferred()) {
            md.row(List.of(d.params(), d.truncations() == null ? "-" : FigureFormat.si(d.truncations(), ""),
                    FigureFormat.interval(d.peakInodes()), FigureFormat.num(d.peakInodesMax()), FigureFormat.num(d.peakBytes()),
                    FigureFormat.num(d.peakBytesMax()), FigureFormat.num(d.ext4Bytes()), FigureFormat.num(d.ext4BytesMax())));
        }
        md.line().para("Each free against `PREEMPT_RCU`: truncations per second (the truncating member), compaction rounds "
                + "per second (the kcompactd member) and the per-iteration peak of deferred inodes.");
        if (f.fixes().isEmpty()) {
            md.para("No `PREEMPT_RCU` baseline in this run.");
        } else {
            FixTable.print(f.fixes(), md);
        }
    }

    private static void printGracePeriods(FreeSide f, Markdown md) {
        md.para("Grace-period latency (`synchronize_sched()` on one CPU while the other runs the row's workload: the "
                + "IRQ-off scan, the LRU lock held for `pfnsPerLockHold` pfns between breaks, or the contended workload's "
                + "compaction), percentiles of the " + Markdown.code(SYNCHRONIZE_SCHED.key())
                + " member alone (the group's own percentiles mix in the scanner's operations), against the IRQ-off "
                + "section length. Grace periods take jiffies, as in v4.15: the p50 is also given in jiffies at HZ="
                + f.hz() + " (" + FigureFormat.num(f.msPerJiffy()) + " ms each).");
        List<String> cols = new ArrayList<>(List.of("params"));
        PERCENTILES.forEach(p -> cols.add("p" + Format.percentile(p)));
        cols.add("p50 in jiffies");
        md.tableHeader(cols, "l" + "r".repeat(PERCENTILES.size() + 1));
        for (GracePeriods g : f.gracePeriods()) {
            if (g.unit() == null) {
                md.row(List.of(g.params(), "-", "no " + Markdown.code(SYNCHRONIZE_SCHED.key()) + " member"));
                continue;
            }
            List<String> cells = new ArrayList<>(List.of(g.params()));
            g.percentiles().forEach(v -> cells.add(FigureFormat.micros(toMillis(v, g.unit()) * 1e6)));
            cells.add(Double.isFinite(g.p50Jiffies()) ? FigureFormat.fixed(g.p50Jiffies(), 2) : "-");
            md.row(cells);
        }
        md.line();
        if (!f.gracePeriodFixes().isEmpty()) {
            md.para("Each kernel's mean grace period against `PREEMPT_RCU`'s, the workload and lock hold equal (the mean of each "
                    + "fork's iterations, Welch's interval over forks). Under `CONTENDED` the truncating CPU frees its inodes "
                    + "by the row's policy, so `" + InodeFreePolicy.RCU_SCHED_PREEMPT + "` against `PREEMPT_RCU` is Huang Ying's "
                    + "call_rcu_sched() under load on the same CONFIG_PREEMPT=y kernel; under `IRQ_OFF_SCAN` nothing is freed, "
                    + "and the same pair is the same kernel doing the same work: its Δ is what this design shows with nothing to "
                    + "measure. `" + InodeFreePolicy.RCU_SCHED + "` is the CONFIG_PREEMPT=n kernel: against `PREEMPT_RCU` it "
                    + "compares two kernel configurations.");
            FixTable.print(f.gracePeriodFixes(), md);
        }
    }
}
