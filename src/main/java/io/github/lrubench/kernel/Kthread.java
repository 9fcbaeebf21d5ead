package io.github.lrubench.kernel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A kernel thread as the CFS scheduler sees it (kernel/sched/fair.c, core.c, v4.15): which CPU it
 * runs on, and the wake-up preemption that puts it there. Its body runs on a Java thread of its
 * own (the caller's), but a run of it occupies a simulated CPU: the body calls {@link #wakeUp} when
 * it has work and {@link #sleep} before it sleeps, and in between the CPU it chose runs it.
 *
 * <p><b>Which CPU</b> (try_to_wake_up() -> select_task_rq_fair(), the wake-up fast path): an idle
 * CPU if there is one, starting with the kthread's previous CPU and going on from there as
 * select_idle_sibling() / select_idle_cpu() do ({@code for_each_cpu_wrap()} over the LLC, which is
 * every CPU of a small machine); else its previous CPU ({@code task_cpu(p)}). The kernel's
 * wake_affine() may also pick the waker's CPU; the model does not (its wakers are the timer of the
 * kthread's own CPU, for a force-quiescent-state scan, and any reporting CPU), which keeps one
 * busy CPU taking the kthread's runs, as its cache-hot previous CPU.
 *
 * <p><b>On an idle CPU</b> the kthread runs at once and costs no task anything; the model leaves
 * that CPU's RCU state alone (the switches idle->kthread->idle either side are quiescent for every
 * flavour, and the kthread is in no read-side section).
 *
 * <p><b>On a busy CPU</b> it preempts the running task: check_preempt_wakeup() finds the woken
 * kthread's vruntime, which place_entity() set to at least {@code min_vruntime -
 * sysctl_sched_latency / 2} for a sleeper (GENTLE_FAIR_SLEEPERS), more than
 * {@code wakeup_gran()} behind the busy task's, so wakeup_preempt_entity() is 1 and resched_curr()
 * sets TIF_NEED_RESCHED ({@link Cpu#reschedCpu()}, with the IPI). The task is switched out at its
 * next scheduling point: a preemption point on CONFIG_PREEMPT=y, cond_resched() on
 * CONFIG_PREEMPT=n, io_schedule(), the return to user space. That __schedule() is a context switch
 * (rcu_note_context_switch(), a quiescent state) and then {@link Cpu}'s pick_next_task() runs the
 * kthread: the CPU's thread waits ({@link #runOn}) until the kthread sleeps again, so the kthread's
 * time is charged to that CPU's task. If any CPU goes idle meanwhile, it pulls the waiting kthread
 * (newidle balance, idle_balance()) and the busy task is not preempted after all (its need_resched
 * stays: it schedules at its next point and picks itself again).
 *
 * <p>Not modelled: the switch back from the kthread to the task is a second context switch in the
 * kernel; here the task goes on where it stopped. CPU time of the kthread on an idle CPU, and
 * the load balancer's other moves, are absent.
 *
 * <p>Ordering: {@code state} is the handshake. The CPU's thread claims a queued kthread with a CAS
 * (QUEUED to RUNNING), so a CPU and a newidle pull never both take it; the kthread's release store
 * of OFF when it sleeps publishes its run to the CPU's thread, which reads it with acquire.
 */
public final class Kthread {

    private static final int OFF = 0;
    private static final int QUEUED = 1;
    private static final int RUNNING = 2;
    /** How long the CPU's thread spins for the kthread's run before it parks; the runs are microseconds. */
    private static final int SPINS = 2_000;
    /** Longest park of either side; each is unparked at once in the normal case. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String name;
    private final Cpu[] cpus;
    private final AtomicInteger state = new AtomicInteger(OFF);
    /** The body's thread: set by the first {@link #wakeUp}. */
    private volatile Thread thread;
    /** The thread of the busy CPU that runs the kthread, waiting in {@link #runOn}. */
    private volatile Thread host;
    /** task_cpu(p). Kthread thread only. */
    private int prevCpu;
    /** On a CPU, from wakeUp() to sleep(). Kthread thread only. */
    private boolean running;
    /** Runs that preempted a busy CPU's task; written by the kthread thread only. */
    private volatile long preemptions;

    /** A kthread on {@code smp}'s CPUs; each CPU's idle entry may pull it (newidle balance). */
    public Kthread(String name, Smp smp) {
        this.name = name;
        this.cpus = smp.cpus().toArray(new Cpu[0]);
        for (Cpu c : cpus) {
            c.addKthread(this);
        }
    }

    /**
     * try_to_wake_up() (kernel/sched/core.c, v4.15) for a kthread that has work, on its own thread:
     * places it on a CPU (see the class comment) and returns once it runs there, or once
     * {@code giveUp} says to stop waiting for a busy CPU that does not schedule. A no-op while it
     * is already on a CPU.
     */
    public void wakeUp(BooleanSupplier giveUp) {
        if (running) {
            return;
        }
        thread = Thread.currentThread();
        Cpu idle = idleCpu();
        if (idle != null) {
            prevCpu = idle.id;
            running = true;
            return;
        }
        Cpu c = cpus[prevCpu];
        state.set(QUEUED); // before it is visible in the runqueue: a CPU that polls it can claim it
        c.enqueue(this);
        c.reschedCpu(); // check_preempt_wakeup() -> resched_curr()
        while (true) {
            if (state.get() == RUNNING) {
                preemptions++; // only this thread writes it
                running = true;
                return;
            }
            idle = idleCpu(); // idle_balance(): a CPU that went idle pulls the waiting kthread
            if ((idle != null || giveUp.getAsBoolean()) && state.compareAndSet(QUEUED, OFF)) {
                c.dequeue(this);
                if (idle != null) {
                    prevCpu = idle.id;
                    running = true;
                }
                return;
            }
            LockSupport.parkNanos(this, PARK_NANOS); // unparked by runOn() or an idleEnter()
        }
    }

    /**
     * The kthread goes to sleep (schedule() from its swait): it leaves its CPU, whose task goes on.
     * On the kthread's thread; a no-op when it is on no CPU.
     */
    public void sleep() {
        if (!running) {
            return;
        }
        running = false;
        if (state.get() == RUNNING) {
            Thread h = host;
            state.set(OFF); // release: the run happens-before the host's acquire read
            LockSupport.unpark(h);
        }
    }

    /**
     * pick_next_task() in __schedule() on {@code cpu} (kernel/sched/core.c, v4.15), on the CPU's
     * thread after rcu_note_context_switch(): the CPU runs the queued kthread, and its task waits
     * until the kthread sleeps. Nothing happens if an idle CPU pulled the kthread first.
     */
    void runOn(Cpu cpu) {
        host = Thread.currentThread(); // before the CAS publishes it to the kthread
        if (!state.compareAndSet(QUEUED, RUNNING)) {
            return;
        }
        LockSupport.unpark(thread);
        int spins = 0;
        while (state.get() == RUNNING) { // acquire: pairs with sleep()'s release store
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
    }

    /** A CPU went idle: a kthread waiting for a busy CPU re-checks and may be pulled. */
    void idleBalance() {
        if (state.get() == QUEUED) {
            LockSupport.unpark(thread);
        }
    }

    private Cpu idleCpu() {
        for (int i = 0; i < cpus.length; i++) {
            Cpu c = cpus[(prevCpu + i) % cpus.length]; // for_each_cpu_wrap(), from task_cpu(p)
            if (c.isIdle()) {
                return c;
            }
        }
        return null;
    }

    /** Runs that preempted a busy CPU's task (each one a context switch there). */
    public long preemptions() {
        return preemptions;
    }

    @Override
    public String toString() {
        return name;
    }
}
