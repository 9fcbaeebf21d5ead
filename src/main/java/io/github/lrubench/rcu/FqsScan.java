package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Cpu;
import java.util.function.IntPredicate;

/**
 * One grace period's force-quiescent-state scans, rcu_gp_fqs() (kernel/rcu/tree.c, v4.15): how the
 * grace-period kthread finds quiescent the CPUs that report nothing themselves. The first scan
 * (dyntick_save_progress_counter()) finds idle CPUs quiescent and snapshots every CPU's
 * {@code dynticks}; a later one (rcu_implicit_dynticks_qs()) finds quiescent a CPU whose
 * {@code dynticks} moved since (idle in between, or a momentary idle from rcu_all_qs()). A CPU
 * still holding the grace period once it is older than {@code jiffies_till_sched_qs} gets
 * {@code rcu_urgent_qs}, which its next cond_resched() (CONFIG_PREEMPT=n) or context switch
 * answers with a momentary idle, seen by the next scan. One still holding it once the grace period
 * is more than halfway to the stall warning gets resched_cpu(): need_resched, which its next
 * cond_resched() (CONFIG_PREEMPT=n), preemption point (CONFIG_PREEMPT=y) or return to user space
 * answers with a context switch.
 *
 * <p>That is all v4.15 does to make a CPU schedule for RCU. Its scheduler tick does not turn
 * {@code rcu_urgent_qs} into need_resched: rcu_check_callbacks() only notes user-mode and idle
 * ticks. The urgent-tick {@code set_tsk_need_resched(current)} is a later kernel's (its
 * rcu_check_callbacks() reads {@code rcu_data.rcu_urgent_qs}, after the v4.20 flavour
 * consolidation), not modelled.
 *
 * <p>Kthread only, one instance per grace period. {@code dynticks} is read with acquire
 * ({@link Cpu#dynticksSnap()}), so a CPU's accesses before it happen-before the callbacks run.
 */
final class FqsScan {

    private final Cpu[] cpus;
    /** rsp->gp_start, in jiffies. */
    private final long gpStart;
    /** jiffies_till_sched_qs. */
    private final long schedQs;
    /** rcu_jiffies_till_stall_check() / 2. */
    private final long reschedJiffies;
    /** Found quiescent by a scan ("dti" in the kernel's trace). */
    private final boolean[] quiescent;
    /** rdp->dynticks_snap: each CPU's dynticks at the first scan. */
    private final long[] dynticksSnap;
    private boolean firstScan = true;

    FqsScan(Cpu[] cpus, long gpStart, long schedQs, long reschedJiffies) {
        this.cpus = cpus;
        this.gpStart = gpStart;
        this.schedQs = schedQs;
        this.reschedJiffies = reschedJiffies;
        this.quiescent = new boolean[cpus.length];
        this.dynticksSnap = new long[cpus.length];
    }

    /** Whether a scan of this grace period found {@code cpu} quiescent. */
    boolean quiescent(int cpu) {
        return quiescent[cpu];
    }

    /** rcu_gp_fqs() (kernel/rcu/tree.c, v4.15) at jiffy {@code j}: scans each CPU {@code done} says the grace period still waits for. */
    void scan(long j, IntPredicate done) {
        for (int cpu = 0; cpu < cpus.length; cpu++) {
            if (done.test(cpu)) {
                continue;
            }
            long d = cpus[cpu].dynticksSnap(); // acquire: the CPU's accesses before it
            if (firstScan) {
                // dyntick_save_progress_counter(): idle now is a quiescent state ("dti").
                dynticksSnap[cpu] = d;
                quiescent[cpu] = (d & 1) == 0;
            } else if (d != dynticksSnap[cpu]) {
                // rcu_implicit_dynticks_qs(): idle since the snapshot, or a momentary
                // idle from rcu_all_qs()/rcu_note_context_switch() ("dti").
                quiescent[cpu] = true;
            } else {
                if (j - (gpStart + schedQs) > 0) {
                    // time_after(jiffies, gp_start + jiffies_till_sched_qs): recruit the CPU's
                    // cond_resched() (rcu_urgent_qs, with rcu_need_heavy_qs).
                    cpus[cpu].setRcuUrgentQs();
                }
                if (j - gpStart > reschedJiffies) {
                    // "If more than halfway to RCU CPU stall-warning time, do a resched_cpu() to
                    // try to loosen things up a bit."
                    cpus[cpu].reschedCpu();
                }
            }
        }
        firstScan = false;
    }
}
