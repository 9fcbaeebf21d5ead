package io.github.lrubench.rcu;

import static io.github.lrubench.rcu.RcuData.NEST;
import static io.github.lrubench.rcu.RcuData.ORACLE;
import static io.github.lrubench.rcu.RcuData.QS_AT_UNLOCK;
import static io.github.lrubench.rcu.RcuData.QS_NEEDED;
import static io.github.lrubench.rcu.RcuData.QS_PASSED;
import static io.github.lrubench.rcu.RcuData.QS_STATE;
import static io.github.lrubench.rcu.RcuData.SEQ;

import io.github.lrubench.kernel.Cpu;
import java.lang.invoke.VarHandle;

/**
 * Preemptible RCU's read side, kernel/rcu/tree_plugin.h (v4.15), for PREEMPT and PREEMPT_CONTRACT
 * alike: rcu_read_lock() sections, which nest ({@code NEST}). Each CPU also keeps a section sequence
 * number ({@code SEQ}), odd while inside the outermost section, which is all PREEMPT_CONTRACT's
 * grace period waits for ({@link ContractGracePeriod}).
 *
 * <p>Quiescent states noted here (rcu_preempt_qs()), for PREEMPT: a tick outside rcu_read_lock(),
 * the outermost rcu_read_unlock() after a tick found the CPU inside one (need_qs), and a context
 * switch outside one. A CPU with IRQs off takes no tick, so it holds the grace period too, in
 * practice. PREEMPT_CONTRACT takes no ticks or context switches at all: its engine registers no
 * hook.
 *
 * <p>Reader entry is the Dekker pattern (store "I am inside", then read shared data; the updater
 * unpublishes, then the contract kthread reads "inside?"), so entry is a volatile store plus a full
 * fence: release/acquire would allow both sides to miss each other. Exit only has to publish the
 * section's accesses, so it is a release store.
 *
 * <p>Oracle: {@code ORACLE} is (sections entered &lt;&lt; 1) | inside; a CPU inside a section is a
 * reader, and it has moved on once it left that section.
 */
final class RcuPreempt implements ReaderProtocol {

    private final RcuData data;

    RcuPreempt(RcuData data) {
        this.data = data;
    }

    /** __rcu_read_lock() (kernel/rcu/tree_plugin.h, v4.15). */
    @Override
    public void readLock(Cpu cpu) {
        int id = cpu.id();
        long nest = data.get(id, NEST);
        data.set(id, NEST, nest + 1);
        if (nest == 0) {
            data.setVolatile(id, SEQ, data.get(id, SEQ) + 1); // odd: inside
            // Dekker (SB): "inside" must be visible before this section reads shared data, or the
            // contract engine's kthread could see us outside while we read the pointer it is about
            // to free. (PREEMPT needs no fence here: its kthread never reads SEQ, and a tick taken
            // inside sees NEST on this same CPU.)
            VarHandle.fullFence();
            data.setRelease(id, ORACLE, (((data.get(id, ORACLE) >>> 1) + 1) << 1) | 1);
        }
    }

    /**
     * __rcu_read_unlock() (kernel/rcu/tree_plugin.h, v4.15), and rcu_read_unlock_special() ->
     * rcu_preempt_qs() when a tick set need_qs.
     */
    @Override
    public void readUnlock(Cpu cpu) {
        int id = cpu.id();
        long nest = data.get(id, NEST);
        if (nest <= 0) {
            throw new IllegalStateException("BUG: rcu_read_unlock() without rcu_read_lock() on " + cpu);
        }
        data.set(id, NEST, nest - 1);
        if (nest == 1) {
            data.setOpaque(id, ORACLE, data.get(id, ORACLE) & ~1L);
            // Release suffices on exit (message passing, not Dekker): the section's reads
            // happen-before the contract kthread's acquire load that sees the even value.
            data.setRelease(id, SEQ, data.get(id, SEQ) + 1);
            long st = data.get(id, QS_STATE);
            if ((st & QS_AT_UNLOCK) != 0) {
                data.set(id, QS_STATE, noteQs(st));
            }
        }
    }

    /**
     * rcu_preempt_check_callbacks() (kernel/rcu/tree_plugin.h, v4.15), preemptible RCU's part of
     * rcu_check_callbacks(): rcu_preempt_qs() outside rcu_read_lock(), need_qs inside, in user
     * and kernel mode alike.
     */
    @Override
    public long checkCallbacks(int cpu, boolean user, long qsState) {
        if (data.get(cpu, NEST) == 0) {
            return noteQs(qsState);
        }
        if ((qsState & (QS_NEEDED | QS_PASSED)) == QS_NEEDED) {
            return qsState | QS_AT_UNLOCK;
        }
        return qsState;
    }

    /** rcu_preempt_note_context_switch() (kernel/rcu/tree_plugin.h, v4.15). */
    @Override
    public long noteContextSwitch(int cpu, long qsState) {
        if (data.get(cpu, NEST) != 0) {
            // A task preempted inside rcu_read_lock() goes on ->blkd_tasks and holds the grace
            // period until its rcu_read_unlock(); the model's tasks never switch inside a section.
            return qsState;
        }
        return noteQs(qsState);
    }

    /**
     * rcu_preempt_qs() (kernel/rcu/tree_plugin.h, v4.15): clears {@code cpu_no_qs} and need_qs if
     * the noticed grace period needs this CPU; nothing is reported yet.
     */
    private static long noteQs(long st) {
        return (st & QS_NEEDED) != 0 ? (st | QS_PASSED) & ~QS_AT_UNLOCK : st;
    }

    /**
     * might_sleep() of synchronize_rcu() / rcu_barrier() (kernel/rcu/tree_plugin.h, v4.15), then
     * synchronize_rcu()'s RCU_LOCKDEP_WARN(lock_is_held(&amp;rcu_lock_map)), for both calls here:
     * rcu_read_lock() does not disable preemption, so might_sleep() does not see the section.
     */
    @Override
    public void mightSleep(Cpu caller, boolean barrier) {
        caller.mightSleep(barrier ? "rcu_barrier()" : "synchronize_rcu()");
        if (data.get(caller.id(), NEST) != 0) {
            throw new IllegalStateException("Illegal synchronize_rcu() in RCU read-side critical section on "
                    + caller);
        }
    }

    @Override
    public void oracleSnapshot(int cpu, long word, long[] snap) {
        snap[2 * cpu] = (word & 1) != 0 ? word : -1;
    }

    /** That section was left. */
    @Override
    public boolean oracleMovedOn(int cpu, long word, long[] snap) {
        return word != snap[2 * cpu];
    }
}
