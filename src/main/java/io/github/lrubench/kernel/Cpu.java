package io.github.lrubench.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One simulated CPU: the per-CPU state that the kernel keeps in {@code struct thread_info},
 * {@code preempt_count} and the IRQ flag of the CPU, owned by exactly one Java thread at a time.
 *
 * <p>The owning thread mutates {@code irqsOff} and {@code preemptCount}; other threads only read
 * them (stall warnings, tests), so the owner writes them with opaque stores (the Java spelling of
 * WRITE_ONCE: a plain {@code mov} on x86, but never torn or hoisted out of a loop) and readers use
 * opaque loads. They carry no happens-before edge and need none: nothing is published through them.
 *
 * <p>The record is padded on both sides (JMH's and JCTools' trick: 128 bytes of longs, two cache
 * lines against the adjacent-line prefetcher) so two CPUs never share a line with each other or
 * with the RCU engine's counters.
 */
public final class Cpu extends CpuFields {

    private static final VarHandle IRQS_OFF;
    private static final VarHandle PREEMPT_COUNT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            IRQS_OFF = l.findVarHandle(CpuHot.class, "irqsOff", int.class);
            PREEMPT_COUNT = l.findVarHandle(CpuHot.class, "preemptCount", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Cpu(int id) {
        super(id);
    }

    /** smp_processor_id(). */
    public int id() {
        return id;
    }

    /** Attaches the RCU engine that receives quiescent states (done once, before threads start). */
    public void setQuiescentStateHook(QuiescentStateHook hook) {
        this.qsHook = hook;
    }

    // ---- IRQ state: arch_local_irq_save()/restore(), include/linux/irqflags.h (v4.15) ----

    /** irqs_disabled(). */
    public boolean irqsDisabled() {
        return (int) IRQS_OFF.getOpaque(this) != 0;
    }

    /**
     * local_irq_save(): disables IRQs, returns the previous state to hand back to
     * {@link #localIrqRestore(int)}. Nesting works as in the kernel because the flags carry the
     * previous depth.
     */
    public int localIrqSave() {
        int flags = irqsOff;
        IRQS_OFF.setOpaque(this, flags + 1);
        return flags;
    }

    /** local_irq_restore(flags). */
    public void localIrqRestore(int flags) {
        IRQS_OFF.setOpaque(this, flags);
    }

    // ---- preemption: preempt_disable()/preempt_enable(), include/linux/preempt.h (v4.15) ----

    public void preemptDisable() {
        PREEMPT_COUNT.setOpaque(this, preemptCount + 1);
    }

    public void preemptEnable() {
        int c = preemptCount - 1;
        if (c < 0) {
            throw new IllegalStateException("BUG: preempt count underflow on CPU " + id);
        }
        PREEMPT_COUNT.setOpaque(this, c);
    }

    /** in_atomic() || irqs_disabled(): the contexts in which sleeping is a bug. */
    public boolean inAtomicContext() {
        return irqsOff != 0 || preemptCount != 0;
    }

    /**
     * might_sleep() / ___might_sleep(), kernel/sched/core.c (v4.15): a sleeping function called
     * with IRQs or preemption disabled is a bug; in the kernel it splats, here it throws.
     *
     * @param where the sleeping function, named in the message as the kernel names the call site
     */
    public void mightSleep(String where) {
        if (irqsOff != 0 || preemptCount != 0) {
            throw new SleepInAtomicError("BUG: sleeping function called from invalid context at "
                    + where + " (cpu " + id + ", irqs_disabled(): " + (irqsOff != 0 ? 1 : 0)
                    + ", preempt_count: " + preemptCount + ")");
        }
    }

    /**
     * cond_resched() with CONFIG_PREEMPT=n, kernel/sched/core.c (v4.15): a voluntary preemption
     * point, and therefore an RCU-sched quiescent state ({@code rcu_all_qs()}). It may sleep.
     */
    public void condResched() {
        mightSleep("cond_resched()");
        qsHook.quiescentState(this);
    }

    /**
     * A context switch or a return to user space (between two system calls of a task):
     * {@code rcu_note_context_switch()}. Same effect on RCU as {@link #condResched()}.
     */
    public void noteContextSwitch() {
        mightSleep("__schedule()");
        qsHook.quiescentState(this);
    }

    /** rcu_idle_enter(): this CPU goes idle; grace periods stop waiting for it. */
    public void idleEnter() {
        mightSleep("do_idle()");
        qsHook.cpuOffline(this);
    }

    /** rcu_idle_exit(): this CPU leaves idle and becomes an RCU-sched reader again. */
    public void idleExit() {
        qsHook.cpuOnline(this);
    }

    @Override
    public String toString() {
        return "CPU" + id;
    }
}

/** Leading padding: keeps the hot fields away from whatever object precedes this one. */
abstract class CpuPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The hot per-CPU fields. */
abstract class CpuHot extends CpuPadBefore {
    final int id;
    /** Depth of local_irq_save(); non-zero means IRQs are disabled. Written by the owner only. */
    int irqsOff;
    /** preempt_count(). Written by the owner only. */
    int preemptCount;
    QuiescentStateHook qsHook = QuiescentStateHook.NONE;

    CpuHot(int id) {
        this.id = id;
    }
}

/** Trailing padding. */
abstract class CpuFields extends CpuHot {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    CpuFields(int id) {
        super(id);
    }
}
