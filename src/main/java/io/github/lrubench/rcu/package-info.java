/**
 * The RCU grace-period engine (kernel/rcu/tree.c, v4.15): {@code call_rcu_sched()},
 * {@code synchronize_sched()}, {@code rcu_barrier_sched()} and their preemptible-RCU counterparts,
 * with a grace-period thread that runs queued callbacks in batches.
 *
 * <p>{@link io.github.lrubench.rcu.Rcu} is what the mm model sees;
 * {@link io.github.lrubench.rcu.RcuEngine} implements both flavours:
 * <ul>
 *   <li>{@code SCHED}: quiescent-state-based (liburcu urcu-qsbr, HotSpot GlobalCounter). CPUs
 *       report quiescent states from {@code cond_resched()}, context switches and idle through
 *       {@link io.github.lrubench.kernel.QuiescentStateHook}; IRQ-off sections cost nothing, and a
 *       grace period lasts as long as the longest one.</li>
 *   <li>{@code PREEMPT}: only {@code rcu_read_lock()} sections hold a grace period; IRQ-off
 *       sections do not, which is why the 2018 race is real on a CONFIG_PREEMPT kernel.</li>
 * </ul>
 * The memory-ordering argument is written in {@link io.github.lrubench.rcu.RcuEngine} next to each
 * fence. A built-in oracle, independent of the wait logic, counts callbacks that ran early
 * ({@link io.github.lrubench.rcu.RcuStats#earlyCallbacks()}); {@link io.github.lrubench.rcu.RcuConfig.Mutation}
 * breaks the engine on purpose so tests can show the oracles work.
 *
 * <p>Depends only on the kernel package and HdrHistogram; knows nothing of mm, JMH or results.
 */
package io.github.lrubench.rcu;
