package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.Path;

import static io.github.lrubench.bench.SuiteMetric.INODES_DEFERRED;
import static io.github.lrubench.bench.SuiteMetric.ISOLATED;
import static io.github.lrubench.bench.SuiteMetric.SKIPPED_TRYLOCK;
import static io.github.lrubench.bench.SuiteMetric.SYNCHRONIZE_SCHED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The contended and free-side sections' figures on run 20261128T090140Z-vm (4 forks x 3
 * iterations), against figures computed independently with SciPy 1.17 from the same file (fork
 * means; t and Welch intervals at 95%), and what each prints where a result lacks a figure.
 */
class SideCostsTest {
    static final List<BenchmarkResult> RUN = JmhJson.read(Fixtures.REAL_DEFAULT_RUN_20261128_JSON);
    static final ContentionSection.Contention CONTENTION = new ContentionSection().compute(inputs(RUN));
    static final FreeSideSection.FreeSide FREE_SIDE = new FreeSideSection().compute(inputs(RUN));
    static final String NONE_DIRECT = "check=NONE, compactMode=DIRECT_ASYNC_ORDER9, free=PREEMPT_RCU, windowNs=0";
    static final String V416_DIRECT = "check=PAGE_LOCK_V4_16, compactMode=DIRECT_ASYNC_ORDER9, free=PREEMPT_RCU, windowNs=0";

    static Report.Inputs inputs(List<BenchmarkResult> rs) {
        return new Report.Inputs(".", rs, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty());
    }

    static FixRow row(List<FixRow> rows, Enum<?> variant, Role role, Enum<?> mode, Enum<?> other) {
        return rows.stream().filter(r -> r.variant().equals(variant.name()) && r.role() == role
                && (mode == null || mode.name().equals(r.others().get(SuiteParam.COMPACT_MODE.key())))
                && (other == null || r.others().containsValue(other.name()))).findFirst().orElseThrow();
    }

    static ContentionSection.Fix fix(Enum<?> variant, Role role, Enum<?> mode, Enum<?> free) {
        FixRow r = row(CONTENTION.byCheck().stream().map(ContentionSection.Fix::row).toList(), variant, role, mode, free);
        return CONTENTION.byCheck().stream().filter(f -> f.row() == r).findFirst().orElseThrow();
    }

    static void assertInterval(Interval i, double estimate, double low, double high) {
        assertThat(i.estimate()).isCloseTo(estimate, within(1e-6));
        assertThat(i.low()).isCloseTo(low, within(1e-3));
        assertThat(i.high()).isCloseTo(high, within(1e-3));
    }

    /** JMH's primary of the group sums both threads; each role's throughput is its member's secondary result. */
    @Test
    void eachRolesThroughputComesFromItsGroupMember() {
        ContentionSection.Member compact = CONTENTION.compactors().stream().map(ContentionSection.Compactor::member)
                .filter(m -> m.params().equals(NONE_DIRECT)).findFirst().orElseThrow();
        ContentionSection.Member truncate = CONTENTION.truncators().stream().filter(m -> m.params().equals(NONE_DIRECT)).findFirst().orElseThrow();
        // SciPy: mean of the fork means of each member and its t(3) interval
        assertInterval(compact.rate(), 1117931.1152679836, 827880.8983013286, 1407981.3322346387);
        assertInterval(truncate.rate(), 55597.87406353869, 41889.830699855534, 69305.91742722185);
        // The group's primary, 1173528.989 in the file, is the two members' sum: neither role's rate.
        assertThat(compact.rate().estimate() + truncate.rate().estimate()).isCloseTo(1173528.9893315223, within(1e-6));
        assertThat(truncate.counters()).containsEntry(INODES_DEFERRED, 55908.54651099447);

        List<FixRow> rows = ContentionSection.contendedRows(new SuiteResults(RUN).of(Suite.CONTENDED_COMPACTION), true);
        FixRow v416 = row(rows, IsolationCheck.PAGE_LOCK_V4_16, Role.COMPACTION, CompactMode.DIRECT_ASYNC_ORDER9, InodeFreePolicy.PREEMPT_RCU);
        assertInterval(v416.delta(), 1462398.2002530661, 297585.7517990002, 2627210.648707132);
        FixRow truncation = row(rows, IsolationCheck.PAGE_LOCK_V4_16, Role.TRUNCATION, CompactMode.DIRECT_ASYNC_ORDER9, InodeFreePolicy.PREEMPT_RCU);
        assertThat(truncation.delta().estimate()).isCloseTo(7955.548399354491, within(1e-6));
        assertThat(truncation.delta().low()).isCloseTo(-8510.602791984544, within(1e-3));
        assertThat(truncation.throughput()).isTrue();
    }

