package io.github.lrubench.rcu;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * The engine's live statistics, of which {@link RcuStats} is a snapshot: callbacks queued and run,
 * batches, the backlog and deferred bytes with their peaks, grace-period latency, callbacks that
 * threw. Stall warnings are counted where they are printed ({@link StallDump}), early callbacks by
 * the oracle ({@link RcuOracle}). Updated by callRcu() callers and by whichever runs the callbacks: each CPU's softirq or ksoftirqd, IdleTicks, and the grace-period kthread for PREEMPT_CONTRACT.
 */
final class RcuCounters {

    private final LongAdder callbacksQueued = new LongAdder();
    private final AtomicLong callbacksInvoked = new AtomicLong();
    private final AtomicLong gracePeriods = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchCallbacks = new AtomicLong();
    private final AtomicLong maxBatch = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong peakBacklog = new AtomicLong();
    private final AtomicLong deferredBytes = new AtomicLong();
    private final AtomicLong peakDeferredBytes = new AtomicLong();
    private final AtomicLong callbackErrors = new AtomicLong();
    private final Object latencyLock = new Object();
    private final Histogram gpLatency = new Histogram(3);

    /** callRcu(): one more callback waits, and the {@code bytes} it will free. */
    void queued(long bytes) {
        callbacksQueued.increment();
        raise(peakBacklog, backlog.incrementAndGet());
        raise(peakDeferredBytes, deferredBytes.addAndGet(bytes));
    }

    /** A grace period ended {@code latencyNanos} after it started. */
    void gracePeriodEnded(long latencyNanos) {
        synchronized (latencyLock) { // so a snapshot's histogram count equals gracePeriods
            gpLatency.recordValue(latencyNanos);
            gracePeriods.incrementAndGet();
        }
    }

    /** A batch with {@code callbacks} callRcu() callbacks (markers not counted) is about to run. */
    void batch(long callbacks) {
        if (callbacks > 0) {
            batches.incrementAndGet();
            batchCallbacks.addAndGet(callbacks);
            raise(maxBatch, callbacks);
        }
    }

    /** A callRcu() callback ran and freed its {@code bytes}. */
    void invoked(long bytes) {
        callbacksInvoked.incrementAndGet();
        backlog.decrementAndGet();
        deferredBytes.addAndGet(-bytes);
    }

    /** A callback threw. */
    void callbackError() {
        callbackErrors.incrementAndGet();
    }

    RcuStats snapshot(Rcu.Flavour flavour, StallDump stalls, RcuOracle oracle) {
        Histogram h;
        long gps;
        synchronized (latencyLock) {
            h = gpLatency.copy();
            gps = gracePeriods.get();
        }
        long b = batches.get();
        long inBatches = batchCallbacks.get();
        return new RcuStats(flavour, gps, callbacksQueued.sum(), callbacksInvoked.get(), b,
                maxBatch.get(), b == 0 ? 0.0 : (double) inBatches / b, backlog.get(), peakBacklog.get(),
                deferredBytes.get(), peakDeferredBytes.get(), h, stalls.warnings(), stalls.lastWarning(),
                oracle.earlyCallbacks(), callbackErrors.get());
    }

    /**
     * Counters to 0, peaks from the current backlog and deferred bytes; callback errors are a
     * correctness counter and stay. Exact when no callRcu() or grace period is in flight.
     */
    void reset() {
        synchronized (latencyLock) {
            gpLatency.reset();
            gracePeriods.set(0);
        }
        callbacksQueued.reset();
        callbacksInvoked.set(0);
        batches.set(0);
        batchCallbacks.set(0);
        maxBatch.set(0);
        peakBacklog.set(backlog.get());
        peakDeferredBytes.set(deferredBytes.get());
    }

    private static void raise(AtomicLong peak, long value) {
        if (value > peak.get()) {
            peak.accumulateAndGet(value, Math::max);
        }
    }
}
