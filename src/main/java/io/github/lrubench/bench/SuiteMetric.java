package io.github.lrubench.bench;

/**
 * The secondary metrics the suite emits, spelt here once: {@code @AuxCounters} counters and the
 * members of {@code @Group} benchmarks ({@link PairedCheckBenchmark.Cell} maps its cells to theirs), each with the class that emits it. {@code SuiteNamesTest}
 * fails when a benchmark's counters or group members and this list part ways.
 */
public enum SuiteMetric {
    MIGRATED_PAGE(Suite.COMPACTION_PASS, "migratedPage"),
    ISOLATED_PAGE(Suite.COMPACTION_PASS, "isolatedPage"),
    /** pfns each paired cell scanned in the iteration; each PAIRED_* cell metric is CPU ns over them. */
    PAIRED_PFNS_PER_CELL(Suite.PAIRED_CHECK, "pfnsPerCell"),
    PAIRED_NONE_0(Suite.PAIRED_CHECK, "nsNone0"),
    PAIRED_LOCK_0(Suite.PAIRED_CHECK, "nsLock0"),
    PAIRED_NONE_10(Suite.PAIRED_CHECK, "nsNone10"),
    PAIRED_LOCK_10(Suite.PAIRED_CHECK, "nsLock10"),
    PAIRED_NONE_50(Suite.PAIRED_CHECK, "nsNone50"),
    PAIRED_LOCK_50(Suite.PAIRED_CHECK, "nsLock50"),
    PAIRED_V4_16_50(Suite.PAIRED_CHECK, "nsV416at50"),
    PAIRED_NONE_50_CLUSTERED(Suite.PAIRED_CHECK, "nsNone50clustered"),
    PAIRED_LOCK_50_CLUSTERED(Suite.PAIRED_CHECK, "nsLock50clustered"),
    PAIRED_NONE_100(Suite.PAIRED_CHECK, "nsNone100"),
    PAIRED_LOCK_100(Suite.PAIRED_CHECK, "nsLock100"),
    COMPACT(Suite.CONTENDED_COMPACTION, "compact"),
    TRUNCATE_CONTENDED(Suite.CONTENDED_COMPACTION, "truncate"),
    ISOLATED(Suite.CONTENDED_COMPACTION, "isolated"),
    MIGRATED(Suite.CONTENDED_COMPACTION, "migrated"),
    SKIPPED_TRYLOCK(Suite.CONTENDED_COMPACTION, "skippedTrylock"),
    SKIPPED_INVERTED(Suite.CONTENDED_COMPACTION, "skippedInverted"),
    UAF_DETECTED(Suite.CONTENDED_COMPACTION, "uafDetected"),
    PUT_BACK_ON_FAILURE(Suite.CONTENDED_COMPACTION, "putBackOnFailure"),
    BLOCKS_SKIPPED(Suite.CONTENDED_COMPACTION, "blocksSkipped"),
    COMPACTIONS_CONTENDED(Suite.CONTENDED_COMPACTION, "compactionsContended"),
    INODES_FREED(Suite.CONTENDED_COMPACTION, "inodesFreed"),
    INODES_DEFERRED(Suite.CONTENDED_COMPACTION, "inodesDeferred"),
    TRUNCATE_FREE(Suite.INODE_FREE, "truncate"),
    ISOLATE(Suite.INODE_FREE, "isolate"),
    PEAK_DEFERRED_INODES(Suite.INODE_FREE, "peakDeferredInodes"),
    PEAK_DEFERRED_BYTES(Suite.INODE_FREE, "peakDeferredBytes"),
    SYNCHRONIZE_SCHED(Suite.GRACE_PERIOD, "synchronizeSched"),
    SCAN(Suite.GRACE_PERIOD, "scan");

    private final Suite suite;
    private final String key;

    SuiteMetric(Suite suite, String key) {
        this.suite = suite;
        this.key = key;
    }

    public Suite suite() {
        return suite;
    }

    /** The label JMH gives the secondary metric. */
    public String key() {
        return key;
    }
}