    /** The skipped share is the pages skipped (trylock or v4.16's refusal) per 100 the scanner reached. */
    @Test
    void theSkippedShareCountsTrylockAndInvertedAgainstAllReached() {
        ContentionSection.Compactor v416 = CONTENTION.compactors().stream().filter(k -> k.member().params().equals(V416_DIRECT))
                .findFirst().orElseThrow();
        // Python on the file's scores: 100 (53.98 + 1103722.92) / (11524345.90 + 53.98 + 1103722.92)
        assertThat(v416.skippedPercent()).isCloseTo(8.740625301958072, within(1e-9));
        assertThat(v416.member().counters()).containsEntry(ISOLATED, 11524345.895384228).containsEntry(SKIPPED_TRYLOCK, 53.9764761303804);
        assertThat(v416.member().counters().keySet()).containsExactlyElementsOf(ContentionSection.COMPACTOR_COUNTERS);
    }

    /** Rows where a fix runs faster than its baseline say why: fewer pages per pass, or not resolved. */
    @Test
    void fasterRowsAreFlaggedAndExplained() {
        ContentionSection.Fix v416 = fix(IsolationCheck.PAGE_LOCK_V4_16, Role.COMPACTION, CompactMode.DIRECT_ASYNC_ORDER9, InodeFreePolicy.PREEMPT_RCU);
        assertThat(v416.faster()).isEqualTo(ContentionSection.Faster.REFUSES_PAGES);
        assertThat(v416.refused()).isEqualTo(1103722.9193771055); // the variant's skippedInverted score in the file
        ContentionSection.Fix lock = fix(IsolationCheck.PAGE_LOCK, Role.COMPACTION, CompactMode.DIRECT_ASYNC_ORDER9, InodeFreePolicy.PREEMPT_RCU);
        assertThat(lock.row().faster()).isTrue();
        assertThat(lock.row().delta().excludes(0)).isFalse();
        assertThat(lock.faster()).isEqualTo(ContentionSection.Faster.NOT_RESOLVED);
        ContentionSection.Fix slower = fix(IsolationCheck.PAGE_LOCK, Role.COMPACTION, CompactMode.KCOMPACTD_SYNC_LIGHT, InodeFreePolicy.RCU_SCHED);
        assertThat(slower.row().faster()).isFalse();
        assertThat(slower.faster()).isNull();
    }

