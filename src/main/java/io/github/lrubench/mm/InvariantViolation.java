package io.github.lrubench.mm;

/**
 * A broken model invariant: page conservation, refcounts, nrpages, a freed inode still reachable,
 * an RCU callback run before its grace period. The message names the pfn or the inode. It is an
 * Error-like unchecked exception so that a benchmark reporting numbers from a broken model fails.
 */
public final class InvariantViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvariantViolation(String message) {
        super(message);
    }
}
