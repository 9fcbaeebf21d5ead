package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.QuiescentStateHook;
import io.github.lrubench.kernel.Smp;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import org.HdrHistogram.Histogram;

/**
 * The grace-period engine: one flavour of kernel/rcu/tree.c (v4.15) with a grace-period thread.
 *
 * <h2>SCHED: quiescent-state-based reclamation</h2>
 * The shape of liburcu's urcu-qsbr and HotSpot's GlobalCounter. A global grace-period counter
 * {@code gp_ctr} (starts at 1); each CPU owns a padded slot. At every quiescent state
 * (cond_resched, context switch) the CPU copies {@code gp_ctr} into its slot; going idle stores 0.
 * A grace period bumps {@code gp_ctr} to {@code T} and waits until every slot is 0 or {@code >= T}.
 * Code between quiescent states - IRQ-off sections included - touches no RCU state at all, which is
 * why the isolation path pays nothing per page, as in the kernel.
 *
 * <p>Ordering (each point is repeated next to its code):
 * <ol>
 *   <li><b>Release/acquire, reader to GP thread.</b> The slot store is a release (volatile) store
 *       and the GP thread reads slots with acquire, so every access the CPU made before its
 *       quiescent state happens-before the end of the grace period and thus the callback's free.
 *   <li><b>Store-load (Dekker), both sides.</b> A CPU coming online stores its slot and then reads
 *       shared data; the GP thread stores {@code gp_ctr} (after the updater unpublished the object)
 *       and then reads the slot. Without a full fence on both sides both loads may be satisfied
 *       before the other side's store is visible (x86 store buffer): the GP thread sees the CPU
 *       offline while the CPU reads the stale pointer. Hence {@code VarHandle.fullFence()} after
 *       the slot store and after the bump, as smp_mb() in rcu_eqs_exit() and in the GP kthread.
 *       The same fence orders the slot store before the CPU's load of "is the GP thread waiting on
 *       me?", pairing with the GP thread's store-fence-recheck before it parks: no lost wake-up.
 *   <li>A slot value read before the bump is smaller than {@code T}, so a quiescent state that
 *       races with the bump never ends the grace period by itself.
 * </ol>
 *
 * <h2>PREEMPT: read-side sections only</h2>
 * Each CPU has a section sequence number, odd while inside the outermost {@link #readLock}.
 * A grace period snapshots all sequences and waits for each odd one to change. Reader entry is
 * the Dekker pattern (store "I am inside", then read shared data; the updater unpublishes, then
 * the GP thread reads "inside?"), so entry is a volatile store plus a full fence: release/acquire
 * would allow both sides to miss each other. Exit only has to publish the section's accesses, so
 * it is a release store. IRQ-off regions and quiescent-state reports are ignored: this flavour
 * does not register as the quiescent-state hook.
 *
 * <h2>Built-in oracle</h2>
 * Independent of the wait logic: each CPU keeps an owner-written oracle word, (events &lt;&lt; 1) |
 * reader-bit. For SCHED the bit means online and events count quiescent states and idle
 * transitions; for PREEMPT the bit means inside a section and events count sections entered.
 * callRcu() snapshots the words of the CPUs that are readers; when the callback runs, each of
 * those CPUs must have moved on, else {@link RcuStats#earlyCallbacks()} is incremented. The words
 * are written with release after the CPU's own wait-logic state was published and read with
 * acquire, so a correct engine never trips the oracle (no false positives), and a broken wait
 * (see {@link RcuConfig.Mutation}) does.
 */
public final class RcuEngine implements Rcu, QuiescentStateHook {

    private static final VarHandle PCPU = MethodHandles.arrayElementVarHandle(long[].class);

    /** 16 longs = 128 bytes per CPU: two cache lines, against false sharing and adjacent-line prefetch. */
    private static final int STRIDE = 16;
    /** Global slots in the first (leading padding) block of {@link #pcpu}, on separate lines. */
    private static final int GP_CTR = 0;
    private static final int GP_WAITING = 8;
    /** Offsets within a CPU's block. */
    private static final int SLOT = 0;
    private static final int ORACLE = 1;
    private static final int NEST = 2;

    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long WAITER_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Flavour flavour;
    private final RcuConfig config;
    private final int nrCpus;
    private final String name;
    /** gp_ctr, the GP-waiting CPU, then one block per CPU, then trailing padding. */
    private final long[] pcpu;

