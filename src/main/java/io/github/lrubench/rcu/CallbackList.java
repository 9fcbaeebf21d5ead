package io.github.lrubench.rcu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One CPU's callbacks, {@code rdp->cblist} (struct rcu_segcblist, kernel/rcu/rcu_segcblist.c,
 * v4.15), with that CPU's {@code rdp->blimit} and {@code rdp->qlen_last_fqs_check}, and
 * rcu_do_batch() for them (kernel/rcu/tree.c, v4.15).
 *
 * <p>v4.15 keeps four segments (DONE, WAIT, NEXT_READY, NEXT), each tagged with the grace period
 * whose end makes it ready. Here each callback carries that number itself ({@link Callback#gp}, 0
 * while it is in NEXT and waits for a grace period to be chosen: RCU_NEXT_TAIL): numbers only grow
 * from head to tail, so the ready callbacks are a prefix, the DONE segment.
 *
 * <p>Locking: the list is guarded by its monitor, the model's local_irq_save() around
 * rcu_segcblist_enqueue() and rcu_segcblist_extract_done_cbs(): the owner CPU's thread queues and
 * runs the softirq, but an idle CPU's softirq runs on {@link IdleTicks}, rcu_barrier() entrains
 * from the caller, and {@code synchronized} never sleeps. Callbacks run outside the monitor, and
 * one CPU's softirq runs on one thread at a time ({@link #claimSoftirq()}), as RCU_SOFTIRQ does on
 * one CPU, so a CPU's callbacks run in queue order (rcu_barrier() relies on it).
 */
final class CallbackList {

    /** v4.15's blimit: DEFAULT_RCU_BLIMIT, "Maximum callbacks per rcu_do_batch" (tree.c). */
    static final long BLIMIT = 10;
    /** v4.15's qhimark: DEFAULT_RCU_QHIMARK, "If this many pending, ignore blimit" (tree.c). */
    static final long QHIMARK = 10_000;
    /** v4.15's qlowmark: DEFAULT_RCU_QLOMARK, "Once only this many pending, use blimit" (tree.c). */
    static final long QLOWMARK = 100;

    /** An rcu_head: the callback, what it frees, the oracle's snapshot and its grace period. */
    static final class Callback {
        final Runnable fn;
        final long deferredBytes;
        final long[] snapshot;
        /** A synchronize(), rcuBarrier() or close() marker, not a callRcu() callback: not counted. */
        final boolean internal;
        /** The grace period whose end makes it ready; 0 while in the NEXT segment. Guarded by the list. */
        long gp;

        Callback(Runnable fn, long deferredBytes, long[] snapshot, boolean internal) {
            this.fn = fn;
            this.deferredBytes = deferredBytes;
            this.snapshot = snapshot;
            this.internal = internal;
        }
    }

    private final String engine;
    private final RcuOracle oracle;
    private final RcuCounters counters;
    /** Queue order, oldest first. Guarded by this. */
    private final ArrayDeque<Callback> cbs = new ArrayDeque<>();
    /** The trailing callbacks with gp == 0 (the NEXT segment). Guarded by this. */
    private int next;
    /** rdp->blimit: BLIMIT, or Long.MAX_VALUE after __call_rcu_core() saw qhimark passed. Guarded by this. */
    private long blimit = BLIMIT;
    /** rdp->qlen_last_fqs_check. Guarded by this. */
    private long qlenLastFqsCheck;
    /** rdp->n_force_qs_snap. Guarded by this. */
    private long nForceQsSnap;
    /** RCU_SOFTIRQ running for this CPU on some thread. */
    private final AtomicBoolean softirq = new AtomicBoolean();
    /**
     * Callbacks rcu_do_batch() has extracted and not yet finished invoking, and the grace period of
     * the last of them: v4.15 leaves them in rdp->cblist's count until after invocation
     * (rcu_segcblist_insert_count()), so rcu_barrier() still entrains behind them. Guarded by this.
     */
    private int inFlight;
    private long inFlightGp;
    /** Callbacks queued and not yet invoked, read without the lock by the idle ticks and the tick's fast path. */
    private volatile int size;

    CallbackList(String engine, RcuOracle oracle, RcuCounters counters) {
        this.engine = engine;
        this.oracle = oracle;
        this.counters = counters;
    }

    /** rcu_segcblist_n_cbs(), without the lock: a hint; exact only on the owner between its own calls. */
    int size() {
        return size;
    }

    /**
     * rcu_segcblist_enqueue() (kernel/rcu/rcu_segcblist.c, v4.15) into NEXT, then __call_rcu_core()'s
     * qhimark test (tree.c, v4.15): returns true if the list now holds more than
     * {@code qlen_last_fqs_check + qhimark} callbacks.
     */
    synchronized boolean enqueue(Callback cb) {
        cbs.addLast(cb);
        next++;
        size = cbs.size();
        return cbs.size() > qlenLastFqsCheck + QHIMARK;
    }

    /**
     * rcu_segcblist_entrain() (kernel/rcu/rcu_segcblist.c, v4.15), for _rcu_barrier()'s
     * rcu_barrier_func(): queues {@code cb} behind every callback on this CPU, in the last
     * non-empty segment (its grace period is the tail's). Returns false if the list is empty
     * (nothing to wait for on this CPU).
     */
    synchronized boolean entrain(Callback cb) {
        Callback tail = cbs.peekLast();
        if (tail == null) {
            if (inFlight == 0) {
                return false;
            }
            // rcu_segcblist_n_cbs() still counts the batch being invoked: the marker goes into the
            // done segment and runs in the next batch, after them (a barrier returned before an
            // in-flight inode free ran: RaceReplayTest flaked on it)
            cb.gp = inFlightGp;
            cbs.addLast(cb);
            size = cbs.size();
            return true;
        }
        cb.gp = tail.gp;
        cbs.addLast(cb);
        if (cb.gp == 0) {
            next++;
        }
        size = cbs.size();
        return true;
    }

    /** Whether the NEXT segment is non-empty: callbacks with no grace period chosen yet. */
    synchronized boolean hasNext() {
        return next > 0;
    }

    /**
     * rcu_accelerate_cbs() (tree.c, v4.15): the NEXT segment waits for grace period {@code c}
     * (rcu_cbs_completed()). Returns whether any callback was assigned. Called under the engine's
     * root lock, so {@code c} cannot fall behind a grace period that starts meanwhile.
     */
    synchronized boolean accelerate(long c) {
        if (next == 0) {
            return false;
        }
        Iterator<Callback> it = cbs.descendingIterator();
        for (int i = 0; i < next; i++) {
            it.next().gp = c;
        }
        next = 0;
        return true;
    }

    /** rcu_segcblist_ready_cbs(): the oldest callback's grace period has completed. */
    synchronized boolean readyCbs(long completed) {
        Callback head = cbs.peekFirst();
        return head != null && head.gp != 0 && head.gp <= completed;
    }

    /**
     * __call_rcu_core()'s "give the grace period a kick" (tree.c, v4.15): blimit becomes
     * unlimited; returns whether to call force_quiescent_state() (nobody forced one since this CPU
     * last did, and the new callback is not the only one waiting), then snapshots
     * {@code n_force_qs} and the queue length.
     */
    synchronized boolean kick(long nForceQs, Callback head, long completed) {
        blimit = Long.MAX_VALUE;
        boolean force = nForceQs == nForceQsSnap && firstPending(completed) != head;
        nForceQsSnap = nForceQs;
        qlenLastFqsCheck = cbs.size();
        return force;
    }

    /** rcu_segcblist_first_pend_cb(): the oldest callback still waiting for a grace period to end, or null. */
    private Callback firstPending(long completed) {
        for (Callback c : cbs) {
            if (c.gp == 0 || c.gp > completed) {
                return c;
            }
        }
        return null;
    }

    /** Claims RCU_SOFTIRQ for this CPU; false if another thread is running it. */
    boolean claimSoftirq() {
        return softirq.compareAndSet(false, true);
    }

    void releaseSoftirq() {
        softirq.set(false);
    }

    /**
     * rcu_do_batch() (kernel/rcu/tree.c, v4.15): extracts the ready callbacks, invokes them in
     * queue order and stops after {@code rdp->blimit} of them if {@code limited}
     * ({@code need_resched() || (!is_idle_task(current) && !rcu_is_callbacks_kthread())}: the
     * CPU is busy), reinstates blimit once the queue is down to qlowmark and resets
     * qlen_last_fqs_check. Returns whether ready callbacks remain (v4.15 then calls
     * invoke_rcu_core()). The caller holds {@link #claimSoftirq()}.
     */
    boolean doBatch(long completed, boolean limited) {
        List<Callback> batch = new ArrayList<>();
        synchronized (this) {
            long bl = limited ? blimit : Long.MAX_VALUE;
            // rcu_segcblist_extract_done_cbs() with the loop's "-rcl.len >= bl" stop folded in:
            // the callbacks past bl would be put back by rcu_segcblist_insert_done_cbs().
            while (batch.size() < bl) {
                Callback head = cbs.peekFirst();
                if (head == null || head.gp == 0 || head.gp > completed) {
                    break;
                }
                batch.add(cbs.pollFirst());
            }
            inFlight = batch.size();
            inFlightGp = batch.isEmpty() ? 0 : batch.get(batch.size() - 1).gp;
        }
        invoke(batch);
        synchronized (this) {
            inFlight = 0; // rcu_segcblist_insert_count()
            size = cbs.size();
            long count = cbs.size();
            // "Reinstate batch limit if we have worked down the excess."
            if (blimit == Long.MAX_VALUE && count <= QLOWMARK) {
                blimit = BLIMIT;
            }
            // "Reset ->qlen_last_fqs_check trigger if enough CBs have drained."
            if (count == 0 && qlenLastFqsCheck != 0) {
                qlenLastFqsCheck = 0;
            } else if (count < qlenLastFqsCheck - QHIMARK) {
                qlenLastFqsCheck = count;
            }
            Callback head = cbs.peekFirst();
            return head != null && head.gp != 0 && head.gp <= completed;
        }
    }

    /** The invocation loop of rcu_do_batch(): __rcu_reclaim() of each, oracle-checked first. */
    private void invoke(List<Callback> batch) {
        // Batch statistics first: a barrier marker inside this batch wakes its waiter, which
        // must already see them.
        long user = 0;
        for (Callback c : batch) {
            user += c.internal ? 0 : 1;
        }
        counters.batch(user);
        for (Callback cb : batch) {
            oracle.check(cb.snapshot);
            try {
                cb.fn.run();
            } catch (Throwable t) {
                counters.callbackError();
                System.err.println("BUG: " + engine + " callback " + cb.fn + " threw:");
                t.printStackTrace();
            }
            if (!cb.internal) {
                counters.invoked(cb.deferredBytes);
            }
        }
    }
}
