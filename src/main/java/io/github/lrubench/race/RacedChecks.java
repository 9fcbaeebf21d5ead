package io.github.lrubench.race;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.Inode;
import io.github.lrubench.mm.Page;
import io.github.lrubench.mm.RaceHooks;
import io.github.lrubench.mm.RacePoint;

/**
 * Counts the dirty-page checks that raced a truncation inside their window: the trials that could
 * have gone wrong. A check raced when, by the end of its window (the a_ops load), the inode of the
 * mapping it read had entered eviction (I_FREEING, set by iput_final() before evict(); the model's
 * Vfs.evict() sets it) or had been freed or handed out again; a check that read no mapping
 * (truncation already done) did not. A use after free reads a freed inode at that load, so it is
 * always a raced check.
 * Without a fix such a check may read a freed inode; with one, the fix is what kept it safe.
 *
 * <p>Installed as the kernel's {@link RaceHooks} by {@link RaceStress}; only the compacting CPU's
 * thread writes the counter (the plain long is published to the reader by Thread.join()).
 */
final class RacedChecks implements RaceHooks {

    private long inoAtRead;
    private long raced;
    /** The inodes whose eviction a check raced: each is evicted once, so this counts distinct evictions raced. */
    private final java.util.Set<Long> racedInos = new java.util.HashSet<>();

    @Override
    public void at(RacePoint point, Cpu cpu, Page page, Inode inode) {
        if (inode == null) {
            return;
        }
        if (point == RacePoint.ISOLATE_MAPPING_READ) {
            inoAtRead = inode.ino();
        } else if (point == RacePoint.ISOLATE_WINDOW_END) {
            // iState and the slab state are volatile; reading them first makes a reuse's new
            // i_ino (stored before alloc_inode()'s volatile stores of both) visible to the plain read after.
            boolean evicting = (inode.iState() & Inode.I_FREEING) != 0 || inode.isFreed();
            if (evicting || inode.ino() != inoAtRead) {
                raced++;
                racedInos.add(inoAtRead); // inode numbers are not reused (get_next_ino())
            }
        }
    }

    /** Checks that raced a truncation so far; read after the compacting CPU's thread ended. */
    long raced() {
        return raced;
    }

    /**
     * Distinct evictions raced: checks that met the same eviction are not independent trials (one
     * truncation, several of its pages in one window), so a bound over trials counts these.
     */
    long evictions() {
        return racedInos.size();
    }
}
