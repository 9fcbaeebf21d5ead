package io.github.lrubench.rcu;

import static io.github.lrubench.rcu.RcuData.COMPLETED;
import static io.github.lrubench.rcu.RcuData.COMPLETED_SEEN;
import static io.github.lrubench.rcu.RcuData.GLOBAL;
import static io.github.lrubench.rcu.RcuData.GP_CTR;
import static io.github.lrubench.rcu.RcuData.GP_WAITING;
import static io.github.lrubench.rcu.RcuData.NOTICED;
import static io.github.lrubench.rcu.RcuData.QS_NEEDED;
import static io.github.lrubench.rcu.RcuData.QS_PASSED;
import static io.github.lrubench.rcu.RcuData.QS_STATE;
import static io.github.lrubench.rcu.RcuData.REPORTED;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.KernelClock;
import io.github.lrubench.kernel.Kthread;
import io.github.lrubench.kernel.QuiescentStateHook;
import io.github.lrubench.kernel.Smp;
import io.github.lrubench.rcu.CallbackList.Callback;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

/**
 * The grace-period core of one RCU flavour, kernel/rcu/tree.c (v4.15), with a grace-period
 * kthread and per-CPU callback lists. The flavour's read side, where its CPUs note quiescent states, is its
 * {@link ReaderProtocol}: {@link RcuSched} (tree.c) or {@link RcuPreempt} (tree_plugin.h).
 *
 * <h2>SCHED and PREEMPT: v4.15's grace-period detection, QSBR-shaped</h2>
 * A global grace-period counter {@code gp_ctr} ({@code rsp->gpnum}); each CPU owns a padded block
 * ({@link RcuData}). A grace period bumps {@code gp_ctr} to {@code T} and ends once every CPU has
 * either reported {@code T} in its {@code REPORTED} slot or been found quiescent by a
 * force-quiescent-state (FQS) scan.
 *
 * <p>Where a CPU reports, as v4.15 does (each point names its kernel function):
 * <ul>
 *   <li>The CPU first notices {@code T} at a scheduler tick ({@link #tick}: RCU_SOFTIRQ ->
 *       rcu_check_quiescent_state() -> note_gp_changes()); from then on it needs a quiescent
 *       state ({@code cpu_no_qs}). A quiescent state passed before the notice does not count.</li>
 *   <li>Quiescent states are noted by the flavour's read side (rcu_sched_qs() in {@link RcuSched},
 *       rcu_preempt_qs() in {@link RcuPreempt}), at ticks, context switches and, for PREEMPT, the
 *       outermost rcu_read_unlock().</li>
 *   <li>A noted quiescent state is reported at the CPU's next tick (rcu_report_qs_rdp()): a
 *       release store of {@code T} into {@code REPORTED}, then a wake-up of the kthread.</li>
 *   <li>The kthread scans at {@code jiffies_till_first_fqs} and then every
 *       {@code jiffies_till_next_fqs} ({@link FqsScan}, rcu_gp_fqs()): a CPU idle, or idle for a
 *       moment since the first scan, is quiescent, and one that still holds the grace period
 *       once it is older than {@code jiffies_till_sched_qs} is recruited through
 *       {@code rcu_urgent_qs}.</li>
 * </ul>
 *
 * <p>Ordering (each point is repeated next to its code):
 * <ol>
 *   <li><b>Notice is an acquire.</b> A CPU reads {@code gp_ctr} with acquire when it notices
 *       {@code T}; the kthread stored it after the updaters' unpublish (callRcu() precedes the
 *       bump), so every access the CPU makes after the notice sees the unpublish. A section that
 *       began before the notice ended before the later quiescent state (quiescent states are
 *       outside sections by construction), so it ended before the report.</li>
 *   <li><b>Release/acquire, reporter to kthread.</b> The {@code REPORTED} store is a release
 *       (volatile) store and the kthread reads it with acquire; a CPU's {@code dynticks} store is
 *       volatile and the scan reads it with acquire. Every access the CPU made before its quiescent
 *       state therefore happens-before the end of the grace period and the callback's free.</li>
 *   <li><b>Store-load (Dekker), idle exit.</b> A CPU leaving idle stores {@code dynticks} and then
 *       reads shared data; the kthread stores {@code gp_ctr} and then reads {@code dynticks}. A
 *       full fence on both sides ({@link Cpu#idleExit()}, and after the bump here) means that if
 *       the scan saw the CPU idle, the CPU's reads after leaving idle see the unpublish.</li>
 *   <li><b>No lost wake-up.</b> A reporter stores, fences, then reads "is the kthread waiting?";
 *       the kthread announces its wait, fences, rechecks every CPU, then parks.</li>
 * </ol>
 *
 * <h2>PREEMPT_CONTRACT: read-side sections only</h2>
 * The preemptible flavour as its API contract reads: a grace period waits for the rcu_read_lock()
 * sections open at its start and nothing else ({@link ContractGracePeriod}).
 *
 * <h2>Built-in oracle</h2>
 * Each callback carries a snapshot of the CPUs that were readers when it was queued and is checked
 * against it before it runs, by {@link RcuOracle}, independent of the wait logic. Tests break the
 * wait through {@link RcuConfig.Mutation} to show the oracle catches it.
 *
 * <h2>Callbacks: per CPU, in the queuing CPU's RCU_SOFTIRQ</h2>
 * call_rcu() queues on the caller's CPU ({@link CallbackList}, rdp->cblist). Under qhimark it
 * starts nothing: the CPU's next tick raises RCU_SOFTIRQ, whose __rcu_process_callbacks() starts
 * the grace period the callbacks need (rcu_start_gp()), or asks the running one's successor; past
 * qhimark, with IRQs on, __call_rcu_core() starts it at once or, with one running, kicks it
 * (blimit unlimited, force_quiescent_state()). A call from an idle CPU starts it at once
 * (invoke_rcu_core() from an extended quiescent state). When the grace period has ended, the same
 * CPU's softirq runs the ready callbacks, rcu_do_batch() stopping after blimit (10) while the CPU
 * is busy, re-raised up to __do_softirq()'s ten rounds and then by ksoftirqd; an idle CPU with callbacks keeps its tick
 * (rcu_needs_cpu()) and runs them all ({@link IdleTicks}). So a callback's cost lands on the CPU
 * that queued it. PREEMPT_CONTRACT has no ticks: its calls start a grace period at once and its
 * kthread runs the callbacks.
 *
 * <h2>What is not modelled</h2>
 * ksoftirqd is run at the tick that woke it, if the interrupted code is preemptible, rather than
 * at the task's next preemption point ({@link #ksoftirqd}). The rcu_node tree, CPU hotplug, expedited grace
 * periods, priority boosting and lazy (kfree_rcu()) callbacks are absent.
 */
