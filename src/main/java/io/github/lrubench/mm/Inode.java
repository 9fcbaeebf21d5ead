package io.github.lrubench.mm;

/**
 * struct inode (include/linux/fs.h, v4.15) with its embedded address_space {@code i_data}. Only
 * the state that eviction and the slab cache touch is modelled; the object's size in bytes is what
 * the inode cache was configured with (576 for a plain inode, 1056 for ext4_inode_info).
 */
public final class Inode {

    /** i_state bits (include/linux/fs.h, v4.15). */
    public static final int I_NEW = 1 << 3;
    public static final int I_WILL_FREE = 1 << 4;
    public static final int I_FREEING = 1 << 5;
    public static final int I_CLEAR = 1 << 6;

    /** Slab object state: what slub_debug's tracking knows about the object. */
    enum SlabState { ALLOCATED, RCU_PENDING, FREED }

    /** inode->i_ino; new for every allocation, even when the object is reused. */
    long ino;
    /** inode->i_state. Written by the task that owns the inode (creator, then evict). */
    volatile int iState;
    /** inode->i_data. */
    final AddressSpace iData;
    /** Slab bookkeeping: written under the cache's lock, read locklessly by checks. */
    volatile SlabState slabState = SlabState.FREED;
    /** How many times this object has been handed out by the cache (reuse is visible). */
    int generation;

    Inode() {
        this.iData = new AddressSpace(this);
    }

    public long ino() {
        return ino;
    }

    public AddressSpace mapping() {
        return iData;
    }

    public int iState() {
        return iState;
    }

    /** True once the slab cache took the object back (whether or not it was reused since). */
    public boolean isFreed() {
        return slabState == SlabState.FREED;
    }

    @Override
    public String toString() {
        return "inode " + ino;
    }
}
