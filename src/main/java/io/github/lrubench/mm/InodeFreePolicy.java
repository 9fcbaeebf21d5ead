package io.github.lrubench.mm;

import io.github.lrubench.rcu.Rcu;

/**
 * Axis 2: how destroy_inode() (fs/inode.c, v4.15) hands the inode back to the slab. In v4.15
 * destroy_inode() frees with {@code call_rcu(&inode->i_rcu, i_callback)}, and {@code call_rcu} is
 * {@code call_rcu_sched} when CONFIG_PREEMPT_RCU=n (include/linux/rcupdate.h), as in distribution
 * kernels: the 2018 baseline is {@link #RCU_SCHED} there and {@link #PREEMPT_RCU} on a
 * CONFIG_PREEMPT kernel. Whether a check x free combination closes the race is decided here only,
 * by {@link #safety}.
 */
public enum InodeFreePolicy {
    /**
     * Hypothetical: i_callback() at once, kmem_cache_free() with no grace period. No v4.15
     * filesystem frees its inode so; it shows the race most plainly, with nothing but the window
     * between page_mapping() and the a_ops read in the way.
     */
    IMMEDIATE(null, false),
    /**
     * call_rcu(&inode->i_rcu, i_callback) on a CONFIG_PREEMPT=y, CONFIG_PREEMPT_RCU=y kernel, as
     * v4.15 implements preemptible RCU: a grace period ends only after every CPU took a tick
     * outside rcu_read_lock() (or switched tasks, or idled). The compacting CPU takes no tick while
     * its IRQs are off, so the free waits for its IRQ-off section: the race is closed in practice,
     * though the API never promised it.
     */
    PREEMPT_RCU(Rcu.Flavour.PREEMPT, true),
    /**
     * The same call_rcu() on the same kernel, modelled by its API contract only: the grace period
     * waits for rcu_read_lock() sections and nothing else, so the compacting CPU's IRQ-off section
     * does not delay the free. The worst case v4.15's contract allowed (a later implementation
     * was free to end grace periods this way until the v4.20 flavour consolidation made IRQ-off
     * regions readers of every flavour): the race is open.
     */
    PREEMPT_RCU_CONTRACT(Rcu.Flavour.PREEMPT_CONTRACT, true),
    /**
     * call_rcu_sched(&inode->i_rcu, i_callback) (Huang Ying's proposal), on a CONFIG_PREEMPT=n
     * kernel, where v4.15's call_rcu() is the same call: an IRQ-off section is an RCU-sched reader
     * by contract, so the inode cannot be freed until the compacting CPU drops the LRU lock.
     */
    RCU_SCHED(Rcu.Flavour.SCHED, false);

    /** How a check x free combination stands against the race, and on what the answer rests. */
    public enum Safety {
        /** Closed by an API's contract: the page lock protocol, or RCU-sched's readers. */
        CLOSED_BY_CONTRACT("closed by contract"),
        /** Closed only because of how v4.15 detects preemptible-RCU grace periods (ticks). */
        CLOSED_IN_PRACTICE("closed in practice (v4.15 implementation)"),
        /** Nothing keeps the inode alive across the window. */
        OPEN("open");

        private final String text;

        Safety(String text) {
            this.text = text;
        }

        /** The text the race table prints. */
        public String text() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final Rcu.Flavour rcuFlavour;
    private final boolean preemptibleKernel;

    InodeFreePolicy(Rcu.Flavour rcuFlavour, boolean preemptibleKernel) {
        this.rcuFlavour = rcuFlavour;
        this.preemptibleKernel = preemptibleKernel;
    }

    /** The name as tables print it: IMMEDIATE carries "(hypothetical)". */
    public String label() {
        return this == IMMEDIATE ? name() + " (hypothetical)" : name();
    }

    /** The RCU flavour whose callback frees the inode, or null if it is freed at once. */
    public Rcu.Flavour rcuFlavour() {
        return rcuFlavour;
    }

    /**
     * CONFIG_PREEMPT (with CONFIG_PREEMPT_RCU) of the kernel this policy belongs to: cond_resched()
     * reports no RCU quiescent state there, and rcu_read_lock() is preemptible RCU's. IMMEDIATE,
     * a hypothetical, runs on the distribution configuration (CONFIG_PREEMPT=n).
     */
    public boolean preemptibleKernel() {
        return preemptibleKernel;
    }

    /**
     * The one rule, in two readings: the page lock (the check) or RCU-sched (the free) close the
     * race by contract; v4.15's preemptible RCU closes it in practice, since its grace periods
     * wait for a tick that an IRQ-off CPU does not take; the contract-only preemptible RCU and the
     * immediate free leave it open.
     */
    public static Safety safety(IsolationCheck check, InodeFreePolicy free) {
        if (check.takesPageLock() || free == RCU_SCHED) {
            return Safety.CLOSED_BY_CONTRACT;
        }
        return free == PREEMPT_RCU ? Safety.CLOSED_IN_PRACTICE : Safety.OPEN;
    }

    /** The model must never read a freed inode in this combination (closed either way). */
    public static boolean isSafe(IsolationCheck check, InodeFreePolicy free) {
        return safety(check, free) != Safety.OPEN;
    }
}
