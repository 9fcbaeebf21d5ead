package io.github.lrubench.kernel;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code jiffies} and the per-CPU scheduler tick: the timer interrupt of kernel/time/tick-sched.c
 * and do_timer() (kernel/time/timekeeping.c, v4.15), driven by {@link System#nanoTime()}.
 *
 * <p>One thread plays the local APIC timers of every CPU: at each jiffy boundary it advances
 * {@link #jiffies()} and raises a pending timer interrupt on every CPU
 * ({@link Cpu#raiseTimerInterrupt()}). A CPU takes the interrupt only where it could in the
 * kernel: at the instrumented points where its IRQs are (or come back) on; a CPU holding IRQs
 * off keeps the interrupt pending until {@code local_irq_restore()}, and several jiffies with IRQs
 * off still make one pending interrupt, as on hardware. All CPUs tick at the jiffy boundary
 * (sched_skew_tick=0, the default).
 *
 * <p>Ordering: the thread is the only writer of {@code jiffies} (a volatile store, a plain
 * {@code mov} on x86, as do_timer()'s update under jiffies_lock is seen by lockless readers);
 * readers need no more than a fresh value, and nothing is published through it.
 *
 * <p>The thread runs while at least one RCU engine uses the clock ({@link #get()} /
 * {@link #put()}): jiffies matters to nothing else in the model, and a machine without RCU needs
 * no ticks. It parks between ticks, so it costs about one wake-up per jiffy (250 a second at the
 * default HZ).
 */
public final class KernelClock {

    /** CONFIG_HZ of the distribution kernels of 2018 (Debian, Ubuntu, Fedora x86-64: 250). */
    public static final int DEFAULT_HZ = 250;
    public static final int MIN_HZ = 100;
    public static final int MAX_HZ = 1000;

    private final int hz;
    private final long tickNanos;
    private final long bootNanos = System.nanoTime();
    private final Cpu[] cpus;
    private volatile long jiffies;
    private Thread thread;
    private int users;
    private volatile boolean stop;

    KernelClock(int hz, Cpu[] cpus) {
        if (hz < MIN_HZ || hz > MAX_HZ) {
            throw new IllegalArgumentException("hz must be in " + MIN_HZ + ".." + MAX_HZ + ", was " + hz);
        }
        this.hz = hz;
        this.tickNanos = 1_000_000_000L / hz;
        this.cpus = Objects.requireNonNull(cpus);
    }

    /** CONFIG_HZ. */
    public int hz() {
        return hz;
    }

    /** TICK_NSEC: one jiffy in nanoseconds. */
    public long tickNanos() {
        return tickNanos;
    }

    /** READ_ONCE(jiffies): whole ticks since boot, as the timer thread last advanced them. */
    public long jiffies() {
        return jiffies;
    }

    /** Nanoseconds from now until jiffy {@code j} begins (negative if it has). */
    public long nanosUntil(long j) {
        return bootNanos + j * tickNanos - System.nanoTime();
    }

    /** Starts the timer for one more user (an RCU engine); the first user starts the thread. */
    public synchronized void get() {
        if (users++ == 0) {
            stop = false;
            thread = new Thread(this::run, "timer-HZ" + hz);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** One user fewer; the last one stops the thread (and waits for it, so no tick follows). */
    public synchronized void put() {
        if (users == 0) {
            throw new IllegalStateException("KernelClock.put() without get()");
        }
        if (--users == 0) {
            stop = true;
            LockSupport.unpark(thread);
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /** tick_sched_timer() (kernel/time/tick-sched.c) and do_timer() (kernel/time/timekeeping.c), v4.15. */
    private void run() {
        while (!stop) {
            long now = System.nanoTime();
            long j = (now - bootNanos) / tickNanos;
            if (j != jiffies) {
                jiffies = j;
                for (Cpu c : cpus) {
                    c.raiseTimerInterrupt();
                }
            }
            LockSupport.parkNanos(this, bootNanos + (j + 1) * tickNanos - System.nanoTime());
        }
    }

    @Override
    public String toString() {
        return "jiffies(HZ=" + hz + ")";
    }
}