    /** Callbacks queued since the GP thread last took a batch, newest first (an llist). */
    private final AtomicReference<Callback> pending = new AtomicReference<>();
    private final Thread gpThread;
    private volatile boolean stopRequested;
    private volatile boolean aborted;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the running grace period is done with a CPU, for stall reports; null between GPs. */
    private volatile IntPredicate currentGpDone;

    // ---- statistics ----
    private final LongAdder callbacksQueued = new LongAdder();
    private final AtomicLong callbacksInvoked = new AtomicLong();
    private final AtomicLong gracePeriods = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong batchCallbacks = new AtomicLong();
    private final AtomicLong maxBatch = new AtomicLong();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong peakBacklog = new AtomicLong();
    private final AtomicLong deferredBytes = new AtomicLong();
    private final AtomicLong peakDeferredBytes = new AtomicLong();
    private final AtomicLong stallWarnings = new AtomicLong();
    private volatile String lastStallWarning = "";
    private final AtomicLong earlyCallbacks = new AtomicLong();
    private final AtomicLong callbackErrors = new AtomicLong();
    private final Object latencyLock = new Object();
    private final Histogram gpLatency = new Histogram(3);

    private RcuEngine(Smp smp, Flavour flavour, RcuConfig config) {
        this.flavour = Objects.requireNonNull(flavour, "flavour");
        this.config = Objects.requireNonNull(config, "config");
        this.nrCpus = smp.nrCpus();
        this.name = flavour == Flavour.SCHED ? "rcu_sched" : "rcu_preempt";
        this.pcpu = new long[(nrCpus + 2) * STRIDE];
        pcpu[GP_WAITING] = -1;
        if (flavour == Flavour.SCHED) {
            // CPUs start online: a CPU running kernel code is a reader until it reports a QS.
            pcpu[GP_CTR] = 1;
            for (int cpu = 0; cpu < nrCpus; cpu++) {
                pcpu[base(cpu) + SLOT] = 1;
                pcpu[base(cpu) + ORACLE] = 1;
            }
        }
        this.gpThread = new Thread(this::gpKthread, name + "_gp");
        gpThread.setDaemon(true);
    }

    /**
     * Creates and starts an engine. SCHED attaches itself as the quiescent-state hook of every CPU
     * of {@code smp}; PREEMPT does not (quiescent states do not end its grace periods).
     * The final fields are published to the GP thread by Thread.start().
     */
    public static RcuEngine create(Smp smp, Flavour flavour, RcuConfig config) {
        RcuEngine e = new RcuEngine(smp, flavour, config);
        if (flavour == Flavour.SCHED) {
            smp.setQuiescentStateHook(e);
        }
        e.gpThread.start();
        return e;
    }

    public static RcuEngine create(Smp smp, Flavour flavour) {
        return create(smp, flavour, RcuConfig.defaults());
    }

    private static int base(int cpu) {
        return (cpu + 1) * STRIDE;
    }

    private long ownerGet(int idx) {
        return (long) PCPU.get(pcpu, idx);
    }

    @Override
    public Flavour flavour() {
        return flavour;
    }

    public RcuConfig config() {
        return config;
    }

    // =====================================================================================
    // Reader side
    // =====================================================================================

    /** rcu_sched_qs() + rcu_report_qs_rdp() via rcu_all_qs()/rcu_note_context_switch(), v4.15. */
    @Override
    public void quiescentState(Cpu cpu) {
        if (flavour != Flavour.SCHED) {
            return;
        }
        int b = base(cpu.id());
        if (ownerGet(b + SLOT) == 0) {
            throw new IllegalStateException("RCU used illegally from extended quiescent state: " + cpu
                    + " reported a quiescent state while idle (call idleExit() first)");
        }
        // Acquire: if we see the bumped counter, the updater's unpublish is visible to what follows.
        long c = (long) PCPU.getAcquire(pcpu, GP_CTR);
        // Fast path, like rcu_all_qs() returning at once when no grace period needs this CPU: the
        // slot already holds the current counter, so no grace period began since the last report
        // and there is nothing to publish. Skipping is always safe: a stale read of gp_ctr only
        // delays the report to the next quiescent state, it can never end a grace period early.
        // It keeps the lock-break cost at one load when RCU is idle, as in the kernel.
        if (ownerGet(b + SLOT) == c) {
            return;
        }
        // Oracle after the counter load (so a QS that the GP thread counts for T is also newer than
        // every callRcu() snapshot taken before the bump) and before the slot store (which releases it).
        PCPU.setOpaque(pcpu, b + ORACLE, ownerGet(b + ORACLE) + 2);
        // Release: everything this CPU read before the QS happens-before the GP end that sees it.
        PCPU.setVolatile(pcpu, b + SLOT, c);
        // Store-load: slot store before the waiting-flag load below and before the next section's reads.
        VarHandle.fullFence();
        wakeGpIfWaitingOn(cpu.id());
    }