public final class RcuEngine implements Rcu, QuiescentStateHook {

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** MAX_SOFTIRQ_RESTART (kernel/softirq.c, v4.15): rounds of __do_softirq() per interrupt exit. */
    private static final int MAX_SOFTIRQ_RESTART = 10;
    /** Re-park when the timer thread is late with the jiffy a scan waits for. */
    private static final long LATE_TICK_PARK_NANOS = 20_000;

    private final Flavour flavour;
    private final RcuConfig config;
    private final int nrCpus;
    private final Cpu[] cpus;
    private final KernelClock clock;
    private final long firstFqs;
    private final long nextFqs;
    private final long schedQs;
    /** rcu_jiffies_till_stall_check() / 2: when a scan starts to resched_cpu() a holder. */
    private final long reschedJiffies;
    private final String name;
    private final RcuData data;
    private final ReaderProtocol reader;
    private final StallDump stalls;
    private final RcuOracle oracle;
    private final RcuCounters counters = new RcuCounters();
    /** How this flavour's grace period waits for its CPUs: {@link #fqsLoop}, or the contract's. */
    private final GpWait gpWait;

    /** rdp->cblist of each CPU, with rcu_do_batch() for it. */
    private final CallbackList[] cblist;
    /** The root rcu_node's ->lock: grace-period start and end, and callbacks choosing their grace period. */
    private final Object rootLock = new Object();
    /** The newest grace period some CPU's callbacks need (need_future_gp / RCU_GP_FLAG_INIT). Guarded by rootLock. */
    private long gpRequested;
    /** RCU_GP_FLAG_FQS: force_quiescent_state() asked the kthread for a scan now. */
    private volatile boolean fqsRequested;
    /** rsp->n_force_qs: force-quiescent-state scans so far. Kthread writes. */
    private volatile long nForceQs;
    /** MAX_SOFTIRQ_TIME in jiffies, msecs_to_jiffies(2) (kernel/softirq.c, v4.15). */
    private final long maxSoftirqJiffies;
    private final GpKthread kthread;
    /** The ticks idle CPUs with callbacks take; null for PREEMPT_CONTRACT, which has no ticks. */
    private final IdleTicks idleTicks;
    private volatile boolean aborted;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RcuEngine(Smp smp, Flavour flavour, RcuConfig config) {
        this.flavour = Objects.requireNonNull(flavour, "flavour");
        this.config = Objects.requireNonNull(config, "config");
        this.nrCpus = smp.nrCpus();
        List<Cpu> list = smp.cpus();
        this.cpus = list.toArray(new Cpu[0]);
        this.clock = smp.clock();
        this.firstFqs = config.firstFqs(clock.hz(), nrCpus);
        this.nextFqs = config.nextFqs(clock.hz(), nrCpus);
        this.schedQs = config.schedQs(clock.hz());
        this.reschedJiffies = config.reschedJiffies(clock.hz());
        this.name = switch (flavour) {
            case SCHED -> "rcu_sched";
            case PREEMPT -> "rcu_preempt";
            case PREEMPT_CONTRACT -> "rcu_preempt(contract)";
        };
        // No grace period yet: gp_ctr 0, every CPU has reported it and noticed it.
        this.data = new RcuData(nrCpus);
        this.reader = ReaderProtocol.of(flavour, data, cpus);
        this.stalls = new StallDump(name, cpus, config.stallTimeout());
        this.oracle = new RcuOracle(data, reader);
        this.cblist = new CallbackList[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            cblist[i] = new CallbackList(name, oracle, counters);
        }
        this.maxSoftirqJiffies = Math.max(1, (2L * clock.hz() + 999) / 1000);
        this.kthread = new GpKthread(name + "_gp", this::gpKthread,
                flavour.tickDriven() ? new Kthread(name + "_gp", smp) : null);
        this.idleTicks = flavour.tickDriven()
                ? new IdleTicks(name + "_idle_ticks", cpus, cblist, clock, cpu -> softirq(cpu, false, false))
                : null;
        this.gpWait = flavour.tickDriven() ? this::fqsLoop
                : new ContractGracePeriod(data, config, stalls, kthread, () -> aborted)::await;
    }

