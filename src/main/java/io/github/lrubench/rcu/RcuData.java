package io.github.lrubench.rcu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One flavour's RCU words, in one padded {@code long[]}: a leading block with the {@code rcu_state}
 * words ({@link #GP_CTR}, {@link #GP_WAITING}), then one block per CPU, the model's
 * {@code struct rcu_data} (kernel/rcu/tree.h, v4.15) plus the reader's nesting, then trailing
 * padding. Each accessor names its memory order; why that order suffices is written at the call.
 *
 * <p>Ownership: a CPU's block is written by that CPU's owner thread only (plain accesses), except
 * where the call says otherwise; the leading block by the grace-period kthread, and
 * {@link #GP_WAITING} is read by every reporter.
 */
final class RcuData {

    private static final VarHandle PCPU = MethodHandles.arrayElementVarHandle(long[].class);

    /** 16 longs = 128 bytes per CPU: two cache lines, against false sharing and adjacent-line prefetch. */
    private static final int STRIDE = 16;

    /** The "CPU" whose block holds the global words: the leading padding block. */
    static final int GLOBAL = -1;
    /** GLOBAL: {@code gp_ctr} ({@code rsp->gpnum}), the grace period started last. Kthread writes. */
    static final int GP_CTR = 0;
    /** GLOBAL: {@code rsp->completed}, the grace period ended last. Kthread writes, under the root lock. */
    static final int COMPLETED = 1;
    /** GLOBAL, on its own line: the kthread waits for reports and wants a wake-up. */
    static final int GP_WAITING = 8;

    /** The last grace period this CPU reported (rcu_report_qs_rdp()); the kthread reads it. */
    static final int REPORTED = 0;
    /** The oracle's word, written by the reader side ({@link ReaderProtocol}), read by {@link RcuOracle}. */
    static final int ORACLE = 1;
    /** t->rcu_read_lock_nesting (preemptible RCU). Owner only. */
    static final int NEST = 2;
    /** Section sequence number, odd while inside the outermost rcu_read_lock() (preemptible RCU). */
    static final int SEQ = 3;
    /** rdp->gpnum: the grace period this CPU last noticed. Owner only. */
    static final int NOTICED = 4;
    /** QS_* flags for NOTICED. Owner only. */
    static final int QS_STATE = 5;
    /** rdp->completed: the last grace-period end this CPU noticed (note_gp_changes()). Owner only. */
    static final int COMPLETED_SEEN = 6;

    /** core_needs_qs && cpu_no_qs at notice: the noticed grace period needs this CPU's report. */
    static final long QS_NEEDED = 1;
    /** !cpu_no_qs.b.norm: a quiescent state passed since the notice. */
    static final long QS_PASSED = 2;
    /** t->rcu_read_unlock_special.b.need_qs: a tick found this CPU inside rcu_read_lock() (preemptible RCU). */
    static final long QS_AT_UNLOCK = 4;

    final int nrCpus;
    /** The global block, one block per CPU, trailing padding; all 0: no grace period yet, all reported. */
    private final long[] words;

    RcuData(int nrCpus) {
        this.nrCpus = nrCpus;
        this.words = new long[(nrCpus + 2) * STRIDE];
    }

    private static int at(int cpu, int slot) {
        return (cpu + 1) * STRIDE + slot;
    }

    /** Plain read: the owner's own word, or one only the calling thread writes. */
    long get(int cpu, int slot) {
        return (long) PCPU.get(words, at(cpu, slot));
    }

    /** Plain write: a word no other thread reads. */
    void set(int cpu, int slot, long value) {
        PCPU.set(words, at(cpu, slot), value);
    }

    long getAcquire(int cpu, int slot) {
        return (long) PCPU.getAcquire(words, at(cpu, slot));
    }

    long getVolatile(int cpu, int slot) {
        return (long) PCPU.getVolatile(words, at(cpu, slot));
    }

    void setRelease(int cpu, int slot, long value) {
        PCPU.setRelease(words, at(cpu, slot), value);
    }

    void setOpaque(int cpu, int slot, long value) {
        PCPU.setOpaque(words, at(cpu, slot), value);
    }

    void setVolatile(int cpu, int slot, long value) {
        PCPU.setVolatile(words, at(cpu, slot), value);
    }
}
