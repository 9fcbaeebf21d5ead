package io.github.lrubench.kernel;

/**
 * What the scheduler and the timer tell RCU, per flavour: the Java counterpart of the calls from
 * the scheduler tick ({@code rcu_check_callbacks()}, kernel/rcu/tree.c, v4.15, from
 * update_process_times()) and from {@code __schedule()} ({@code rcu_note_context_switch()}).
 * Implemented by the RCU engines; the kernel layer only knows this interface, as the scheduler only
 * knows the RCU hooks.
 *
 * <p>Idle ({@code rcu_idle_enter()}/{@code rcu_idle_exit()}) and {@code rcu_all_qs()} need no hook:
 * they change the per-CPU {@code rcu_dynticks} state kept on {@link Cpu}, which the grace-period
 * kthreads read in their force-quiescent-state scans, as in the kernel.
 *
 * <p>Both methods run on the CPU's owner thread.
 */
public interface QuiescentStateHook {

    /**
     * rcu_check_callbacks(user) and the RCU_SOFTIRQ it raises (rcu_process_callbacks() ->
     * rcu_check_quiescent_state()): a scheduler tick taken by {@code cpu}, with IRQs on.
     *
     * @param user the tick interrupted user mode (the kernel's {@code user_mode(regs)})
     */
    void tick(Cpu cpu, boolean user);

    /** rcu_note_context_switch(): {@code cpu} switches tasks (the flavour's rcu_*_qs() part). */
    void contextSwitch(Cpu cpu);
}
