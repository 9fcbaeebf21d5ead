package io.github.lrubench.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The suite's {@code @Param} names, spelt here once: the report, the profiles and the tests use
 * these constants; {@code SuiteNamesTest} fails when a benchmark's fields and this list part ways.
 */
public enum SuiteParam {
    /** {@link io.github.lrubench.mm.IsolationCheck}: axis 1. */
    CHECK("check"),
    /** {@link io.github.lrubench.mm.InodeFreePolicy}: axis 2. */
    FREE("free"),
    /**
     * {@link io.github.lrubench.mm.CompactMode}: who compacts (direct async by order, kcompactd,
     * compact_memory). Not "mode": that is JMH's own key for the benchmark mode.
     */
    COMPACT_MODE("compactMode"),
    /** Share of pages that are dirty, in percent. */
    DIRTY_PERCENT("dirtyPercent"),
    /** Extra busy work per migrated page, ns: the verdict curve's x. */
    MIGRATE_EXTRA_NS("migrateExtraNs"),
    /** Extra delay inside the race window (a preempted vCPU), ns. */
    WINDOW_NS("windowNs"),
    /** pfns scanned per LRU-lock hold (the IRQ-off section's length): 32 is v4.15's SWAP_CLUSTER_MAX, more is hypothetical. */
    PFNS_PER_LOCK_HOLD("pfnsPerLockHold"),
    /**
     * {@link GracePeriodBenchmark.Workload}: what the CPU that does not wait for the grace period
     * runs (the fixed IRQ-off scan, or the contended workload's compaction).
     */
    WORKLOAD("workload");

    private final String key;

    SuiteParam(String key) {
        this.key = key;
    }

    /** The name JMH writes in its results. */
    public String key() {
        return key;
    }

    /** A profile's restriction of this parameter to some values (enum constants or numbers). */
    public Restriction only(Object... values) {
        return new Restriction(this, Arrays.stream(values).map(String::valueOf).toList());
    }

    /** One parameter restricted to some values under a profile. */
    public record Restriction(SuiteParam param, List<String> values) {
    }
}