    /** rcu_idle_enter() -> rcu_eqs_enter(), v4.15: an extended quiescent state. */
    @Override
    public void cpuOffline(Cpu cpu) {
        if (flavour != Flavour.SCHED) {
            return;
        }
        int b = base(cpu.id());
        if (ownerGet(b + SLOT) == 0) {
            return;
        }
        // Oracle: one more event, offline; released by the slot store below.
        PCPU.setOpaque(pcpu, b + ORACLE, ((ownerGet(b + ORACLE) >>> 1) + 1) << 1);
        PCPU.setVolatile(pcpu, b + SLOT, 0L);
        VarHandle.fullFence(); // for the waiting-flag load (lost wake-up), as in quiescentState()
        wakeGpIfWaitingOn(cpu.id());
    }

    /** rcu_idle_exit() -> rcu_eqs_exit(), v4.15: the CPU is a reader again. */
    @Override
    public void cpuOnline(Cpu cpu) {
        if (flavour != Flavour.SCHED) {
            return;
        }
        int b = base(cpu.id());
        if (ownerGet(b + SLOT) != 0) {
            return;
        }
        PCPU.setVolatile(pcpu, b + SLOT, (long) PCPU.getAcquire(pcpu, GP_CTR));
        // Dekker: the slot must be visible before our first read-side access; pairs with the fence
        // between the bump and the slot scan in the GP thread (smp_mb() in rcu_eqs_exit()).
        VarHandle.fullFence();
        // Oracle last, with release: a caller that sees us online is guaranteed to see our slot.
        PCPU.setRelease(pcpu, b + ORACLE, (((ownerGet(b + ORACLE) >>> 1) + 1) << 1) | 1);
    }

    private void wakeGpIfWaitingOn(int cpu) {
        if ((long) PCPU.getVolatile(pcpu, GP_WAITING) == cpu) {
            LockSupport.unpark(gpThread);
        }
    }

    /** rcu_read_lock(), v4.15: __rcu_read_lock() for PREEMPT, preempt_disable() for SCHED. */
    @Override
    public void readLock(Cpu cpu) {
        if (flavour == Flavour.SCHED) {
            cpu.preemptDisable();
            return;
        }
        int b = base(cpu.id());
        long nest = ownerGet(b + NEST);
        PCPU.set(pcpu, b + NEST, nest + 1);
        if (nest == 0) {
            PCPU.setVolatile(pcpu, b + SLOT, ownerGet(b + SLOT) + 1); // odd: inside
            // Dekker (SB): "inside" must be visible before this section reads shared data, or the
            // GP thread could see us outside while we read the pointer it is about to free.
            VarHandle.fullFence();
            PCPU.setRelease(pcpu, b + ORACLE, (((ownerGet(b + ORACLE) >>> 1) + 1) << 1) | 1);
        }
    }

    /** rcu_read_unlock(), v4.15: __rcu_read_unlock() for PREEMPT, preempt_enable() for SCHED. */
    @Override
    public void readUnlock(Cpu cpu) {
        if (flavour == Flavour.SCHED) {
            cpu.preemptEnable();
            return;
        }
        int b = base(cpu.id());
        long nest = ownerGet(b + NEST);
        if (nest <= 0) {
            throw new IllegalStateException("BUG: rcu_read_unlock() without rcu_read_lock() on " + cpu);
        }
        PCPU.set(pcpu, b + NEST, nest - 1);
        if (nest == 1) {
            PCPU.setOpaque(pcpu, b + ORACLE, ownerGet(b + ORACLE) & ~1L);
            // Release suffices on exit (message passing, not Dekker): the section's reads
            // happen-before the GP thread's acquire load that sees the even value.
            PCPU.setRelease(pcpu, b + SLOT, ownerGet(b + SLOT) + 1);
        }
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
        callbacksQueued.increment();
        raise(peakBacklog, backlog.incrementAndGet());
        raise(this.peakDeferredBytes, this.deferredBytes.addAndGet(deferredBytes));
        enqueue(new Callback(callback, deferredBytes, oracleSnapshot(), false));
    }

