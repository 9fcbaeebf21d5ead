package io.github.lrubench.rcu;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The callbacks queued and not yet taken by the grace-period kthread, and their invocation once
 * a grace period has passed: one lock-free list (an llist) for the whole engine, newest first.
 * v4.15 keeps a segmented list per CPU (rcu_segcblist, kernel/rcu/rcu_segcblist.c) and runs each
 * CPU's ready callbacks on that CPU; the model takes the whole list as one batch per grace period
 * and runs it on the kthread. Each callback is checked by the oracle just before it runs.
 */
final class CallbackList {

    /** An rcu_head: the callback, what it frees, and the oracle's snapshot. */
    static final class Callback {
        final Runnable fn;
        final long deferredBytes;
        final long[] snapshot;
        /** A synchronize(), rcuBarrier() or close() marker, not a callRcu() callback: not counted. */
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

    private final String engine;
    private final RcuOracle oracle;
    private final RcuCounters counters;
    private final AtomicReference<Callback> pending = new AtomicReference<>();

    CallbackList(String engine, RcuOracle oracle, RcuCounters counters) {
        this.engine = engine;
        this.oracle = oracle;
        this.counters = counters;
    }

    /**
     * llist_add() (include/linux/llist.h, v4.15): lock-free, legal with IRQs off. Returns true if
     * the list was empty, when the caller wakes the kthread.
     */
    boolean add(Callback cb) {
        Callback head;
        do {
            head = pending.get();
            cb.next = head;
        } while (!pending.compareAndSet(head, cb));
        return head == null;
    }

    /**
     * llist_del_all() (include/linux/llist.h, v4.15): everything queued so far, newest first, or
     * null; a callback queued after this call waits for the next take.
     */
    Callback takeAll() {
        return pending.getAndSet(null);
    }

    /** rcu_do_batch() (kernel/rcu/tree.c, v4.15): runs a list {@link #takeAll()} took, in queue order. */
    void invoke(Callback taken) {
        Callback cb = inQueueOrder(taken);
        // Batch statistics first: a barrier marker inside this batch wakes its waiter, which
        // must already see them.
        long user = 0;
        for (Callback c = cb; c != null; c = c.next) {
            user += c.internal ? 0 : 1;
        }
        counters.batch(user);
        for (; cb != null; cb = cb.next) {
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

    /** llist_reverse_order() (lib/llist.c, v4.15): a taken list in queue order, oldest first. */
    private static Callback inQueueOrder(Callback head) {
        Callback prev = null;
        while (head != null) {
            Callback next = head.next;
            head.next = prev;
            prev = head;
            head = next;
        }
        return prev;
    }
}
