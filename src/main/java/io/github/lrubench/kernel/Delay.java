package io.github.lrubench.kernel;

/**
 * ndelay()/udelay() (include/linux/delay.h): a busy-wait that does not sleep and therefore may be
 * used with IRQs off. The model uses it for work the Java model leaves out (a real migration's
 * unmap, TLB-flush IPIs and rmap walk) and to widen a race window the way a preempted vCPU does.
 *
 * <p>A deadline spin on {@link System#nanoTime()} rather than a calibrated token loop: it costs
 * the stated time whatever the JIT does to the loop body, which is what "this much extra work per
 * page" means. Resolution is one nanoTime() call (about 20-25 ns on Linux/x86).
 */
public final class Delay {

    private Delay() {
    }

    /** ndelay(ns): spins for at least {@code ns} nanoseconds; returns at once for ns <= 0. */
    public static void ndelay(long ns) {
        if (ns <= 0) {
            return;
        }
        long deadline = System.nanoTime() + ns;
        while (System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
        }
    }
}