    /** RCU costs are stated against PREEMPT_RCU, v4.15's call_rcu(), never against the hypothetical IMMEDIATE. */
    @Test
    void rcuSchedIsComparedWithPreemptRcu() {
        List<FixRow> rows = CONTENTION.byFree().stream().map(ContentionSection.Fix::row).toList();
        // 3 checks x 2 compaction modes, each role
        assertThat(rows).hasSize(12).extracting(FixRow::role).containsOnly(Role.COMPACTION, Role.TRUNCATION)
                .filteredOn(Role.COMPACTION::equals).hasSize(6);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.baseline()).isEqualTo(InodeFreePolicy.PREEMPT_RCU.name());
            assertThat(r.variant()).isEqualTo(InodeFreePolicy.RCU_SCHED.name());
        });
        assertThat(FREE_SIDE.fixes()).extracting(FixRow::baseline).containsOnly(InodeFreePolicy.PREEMPT_RCU.name());
        // truncations/s, RCU_SCHED − PREEMPT_RCU, SciPy: t intervals of each and Welch's of the difference
        FixRow truncations = row(FREE_SIDE.fixes(), InodeFreePolicy.RCU_SCHED, Role.FREE_TRUNCATION, null, null);
        assertInterval(truncations.cmp().baseline(), 101264.92335144138, 64919.35635699285, 137610.4903458899);
        assertInterval(truncations.cmp().variant(), 109506.35886461561, 72516.68608000615, 146496.03164922507);
        assertInterval(truncations.delta(), 8241.435513174234, -31633.88513134032, 48116.75615768879);
    }

    /** The peaks are EVENTS counters JMH sums over iterations (308928 for RCU_SCHED): the figures are of the per-iteration values. */
    @Test
    void peaksAreMeanAndMaxOfThePerIterationPeaks() {
        FreeSideSection.Deferred rcu = FREE_SIDE.deferred().stream().filter(d -> d.params().equals("free=RCU_SCHED")).findFirst().orElseThrow();
        // SciPy over the 12 per-iteration peaks: mean of fork means with its t(3) interval, and max
        assertInterval(rcu.peakInodes(), 25744.0, 14318.123501411992, 37169.87649858801);
        assertThat(rcu.peakInodesMax()).isEqualTo(39127.0);
        assertThat(rcu.peakBytes()).isEqualTo(14828544.0);
        assertThat(rcu.peakBytesMax()).isEqualTo(22537152.0);
        assertInterval(rcu.truncations(), 109506.35886461561, 72516.68608000615, 146496.03164922507);
        // Δ of the mean peak against PREEMPT_RCU, SciPy Welch on fork means
        FixRow peak = row(FREE_SIDE.fixes(), InodeFreePolicy.RCU_SCHED, Role.PEAK_DEFERRED, null, null);
        assertInterval(peak.cmp().baseline(), 3179.083333333333, 2626.464605682453, 3731.702060984213);
        assertInterval(peak.delta(), 22564.916666666668, 11155.760211881283, 33974.07312145205);
    }

    /** Grace-period percentiles of the synchronizeSched member alone, the p50 also in jiffies: its time times HZ. */
    @Test
    void gracePeriodP50IsAlsoInJiffies() {
        FreeSideSection.GracePeriods p32 = FREE_SIDE.gracePeriods().stream().filter(g -> g.params().equals("pfnsPerLockHold=32"))
                .findFirst().orElseThrow();
        // The member's percentiles in the file at 50, 90, 99, 99.9 and 100
        assertThat(p32.unit()).isEqualTo("us/op");
        assertThat(p32.percentiles()).containsExactly(7987.2, 8069.12, 8769.536000000004, 10895.36, 10895.36);
        assertThat(p32.p50Jiffies()).isCloseTo(7987.2e-6 * FREE_SIDE.hz(), within(1e-12));
        assertThat(FreeSideSection.toMillis(4000, "us/op")).isEqualTo(4.0);
        assertThat(FreeSideSection.toMillis(4, "ms/op")).isEqualTo(4.0);
        assertThat(FreeSideSection.toMillis(4e6, "ns/op")).isEqualTo(4.0);
        assertThat(FreeSideSection.toMillis(4, "ops/us")).isNaN();
    }

    /** A result without a member or counter keeps its row's columns: "-" where a figure is missing (a whole run has them all). */
    @Test
    void aMissingFigurePrintsADashInItsColumn() {
        ContentionSection.Member bare = new ContentionSection.Member("check=NONE", null, Map.of(ISOLATED, 2.0));
        ContentionSection.Contention c = new ContentionSection.Contention(List.of(new ContentionSection.Compactor(bare, Double.NaN)),
                List.of(bare), List.of(), List.of());
        Markdown md = new Markdown();
        new ContentionSection().print(c, md);
        assertThat(md.toString()).contains("| check=NONE | - | 2 | - | - | - | - | - | - | - | - |\n", "| check=NONE | - | - | - |\n",
                "No variants with a baseline in this run.");
    }

    /** A grace-period result without the synchronizeSched member says so in its row, and a class not run says so (a whole run has both). */
    @Test
    void aMissingMemberOrClassIsSaid() {
        String pfns32 = SuiteParam.PFNS_PER_LOCK_HOLD.key() + "=32";
        FreeSideSection.FreeSide f = new FreeSideSection.FreeSide(List.of(), List.of(),
                List.of(new FreeSideSection.GracePeriods(pfns32, null, List.of(), Double.NaN)), List.of(), 250, 4.0);
        Markdown md = new Markdown();
        new FreeSideSection().print(f, md);
        assertThat(md.toString()).contains("`" + Suite.INODE_FREE.simpleName() + "`: not in this run.",
                "| " + pfns32 + " | - | no `" + SYNCHRONIZE_SCHED.key() + "` member |\n");
    }

    /**
     * Each kernel's mean grace period against PREEMPT_RCU's, the other parameters equal: the
     * synchronizeSched member's fork means (its per-iteration means), Welch. Two of run
     * 20261206T230311Z-vm's grace-period results, relabelled as one pair (that run had one kernel).
     */
    @Test
    void gracePeriodsAreComparedWithPreemptRcusOnTheMember() {
        List<BenchmarkResult> gp = new SuiteResults(JmhJson.read(Path.of("results/20261206T230311Z-vm/results.json"))).of(Suite.GRACE_PERIOD);
        BenchmarkResult a = gp.get(0), b = gp.get(1);
        java.util.Map<String, String> same = new java.util.LinkedHashMap<>(a.params());
        BenchmarkResult base = new BenchmarkResult(a.benchmark(), a.mode(), a.threads(), a.forks(), with(same, InodeFreePolicy.PREEMPT_RCU),
                a.primary(), a.secondary());
        BenchmarkResult variant = new BenchmarkResult(b.benchmark(), b.mode(), b.threads(), b.forks(), with(same, InodeFreePolicy.RCU_SCHED_PREEMPT),
                b.primary(), b.secondary());
        FreeSideSection.FreeSide f = new FreeSideSection().compute(inputs(List.of(base, variant)));
        assertThat(f.gracePeriodFixes()).hasSize(1);
        FixRow r = f.gracePeriodFixes().get(0);
        assertThat(r.role()).isEqualTo(Role.GRACE_PERIOD);
        assertThat(r.variant()).isEqualTo(InodeFreePolicy.RCU_SCHED_PREEMPT.name());
        // a latency: a rise is a cost
        assertThat(r.throughput()).isFalse();
        double baseMean = forkMeans(base).average().orElseThrow(), variantMean = forkMeans(variant).average().orElseThrow();
        assertThat(r.delta().estimate()).isCloseTo(variantMean - baseMean, within(1e-6));
        assertThat(r.unit()).isEqualTo("us/op");
    }

    private static java.util.Map<String, String> with(java.util.Map<String, String> params, InodeFreePolicy free) {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>(params);
        p.put(SuiteParam.FREE.key(), free.name());
        return p;
    }

    /** Each fork's mean of the synchronizeSched member's iterations, read straight from the metric's raw data. */
    private static java.util.stream.DoubleStream forkMeans(BenchmarkResult r) {
        return r.secondary().get(SYNCHRONIZE_SCHED.key()).rawData().stream()
                .mapToDouble(fork -> fork.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }
}
