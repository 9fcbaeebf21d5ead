package io.github.lrubench.rcu;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * An immutable snapshot of an engine's statistics. Counters cover the time since creation or the
 * last {@link RcuEngine#resetStats()}; peaks restart from the values current at the reset.
 * {@link #earlyCallbacks()} and {@link #callbackErrors()} are correctness counters and never reset.
 *
 * @param flavour                 which flavour produced these numbers
 * @param gracePeriods            grace periods completed (one per batch, including those that only
 *                                served synchronize()/rcuBarrier())
 * @param callbacksQueued         callRcu() calls
 * @param callbacksInvoked        callbacks run
 * @param batches                 grace periods that ended with at least one callRcu() callback to run
 * @param maxCallbacksPerBatch    largest such batch
 * @param meanCallbacksPerBatch   callbacks per batch, 0 when there was none
 * @param currentBacklog          callbacks queued and not yet run, now
 * @param peakBacklog             the largest backlog seen
 * @param currentDeferredBytes    deferredBytes of the callbacks queued and not yet run, now
 * @param peakDeferredBytes       the largest such sum seen
 * @param gracePeriodLatencyNanos grace-period latency (counter bump to last CPU caught up), ns;
 *                                a copy, its total count equals {@code gracePeriods}
 * @param stallWarnings           grace periods that were held past the stall timeout
 * @param lastStallWarning        the last stall line printed, "" when none
 * @param earlyCallbacks          callbacks the built-in oracle saw run before a CPU that was a reader
 *                                at callRcu() time had passed a quiescent state; must stay 0
 * @param callbackErrors          callbacks that threw (printed to stderr, then skipped)
 */
public record RcuStats(Rcu.Flavour flavour, long gracePeriods, long callbacksQueued, long callbacksInvoked,
                       long batches, long maxCallbacksPerBatch, double meanCallbacksPerBatch,
                       long currentBacklog, long peakBacklog, long currentDeferredBytes, long peakDeferredBytes,
                       Histogram gracePeriodLatencyNanos, long stallWarnings, String lastStallWarning,
                       long earlyCallbacks, long callbackErrors) {

    public RcuStats {
        gracePeriodLatencyNanos = gracePeriodLatencyNanos.copy();
    }

    /** A copy, so the snapshot stays immutable. */
    @Override
    public Histogram gracePeriodLatencyNanos() {
        return gracePeriodLatencyNanos.copy();
    }

    @Override
    public String toString() {
        Histogram h = gracePeriodLatencyNanos;
        return String.format(Locale.ROOT, "RcuStats[%s gp=%d queued=%d invoked=%d batches=%d maxBatch=%d meanBatch=%.1f"
                        + " backlog=%d peakBacklog=%d deferred=%dB peakDeferred=%dB gpLatency p50=%dns"
                        + " p99=%dns max=%dns stalls=%d early=%d errors=%d]",
                flavour, gracePeriods, callbacksQueued, callbacksInvoked, batches, maxCallbacksPerBatch,
                meanCallbacksPerBatch, currentBacklog, peakBacklog, currentDeferredBytes, peakDeferredBytes,
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue(), stallWarnings,
                earlyCallbacks, callbackErrors);
    }
}
