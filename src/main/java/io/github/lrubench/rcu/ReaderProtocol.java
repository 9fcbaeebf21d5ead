package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Cpu;

/**
 * The read side of one RCU flavour: what its read-side critical sections are, where its CPUs note
 * quiescent states, and what the built-in oracle counts as a reader of it. v4.15 splits RCU the
 * same way: the grace-period core and RCU-sched's read side in kernel/rcu/tree.c ({@link RcuSched}),
 * preemptible RCU's read side in kernel/rcu/tree_plugin.h ({@link RcuPreempt}). The core,
 * {@link RcuEngine}, notices grace periods, reports and waits; a protocol only notes.
 *
 * <p>The reader methods run on the CPU's owner thread and keep to that CPU's words in
 * {@link RcuData}. A quiescent state is noted in the CPU's {@code QS_STATE} word, which the core
 * passes in and stores back, so it is reported at the CPU's next tick.
 */
sealed interface ReaderProtocol permits RcuSched, RcuPreempt {

    /** The read side of {@code flavour}: PREEMPT_CONTRACT's readers are PREEMPT's, only its grace period differs. */
    static ReaderProtocol of(Rcu.Flavour flavour, RcuData data, Cpu[] cpus) {
        return switch (flavour) {
            case SCHED -> new RcuSched(data, cpus);
            case PREEMPT, PREEMPT_CONTRACT -> new RcuPreempt(data);
        };
    }

    /** rcu_read_lock() of this flavour. */
    void readLock(Cpu cpu);

    /** rcu_read_unlock() of this flavour. */
    void readUnlock(Cpu cpu);

    /**
     * The flavour's part of a scheduler tick: rcu_check_callbacks(user) up to the RCU_SOFTIRQ.
     * Returns {@code qsState} with the quiescent state this tick is, if any, noted.
     */
    long checkCallbacks(int cpu, boolean user, long qsState);

    /** The flavour's part of rcu_note_context_switch(): returns {@code qsState} after it. */
    long noteContextSwitch(int cpu, long qsState);

    /**
     * What synchronize() ({@code barrier} false) or rcuBarrier() checks before it sleeps:
     * might_sleep(), naming this flavour's call, and whether the caller is inside a read-side
     * section of this flavour. Throws if it may not sleep.
     */
    void mightSleep(Cpu caller, boolean barrier);

    /**
     * Oracle, at callRcu(): records whether {@code cpu} is a reader now in {@code snap[2 * cpu]}
     * (-1: it is not) and {@code snap[2 * cpu + 1]}, given its oracle word ({@code ORACLE}, read
     * with acquire by the caller).
     */
    void oracleSnapshot(int cpu, long word, long[] snap);

    /**
     * Oracle, before the callback runs: whether the reader recorded in {@code snap} has passed a
     * quiescent state since, given its oracle word now.
     */
    boolean oracleMovedOn(int cpu, long word, long[] snap);
}
