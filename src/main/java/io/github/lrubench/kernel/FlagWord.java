package io.github.lrubench.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An {@code unsigned long} of flag bits with the kernel's bit operations
 * (include/asm-generic/bitops/lock.h and arch/x86/include/asm/bitops.h, v4.15). {@code struct page}
 * extends it for {@code page->flags}.
 *
 * <p>Ordering, chosen to match the kernel's documented semantics (Documentation/atomic_bitops.txt):
 * <ul>
 *   <li>{@link #testBit} is a READ_ONCE-style opaque load: no ordering, never hoisted;</li>
 *   <li>{@link #setBit}/{@link #clearBit} are atomic RMWs with no ordering guarantee beyond
 *       atomicity (x86 emits a locked instruction anyway);</li>
 *   <li>{@link #testAndSetBitLock} has acquire semantics: the critical section cannot move above
 *       it (test_and_set_bit_lock(), used by trylock_page());</li>
 *   <li>{@link #clearBitUnlock} and {@link #clearBitUnlockIsNegativeByte} have release semantics:
 *       the critical section cannot move below them (clear_bit_unlock(), used by unlock_page()).</li>
 * </ul>
 * HotSpot compiles the RMWs to a {@code lock cmpxchg} loop rather than {@code lock bts}; both are
 * one locked instruction on an uncontended line, which is what the measurement needs.
 */
public abstract class FlagWord {

    private static final VarHandle FLAGS;

    static {
        try {
            FLAGS = MethodHandles.lookup().findVarHandle(FlagWord.class, "flags", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Bit 7 of the low byte: clear_bit_unlock_is_negative_byte() reports it (PG_waiters). */
    public static final int NEGATIVE_BYTE_BIT = 7;

    private long flags;

    /** The whole word, opaque load (READ_ONCE(page->flags)). */
    public final long flagsWord() {
        return (long) FLAGS.getOpaque(this);
    }

    /** test_bit(). */
    public final boolean testBit(int nr) {
        return ((long) FLAGS.getOpaque(this) & (1L << nr)) != 0;
    }

    /** set_bit(): atomic, unordered. */
    public final void setBit(int nr) {
        FLAGS.getAndBitwiseOr(this, 1L << nr);
    }

    /** clear_bit(): atomic, unordered. */
    public final void clearBit(int nr) {
        FLAGS.getAndBitwiseAnd(this, ~(1L << nr));
    }

    /** test_and_set_bit(): atomic, fully ordered. */
    public final boolean testAndSetBit(int nr) {
        return ((long) FLAGS.getAndBitwiseOr(this, 1L << nr) & (1L << nr)) != 0;
    }

    /** test_and_clear_bit(): atomic, fully ordered. */
    public final boolean testAndClearBit(int nr) {
        return ((long) FLAGS.getAndBitwiseAnd(this, ~(1L << nr)) & (1L << nr)) != 0;
    }

    /**
     * test_and_set_bit_lock(): acquire. Returns the old bit, so {@code false} means "locked by me".
     * The opaque pre-test mirrors what x86 gets for free from a failed {@code lock bts} on a line
     * it already holds; it avoids a write on a lock that is visibly taken.
     */
    public final boolean testAndSetBitLock(int nr) {
        long bit = 1L << nr;
        if (((long) FLAGS.getOpaque(this) & bit) != 0) {
            return true;
        }
        return ((long) FLAGS.getAndBitwiseOrAcquire(this, bit) & bit) != 0;
    }

    /** clear_bit_unlock(): release. */
    public final void clearBitUnlock(int nr) {
        FLAGS.getAndBitwiseAndRelease(this, ~(1L << nr));
    }

    /**
     * clear_bit_unlock_is_negative_byte() (x86, v4.15): clears {@code nr} with release semantics and
     * reports whether bit 7 (PG_waiters) was set, so unlock_page() knows whether to wake anyone
     * without a second access.
     */
    public final boolean clearBitUnlockIsNegativeByte(int nr) {
        long old = (long) FLAGS.getAndBitwiseAndRelease(this, ~(1L << nr));
        return (old & (1L << NEGATIVE_BYTE_BIT)) != 0;
    }

    /** __set_bit(): non-atomic; only for an object nobody else can see yet (a page being set up). */
    protected final void nonAtomicSetBit(int nr) {
        flags |= 1L << nr;
    }

    /** Replaces the whole word; only for an object nobody else can see (allocation, tests). */
    protected final void setFlagsWordUnshared(long value) {
        FLAGS.setRelease(this, value);
    }
}