    /** llist_add() + wake the GP kthread if the list was empty. Lock-free, legal with IRQs off. */
    private void enqueue(Callback cb) {
        Callback head;
        do {
            head = pending.get();
            cb.next = head;
        } while (!pending.compareAndSet(head, cb));
        if (head == null) {
            LockSupport.unpark(gpThread);
        }
    }

    /** synchronize_sched() / synchronize_rcu() -> wait_rcu_gp(), kernel/rcu/update.c v4.15. */
    @Override
    public void synchronize(Cpu caller) {
        caller.mightSleep(flavour == Flavour.SCHED ? "synchronize_sched()" : "synchronize_rcu()");
        waitForCallbackOnQueue(caller);
    }

    /** rcu_barrier_sched() / rcu_barrier(), kernel/rcu/tree.c v4.15. */
    @Override
    public void rcuBarrier(Cpu caller) {
        caller.mightSleep(flavour == Flavour.SCHED ? "rcu_barrier_sched()" : "rcu_barrier()");
        // The marker runs after a GP that started after this call (synchronize) and, since
        // batches run in queue order, after every callback queued before it (barrier).
        waitForCallbackOnQueue(caller);
    }

    private void waitForCallbackOnQueue(Cpu caller) {
        if (flavour == Flavour.PREEMPT && ownerGet(base(caller.id()) + NEST) != 0) {
            throw new IllegalStateException("Illegal synchronize_rcu() in RCU read-side critical section on "
                    + caller);
        }
        // The waiting task sleeps: for RCU-sched its CPU switches away (a QS) and stays quiescent
        // until the task runs again. Modelled as idle for the wait, else the caller's own CPU would
        // hold the grace period it waits for.
        boolean wasOnline = flavour == Flavour.SCHED && ownerGet(base(caller.id()) + SLOT) != 0;
        if (wasOnline) {
            cpuOffline(caller);
        }
        try {
            Waiter w = new Waiter();
            enqueue(new Callback(w, 0, oracleSnapshot(), true));
            if (!w.await(Long.MAX_VALUE)) {
                throw new IllegalStateException(name + " engine stopped before the grace period ended");
            }
        } finally {
            if (wasOnline) {
                cpuOnline(caller);
            }
        }
    }

    /** Drains every queued callback (rcu_barrier()), then stops the GP thread. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Waiter w = new Waiter();
        enqueue(new Callback(w, 0, oracleSnapshot(), true));
        boolean drained = w.await(config.closeTimeout().toNanos());
        String holders = drained ? "" : laggingCpus(currentGpDone);
        if (!drained) {
            aborted = true;
        }
        stopRequested = true;
        LockSupport.unpark(gpThread);
        try {
            gpThread.join(config.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!drained) {
            throw new IllegalStateException(name + ": close() gave up after " + config.closeTimeout().toMillis()
                    + " ms with callbacks still queued; grace period held by CPUs { " + holders + " }");
        }
    }

    // =====================================================================================
    // Grace-period kthread
    // =====================================================================================

    /** rcu_gp_kthread() + rcu_do_batch(), kernel/rcu/tree.c v4.15, one batch per grace period. */
    private void gpKthread() {
        while (true) {
            // Take the batch first, then start the GP: a callback queued from now on waits for the
            // next GP, so each callback runs after a GP that started after it was queued.
            Callback list = pending.getAndSet(null);
            if (list == null) {
                if (stopRequested) {
                    return;
                }
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                continue;
            }
            long start = System.nanoTime();
            if (!gracePeriod(start)) {
                return; // aborted by close()
            }
            long latency = System.nanoTime() - start;
            synchronized (latencyLock) { // so a snapshot's histogram count equals gracePeriods
                gpLatency.recordValue(latency);
                gracePeriods.incrementAndGet();
            }
            invokeBatch(reverse(list));
        }
    }

