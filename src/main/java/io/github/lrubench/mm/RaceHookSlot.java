package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

/**
 * Where the subsystems with {@link RacePoint}s find the test's {@link RaceHooks}: one per
 * {@link Kernel}, handed to them instead of the Kernel itself, whose other fields a constructor
 * could read before they are set.
 */
final class RaceHookSlot {

    /** Null in benchmarks; set before the CPUs' threads start (Thread.start() publishes it). */
    RaceHooks hooks;

    /** Calls the hooks at {@code point}, if any are installed. */
    void at(RacePoint point, Cpu cpu, Page page, Inode inode) {
        RaceHooks h = hooks;
        if (h != null) {
            h.at(point, cpu, page, inode);
        }
    }
}