    /**
     * Creates and starts an engine. SCHED and PREEMPT attach themselves to every CPU of
     * {@code smp} as a quiescent-state hook (ticks and context switches) and start its clock;
     * PREEMPT_CONTRACT needs neither. The final fields are published to the GP thread by
     * Thread.start().
     */
    public static RcuEngine create(Smp smp, Flavour flavour, RcuConfig config) {
        RcuEngine e = new RcuEngine(smp, flavour, config);
        if (flavour.tickDriven()) {
            smp.addQuiescentStateHook(e);
            smp.clock().get();
        }
        e.kthread.start();
        if (e.idleTicks != null) {
            e.idleTicks.start();
        }
        return e;
    }

    public static RcuEngine create(Smp smp, Flavour flavour) {
        return create(smp, flavour, RcuConfig.defaults());
    }

    @Override
    public Flavour flavour() {
        return flavour;
    }

    /** rsp->gpnum: the grace period started last (0: none yet), for tests. */
    long gpNum() {
        return data.getVolatile(GLOBAL, GP_CTR);
    }

    /** Whether {@code cpu} has reported a quiescent state for the grace period started last, for tests. */
    boolean reportedLastGp(int cpu) {
        return data.getAcquire(cpu, REPORTED) >= gpNum();
    }

    /** Runs of the grace-period kthread that preempted a busy CPU's task, for tests. */
    long kthreadPreemptions() {
        return kthread.preemptions();
    }

