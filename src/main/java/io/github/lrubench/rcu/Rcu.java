package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Cpu;

/**
 * One RCU flavour as the rest of the model sees it: the calls of include/linux/rcupdate.h (v4.15).
 * The mm model frees inodes through this interface and knows nothing of how grace periods are
 * detected.
 */
public interface Rcu extends AutoCloseable {

    /** Which flavour of grace period this is, and how faithfully its detection is modelled. */
    enum Flavour {
        /**
         * RCU-sched (call_rcu_sched(), synchronize_sched()), v4.15's implementation: any region
         * with preemption or IRQs disabled is a read-side critical section; a grace period ends
         * once every CPU has reported a quiescent state where v4.15 reports one: a scheduler tick
         * in user mode, a context switch, idle (seen by a force-quiescent-state scan), or
         * cond_resched() once the grace period is older than jiffies_till_sched_qs.
         */
        SCHED,
        /**
         * Preemptible RCU (call_rcu() with CONFIG_PREEMPT_RCU=y), v4.15's implementation
         * (kernel/rcu/tree_plugin.h): a CPU reports a quiescent state at a scheduler tick taken
         * outside rcu_read_lock() (rcu_preempt_check_callbacks()), at the rcu_read_unlock() after
         * a tick found it inside one, at a context switch outside one, and when idle. A CPU with
         * IRQs off takes no tick, so it holds the grace period too, in practice: the API never
         * promised that.
         */
        PREEMPT,
        /**
         * Preemptible RCU as its API contract reads (Documentation/RCU/whatisRCU.txt, v4.15):
         * only rcu_read_lock() sections are waited for, nothing else, and a grace period ends as
         * soon as the sections open at its start have closed. IRQ-off regions are not waited for
         * (the contract that said they are came with the v4.20 flavour consolidation). Not how
         * v4.15 detects grace periods: the worst case the contract allows.
         */
        PREEMPT_CONTRACT;

        /** The grace period is detected from ticks, context switches and idle, as v4.15 does. */
        public boolean tickDriven() {
            return this != PREEMPT_CONTRACT;
        }

        /** rcu_read_lock() of this flavour is __rcu_read_lock() (not preempt_disable()). */
        public boolean preemptible() {
            return this != SCHED;
        }
    }

    Flavour flavour();

    /**
     * call_rcu() / call_rcu_sched(): queue {@code callback} to run after a full grace period
     * that starts after this call. Never sleeps; legal with IRQs off.
     *
     * @param deferredBytes memory the callback will free, counted as deferred until it runs
     */
    void callRcu(Cpu caller, Runnable callback, long deferredBytes);

    /** synchronize_sched() / synchronize_rcu(): waits for a grace period. Sleeps (might_sleep). */
    void synchronize(Cpu caller);

    /** rcu_barrier() / rcu_barrier_sched(): waits until every callback queued so far has run. */
    void rcuBarrier(Cpu caller);

    /** rcu_read_lock(): a preemptible-RCU reader (for SCHED: preempt_disable()). */
    void readLock(Cpu cpu);

    /** rcu_read_unlock(). */
    void readUnlock(Cpu cpu);

    /** A snapshot of the engine's statistics. */
    RcuStats stats();

    /**
     * Restarts the statistics (for per-iteration measurement): counters go to 0, peaks restart
     * from the current backlog and deferred bytes. Correctness counters are kept.
     */
    default void resetStats() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no resettable statistics");
    }

    /**
     * Callbacks that ran before a CPU that was a reader when they were queued had passed a quiescent
     * state, as seen by the engine's own oracle. A correct engine keeps it at 0; the model's
     * invariant checker asserts that.
     */
    default long earlyCallbacks() {
        return stats().earlyCallbacks();
    }

    /** Stops the grace-period thread after running every queued callback. */
    @Override
    void close();
}
