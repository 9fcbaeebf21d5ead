package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.kernel.KernelClock;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.JmhJson;
import io.github.lrubench.results.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The contended and free-side tables on run 20261128T090140Z-vm (4 forks x 3 iterations), against
 * figures computed independently with SciPy 1.17 from the same file (fork means; t and Welch
 * intervals at 95%).
 */
class SideCostsTest {
    static final List<BenchmarkResult> RUN = JmhJson.read(Fixtures.REAL_DEFAULT_RUN_20261128_JSON);
    static final SuiteResults SUITE = new SuiteResults(RUN);

    static FixRow row(List<FixRow> rows, Enum<?> variant, Role role, Enum<?> mode, Enum<?> other) {
        return rows.stream().filter(r -> r.variant().equals(variant.name()) && r.role() == role
                && (mode == null || mode.name().equals(r.others().get(SuiteParam.COMPACT_MODE.key())))
                && (other == null || r.others().containsValue(other.name()))).findFirst().orElseThrow();
    }

    /** JMH's primary of the group sums both threads; each role's throughput is its member's secondary result. */
    @Test
    void eachRolesThroughputComesFromItsGroupMember() {
        String md = new SideCosts(SUITE).contended().markdown();
        String none = "| check=NONE, compactMode=DIRECT_ASYNC_ORDER9, free=PREEMPT_RCU, windowNs=0 | ";
        // SciPy: mean of the fork means of the `compact` member and t(3) interval
        assertThat(md).contains(none + "1117931.1 [827880.9, 1407981.3] |", none + "55597.9 [41889.8, 69305.9] |");
        BenchmarkResult r = SUITE.of(Suite.CONTENDED_COMPACTION).get(0);
        assertThat(Format.num(r.primary().score())).isEqualTo("1173529.0");
        assertThat(md).doesNotContain("1173529.0");

        List<FixRow> rows = SideCosts.contendedRows(SUITE.of(Suite.CONTENDED_COMPACTION), true);
        FixRow compact = row(rows, IsolationCheck.PAGE_LOCK_V4_16, Role.COMPACTION, CompactMode.DIRECT_ASYNC_ORDER9, InodeFreePolicy.PREEMPT_RCU);
        assertThat(compact.delta().estimate()).isCloseTo(1462398.2002530661, within(1e-6));
        assertThat(compact.delta().low()).isCloseTo(297585.7517990002, within(1e-3));
        assertThat(compact.delta().high()).isCloseTo(2627210.648707132, within(1e-3));
        FixRow truncate = row(rows, IsolationCheck.PAGE_LOCK_V4_16, Role.TRUNCATION, CompactMode.DIRECT_ASYNC_ORDER9, InodeFreePolicy.PREEMPT_RCU);
        assertThat(truncate.delta().estimate()).isCloseTo(7955.548399354491, within(1e-6));
        assertThat(truncate.delta().low()).isCloseTo(-8510.602791984544, within(1e-3));
        assertThat(truncate.throughput()).isTrue();
    }

    /** Rows where a fix runs faster than its baseline are flagged, and say why or that they are not resolved. */
    @Test
    void fasterRowsAreFlaggedAndExplained() {
        List<BenchmarkResult> rs = SUITE.of(Suite.CONTENDED_COMPACTION);
        List<FixRow> rows = SideCosts.contendedRows(rs, true);
        FixRow v416 = row(rows, IsolationCheck.PAGE_LOCK_V4_16, Role.COMPACTION, CompactMode.DIRECT_ASYNC_ORDER9, InodeFreePolicy.PREEMPT_RCU);
        assertThat(v416.faster()).isTrue();
        assertThat(SideCosts.fasterNote(v416, rs)).startsWith("faster, not better").contains("1103722.9 `skippedInverted`/s");
        FixRow lock = row(rows, IsolationCheck.PAGE_LOCK, Role.COMPACTION, CompactMode.DIRECT_ASYNC_ORDER9, InodeFreePolicy.PREEMPT_RCU);
        assertThat(lock.faster()).isTrue();
        assertThat(lock.delta().excludes(0)).isFalse();
        assertThat(SideCosts.fasterNote(lock, rs)).isEqualTo("faster, but the interval contains 0: not resolved");
        FixRow slower = row(rows, IsolationCheck.PAGE_LOCK, Role.COMPACTION, CompactMode.KCOMPACTD_SYNC_LIGHT, InodeFreePolicy.RCU_SCHED);
        assertThat(slower.faster()).isFalse();
        assertThat(SideCosts.fasterNote(slower, rs)).isNull();
        assertThat(new SideCosts(SUITE).contended().markdown()).contains("| faster, not better: it refuses dirty anonymous pages",
                "`skippedTrylock` is mostly not a cost", "__unmap_and_move()");
    }

