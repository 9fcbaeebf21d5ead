package io.github.lrubench.report;

import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ForkComparison;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.Metric;

/**
 * The metric a fix is compared on when it is not the result's primary: a {@code @Group} member's
 * own throughput (JMH's primary of a group sums its threads, mixing a compaction pass with a
 * truncation) or a counter. The member is a {@link SuiteMetric}, so its JMH key and class are
 * spelled once, in bench/.
 */
enum Role {
    /** ContendedCompactionBenchmark's compacting thread, {@code compact}: compaction passes. */
    COMPACTION(SuiteMetric.COMPACT, "compaction passes", "/s"),
    /** ContendedCompactionBenchmark's truncating thread, {@code truncate}: truncations, one unlink and one new file each. */
    TRUNCATION(SuiteMetric.TRUNCATE_CONTENDED, "truncations", "/s"),
    /** InodeFreeBenchmark's truncating thread, {@code truncate}, against kcompactd. */
    FREE_TRUNCATION(SuiteMetric.TRUNCATE_FREE, "truncations", "/s"),
    /** InodeFreeBenchmark's kcompactd thread, {@code isolate}: sync-light compaction rounds. */
    KCOMPACTD(SuiteMetric.ISOLATE, "kcompactd rounds", "/s"),
    /** InodeFreeBenchmark's EVENTS counter: the most inodes waiting for a grace period at once. */
    PEAK_DEFERRED(SuiteMetric.PEAK_DEFERRED_INODES, "peak deferred inodes", " (#)"),
    /** GracePeriodBenchmark's {@code synchronizeSched} member: its mean latency per fork (SampleTime's per-iteration means). */
    GRACE_PERIOD(SuiteMetric.SYNCHRONIZE_SCHED, "synchronize_sched() grace period", ", mean");

    private final SuiteMetric member;
    private final String counts;
    /** What follows {@link #counts} in a table: "/s" for a member's rate, " (#)" for a counter, ", mean" for a latency. */
    private final String suffix;

    Role(SuiteMetric member, String counts, String suffix) {
        this.member = member;
        this.counts = counts;
        this.suffix = suffix;
    }

    /** The group member or counter, whose {@link SuiteMetric#key()} is JMH's secondary-result key. */
    SuiteMetric member() {
        return member;
    }

    /** What one of its operations or events is: "compaction passes". */
    String counts() {
        return counts;
    }

    /** How tables name it: "compaction passes/s" for a member's rate, "peak deferred inodes (#)" for a counter (JMH's unit "#"), "... grace period, mean" for a latency. */
    String label() {
        return counts + suffix;
    }

    /** Its metric in a result, or null when the result has none. */
    Metric of(BenchmarkResult r) {
        return SuiteResults.metric(r, member);
    }

    /** Its mean over fork means with its interval, or null when the result has none. */
    Interval mean(BenchmarkResult r) {
        Metric m = of(r);
        return m == null ? null : ForkComparison.mean(m);
    }
}
