package io.github.lrubench.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A spinlock_t: a test-and-test-and-set lock on one padded word (the kernel uses a ticket or
 * queued lock; fairness does not matter for this model, the acquire/release ordering does).
 *
 * <p>Ordering: acquisition is a CAS (a locked {@code cmpxchg} on x86, a full barrier, at least
 * acquire as {@code spin_lock()} requires); release is a release store, as
 * {@code queued_spin_unlock()} is {@code smp_store_release()}. Everything written inside the
 * critical section therefore happens-before the next owner's critical section.
 *
 * <p>The {@code *Irqsave} variants disable IRQs on the calling CPU before spinning, exactly as
 * {@code spin_lock_irqsave()} does, so the caller is in an RCU-sched read-side critical section
 * for as long as it holds the lock.
 */
public final class SpinLock extends SpinLockFields {

    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(SpinLockHot.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public SpinLock(String name) {
        super(name);
    }

    public String name() {
        return name;
    }

    /** spin_lock(). */
    public void spinLock() {
        // Test-and-test-and-set: spin on a plain (opaque) read so waiters share the line
        // instead of bouncing it with failed CASes.
        while (!LOCKED.compareAndSet(this, 0, 1)) {
            while ((int) LOCKED.getOpaque(this) != 0) {
                Thread.onSpinWait();
            }
        }
    }

    /** spin_trylock(). */
    public boolean spinTrylock() {
        return (int) LOCKED.getOpaque(this) == 0 && LOCKED.compareAndSet(this, 0, 1);
    }

    /** spin_unlock(): a release store, smp_store_release() in queued_spin_unlock(). */
    public void spinUnlock() {
        LOCKED.setRelease(this, 0);
    }

    /** spin_is_locked(). */
    public boolean isLocked() {
        return (int) LOCKED.getOpaque(this) != 0;
    }

    /** spin_lock_irqsave(): IRQs off on this CPU first, then spin. Returns the saved flags. */
    public int spinLockIrqsave(Cpu cpu) {
        int flags = cpu.localIrqSave();
        spinLock();
        return flags;
    }

    /**
     * spin_trylock_irqsave(): IRQs off, one try; on failure IRQs are restored at once.
     *
     * @return the saved flags, or -1 if the lock was not taken (flags are never negative)
     */
    public int spinTrylockIrqsave(Cpu cpu) {
        int flags = cpu.localIrqSave();
        if (spinTrylock()) {
            return flags;
        }
        cpu.localIrqRestore(flags);
        return -1;
    }

    /** spin_unlock_irqrestore(). */
    public void spinUnlockIrqrestore(Cpu cpu, int flags) {
        spinUnlock();
        cpu.localIrqRestore(flags);
    }

    @Override
    public String toString() {
        return "spinlock(" + name + ")";
    }
}

abstract class SpinLockPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class SpinLockHot extends SpinLockPadBefore {
    final String name;
    int locked;

    SpinLockHot(String name) {
        this.name = name;
    }
}

abstract class SpinLockFields extends SpinLockHot {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    SpinLockFields(String name) {
        super(name);
    }
}
