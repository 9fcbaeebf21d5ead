package io.github.lrubench.kernel;

/**
 * The kernel's "BUG: sleeping function called from invalid context" splat
 * (___might_sleep(), kernel/sched/core.c, v4.15). An Error, not an exception: a model that sleeps
 * with IRQs off is broken, and no caller should recover from it.
 */
public final class SleepInAtomicError extends Error {
    private static final long serialVersionUID = 1L;

    public SleepInAtomicError(String message) {
        super(message);
    }
}
