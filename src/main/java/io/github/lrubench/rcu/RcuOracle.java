package io.github.lrubench.rcu;

import static io.github.lrubench.rcu.RcuData.ORACLE;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's built-in oracle, independent of the wait logic: it reads neither {@code REPORTED}
 * nor the force-quiescent-state scan, only the oracle word each CPU's read side keeps
 * ({@code ORACLE}) and what the flavour says a reader is ({@link ReaderProtocol#oracleSnapshot}).
 * SCHED: a CPU RCU watches (odd {@code dynticks}) is a reader when callRcu() runs; when the
 * callback runs, each such CPU must have noted a quiescent state (the word counts them) or changed
 * its {@code dynticks} since. PREEMPT and PREEMPT_CONTRACT: the word is (sections entered &lt;&lt; 1)
 * | inside, and a CPU inside a section at callRcu() must have left it. Otherwise the callback
 * counts as early ({@link RcuStats#earlyCallbacks()}).
 *
 * <p>The words are written with release before the CPU's own report is published and read with
 * acquire, so a correct engine never trips the oracle (no false positives), and a broken wait
 * (the mutation tests break it through {@link RcuConfig.Mutation}) does.
 *
 * <p>Main code, not test code: {@code mm.Invariants} fails a model run whose engines counted an
 * early callback, and the race stress and every benchmark's invariant check run it.
 */
final class RcuOracle {

    private final RcuData data;
    private final ReaderProtocol reader;
    private final AtomicLong earlyCallbacks = new AtomicLong();

    RcuOracle(RcuData data, ReaderProtocol reader) {
        this.data = data;
        this.reader = reader;
    }

    /**
     * At callRcu(): the CPUs that are readers now, two longs per CPU (-1: not a reader), as the
     * flavour records them.
     */
    long[] snapshot() {
        long[] snap = new long[2 * data.nrCpus];
        for (int cpu = 0; cpu < data.nrCpus; cpu++) {
            // Acquire: pairs with the release that published the word, so a reader seen here is
            // seen by the GP thread (which runs after our enqueue) too.
            reader.oracleSnapshot(cpu, data.getAcquire(cpu, ORACLE), snap);
        }
        return snap;
    }

    /** Before the callback queued with {@code snap} runs: counts it if a reader in it has not moved on. */
    void check(long[] snap) {
        for (int cpu = 0; cpu < data.nrCpus; cpu++) {
            if (snap[2 * cpu] >= 0 && !reader.oracleMovedOn(cpu, data.getAcquire(cpu, ORACLE), snap)) {
                earlyCallbacks.incrementAndGet();
                return;
            }
        }
    }

    /** Callbacks that ran early; a correct engine keeps it at 0. Never reset. */
    long earlyCallbacks() {
        return earlyCallbacks.get();
    }
}