    /** RCU costs are stated against PREEMPT_RCU, v4.15's call_rcu(), never against the hypothetical IMMEDIATE. */
    @Test
    void rcuSchedIsComparedWithPreemptRcu() {
        List<FixRow> rows = SideCosts.contendedRows(SUITE.of(Suite.CONTENDED_COMPACTION), false);
        // 3 checks x 2 compaction modes, each role
        assertThat(rows).hasSize(12).extracting(FixRow::role).containsOnly(Role.COMPACTION, Role.TRUNCATION)
                .filteredOn(Role.COMPACTION::equals).hasSize(6);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.baseline()).isEqualTo(InodeFreePolicy.PREEMPT_RCU.name());
            assertThat(r.variant()).isEqualTo(InodeFreePolicy.RCU_SCHED.name());
        });
        String md = new SideCosts(SUITE).freeSide().markdown();
        // truncations/s, RCU_SCHED − PREEMPT_RCU, SciPy Welch: 8241.4 [-31633.9, 48116.8]
        assertThat(md).contains("| - | RCU_SCHED | truncations/s | 101264.9 [64919.4, 137610.5] | 109506.4 [72516.7, 146496.0] | "
                + "+8241.4 [-31633.9, +48116.8] |");
    }

    /** The peaks are EVENTS counters JMH sums over iterations: the table shows the mean and max of the per-iteration values. */
    @Test
    void peaksAreMeanAndMaxOfThePerIterationPeaks() {
        BenchmarkResult rcu = SUITE.of(Suite.INODE_FREE).stream()
                .filter(r -> InodeFreePolicy.RCU_SCHED.name().equals(SuiteResults.param(r, SuiteParam.FREE))).findFirst().orElseThrow();
        Metric m = SuiteResults.metric(rcu, SuiteMetric.PEAK_DEFERRED_INODES);
        double[] all = m.rawData().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        assertThat(all).hasSize(12);
        double mean = java.util.Arrays.stream(all).average().orElseThrow(), max = java.util.Arrays.stream(all).max().orElseThrow();
        assertThat(mean).isEqualTo(25744.0);
        assertThat(max).isEqualTo(39127.0);
        assertThat(m.score()).as("JMH's sum").isEqualTo(308928.0);
        assertThat(SideCosts.perIterationMean(m).estimate()).isEqualTo(mean);
        assertThat(SideCosts.perIterationPeak(m)).isEqualTo(max);
        String md = new SideCosts(SUITE).freeSide().markdown();
        assertThat(md).contains("| free=RCU_SCHED | 109506.4 [72516.7, 146496.0] | 25744.0 [14318.1, 37169.9] | 39127.0 | ");
        assertThat(md).doesNotContain("308928");
        // Δ of the mean peak against PREEMPT_RCU, SciPy Welch on fork means: 22564.9 [11155.8, 33974.1]
        assertThat(md).contains("| RCU_SCHED | peak deferred inodes (#) | 3179.1 [2626.5, 3731.7] | 25744.0 [14318.1, 37169.9] | "
                + "+22564.9 [+11155.8, +33974.1] |");
    }

    /** Grace-period percentiles of the synchronizeSched member alone, the p50 also in jiffies at HZ=250 (4 ms each). */
    @Test
    void gracePeriodP50IsAlsoInJiffies() {
        assertThat(KernelClock.DEFAULT_HZ).isEqualTo(250);
        String md = new SideCosts(SUITE).freeSide().markdown();
        double jiffies = 7987.2 / 1000 / (1000.0 / KernelClock.DEFAULT_HZ);
        assertThat(md).contains("| pfnsPerLockHold=32 | us/op | 7987.2 | 8069.1 | 8769.5 | 10895.4 | 10895.4 | "
                + String.format(Locale.ROOT, "%.2f", jiffies) + " |");
        assertThat(String.format(Locale.ROOT, "%.2f", jiffies)).isEqualTo("2.00");
        assertThat(md).contains("HZ=250 (4.000 ms each)");
        assertThat(SideCosts.toMillis(4000, "us/op")).isEqualTo(4.0);
        assertThat(SideCosts.toMillis(4, "ms/op")).isEqualTo(4.0);
        assertThat(SideCosts.toMillis(4e6, "ns/op")).isEqualTo(4.0);
    }
}
