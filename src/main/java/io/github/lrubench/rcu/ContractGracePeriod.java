package io.github.lrubench.rcu;

import static io.github.lrubench.rcu.RcuData.SEQ;

import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

/**
 * PREEMPT_CONTRACT's grace period: preemptible RCU as its API contract reads
 * (Documentation/RCU/whatisRCU.txt, v4.15), not as v4.15 detects grace periods. A grace period
 * snapshots every CPU's section sequence number ({@code SEQ}, odd while inside the outermost
 * rcu_read_lock(), kept by {@link RcuPreempt}) and waits for each odd one to change, and for
 * nothing else: ticks, IRQ-off regions and quiescent states are ignored, so this flavour registers
 * no hook and needs no clock.
 *
 * <p>Ordering: the kthread's side of the Dekker pairing with reader entry is the full fence after
 * the {@code gp_ctr} bump ({@link RcuEngine}); the {@code SEQ} loads here are acquires that pair
 * with the release store on section exit, so a section's reads happen-before the free.
 */
final class ContractGracePeriod {

    private final RcuData data;
    private final RcuConfig config;
    private final StallDump stalls;
    private final GpKthread kthread;
    private final BooleanSupplier aborted;

    /** @param aborted whether close() gave up on the grace periods */
    ContractGracePeriod(RcuData data, RcuConfig config, StallDump stalls, GpKthread kthread, BooleanSupplier aborted) {
        this.data = data;
        this.config = config;
        this.stalls = stalls;
        this.kthread = kthread;
        this.aborted = aborted;
    }

    /**
     * Waits, on the grace-period kthread, for every section open at the start of grace period
     * {@code target} to close; false if close() aborted it.
     */
    boolean await(long start, long target) {
        long[] snap = new long[data.nrCpus];
        for (int cpu = 0; cpu < data.nrCpus; cpu++) {
            snap[cpu] = data.getAcquire(cpu, SEQ);
        }
        IntPredicate done = config.mutation().apply(cpu -> (snap[cpu] & 1) == 0 || data.getAcquire(cpu, SEQ) != snap[cpu]);
        stalls.gpStarted(target, start, done);
        for (int cpu = 0; cpu < data.nrCpus; cpu++) {
            int spins = 0;
            while (!done.test(cpu)) {
                if (aborted.getAsBoolean()) {
                    return false;
                }
                if (spins < config.spinIterations()) {
                    spins++;
                    Thread.onSpinWait();
                    continue;
                }
                stalls.check();
                // Readers do not wake us (no fence on rcu_read_unlock()): poll.
                kthread.sleep(config.parkNanos());
            }
        }
        stalls.gpEnded();
        return true;
    }
}
