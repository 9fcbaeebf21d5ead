package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.rcu.Rcu;

import java.util.concurrent.atomic.LongAdder;

/**
 * fs/inode.c (v4.15): inode creation, eviction and destroy_inode(), with the free policy axis.
 */
public final class Vfs {

    private final RaceHookSlot hookSlot;
    private final InodeCache inodeCache;
    private final Truncate truncate;
    /** The engine destroy_inode() defers the free to; null for an IMMEDIATE free. */
    private final Rcu freeRcu;
    private final int inodeBytes;
    private final LongAdder inodesDestroyed = new LongAdder();
    private final LongAdder inodesDeferred = new LongAdder();
    private final LongAdder inodesFreed = new LongAdder();

    Vfs(RaceHookSlot hookSlot, InodeCache inodeCache, Truncate truncate, Rcu freeRcu, int inodeBytes) {
        this.hookSlot = hookSlot;
        this.inodeCache = inodeCache;
        this.truncate = truncate;
        this.freeRcu = freeRcu;
        this.inodeBytes = inodeBytes;
    }

    /**
     * new_inode() + unlock_new_inode() (fs/inode.c, v4.15) for a regular file of
     * {@code nrIndices} pages' worth of slots.
     */
    public Inode newInode(AddressSpaceOperations aOps, int nrIndices) {
        if (nrIndices < 0) {
            throw new IllegalArgumentException("nrIndices must be >= 0, was " + nrIndices);
        }
        Inode inode = inodeCache.allocInode(aOps);
        inode.iData.pageTree = new Page[nrIndices];
        inode.iState = 0; // unlock_new_inode()
        return inode;
    }

    /**
     * evict() (fs/inode.c, v4.15), reached from iput_final() when the last link and reference
     * are gone: I_FREEING, truncate_inode_pages_final(), clear_inode(), destroy_inode().
     */
    public void evict(Cpu cpu, Inode inode) {
        inode.iState |= Inode.I_FREEING;
        truncate.truncateInodePagesFinal(cpu, inode.iData);
        clearInode(inode);
        destroyInode(cpu, inode);
    }

    /** clear_inode() (fs/inode.c, v4.15): BUG_ON(inode->i_data.nrpages). */
    private static void clearInode(Inode inode) {
        if (inode.iData.nrpages() != 0) {
            throw new InvariantViolation("BUG_ON(inode->i_data.nrpages) in clear_inode(): " + inode
                    + " still has " + inode.iData.nrpages() + " pages");
        }
        inode.iState = Inode.I_FREEING | Inode.I_CLEAR;
    }

    /**
     * destroy_inode() (fs/inode.c, v4.15) with the free policy under study: i_callback() now, or
     * call_rcu()/call_rcu_sched() of it. The RCU callback frees {@link KernelConfig#inodeBytes()}.
     */
    public void destroyInode(Cpu cpu, Inode inode) {
        inodesDestroyed.increment();
        if (freeRcu == null) {
            iCallback(inode);
        } else {
            deferFree(cpu, freeRcu, inode);
        }
        hookSlot.at(RacePoint.EVICT_DESTROY_INODE, cpu, null, inode);
    }

    private void deferFree(Cpu cpu, Rcu rcu, Inode inode) {
        inodesDeferred.increment();
        inodeCache.markRcuPending(inode);
        rcu.callRcu(cpu, () -> iCallback(inode), inodeBytes);
    }

    /** i_callback() (fs/inode.c, v4.15): kmem_cache_free(inode_cachep, inode). */
    private void iCallback(Inode inode) {
        inodeCache.free(inode);
        inodesFreed.increment();
        hookSlot.at(RacePoint.INODE_FREED, null, null, inode);
    }

    /** Inodes that went through destroy_inode(). */
    public long inodesDestroyed() {
        return inodesDestroyed.sum();
    }

    /** Inodes whose free was deferred to an RCU callback. */
    public long inodesDeferred() {
        return inodesDeferred.sum();
    }

    /** Inodes actually returned to the slab (immediately or by a callback). */
    public long inodesFreed() {
        return inodesFreed.sum();
    }
}
