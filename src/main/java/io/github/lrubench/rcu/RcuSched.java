package io.github.lrubench.rcu;

import static io.github.lrubench.rcu.RcuData.ORACLE;
import static io.github.lrubench.rcu.RcuData.QS_NEEDED;
import static io.github.lrubench.rcu.RcuData.QS_PASSED;

import io.github.lrubench.kernel.Cpu;

/**
 * RCU-sched's read side, kernel/rcu/tree.c (v4.15): quiescent-state based, the shape of liburcu's
 * urcu-qsbr and HotSpot's GlobalCounter. A read-side critical section is any region with
 * preemption or IRQs off and touches no RCU state at all, which is why the isolation path pays
 * nothing per page, as in the kernel.
 *
 * <p>Quiescent states noted here (rcu_sched_qs()): a tick in user mode and a context switch. A
 * kernel-mode tick is none, and no tick at all is taken while IRQs are off (the CPU holds it
 * pending, {@link Cpu#localIrqRestore}). Idle and the momentary idle of cond_resched() once the
 * grace period is old change the CPU's {@code dynticks}, which the kthread's scans read
 * ({@link FqsScan}); they need nothing here.
 *
 * <p>Oracle: a CPU RCU watches (odd {@code dynticks}) is a reader; it has moved on once it noted a
 * quiescent state ({@code ORACLE} counts them) or its {@code dynticks} changed.
 */
final class RcuSched implements ReaderProtocol {

    private final RcuData data;
    private final Cpu[] cpus;

    RcuSched(RcuData data, Cpu[] cpus) {
        this.data = data;
        this.cpus = cpus;
    }

    /** rcu_read_lock_sched() -> preempt_disable() (include/linux/rcupdate.h, v4.15). */
    @Override
    public void readLock(Cpu cpu) {
        cpu.preemptDisable();
    }

    /** rcu_read_unlock_sched() -> preempt_enable() (include/linux/rcupdate.h, v4.15). */
    @Override
    public void readUnlock(Cpu cpu) {
        cpu.preemptEnable();
    }

    /**
     * rcu_check_callbacks(user) (kernel/rcu/tree.c, v4.15), RCU-sched's part: rcu_sched_qs() only
     * if {@code user} (rcu_is_cpu_rrupt_from_idle() cannot hold: an idle CPU takes no ticks here).
     */
    @Override
    public long checkCallbacks(int cpu, boolean user, long qsState) {
        return user ? noteQs(cpu, qsState) : qsState;
    }

    /** rcu_note_context_switch() -> rcu_sched_qs() (kernel/rcu/tree.c, v4.15). */
    @Override
    public long noteContextSwitch(int cpu, long qsState) {
        return noteQs(cpu, qsState);
    }

    /**
     * rcu_sched_qs() (kernel/rcu/tree.c, v4.15): clears {@code cpu_no_qs} if the noticed grace
     * period needs this CPU; nothing is reported yet. Counts a quiescent-state event for the
     * oracle either way.
     */
    private long noteQs(int cpu, long st) {
        // Oracle: released before any report of this CPU that could follow.
        data.setRelease(cpu, ORACLE, data.get(cpu, ORACLE) + 1);
        return (st & QS_NEEDED) != 0 ? st | QS_PASSED : st;
    }

    /**
     * might_sleep() of synchronize_sched() / rcu_barrier_sched() (kernel/rcu/tree.c, v4.15): a
     * read-side section has preemption or IRQs off, so might_sleep() alone catches a call in one.
     */
    @Override
    public void mightSleep(Cpu caller, boolean barrier) {
        caller.mightSleep(barrier ? "rcu_barrier_sched()" : "synchronize_sched()");
    }

    @Override
    public void oracleSnapshot(int cpu, long word, long[] snap) {
        long d = cpus[cpu].dynticksSnap();
        boolean reader = (d & 1) != 0;
        snap[2 * cpu] = reader ? word : -1;
        snap[2 * cpu + 1] = d;
    }

    /** A quiescent state noted, or idle (or a momentary idle) since. */
    @Override
    public boolean oracleMovedOn(int cpu, long word, long[] snap) {
        return word > snap[2 * cpu] || cpus[cpu].dynticksSnap() != snap[2 * cpu + 1];
    }
}
