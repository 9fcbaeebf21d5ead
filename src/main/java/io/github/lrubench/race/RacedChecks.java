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
            }
        }
    }

    /** Checks that raced a truncation so far; read after the compacting CPU's thread ended. */
    long raced() {
        return raced;
    }
}
