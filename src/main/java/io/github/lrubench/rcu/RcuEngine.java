package io.github.lrubench.rcu;

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
 * kthread. The flavour's read side, where its CPUs note quiescent states, is its
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
 * <h2>What is not modelled</h2>
 * Callbacks run on the kthread right after the grace period (v4.15 runs them in RCU_SOFTIRQ on the
 * CPU that queued them, at its next tick): frees come up to a jiffy earlier, never before the grace
 * period ends. One grace period serves each batch taken from the queue; the rcu_node tree, CPU
 * hotplug, expedited grace periods and priority boosting are absent.
 */
public final class RcuEngine implements Rcu, QuiescentStateHook {

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
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

    /** Callbacks queued since the GP thread last took a batch, and rcu_do_batch() for a batch it took. */
    private final CallbackList pending;
    private final GpKthread kthread;
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
        this.pending = new CallbackList(name, oracle, counters);
        this.kthread = new GpKthread(name + "_gp", this::gpKthread);
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
        return e;
    }

    public static RcuEngine create(Smp smp, Flavour flavour) {
        return create(smp, flavour, RcuConfig.defaults());
    }

    @Override
    public Flavour flavour() {
        return flavour;
    }

    public RcuConfig config() {
        return config;
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
        if (g != data.get(id, NOTICED)) {
            // __note_gp_changes(): a grace period this CPU had not seen. cpu_no_qs = true and
            // core_needs_qs = "it still needs us": a quiescent state from now on is needed; one
            // noted before this point (st's QS_PASSED) does not count.
            data.set(id, NOTICED, g);
            st = data.get(id, REPORTED) < g ? QS_NEEDED : 0;
        } else if ((st & (QS_NEEDED | QS_PASSED)) == (QS_NEEDED | QS_PASSED)) {
            report(id, g);
            st = 0;
        }
        data.set(id, QS_STATE, st);
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

    /** call_rcu_sched() / call_rcu() -> __call_rcu(), kernel/rcu/tree.c v4.15. Never sleeps. */
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
        enqueue(new Callback(callback, deferredBytes, oracle.snapshot(), false));
    }

    /** llist_add() (include/linux/llist.h, v4.15) + wake the GP kthread if the list was empty. Lock-free, legal with IRQs off. */
    private void enqueue(Callback cb) {
        if (pending.add(cb)) {
            kthread.wake();
        }
    }

    /** synchronize_sched() / synchronize_rcu() -> wait_rcu_gp(), kernel/rcu/update.c v4.15. */
    @Override
    public void synchronize(Cpu caller) {
        reader.mightSleep(caller, false);
        waitForCallbackOnQueue(caller);
    }

    /** rcu_barrier_sched() / rcu_barrier(), kernel/rcu/tree.c v4.15. */
    @Override
    public void rcuBarrier(Cpu caller) {
        reader.mightSleep(caller, true);
        // The marker runs after a GP that started after this call (synchronize) and, since
        // batches run in queue order, after every callback queued before it (barrier).
        waitForCallbackOnQueue(caller);
    }

    /** wait_rcu_gp() (kernel/rcu/update.c, v4.15): a marker after every callback queued so far, and a sleep until it runs. */
    private void waitForCallbackOnQueue(Cpu caller) {
        GpWaiter w = newWaiter();
        w.waitRcuGp(caller, () -> queueMarker(w));
    }

    private GpWaiter newWaiter() {
        return new GpWaiter(name, config.spinIterations(), () -> aborted);
    }

    /** Queues {@code w} behind every callback queued so far; it runs after a grace period that starts after this call. */
    private void queueMarker(GpWaiter w) {
        enqueue(new Callback(w, 0, oracle.snapshot(), true));
    }

    /** Drains every queued callback (rcu_barrier()), then stops the GP thread. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        GpWaiter w = newWaiter();
        queueMarker(w);
        boolean drained = w.await(config.closeTimeout().toNanos());
        String holders = drained ? "" : stalls.laggingCpus();
        String stacks = drained ? "" : stalls.cpuStacks();
        if (!drained) {
            aborted = true;
        }
        kthread.stop(config.closeTimeout());
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

    /** rcu_gp_kthread() (kernel/rcu/tree.c, v4.15), then rcu_do_batch() on the batch: one batch per grace period. */
    private void gpKthread() {
        while (true) {
            // Take the batch first, then start the GP: a callback queued from now on waits for the
            // next GP, so each callback runs after a GP that started after it was queued.
            Callback list = pending.takeAll();
            if (list == null) {
                if (kthread.shouldStop()) {
                    return;
                }
                kthread.sleep(IDLE_PARK_NANOS);
                continue;
            }
            long start = System.nanoTime();
            if (!gracePeriod(start)) {
                return; // aborted by close()
            }
            long latency = System.nanoTime() - start;
            counters.gracePeriodEnded(latency);
            pending.invoke(list);
        }
    }

    /**
     * rcu_gp_init() + rcu_gp_fqs_loop() (kernel/rcu/tree.c, v4.15), or for PREEMPT_CONTRACT the
     * wait for the sections open at the start ({@link ContractGracePeriod}). Returns false if
     * close() aborted it.
     */
    private boolean gracePeriod(long start) {
        long target = data.getVolatile(GLOBAL, GP_CTR) + 1; // only this thread writes gp_ctr
        data.setVolatile(GLOBAL, GP_CTR, target);
        // Dekker: the bump (and, before it, the updaters' unpublish) must be visible before we read
        // any CPU's dynticks or section number, pairing with the fence after a CPU's idle exit or
        // section entry.
        VarHandle.fullFence();
        return gpWait.await(start, target);
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
            if (j - fqsAt >= 0) {
                fqs.scan(j, done);
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