    /** jiffies_till_sched_qs in effect (the configured value or HZ / 10). */
    public long jiffiesTillSchedQs() {
        return schedQs;
    }

    // =====================================================================================
    // Reader side: ticks, context switches, read-side sections (each on the CPU's owner)
    // =====================================================================================

    /**
     * rcu_check_callbacks(user) (kernel/rcu/tree.c, v4.15): the flavour's part
     * ({@link ReaderProtocol#checkCallbacks}), then the RCU_SOFTIRQ it raises:
     * rcu_process_callbacks() -> rcu_check_quiescent_state() -> note_gp_changes() /
     * rcu_report_qs_rdp().
     */
    @Override
    public void tick(Cpu cpu, boolean user) {
        if (!flavour.tickDriven()) {
            return;
        }
        int id = cpu.id();
        long st = reader.checkCallbacks(id, user, data.get(id, QS_STATE));
        // rcu_check_quiescent_state(). Acquire: if we see T, the updaters' unpublish (before the
        // bump) is visible to everything this CPU does from now on.
        long g = data.getAcquire(GLOBAL, GP_CTR);
        boolean accelerate = false;
        if (g != data.get(id, NOTICED)) {
            // __note_gp_changes(): a grace period this CPU had not seen. cpu_no_qs = true and
            // core_needs_qs = "it still needs us": a quiescent state from now on is needed; one
            // noted before this point (st's QS_PASSED) does not count.
            data.set(id, NOTICED, g);
            st = data.get(id, REPORTED) < g ? QS_NEEDED : 0;
            accelerate = true; // __note_gp_changes() -> rcu_accelerate_cbs()
        } else if ((st & (QS_NEEDED | QS_PASSED)) == (QS_NEEDED | QS_PASSED)) {
            report(id, g);
            st = 0;
            accelerate = true; // rcu_report_qs_rdp() -> rcu_accelerate_cbs()
        }
        data.set(id, QS_STATE, st);
        softirq(id, accelerate, true);
    }

    /**
     * The callback half of __rcu_process_callbacks() (kernel/rcu/tree.c, v4.15) on {@code cpu}, in
     * RCU_SOFTIRQ: note_gp_changes() for a grace-period end, rcu_start_gp() if the CPU needs a
     * grace period none is running for (cpu_needs_another_gp()), then invoke_rcu_callbacks() ->
     * rcu_do_batch(), re-raised by rcu_do_batch()'s invoke_rcu_core() while ready callbacks remain
     * and __do_softirq() restarts (at most MAX_SOFTIRQ_RESTART, 10, rounds within MAX_SOFTIRQ_TIME,
     * kernel/softirq.c, v4.15). {@code busy}: the CPU's task was interrupted, so each
     * rcu_do_batch() stops at blimit; false on an idle CPU's tick ({@link IdleTicks}), unlimited.
     * Runs on the CPU's owner thread (its tick), or on {@link IdleTicks} for an idle CPU.
     */
    private void softirq(int id, boolean accelerate, boolean busy) {
        CallbackList l = cblist[id];
        if (l.size() == 0) {
            return;
        }
        // Acquire: the grace period's end, and every reader's quiescent state it saw, happen-before
        // the callbacks run below.
        long done = data.getAcquire(GLOBAL, COMPLETED);
        if (busy && done != data.get(id, COMPLETED_SEEN)) {
            data.set(id, COMPLETED_SEEN, done); // __note_gp_changes(): a grace period ended
            accelerate = true; // rcu_advance_cbs() -> rcu_accelerate_cbs()
        }
        if ((accelerate || !busy || done == data.getVolatile(GLOBAL, GP_CTR)) && l.hasNext()) {
            accelerateCbs(l); // cpu_needs_another_gp() -> rcu_start_gp(), or a future one
        }
        if (!l.claimSoftirq()) {
            return; // another thread runs this CPU's softirq (it just left idle)
        }
        try {
            long end = clock.jiffies() + maxSoftirqJiffies;
            boolean stillPending = false;
            for (int round = 0; round < MAX_SOFTIRQ_RESTART; round++) {
                done = data.getAcquire(GLOBAL, COMPLETED);
                stillPending = l.readyCbs(done) && l.doBatch(done, busy);
                // __do_softirq() (kernel/softirq.c, v4.15) restarts only while time_before(jiffies, end)
                // && !need_resched(): a task waiting for the CPU ends the rounds (ksoftirqd takes the rest).
                if (!stillPending || clock.jiffies() - end >= 0 || cpus[id].needResched()) {
                    break;
                }
            }
            if (stillPending && busy) {
                ksoftirqd(id, l); // __do_softirq() gave up: wakeup_softirqd()
            }
        } finally {
            l.releaseSoftirq();
        }
    }

