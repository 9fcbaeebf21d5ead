package io.github.lrubench.mm;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The inode slab cache: kmem_cache_alloc()/kmem_cache_free() on "inode_cache" (mm/slub.c, v4.15).
 *
 * <p>Like SLUB, a freed object goes back on a LIFO freelist and is the next one handed out, so a
 * use after free normally reads a <em>live</em> inode of another file and goes unnoticed. In debug
 * mode the cache does what slub_debug=P and KASAN do: it poisons the freed object (a_ops reads as
 * {@link AddressSpaceOperations#POISON}) and keeps it in a FIFO quarantine for a while before
 * reuse, so a racing read of a freed inode sees the poison and is reported by
 * {@link #kasanReportUseAfterFree}. The quarantine is what makes detection dependable: without it
 * the object may be reused before the racing CPU reads it.
 *
 * <p>Thread safety: allocations and frees come from several simulated CPUs and from the RCU
 * callback thread, so the freelist is guarded by a monitor (the kernel uses per-CPU freelists;
 * the cost of this lock is on the free side only, never in the isolation path).
 */
public final class InodeCache {

    private final boolean debug;
    private final int quarantineCapacity;
    private final ArrayDeque<Inode> freelist = new ArrayDeque<>();
    private final ArrayDeque<Inode> quarantine = new ArrayDeque<>();
    private long nextIno = 1;
    private long allocated;
    private long freed;
    private final LongAdder uafReports = new LongAdder();
    private final AtomicReference<String> firstReport = new AtomicReference<>();

    /**
     * @param debug              poison and quarantine freed objects (slub_debug/KASAN)
     * @param quarantineCapacity freed objects held back before reuse in debug mode
     */
    public InodeCache(boolean debug, int quarantineCapacity) {
        if (quarantineCapacity < 0) {
            throw new IllegalArgumentException("quarantineCapacity must be >= 0, was " + quarantineCapacity);
        }
        this.debug = debug;
        this.quarantineCapacity = quarantineCapacity;
    }

    public boolean debug() {
        return debug;
    }

    /** alloc_inode() -> kmem_cache_alloc(inode_cachep) and inode_init_always() (fs/inode.c, v4.15). */
    public Inode allocInode(AddressSpaceOperations aOps) {
        Inode inode;
        synchronized (this) {
            inode = freelist.pollFirst();
            if (inode == null) {
                inode = new Inode();
            }
            if (inode.slabState != Inode.SlabState.FREED) {
                throw new IllegalStateException("BUG: slab handed out a live object: " + inode);
            }
            inode.ino = nextIno++;
            inode.generation++;
            inode.slabState = Inode.SlabState.ALLOCATED;
            allocated++;
        }
        inode.iState = Inode.I_NEW;
        AddressSpace m = inode.iData;
        m.pageTree = new Page[0];
        m.setNrpages(0);
        m.setAOps(aOps);
        return inode;
    }

    /** Marks an inode whose free was handed to RCU (between destroy_inode() and the callback). */
    void markRcuPending(Inode inode) {
        synchronized (this) {
            inode.slabState = Inode.SlabState.RCU_PENDING;
        }
    }

    /**
     * i_callback() -> kmem_cache_free(inode_cachep, inode) (fs/inode.c, v4.15). Poisons and
     * quarantines in debug mode; otherwise the object is at once the next one to be reused.
     */
    public void free(Inode inode) {
        if (inode.iData.nrpages() != 0) {
            throw new InvariantViolation("inode " + inode.ino + " freed with " + inode.iData.nrpages()
                    + " pages still in its page cache");
        }
        synchronized (this) {
            if (inode.slabState == Inode.SlabState.FREED) {
                throw new InvariantViolation("double free of inode " + inode.ino);
            }
            inode.slabState = Inode.SlabState.FREED;
            freed++;
            if (debug) {
                // slub_debug poisoning: the object's bytes become 0x6b, so a_ops is garbage.
                inode.iData.setAOps(AddressSpaceOperations.POISON);
                quarantine.addLast(inode);
                while (quarantine.size() > quarantineCapacity) {
                    freelist.addFirst(quarantine.pollFirst());
                }
            } else {
                freelist.addFirst(inode);
            }
        }
    }

    /**
     * What KASAN's report (or a slub_debug poison oops) amounts to: a CPU dereferenced a freed
     * inode. Counted, never thrown: the benchmarks count how often the race fires.
     */
    public void kasanReportUseAfterFree(Inode inode, String access) {
        uafReports.increment();
        firstReport.compareAndSet(null, "BUG: KASAN: use-after-free in " + access + " on " + inode);
    }

    /** Use-after-free reports so far. */
    public long uafReports() {
        return uafReports.sum();
    }

    /** The first report's text, or null. */
    public String firstUafReport() {
        return firstReport.get();
    }

    public synchronized long allocatedCount() {
        return allocated;
    }

    public synchronized long freedCount() {
        return freed;
    }

    /** Objects handed out and not yet freed (RCU-pending ones count as live). */
    public synchronized long liveCount() {
        return allocated - freed;
    }
}
