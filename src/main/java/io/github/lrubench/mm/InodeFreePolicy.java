package io.github.lrubench.mm;

import io.github.lrubench.rcu.Rcu;

/** Axis 2: how destroy_inode() (fs/inode.c) hands the inode back to the slab. */
public enum InodeFreePolicy {
    /** i_callback() called at once: kmem_cache_free() with no grace period. */
    IMMEDIATE(null),
    /**
     * call_rcu(&inode->i_rcu, i_callback) on a CONFIG_PREEMPT_RCU kernel (v4.15): the grace
     * period waits for rcu_read_lock() readers only, not for IRQ-disabled regions, so the
     * compacting CPU's IRQ-off section does not delay the free. This is what most filesystems
     * did in 2018, which is why the race was real on preemptible kernels.
     */
    PREEMPT_RCU(Rcu.Flavour.PREEMPT_CONTRACT),
    /**
     * call_rcu_sched(&inode->i_rcu, i_callback) (Huang Ying's proposal): an IRQ-off section is an
     * RCU-sched reader, so the inode cannot be freed until the compacting CPU drops the LRU lock.
     */
    RCU_SCHED(Rcu.Flavour.SCHED);

    private final Rcu.Flavour rcuFlavour;

    InodeFreePolicy(Rcu.Flavour rcuFlavour) {
        this.rcuFlavour = rcuFlavour;
    }

    /** The RCU flavour whose callback frees the inode, or null if it is freed at once. */
    public Rcu.Flavour rcuFlavour() {
        return rcuFlavour;
    }

    /** The combination closes the race iff the check takes the page lock or the free waits for IRQ-off readers. */
    public static boolean isSafe(IsolationCheck check, InodeFreePolicy free) {
        return check.takesPageLock() || free == RCU_SCHED;
    }
}
