package io.github.lrubench.hostkernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;

/**
 * An anonymous private mapping advised {@code MADV_HUGEPAGE} and aligned to 2 MiB, faulted one
 * huge page at a time: with THP {@code enabled} at madvise or always and {@code defrag} at madvise,
 * defer+madvise or always, each first touch of a 2 MiB range allocates a THP with
 * {@code __GFP_DIRECT_RECLAIM} and, when no free pageblock is left, compacts directly, async first
 * (mm/huge_memory.c, vma_thp_gfp_mask(); mm/page_alloc.c, __alloc_pages_slowpath()). The mapping
 * is the process's own, so the kernel takes it back when the process ends, however it ends.
 */
final class ThpRegion implements AutoCloseable {
    static final long HPAGE = 2L << 20;

    private final Pointer base;
    private final long length;
    private final Pointer aligned;
    private final long hugePages;
    private long faulted;
    private boolean closed;

    private ThpRegion(Pointer base, long length, Pointer aligned, long hugePages) {
        this.base = base;
        this.length = length;
        this.aligned = aligned;
        this.hugePages = hugePages;
    }

    /** Reserves address space for {@code hugePages} THPs; nothing is faulted yet. */
    static ThpRegion reserve(long hugePages) {
        MemoryFill.libc();
        long length = (hugePages + 1) * HPAGE;
        Pointer p;
        try {
            p = Libc.mmap(null, length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE, -1, 0); // address space only: no commit charge for what is never faulted
        } catch (LastErrorException e) {
            throw new IllegalStateException("cannot map " + length + " bytes: " + Libc.describe(e), e);
        }
        long addr = Pointer.nativeValue(p);
        long start = (addr + HPAGE - 1) & -HPAGE;
        Pointer aligned = new Pointer(start);
        try {
            Libc.madvise(aligned, hugePages * HPAGE, Libc.MADV_HUGEPAGE);
        } catch (LastErrorException e) {
            Libc.munmap(p, length);
            throw new IllegalStateException("madvise(MADV_HUGEPAGE) failed: " + Libc.describe(e), e);
        }
        return new ThpRegion(p, length, aligned, hugePages);
    }

    /** Touches the next {@code n} huge pages (fewer when the region is used up); returns how many it touched. */
    synchronized long fault(long n) {
        long k = 0;
        while (k < n && faulted < hugePages && !closed) {
            aligned.setByte(faulted * HPAGE, (byte) 1);
            faulted++;
            k++;
        }
        return k;
    }

    /** Unmaps it: its THPs go back to the buddy allocator as whole pageblocks. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.munmap(base, length);
        }
    }
}
