package io.github.lrubench.bench;

/**
 * The suite's benchmarks as JMH names them: a {@code @Benchmark} method, or a {@code @Group}
 * whose members JMH reports as one result. Spelt here once; {@code SuiteNamesTest} fails when a
 * class and this list part ways.
 */
public enum SuiteBenchmark {
    TRYLOCK_UNLOCK_PAIR(Suite.FLOOR, "trylockUnlockPair"),
    SCAN512(Suite.FLOOR, "scan512"),
    SCAN512_WITH_BIT_PAIR_ON_DIRTY(Suite.FLOOR, "scan512WithBitPairOnDirty"),
    COPY4K(Suite.FLOOR, "copy4k"),
    ISOLATE_DIRTY_PAGE(Suite.ISOLATION_CHECK, "isolateDirtyPage"),
    SCAN_PAGEBLOCK(Suite.PAGEBLOCK_ISOLATION, "scanPageblock"),
    PAIRED_ROUND(Suite.PAIRED_CHECK, "pairedRound"),
    COMPACT_PASS(Suite.COMPACTION_PASS, "compactPass"),
    RACE(Suite.CONTENDED_COMPACTION, "race"),
    FREE(Suite.INODE_FREE, "free"),
    GP(Suite.GRACE_PERIOD, "gp");

    private final Suite suite;
    private final String method;

    SuiteBenchmark(Suite suite, String method) {
        this.suite = suite;
        this.method = method;
    }

    public Suite suite() {
        return suite;
    }

    /** The method or group name. */
    public String method() {
        return method;
    }

    /** JMH's benchmark id: the fully qualified class, a dot, the method or group. */
    public String id() {
        return suite.className() + "." + method;
    }

    /** "Class.method", as results and charts show it. */
    public String shortName() {
        return suite.simpleName() + "." + method;
    }
}