    /**
     * ksoftirqd/{@code id} (run_ksoftirqd(), kernel/softirq.c, v4.15), woken because RCU_SOFTIRQ
     * was still pending after __do_softirq()'s rounds: the CPU switches to it (__schedule() ->
     * rcu_note_context_switch(), a quiescent state for every flavour) and it runs rcu_do_batch()
     * until no ready callback is left, blimit at a time (ksoftirqd is neither the idle task nor
     * the callbacks kthread). The model switches at this tick if the interrupted code could be
     * preempted (no preempt_count, IRQs on), else leaves them for the next tick: a
     * CONFIG_PREEMPT=n kernel switches at the task's next cond_resched() or return to user
     * instead, and CFS may give ksoftirqd less than the whole drain.
     */
    private void ksoftirqd(int id, CallbackList l) {
        Cpu cpu = cpus[id];
        if (cpu.inAtomicContext()) {
            return;
        }
        cpu.noteContextSwitch();
        long done = data.getAcquire(GLOBAL, COMPLETED);
        while (l.readyCbs(done) && l.doBatch(done, true)) {
            done = data.getAcquire(GLOBAL, COMPLETED);
        }
    }

    /**
     * rcu_accelerate_cbs() (kernel/rcu/tree.c, v4.15) under the root lock: the CPU's NEXT
     * callbacks wait for rcu_cbs_completed(), the grace period after the running one or, with
     * none running, the next; with none running this is rcu_start_gp(), and the kthread is woken
     * (rcu_gp_kthread_wake(), after dropping the lock as v4.15 does). A running grace period's
     * successor is started by the kthread when that one ends (rcu_gp_cleanup()).
     */
    private void accelerateCbs(CallbackList l) {
        boolean wake = false;
        synchronized (rootLock) {
            // Under the lock the kthread bumps gp_ctr and completed with: a grace period that
            // starts after this block sees these callbacks queued, and one that started before
            // it is seen here as running, so c is its successor.
            long gpnum = data.get(GLOBAL, GP_CTR);
            long completed = data.get(GLOBAL, COMPLETED);
            long c = gpnum == completed ? completed + 1 : gpnum + 1;
            if (l.accelerate(c) && c > gpRequested) {
                gpRequested = c;
                wake = gpnum == completed;
            }
        }
        if (wake) {
            kthread.wake();
        }
    }

    /** force_quiescent_state() (kernel/rcu/tree.c, v4.15): RCU_GP_FLAG_FQS and a kthread wake-up. */
    private void forceQuiescentState() {
        fqsRequested = true;
        kthread.wake();
    }

    /** rcu_note_context_switch() (kernel/rcu/tree.c, v4.15): the flavour's rcu_*_qs() part ({@link ReaderProtocol#noteContextSwitch}). */
    @Override
    public void contextSwitch(Cpu cpu) {
        if (!flavour.tickDriven()) {
            return;
        }
        int id = cpu.id();
        data.set(id, QS_STATE, reader.noteContextSwitch(id, data.get(id, QS_STATE)));
    }

