package io.github.lrubench.mm;

import io.github.lrubench.kernel.SpinLock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * struct address_space (include/linux/fs.h, v4.15): the page cache of one inode, embedded in the
 * inode as {@code inode->i_data}. Freeing the inode frees it, which is the whole race.
 *
 * <p>Simplification: the radix tree is a flat array of slots indexed by page index, sized when the
 * file is created (files here never grow after being filled). Inserts, deletes and replacements
 * hold {@code tree_lock} as the kernel's writers do; lookups are lockless under rcu_read_lock()
 * with a speculative reference, as in the kernel ({@link Filemap#findGetPage}).
 */
public final class AddressSpace {

    private static final VarHandle A_OPS;
    private static final VarHandle NRPAGES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            A_OPS = l.findVarHandle(AddressSpace.class, "aOps", AddressSpaceOperations.class);
            NRPAGES = l.findVarHandle(AddressSpace.class, "nrpages", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** mapping->host. */
    final Inode host;
    /** mapping->tree_lock (a spinlock taken with IRQs off in v4.15). */
    final SpinLock treeLock = new SpinLock("mapping->tree_lock");
    /** mapping->page_tree, flattened. Written under treeLock; Filemap's lockless lookups read it. */
    Page[] pageTree = new Page[0];
    /** mapping->nrpages. Written under treeLock, read locklessly by evict's BUG_ON and tests. */
    private int nrpages;
    /** mapping->a_ops. Poisoned on free in debug mode; read racily by __isolate_lru_page(). */
    private AddressSpaceOperations aOps;

    AddressSpace(Inode host) {
        this.host = host;
    }

    public Inode host() {
        return host;
    }

    /**
     * mapping->a_ops. Opaque load: the compacting CPU reads it with no lock that orders it against
     * the free, exactly the access the race is about, so the read must really happen here and see
     * whatever the freeing CPU stored (the poison or a reuser's a_ops).
     */
    public AddressSpaceOperations aOps() {
        return (AddressSpaceOperations) A_OPS.getOpaque(this);
    }

    /** Set at inode allocation and by slab poisoning; opaque store, read by racing CPUs. */
    void setAOps(AddressSpaceOperations ops) {
        A_OPS.setOpaque(this, ops);
    }

    /** The page at {@code index}, or null: a plain slot read, for callers at a quiescent point. */
    public Page pageAt(long index) {
        Page[] tree = pageTree;
        return index >= 0 && index < tree.length ? tree[(int) index] : null;
    }

    public int nrpages() {
        return (int) NRPAGES.getOpaque(this);
    }

    void setNrpages(int n) {
        NRPAGES.setOpaque(this, n);
    }

    @Override
    public String toString() {
        return "mapping of " + host;
    }
}
