/**
 * The RCU grace-period engine (kernel/rcu/tree.c, v4.15): {@code call_rcu_sched()},
 * {@code synchronize_sched()}, {@code rcu_barrier_sched()} and their preemptible-RCU counterparts,
 * with a grace-period kthread, and callbacks queued per CPU and run in batches by that CPU's
 * RCU_SOFTIRQ.
 *
 * <p>{@link io.github.lrubench.rcu.Rcu} is what the mm model sees;
 * {@link io.github.lrubench.rcu.RcuEngine} implements the three flavours:
 * <ul>
 *   <li>{@code SCHED}: quiescent-state-based (liburcu urcu-qsbr, HotSpot GlobalCounter), with
 *       v4.15's reporting points: a tick in user mode, a context switch, idle (seen by the
 *       kthread's force-quiescent-state scans), and cond_resched() only once the grace period is
 *       older than {@code jiffies_till_sched_qs}. Ticks come from the kernel's
 *       {@link io.github.lrubench.kernel.KernelClock} and reach the engine through
 *       {@link io.github.lrubench.kernel.QuiescentStateHook}; IRQ-off sections cost nothing and
 *       take no tick, and a grace period lasts jiffies.</li>
 *   <li>{@code PREEMPT}: v4.15's preemptible RCU: ticks outside rcu_read_lock(), context switches
 *       and idle report; IRQ-off sections take no tick, so they hold grace periods in practice.</li>
 *   <li>{@code PREEMPT_CONTRACT}: preemptible RCU by its API contract only: rcu_read_lock()
 *       sections and nothing else are waited for, which is why the 2018 race is open there.</li>
 * </ul>
 *
 * <p>The classes follow v4.15's split of kernel/rcu:
 * <ul>
 *   <li>tree.c, the grace-period core: {@code RcuEngine} (rcu_gp_kthread(), rcu_gp_init(),
 *       rcu_gp_fqs_loop(), note_gp_changes(), rcu_report_qs_rdp(), __call_rcu()) on the per-CPU
 *       words of {@code RcuData} (rcu_state, rcu_data), with {@code FqsScan} (rcu_gp_fqs()),
 *       {@code StallDump} (check_cpu_stall(), print_cpu_stall()), {@code CallbackList} (one CPU's
 *       rdp->cblist, blimit and rcu_do_batch()), {@code IdleTicks} (the ticks an idle CPU with
 *       callbacks keeps, rcu_needs_cpu()) and {@code GpKthread} (where the kthread runs and
 *       sleeps: its own thread, and for each run a simulated CPU, kernel.Kthread).</li>
 *   <li>The read side, one type per flavour behind {@code ReaderProtocol}: {@code RcuSched}
 *       (tree.c: rcu_sched_qs(), preempt_disable() sections) and {@code RcuPreempt}
 *       (tree_plugin.h: __rcu_read_lock(), __rcu_read_unlock(), rcu_preempt_check_callbacks()).
 *       {@code ContractGracePeriod} is PREEMPT_CONTRACT's grace period, the API contract rather
 *       than any kernel file.</li>
 *   <li>update.c: {@code GpWaiter} (__wait_rcu_gp(), wakeme_after_rcu()).</li>
 *   <li>The model's own: {@code RcuOracle}, {@code RcuCounters} with {@link io.github.lrubench.rcu.RcuStats}
 *       their snapshot, and {@link io.github.lrubench.rcu.RcuConfig}.</li>
 * </ul>
 * The memory-ordering argument is written in {@link io.github.lrubench.rcu.RcuEngine}'s class
 * comment and next to each fence. A built-in oracle ({@code RcuOracle}), independent of the wait
 * logic, counts callbacks that ran early ({@link io.github.lrubench.rcu.RcuStats#earlyCallbacks()});
 * {@link io.github.lrubench.rcu.RcuConfig.Mutation} is the seam through which tests break the
 * engine on purpose to show the oracles work.
 *
 * <p>Depends only on the kernel package and HdrHistogram; knows nothing of mm, JMH or results.
 */
package io.github.lrubench.rcu;