    /** rcu_report_qs_rdp() -> rcu_report_qs_rnp() (kernel/rcu/tree.c, v4.15), up to the kthread wake. */
    private void report(int id, long g) {
        // Release: everything this CPU read before its quiescent state happens-before the end of
        // the grace period that sees this value (acquire in the kthread), so before the free.
        data.setVolatile(id, REPORTED, g);
        // Store-load: the report before the waiting-flag load, pairing with the kthread's
        // announce-fence-recheck: one of us sees the other (no lost wake-up).
        VarHandle.fullFence();
        if (data.getVolatile(GLOBAL, GP_WAITING) != 0) {
            kthread.wake();
        }
    }

    /** rcu_read_lock() (include/linux/rcupdate.h, v4.15): the flavour's, {@link ReaderProtocol#readLock}. */
    @Override
    public void readLock(Cpu cpu) {
        reader.readLock(cpu);
    }

    /** rcu_read_unlock() (include/linux/rcupdate.h, v4.15): the flavour's, {@link ReaderProtocol#readUnlock}. */
    @Override
    public void readUnlock(Cpu cpu) {
        reader.readUnlock(cpu);
    }

    // =====================================================================================
    // Update side
    // =====================================================================================

    /**
     * call_rcu_sched() / call_rcu() -> __call_rcu() -> __call_rcu_core(), kernel/rcu/tree.c v4.15.
     * Queues on the caller's CPU; the grace period starts at that CPU's next tick (its
     * RCU_SOFTIRQ), or at once if the CPU is idle (invoke_rcu_core() from an extended quiescent
     * state) or its queue has passed qhimark with IRQs on. Never sleeps.
     */
    @Override
    public void callRcu(Cpu caller, Runnable callback, long deferredBytes) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callback, "callback");
        if (deferredBytes < 0) {
            throw new IllegalArgumentException("deferredBytes must be >= 0, was " + deferredBytes);
        }
        if (closed.get()) {
            throw new IllegalStateException(name + " engine is closed");
        }
        counters.queued(deferredBytes);
        callRcuCore(caller, new Callback(callback, deferredBytes, oracle.snapshot(), false));
    }

    /** __call_rcu() from rcu_segcblist_enqueue() on, and __call_rcu_core() (kernel/rcu/tree.c, v4.15). */
    private void callRcuCore(Cpu caller, Callback cb) {
        CallbackList l = cblist[caller.id()];
        boolean pastQhimark = l.enqueue(cb);
        if (l.size() == 1 && idleTicks != null) {
            idleTicks.wake();
        }
        if (!flavour.tickDriven() || !caller.rcuWatching()) {
            // "If called from an extended quiescent state, invoke the RCU core": RCU_SOFTIRQ runs
            // at once and starts the grace period. PREEMPT_CONTRACT has no ticks: always so.
            accelerateCbs(l);
            return;
        }
        if (caller.irqsDisabled()) {
            return; // "If interrupts were disabled or CPU offline, don't invoke RCU core."
        }
        if (pastQhimark) {
            // "Force the grace period if too many callbacks or too long waiting."
            long gpnum = data.getVolatile(GLOBAL, GP_CTR);
            long completed = data.getVolatile(GLOBAL, COMPLETED);
            if (gpnum == completed) {
                accelerateCbs(l); // "Start a new grace period if one not already started."
            } else if (l.kick(nForceQs, cb, completed)) {
                forceQuiescentState(); // "Give the grace period a kick."
            }
        }
    }

    /** synchronize_sched() / synchronize_rcu() -> wait_rcu_gp() -> __wait_rcu_gp(), kernel/rcu/update.c v4.15. */
    @Override
    public void synchronize(Cpu caller) {
        reader.mightSleep(caller, false);
        waitForCallbackOnQueue(caller);
    }

    /** rcu_barrier_sched() / rcu_barrier() -> _rcu_barrier(), kernel/rcu/tree.c v4.15. */
    @Override
    public void rcuBarrier(Cpu caller) {
        reader.mightSleep(caller, true);
        GpWaiter w = newWaiter();
        w.waitRcuGp(caller, () -> entrainMarkers(w));
    }

    /** wait_rcu_gp() (a macro, include/linux/rcupdate_wait.h) -> __wait_rcu_gp() (kernel/rcu/update.c, v4.15): wakeme_after_rcu() queued on the caller's CPU, and a sleep until it runs. */
    private void waitForCallbackOnQueue(Cpu caller) {
        GpWaiter w = newWaiter();
        w.waitRcuGp(caller, () -> callRcuCore(caller, new Callback(w, 0, oracle.snapshot(), true)));
    }

    private GpWaiter newWaiter() {
        return new GpWaiter(name, config.spinIterations(), () -> aborted);
    }

    /**
     * _rcu_barrier()'s loop (kernel/rcu/tree.c, v4.15): on every CPU with callbacks,
     * rcu_barrier_func() entrains a marker behind them (the IPI's work, done here under the CPU's
     * list lock); then the initial count is dropped. A CPU's callbacks run in queue order, so each
     * marker runs after every callback queued on its CPU before this call.
     */
    private void entrainMarkers(GpWaiter w) {
        for (CallbackList l : cblist) {
            w.expect(); // smp_mb__before_atomic(); atomic_inc(&rsp->barrier_cpu_count)
            if (!l.entrain(new Callback(w, 0, oracle.snapshot(), true))) {
                w.run(); // "OnlineNQ": nothing queued there
            } else if (idleTicks != null) {
                idleTicks.wake();
            }
        }
        w.run(); // "remove the initial count"
    }

    /** Drains every queued callback (rcu_barrier()), then stops the GP thread. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        GpWaiter w = newWaiter();
        entrainMarkers(w);
        boolean drained = w.await(config.closeTimeout().toNanos());
        String holders = drained ? "" : stalls.laggingCpus();
        String stacks = drained ? "" : stalls.cpuStacks();
        if (!drained) {
            aborted = true;
        }
        kthread.stop(config.closeTimeout());
        if (idleTicks != null) {
            idleTicks.stop();
        }
        if (flavour.tickDriven()) {
            clock.put();
        }
        if (!drained) {
            throw new IllegalStateException(name + ": close() gave up after " + config.closeTimeout().toMillis()
                    + " ms with callbacks still queued; grace period held by CPUs { " + holders + " }" + stacks);
        }
    }

    // =====================================================================================
    // Grace-period kthread
    // =====================================================================================

    /**
     * rcu_gp_kthread() (kernel/rcu/tree.c, v4.15): waits for RCU_GP_FLAG_INIT (a CPU's
     * rcu_start_gp(), or a successor its callbacks asked for), runs the grace period, cleans up.
     * Callbacks are not run here but by the softirq of the CPU that queued them; for
     * PREEMPT_CONTRACT, which has no ticks, the kthread runs them after each grace period.
     */
    private void gpKthread() {
        while (true) {
            boolean init;
            synchronized (rootLock) {
                init = gpRequested > data.get(GLOBAL, GP_CTR);
            }
            if (init) {
                kthread.runOnCpu(); // woken for RCU_GP_FLAG_INIT: it runs rcu_gp_init() on a CPU
            }
            long target = 0;
            synchronized (rootLock) { // rcu_gp_init(): gpnum++ under the root lock
                long gpnum = data.get(GLOBAL, GP_CTR); // only this thread writes gp_ctr
                if (gpRequested > gpnum) {
                    target = gpnum + 1;
                    data.setVolatile(GLOBAL, GP_CTR, target);
                }
            }
            if (target == 0) {
                if (kthread.shouldStop()) {
                    return;
                }
                kthread.sleep(IDLE_PARK_NANOS); // swait_event_idle(gp_wq, RCU_GP_FLAG_INIT)
                continue;
            }
            // Dekker: the bump (and, before it, the updaters' unpublish: callRcu() precedes the
            // accelerate under the root lock we took after it) must be visible before we read any
            // CPU's dynticks or section number, pairing with the fence after a CPU's idle exit or
            // section entry.
            VarHandle.fullFence();
            long start = System.nanoTime();
            if (!gpWait.await(start, target)) {
                return; // aborted by close()
            }
            synchronized (rootLock) { // rcu_gp_cleanup(): completed = gpnum
                // Volatile (a release): every report the kthread acquired happens-before the
                // softirq that reads this value with acquire and runs the callbacks.
                data.setVolatile(GLOBAL, COMPLETED, target);
            }
            counters.gracePeriodEnded(System.nanoTime() - start);
            if (!flavour.tickDriven()) {
                for (CallbackList l : cblist) {
                    if (l.claimSoftirq()) {
                        try {
                            // until no ready callback remains (v4.15's rcu_do_batch() re-raises the softirq): a
                            // barrier marker entrained behind the batch in flight is ready when it ends
                            while (l.doBatch(target, false)) {
                                // ready callbacks remain: invoke_rcu_core() raises the softirq again, another batch at once
                            }
                        } finally {
                            l.releaseSoftirq();
                        }
                    }
                }
            }
        }
    }

    /**
     * rcu_gp_fqs_loop() (kernel/rcu/tree.c, v4.15): sleep until every CPU reported or the next
     * force-quiescent-state time; rcu_gp_fqs() scans the CPUs still holding the grace period.
     */
    private boolean fqsLoop(long start, long target) {
        long gpStart = clock.jiffies(); // record_gp_stall_check_time(): rsp->gp_start
        FqsScan fqs = new FqsScan(cpus, gpStart, schedQs, reschedJiffies);
        IntPredicate done = config.mutation().apply(cpu -> fqs.quiescent(cpu)
                // Acquire: pairs with the release REPORTED store; the CPU's reads before its
                // quiescent state happen-before the callbacks we run next.
                || data.getAcquire(cpu, REPORTED) >= target);
        stalls.gpStarted(target, start, done);
        long fqsAt = gpStart + firstFqs; // jiffies_till_first_fqs
        while (!allDone(done)) {
            if (aborted) {
                return false;
            }
            stalls.check();
            long j = clock.jiffies();
            if (j - fqsAt >= 0 || fqsRequested) { // time for an FQS, or RCU_GP_FLAG_FQS
                fqsRequested = false;
                kthread.runOnCpu(); // woken for rcu_gp_fqs(): the scan runs on a CPU
                fqs.scan(j, done);
                nForceQs++; // rsp->n_force_qs++ in rcu_gp_fqs(); only this thread writes it
                fqsAt = j + nextFqs; // jiffies_till_next_fqs
                continue;
            }
            // swait_event_idle_timeout(rsp->gp_wq, all reported, until the next scan): announce
            // the wait, fence, recheck, park; pairs with report()'s store, fence, flag load.
            data.setVolatile(GLOBAL, GP_WAITING, 1L);
            VarHandle.fullFence();
            if (!allDone(done)) {
                long wait = clock.nanosUntil(fqsAt);
                kthread.sleep(Math.max(wait, LATE_TICK_PARK_NANOS));
            }
            data.setOpaque(GLOBAL, GP_WAITING, 0L);
        }
        kthread.runOnCpu(); // woken by the last report (rcu_report_qs_rsp()): rcu_gp_cleanup() runs on a CPU
        stalls.gpEnded();
        return true;
    }

    private boolean allDone(IntPredicate done) {
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            if (!done.test(cpu)) {
                return false;
            }
        }
        return true;
    }

    // =====================================================================================
    // Statistics
    // =====================================================================================

    @Override
    public RcuStats stats() {
        return counters.snapshot(flavour, stalls, oracle);
    }

    /** Exact when called while no callRcu() or grace period is in flight (an iteration boundary). */
    @Override
    public void resetStats() {
        counters.reset();
        stalls.reset();
    }

    @Override
    public long earlyCallbacks() {
        return oracle.earlyCallbacks();
    }

    @Override
    public String toString() {
        return name + " engine (" + nrCpus + " CPUs, " + config.mutation() + ")";
    }

    /** A grace period's wait for its CPUs, on the kthread: false if close() aborted it. */
    @FunctionalInterface
    private interface GpWait {
        boolean await(long start, long target);
    }
}
