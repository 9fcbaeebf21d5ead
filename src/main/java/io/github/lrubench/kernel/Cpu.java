package io.github.lrubench.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One simulated CPU: the per-CPU state that the kernel keeps in {@code struct thread_info},
 * {@code preempt_count}, the IRQ flag, the pending timer interrupt and {@code rcu_dynticks}, owned
 * by exactly one Java thread at a time.
 *
 * <p>The owning thread mutates {@code irqsOff} and {@code preemptCount}; other threads only read
 * them (stall warnings, tests), so the owner writes them with opaque stores (the Java spelling of
 * WRITE_ONCE: a plain {@code mov} on x86, but never torn or hoisted out of a loop) and readers use
 * opaque loads. They carry no happens-before edge and need none: nothing is published through them.
 *
 * <p>{@code pending} is the one word other threads write: the timer raises {@link #TIMER} (a
 * pending interrupt), a grace-period kthread raises {@link #URGENT} ({@code rcu_urgent_qs}) and
 * {@link #NEED_RESCHED} ({@code resched_cpu()}: TIF_NEED_RESCHED and the reschedule IPI); the
 * owner adds {@link #USER} and {@link #IDLE}. Writers use atomic OR/AND, so no bit is lost. The
 * owner's hot paths (every {@code local_irq_restore()} with IRQs back on, every
 * {@code cond_resched()}) read it with one opaque load of this CPU's own line and branch away only
 * when something is pending, which is the kernel's cost of {@code rcu_all_qs()} (one load of
 * {@code rcu_urgent_qs}) and of a pending interrupt (none: the hardware checks it). A stale read
 * only delays the reaction to the next instrumented point; it never reports a quiescent state,
 * which happens only on a quiescent-state event of this CPU (see {@code rcu.RcuEngine}).
 *
 * <p>{@code dynticks} is {@code rcu_dynticks.dynticks}: odd while RCU watches this CPU, even while
 * it is idle (an extended quiescent state), incremented by two for a momentary idle. Written only
 * by the owner with a volatile store and a full fence ({@code atomic_add_return()} is fully
 * ordered); the grace-period kthreads read it with acquire in their force-quiescent-state scans.
 *
 * <p>The record is padded on both sides (JMH's and JCTools' trick: 128 bytes of longs, two cache
 * lines against the adjacent-line prefetcher) so two CPUs never share a line with each other or
 * with the RCU engine's counters.
 */
public final class Cpu extends CpuFields {

    /** A timer interrupt is pending (raised at each jiffy by {@link KernelClock}). */
    static final int TIMER = 1;
    /** rcu_dynticks.rcu_urgent_qs: a grace period has waited on this CPU for too long. */
    static final int URGENT = 2;
    /** The task is in user mode: between {@link #exitToUserMode()} and {@link #enterFromUserMode()}. */
    static final int USER = 4;
    /** Idle: an extended quiescent state ({@link #idleEnter()}). */
    static final int IDLE = 8;
    /**
     * TIF_NEED_RESCHED (include/linux/sched.h, v4.15), set by {@link #reschedCpu()}. Set from
     * another CPU, resched_curr() also sends the reschedule IPI; the model folds the IPI into this
     * bit: it is taken, as a pending interrupt, at the next point where IRQs are on.
     */
    static final int NEED_RESCHED = 16;

    private static final VarHandle IRQS_OFF;
    private static final VarHandle PREEMPT_COUNT;
    private static final VarHandle PENDING;
    private static final VarHandle DYNTICKS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            IRQS_OFF = l.findVarHandle(CpuHot.class, "irqsOff", int.class);
            PREEMPT_COUNT = l.findVarHandle(CpuHot.class, "preemptCount", int.class);
            PENDING = l.findVarHandle(CpuHot.class, "pending", int.class);
            DYNTICKS = l.findVarHandle(CpuHot.class, "dynticks", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Cpu(int id, boolean preemptible) {
        super(id, preemptible);
    }

    /** smp_processor_id(). */
    public int id() {
        return id;
    }

    /**
     * This CPU's runqueue, as far as the model has one: the kthreads woken onto it while its task
     * runs ({@link Kthread}), which its next __schedule() runs. Touched only off the hot path.
     */
    private final ConcurrentLinkedQueue<Kthread> runqueue = new ConcurrentLinkedQueue<>();
    /** Every kthread of this machine, for the newidle balance of {@link #idleEnter()}. */
    private volatile Kthread[] kthreads = new Kthread[0];

    /** Adds a kthread that this CPU's idle entry may pull (done once per kthread). */
    synchronized void addKthread(Kthread k) {
        Kthread[] ks = Arrays.copyOf(kthreads, kthreads.length + 1);
        ks[kthreads.length] = k;
        kthreads = ks;
    }

    /** enqueue_task() of a woken kthread on this CPU's runqueue. */
    void enqueue(Kthread k) {
        runqueue.add(k);
    }

    /** dequeue_task(): an idle CPU pulled the kthread, or it gave up. */
    void dequeue(Kthread k) {
        runqueue.remove(k);
    }

    /** idle_cpu(): this CPU runs its idle task (an extended quiescent state). */
    boolean isIdle() {
        return ((int) PENDING.getOpaque(this) & IDLE) != 0;
    }

    /** Adds one RCU flavour's hook (done once per engine, before threads start). */
    void addQuiescentStateHook(QuiescentStateHook hook) {
        QuiescentStateHook[] h = Arrays.copyOf(hooks, hooks.length + 1);
        h[hooks.length] = hook;
        hooks = h;
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

    /**
     * local_irq_restore(flags) (include/linux/irqflags.h, v4.15). When IRQs come back on, a timer
     * interrupt that arrived while they were off was held pending and is taken now, in kernel
     * mode, as the CPU takes it right after {@code popf}/{@code sti}.
     */
    public void localIrqRestore(int flags) {
        IRQS_OFF.setOpaque(this, flags);
        if (flags == 0 && (int) PENDING.getOpaque(this) != 0) {
            interruptsOn();
            // The interrupt taken here (the tick, or the reschedule IPI) returns to kernel code:
            // with CONFIG_PREEMPT and preempt_count() 0 that is a preemption point
            // (retint_kernel -> preempt_schedule_irq()); spin_unlock_irqrestore() also ends in
            // preempt_enable(), the same point.
            preemptionPoint();
        }
    }

    // ---- preemption: preempt_disable()/preempt_enable(), include/linux/preempt.h (v4.15) ----

    public void preemptDisable() {
        PREEMPT_COUNT.setOpaque(this, preemptCount + 1);
    }

    /**
     * preempt_enable() (include/linux/preempt.h, v4.15): with IRQs on this is a point where a
     * pending timer interrupt is taken; with CONFIG_PREEMPT, once the count is back to 0 with
     * need_resched set, {@code preempt_count_dec_and_test()} calls __preempt_schedule() ->
     * preempt_schedule() -> __schedule(true), a context switch ({@link #preemptionPoint()}).
     */
    public void preemptEnable() {
        int c = preemptCount - 1;
        if (c < 0) {
            throw new IllegalStateException("BUG: preempt count underflow on CPU " + id);
        }
        PREEMPT_COUNT.setOpaque(this, c);
        if (irqsOff == 0 && (int) PENDING.getOpaque(this) != 0) {
            interruptsOn();
            preemptionPoint();
        }
    }

    /** need_resched(): TIF_NEED_RESCHED of the task on this CPU (one opaque load of this CPU's line). */
    public boolean needResched() {
        return ((int) PENDING.getOpaque(this) & NEED_RESCHED) != 0;
    }

    /**
     * resched_cpu(cpu) -> resched_curr() (kernel/sched/core.c, v4.15): sets TIF_NEED_RESCHED on the
     * CPU's current task (and, from another CPU, sends it the reschedule IPI). v4.15's RCU calls it
     * from rcu_implicit_dynticks_qs() once a grace period is more than halfway to the stall
     * warning (see rcu.FqsScan). Atomic OR: no other bit of {@code pending} is lost.
     */
    public void reschedCpu() {
        PENDING.getAndBitwiseOr(this, NEED_RESCHED);
    }

    /**
     * A CONFIG_PREEMPT preemption point reached with IRQs on: preempt_enable() back to 0, or the
     * return from an interrupt to kernel code with preempt_count() 0 (retint_kernel ->
     * preempt_schedule_irq(), arch/x86/entry/entry_64.S, v4.15). With need_resched set the task is
     * preempted: __schedule(true), a context switch, a quiescent state for every flavour. A
     * CONFIG_PREEMPT=n kernel has no such point: need_resched waits for cond_resched() or the
     * return to user space.
     */
    private void preemptionPoint() {
        if (preemptible && preemptCount == 0 && irqsOff == 0
                && ((int) PENDING.getOpaque(this) & (NEED_RESCHED | IDLE)) == NEED_RESCHED) {
            schedule();
        }
    }

    /** in_atomic() || irqs_disabled(): the contexts in which sleeping is a bug. */
    public boolean inAtomicContext() {
        return irqsOff != 0 || preemptCount != 0;
    }

    /** CONFIG_PREEMPT of the kernel this CPU runs. */
    public boolean preemptible() {
        return preemptible;
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
     * cond_resched() -> _cond_resched() (kernel/sched/core.c, v4.15). With CONFIG_PREEMPT=n:
     * {@code if (should_resched(0)) { preempt_schedule_common(); return 1; } rcu_all_qs();}: with
     * need_resched set ({@link #reschedCpu()}) it schedules, a context switch and so a quiescent
     * state for every flavour; otherwise {@code rcu_all_qs()} (kernel/rcu/tree.c) returns at once
     * unless {@code rcu_urgent_qs} is set, i.e. unless a grace period has been waiting on this CPU
     * for {@code jiffies_till_sched_qs}; only then is it a quiescent state (a momentary
     * dyntick-idle the next force-quiescent-state scan sees). With CONFIG_PREEMPT=y
     * {@code _cond_resched()} is an empty inline (include/linux/sched.h): no quiescent state and
     * no switch even with need_resched set; the next preemption point takes it
     * ({@link #preemptEnable()}, {@link #localIrqRestore}). It may sleep.
     *
     * <p>Cost when nothing is pending: might_sleep()'s two loads (the kernel compiles them out
     * without CONFIG_DEBUG_ATOMIC_SLEEP) and one opaque load of {@code pending}, the kernel's one
     * load of {@code rcu_urgent_qs}.
     */
    public void condResched() {
        mightSleep("cond_resched()");
        int p = (int) PENDING.getOpaque(this);
        if (p != 0) {
            condReschedSlowPath(p);
        }
    }

    private void condReschedSlowPath(int p) {
        if ((p & IDLE) != 0) {
            throw new IllegalStateException("RCU used illegally from extended quiescent state: " + this
                    + " ran cond_resched() while idle (call idleExit() first)");
        }
        interruptsOn();
        if (preemptible) {
            return; // _cond_resched() is empty with CONFIG_PREEMPT
        }
        int q = (int) PENDING.getOpaque(this);
        if ((q & NEED_RESCHED) != 0) {
            schedule(); // should_resched(0): preempt_schedule_common() -> __schedule(true)
        } else if ((q & URGENT) != 0) {
            rcuUrgentQs();
        }
    }

    /**
     * The urgent part of rcu_all_qs() and of rcu_note_context_switch() (kernel/rcu/tree.c, v4.15):
     * clear {@code rcu_urgent_qs} and, since the same force-quiescent-state scan also set
     * {@code rcu_need_heavy_qs}, do rcu_momentary_dyntick_idle(): {@code dynticks} += 2, which the
     * next scan reports as a quiescent state ("dti"). (The light path, {@code rcu_qs_ctr++},
     * is reported by that same next scan, so it is not modelled separately.)
     */
    private void rcuUrgentQs() {
        PENDING.getAndBitwiseAnd(this, ~URGENT);
        // atomic_add_return(2 * RCU_DYNTICK_CTRL_CTR): fully ordered. The volatile store releases
        // everything this CPU did before; the fence keeps later read-side accesses after it.
        DYNTICKS.setVolatile(this, dynticks + 2);
        VarHandle.fullFence();
    }

    /**
     * A context switch on this CPU: __schedule() -> rcu_note_context_switch() (kernel/sched/core.c,
     * kernel/rcu/tree.c, v4.15). A quiescent state for every flavour (the preemptible one only
     * outside rcu_read_lock()); it is noted here and reported to the grace period at the next
     * tick, as rcu_sched_qs() only clears {@code cpu_no_qs} and RCU_SOFTIRQ reports it. Returning
     * to user space is <em>not</em> a context switch: see {@link #exitToUserMode()}.
     */
    public void noteContextSwitch() {
        mightSleep("__schedule()");
        if (((int) PENDING.getOpaque(this) & IDLE) != 0) {
            throw new IllegalStateException("RCU used illegally from extended quiescent state: " + this
                    + " switched tasks while idle (call idleExit() first)");
        }
        interruptsOn();
        schedule();
    }

    /**
     * io_schedule() (kernel/sched/core.c, v4.15): the task sleeps for I/O, as
     * wait_on_page_bit_common() does for wait_on_page_writeback() and lock_page(): schedule(), a
     * context switch ({@link #noteContextSwitch()}).
     */
    public void ioSchedule() {
        noteContextSwitch();
    }

    /**
     * __schedule() (kernel/sched/core.c, v4.15): clear_tsk_need_resched(prev), then
     * rcu_note_context_switch() for every flavour, with its urgent part (rcu_urgent_qs), then
     * pick_next_task(): a kthread woken onto this CPU runs first, and this thread (the task)
     * waits for it to sleep ({@link Kthread#runOn}). The task that runs after that is the one the
     * model's thread goes on with (a sleeper woken at once, or the preempted task picked again).
     */
    private void schedule() {
        PENDING.getAndBitwiseAnd(this, ~NEED_RESCHED);
        for (QuiescentStateHook h : hooks) {
            h.contextSwitch(this);
        }
        if (((int) PENDING.getOpaque(this) & URGENT) != 0) {
            rcuUrgentQs();
        }
        Kthread k;
        while ((k = runqueue.poll()) != null) {
            k.runOn(this);
        }
    }

    // ---- user mode: arch/x86/entry/common.c (v4.15) ----

    /**
     * prepare_exit_to_usermode() (arch/x86/entry/common.c, v4.15): the task returns to user space
     * at the end of a system call or a page fault; with need_resched set, exit_to_usermode_loop()
     * schedules first (a context switch, on either kernel). A timer interrupt pending now arrived while the CPU was in the
     * kernel (it would have been taken there, where IRQs were on), so it is taken as a kernel tick;
     * from the atomic update on, the CPU is in user mode until {@link #enterFromUserMode()}.
     */
    public void exitToUserMode() {
        if (irqsOff != 0 || preemptCount != 0) {
            throw new IllegalStateException("BUG: returning to user mode with IRQs or preemption disabled on " + this);
        }
        if (((int) PENDING.getOpaque(this) & NEED_RESCHED) != 0) {
            // exit_to_usermode_loop(): _TIF_NEED_RESCHED -> schedule(), on either kernel.
            interruptsOn();
            schedule();
        }
        // A pending tick is taken as a kernel tick before user mode begins, so that what it runs
        // (a softirq, a switch to ksoftirqd) happens in the kernel and cannot end the user mode
        // that follows; USER is set only by a CAS that finds no tick pending, so a tick raised
        // from then on is a user-mode tick and none is lost.
        int p;
        do {
            interruptsOn();
            p = (int) PENDING.getOpaque(this);
        } while ((p & TIMER) != 0 || !PENDING.compareAndSet(this, p, p | USER));
    }

    /**
     * enter_from_user_mode() (arch/x86/entry/common.c, v4.15): the next system call enters the
     * kernel. A timer interrupt raised since {@link #exitToUserMode()} interrupted user mode:
     * rcu_check_callbacks(1), a quiescent state for every flavour. This is the only place a tick
     * is attributed to user mode; the model's user mode lasts as long as the caller's code between
     * two system calls, so such ticks are as rare as that time is short. A kernel point reached
     * without this call ends user mode conservatively: a tick pending then counts as a kernel tick.
     * need_resched set during user mode (a woken {@link Kthread}'s resched_curr() and its IPI) was
     * answered by a schedule() on the IPI's return to user space; the model takes it here.
     */
    public void enterFromUserMode() {
        int p = (int) PENDING.getAndBitwiseAnd(this, ~(USER | TIMER));
        if ((p & TIMER) != 0) {
            deliverTick((p & USER) != 0);
        }
        if ((p & (USER | NEED_RESCHED)) == (USER | NEED_RESCHED)) {
            // The reschedule IPI interrupted user mode: its return to user space went through
            // exit_to_usermode_loop(), which schedule()d before this system call.
            schedule();
        }
    }

    // ---- idle: kernel/rcu/tree.c (v4.15) ----

    /**
     * rcu_idle_enter() -> rcu_eqs_enter() -> rcu_dynticks_eqs_enter() (kernel/rcu/tree.c, v4.15):
     * this CPU goes idle; {@code dynticks} becomes even, an extended quiescent state that the
     * grace-period kthreads' next scan reports for it. Idempotent, and safe against a second
     * caller at the same time: only the kernel's own CPU goes idle, but the model's shutdown
     * (Kernel.close()) idles every CPU from one thread while a benchmark thread may be putting its
     * CPU to idle too.
     */
    public void idleEnter() {
        mightSleep("do_idle()");
        // Claim the transition first (one atomic RMW): of two concurrent callers only one bumps
        // dynticks. Two plain "dynticks + 1" stores raced once and left it odd with IDLE set, so
        // RCU saw the CPU in the kernel for good and every later idleEnter() returned early.
        if (((int) PENDING.getAndBitwiseOr(this, IDLE) & IDLE) != 0) {
            return;
        }
        // atomic_add_return(): the volatile store releases every access this CPU made before
        // going idle to the grace-period kthread that reads the even value with acquire.
        DYNTICKS.setVolatile(this, dynticks + 1);
        VarHandle.fullFence();
        for (Kthread k : kthreads) {
            k.idleBalance(); // idle_balance(): a kthread waiting for a busy CPU can run here
        }
    }

    /**
     * rcu_idle_exit() -> rcu_eqs_exit() -> rcu_dynticks_eqs_exit() (kernel/rcu/tree.c, v4.15):
     * this CPU leaves idle and RCU watches it again. Idempotent. Timer interrupts raised while idle
     * are dropped (a NO_HZ idle CPU takes none for RCU).
     */
    public void idleExit() {
        if (((int) PENDING.getOpaque(this) & IDLE) == 0) {
            return;
        }
        task = Thread.currentThread(); // current: the task that runs on this CPU until it idles again
        // Dekker with the grace-period kthread (bump gp_seq, fence, read dynticks): the odd value
        // must be visible before this CPU's first read-side access, hence the full fence
        // (smp_mb() in atomic_add_return()).
        DYNTICKS.setVolatile(this, dynticks + 1);
        VarHandle.fullFence();
        PENDING.getAndBitwiseAnd(this, ~(IDLE | TIMER | USER | NEED_RESCHED)); // the idle task schedule()d: need_resched cleared
    }

    /**
     * The Java thread that last brought this CPU out of idle, i.e. the task running on it: for the
     * stall warning's backtrace (rcu_dump_cpu_stacks()). Written off the hot path, at idle exit.
     */
    private volatile Thread task;

    /** The thread running on this CPU (the last to leave idle on it), or null before any did. */
    public Thread task() {
        return task;
    }

    /** !rcu_dynticks_curr_cpu_in_eqs(): RCU watches this CPU (it is not idle). */
    public boolean rcuWatching() {
        return ((long) DYNTICKS.getOpaque(this) & 1) != 0;
    }

    /**
     * rcu_dynticks_snap() (kernel/rcu/tree.c, v4.15), read by a grace-period kthread: acquire,
     * pairing with the owner's volatile store, so whatever this CPU did before the value read
     * happens-before the kthread's next steps (the end of the grace period).
     */
    public long dynticksSnap() {
        return (long) DYNTICKS.getAcquire(this);
    }

    /**
     * {@code smp_store_release(&rcu_dynticks.rcu_urgent_qs, true)} (rcu_implicit_dynticks_qs(),
     * kernel/rcu/tree.c, v4.15), by a grace-period kthread's force-quiescent-state scan.
     */
    public void setRcuUrgentQs() {
        PENDING.getAndBitwiseOr(this, URGENT);
    }

    /** The timer (local APIC) raises an interrupt on this CPU; called by {@link KernelClock}. */
    void raiseTimerInterrupt() {
        PENDING.getAndBitwiseOr(this, TIMER);
    }

    /**
     * The CPU takes pending interrupts: IRQs are on at an instrumented point in the kernel. A
     * timer interrupt becomes a kernel-mode tick; user mode (if the caller never said it entered
     * the kernel) ends conservatively here; {@link #URGENT} is left for cond_resched().
     */
    private void interruptsOn() {
        int p = (int) PENDING.getOpaque(this);
        if ((p & IDLE) != 0 || (p & (TIMER | USER)) == 0) {
            return;
        }
        p = (int) PENDING.getAndBitwiseAnd(this, ~(TIMER | USER));
        if ((p & TIMER) != 0) {
            deliverTick(false);
        }
    }

    /** update_process_times() -> rcu_check_callbacks(user) (kernel/time/timer.c, v4.15), for every flavour. */
    private void deliverTick(boolean user) {
        for (QuiescentStateHook h : hooks) {
            h.tick(this, user);
        }
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
    /** CONFIG_PREEMPT. */
    final boolean preemptible;
    /** Depth of local_irq_save(); non-zero means IRQs are disabled. Written by the owner only. */
    int irqsOff;
    /** preempt_count(). Written by the owner only. */
    int preemptCount;
    /** Cpu.TIMER | URGENT | USER | IDLE; atomic updates only. */
    int pending;
    /** rcu_dynticks.dynticks: odd while RCU watches this CPU. Written by the owner only. */
    long dynticks = 1;
    /** One per RCU flavour; set before the CPU's thread starts. */
    QuiescentStateHook[] hooks = new QuiescentStateHook[0];

    CpuHot(int id, boolean preemptible) {
        this.id = id;
        this.preemptible = preemptible;
    }
}

/** Trailing padding. */
abstract class CpuFields extends CpuHot {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    CpuFields(int id, boolean preemptible) {
        super(id, preemptible);
    }
}
