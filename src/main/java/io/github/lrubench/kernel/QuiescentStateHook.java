package io.github.lrubench.kernel;

/**
 * Where the scheduler tells RCU that a CPU passed a quiescent state: the Java counterpart of the
 * {@code rcu_all_qs()} / {@code rcu_note_context_switch()} calls made from {@code cond_resched()}
 * and {@code __schedule()} (kernel/sched/core.c, v4.15). Implemented by the RCU-sched engine; the
 * kernel layer only knows this interface, as the scheduler only knows the RCU hooks.
 */
public interface QuiescentStateHook {

    /** The CPU passed a quiescent state: it holds no RCU-sched read-side reference any more. */
    void quiescentState(Cpu cpu);

    /** rcu_idle_enter(): the CPU goes idle (extended quiescent state); grace periods ignore it. */
    void cpuOffline(Cpu cpu);

    /** rcu_idle_exit(): the CPU runs kernel code again and is an RCU-sched reader from now on. */
    void cpuOnline(Cpu cpu);

    /** Used until an RCU engine is attached: no grace period ever waits, nothing to report. */
    QuiescentStateHook NONE = new QuiescentStateHook() {
        @Override public void quiescentState(Cpu cpu) { }
        @Override public void cpuOffline(Cpu cpu) { }
        @Override public void cpuOnline(Cpu cpu) { }
    };
}
