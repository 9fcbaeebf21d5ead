package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;

/**
 * Test hooks at {@link RacePoint}s, for replaying an interleaving step by step. Null in
 * benchmarks; the hot path pays one null check per dirty page.
 */
@FunctionalInterface
public interface RaceHooks {

    /**
     * Called on the CPU that reached {@code point}. May block (the test's latch) but must not
     * sleep in the kernel's sense; a CPU may be in an IRQ-off section here.
     *
     * @param cpu  the CPU at the point, or null for {@link RacePoint#INODE_FREED} run by an RCU thread
     * @param page the page concerned, or null
     * @param inode the inode concerned, or null
     */
    void at(RacePoint point, Cpu cpu, Page page, Inode inode);
}