    /** rcu_gp_init() + rcu_gp_fqs_loop(), v4.15. Returns false if close() aborted it. */
    private boolean gracePeriod(long start) {
        long target = (long) PCPU.getVolatile(pcpu, GP_CTR) + 1; // only this thread writes gp_ctr
        PCPU.setVolatile(pcpu, GP_CTR, target);
        // Dekker: the bump (and, before it, the updaters' unpublish) must be visible before we read
        // any slot, pairing with the fence after a CPU's online/section-entry store.
        VarHandle.fullFence();
        IntPredicate done;
        if (flavour == Flavour.SCHED) {
            done = cpu -> {
                // Acquire: pairs with the release slot store; the CPU's reads before its QS
                // happen-before the callbacks we run next.
                long s = (long) PCPU.getAcquire(pcpu, base(cpu) + SLOT);
                return s == 0 || s >= target;
            };
        } else {
            long[] snap = new long[nrCpus];
            for (int cpu = 0; cpu < nrCpus; cpu++) {
                snap[cpu] = (long) PCPU.getAcquire(pcpu, base(cpu) + SLOT);
            }
            done = cpu -> (snap[cpu] & 1) == 0 || (long) PCPU.getAcquire(pcpu, base(cpu) + SLOT) != snap[cpu];
        }
        RcuConfig.Mutation m = config.mutation();
        if (m == RcuConfig.Mutation.NO_WAIT) {
            return true;
        }
        if (m == RcuConfig.Mutation.SKIP_CPU_0) {
            IntPredicate correct = done;
            done = cpu -> cpu == 0 || correct.test(cpu);
        }
        currentGpDone = done;
        boolean warned = false;
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            int spins = 0;
            while (!done.test(cpu)) {
                if (aborted) {
                    return false;
                }
                if (spins < config.spinIterations()) {
                    spins++;
                    Thread.onSpinWait();
                    continue;
                }
                long held = System.nanoTime() - start;
                if (!warned && held > config.stallTimeout().toNanos()) {
                    warned = true;
                    printCpuStall(target, held, done);
                }
                if (flavour == Flavour.SCHED) {
                    // Announce the wait, fence, recheck, park: pairs with the CPU's slot store,
                    // fence, waiting load, so one of us sees the other (no lost wake-up).
                    PCPU.setVolatile(pcpu, GP_WAITING, (long) cpu);
                    VarHandle.fullFence();
                    if (!done.test(cpu)) {
                        LockSupport.parkNanos(this, config.parkNanos());
                    }
                    PCPU.setOpaque(pcpu, GP_WAITING, -1L);
                } else {
                    // PREEMPT readers do not wake us (no fence on rcu_read_unlock()): poll.
                    LockSupport.parkNanos(this, config.parkNanos());
                }
            }
        }
        currentGpDone = null;
        return true;
    }

    /** print_cpu_stall()/print_other_cpu_stall() via check_cpu_stall(), kernel/rcu/tree.c v4.15. */
    private void printCpuStall(long gpNum, long heldNanos, IntPredicate done) {
        String msg = "INFO: " + name + " detected stalls on CPUs/tasks: { " + laggingCpus(done)
                + " } (grace period " + gpNum + " held for " + TimeUnit.NANOSECONDS.toMillis(heldNanos) + " ms)";
        stallWarnings.incrementAndGet();
        lastStallWarning = msg;
        System.err.println(msg);
    }

    private String laggingCpus(IntPredicate done) {
        if (done == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            if (!done.test(cpu)) {
                sb.append(sb.length() == 0 ? "" : " ").append(cpu);
            }
        }
        return sb.toString();
    }

    /** rcu_do_batch(), v4.15: invokes the batch in queue order. */
    private void invokeBatch(Callback cb) {
        // Batch statistics first: a barrier marker inside this batch wakes its waiter, which
        // must already see them.
        long user = 0;
        for (Callback c = cb; c != null; c = c.next) {
            user += c.internal ? 0 : 1;
        }
        if (user > 0) {
            batches.incrementAndGet();
            batchCallbacks.addAndGet(user);
            raise(maxBatch, user);
        }
        for (; cb != null; cb = cb.next) {
            if (oracleSaysEarly(cb.snapshot)) {
                earlyCallbacks.incrementAndGet();
            }
            try {
                cb.fn.run();
            } catch (Throwable t) {
                callbackErrors.incrementAndGet();
                System.err.println("BUG: " + name + " callback " + cb.fn + " threw:");
                t.printStackTrace();
            }
            if (!cb.internal) {
                callbacksInvoked.incrementAndGet();
                backlog.decrementAndGet();
                deferredBytes.addAndGet(-cb.deferredBytes);
            }
        }
    }

    private static Callback reverse(Callback head) {
        Callback prev = null;
        while (head != null) {
            Callback next = head.next;
            head.next = prev;
            prev = head;
            head = next;
        }
        return prev;
    }

    // =====================================================================================
    // Oracle
    // =====================================================================================

    /** The oracle words of the CPUs that are readers now (-1: not a reader). */
    private long[] oracleSnapshot() {
        long[] snap = new long[nrCpus];
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            // Acquire: pairs with the release that set the reader bit, so seeing a CPU as a reader
            // implies the GP thread (which runs after our enqueue) sees its slot too.
            long w = (long) PCPU.getAcquire(pcpu, base(cpu) + ORACLE);
            snap[cpu] = (w & 1) != 0 ? w : -1;
        }
        return snap;
    }

    private boolean oracleSaysEarly(long[] snap) {
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            if (snap[cpu] < 0) {
                continue;
            }
            long now = (long) PCPU.getAcquire(pcpu, base(cpu) + ORACLE);
            // SCHED: a QS or an idle transition since; PREEMPT: that section was left.
            boolean movedOn = flavour == Flavour.SCHED ? (now >>> 1) > (snap[cpu] >>> 1) : now != snap[cpu];
            if (!movedOn) {
                return true;
            }
        }
        return false;
    }

    // =====================================================================================
    // Statistics
    // =====================================================================================

    @Override
    public RcuStats stats() {
        Histogram h;
        long gps;
        synchronized (latencyLock) {
            h = gpLatency.copy();
            gps = gracePeriods.get();
        }
        long b = batches.get();
        long inBatches = batchCallbacks.get();
        return new RcuStats(flavour, gps, callbacksQueued.sum(), callbacksInvoked.get(), b,
                maxBatch.get(), b == 0 ? 0.0 : (double) inBatches / b, backlog.get(), peakBacklog.get(),
                deferredBytes.get(), peakDeferredBytes.get(), h, stallWarnings.get(), lastStallWarning,
                earlyCallbacks.get(), callbackErrors.get());
    }

    /** Exact when called while no callRcu() or grace period is in flight (an iteration boundary). */
    @Override
    public void resetStats() {
        synchronized (latencyLock) {
            gpLatency.reset();
            gracePeriods.set(0);
        }
        callbacksQueued.reset();
        callbacksInvoked.set(0);
        batches.set(0);
        batchCallbacks.set(0);
        maxBatch.set(0);
        peakBacklog.set(backlog.get());
        peakDeferredBytes.set(deferredBytes.get());
        stallWarnings.set(0);
        lastStallWarning = "";
    }

    @Override
    public long earlyCallbacks() {
        return earlyCallbacks.get();
    }

    private static void raise(AtomicLong peak, long value) {
        if (value > peak.get()) {
            peak.accumulateAndGet(value, Math::max);
        }
    }

    @Override
    public String toString() {
        return name + " engine (" + nrCpus + " CPUs, " + config.mutation() + ")";
    }

    // =====================================================================================

    /** An rcu_head: the callback, what it frees, and the oracle's snapshot. */
    private static final class Callback {
        final Runnable fn;
        final long deferredBytes;
        final long[] snapshot;
        final boolean internal;
        /** Written before the publishing CAS; read by the GP thread after getAndSet. */
        Callback next;

        Callback(Runnable fn, long deferredBytes, long[] snapshot, boolean internal) {
            this.fn = fn;
            this.deferredBytes = deferredBytes;
            this.snapshot = snapshot;
            this.internal = internal;
        }
    }

    /** wakeme_after_rcu() and its completion, kernel/rcu/update.c v4.15. */
    private final class Waiter implements Runnable {
        private final Thread thread = Thread.currentThread();
        private volatile boolean done;

        @Override
        public void run() {
            done = true;
            LockSupport.unpark(thread);
        }

        /** Spins briefly, then parks; false if the engine was aborted or the timeout passed. */
        boolean await(long timeoutNanos) {
            long start = System.nanoTime();
            for (int i = 0; i < config.spinIterations() && !done; i++) {
                Thread.onSpinWait();
            }
            while (!done) {
                if (aborted || System.nanoTime() - start > timeoutNanos) {
                    return done;
                }
                if (Thread.currentThread().isInterrupted()) {
                    // A test timeout or a harness stop: give up the wait (the marker stays queued
                    // and runs harmlessly later) rather than hang the build.
                    throw new IllegalStateException(name + ": interrupted while waiting for a grace period");
                }
                // run() unparks us; the bound only covers abort and the timeout.
                LockSupport.parkNanos(this, WAITER_PARK_NANOS);
            }
            return true;
        }

        @Override
        public String toString() {
            return "wakeme_after_rcu";
        }
    }
}
