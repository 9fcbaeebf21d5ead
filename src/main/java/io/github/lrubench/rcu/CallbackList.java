package io.github.lrubench.rcu;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The callbacks queued and not yet taken by the grace-period kthread: one lock-free list (an
 * llist) for the whole engine, newest first. v4.15 keeps a segmented list per CPU
 * (rcu_segcblist, kernel/rcu/rcu_segcblist.c) and runs each CPU's ready callbacks on that CPU; the
 * model takes the whole list as one batch per grace period.
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

    private final AtomicReference<Callback> pending = new AtomicReference<>();

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

    /** llist_reverse_order() (lib/llist.c, v4.15): a taken list in queue order, oldest first. */
    static Callback inQueueOrder(Callback head) {
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
