package io.github.lrubench.rcu;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of an {@link RcuEngine}. Validated at construction: a bad value fails at once with a
 * message naming the field and its allowed range, not later as a hang or a busy core.
 *
 * @param stallTimeout   how long one grace period may be held before a stall warning is printed
 *                       (CONFIG_RCU_CPU_STALL_TIMEOUT, 21 s in v4.15; shorter here because the
 *                       model's sections are microseconds long)
 * @param closeTimeout   how long {@link RcuEngine#close()} waits for the queued callbacks before it
 *                       gives up, names the CPUs holding the grace period and throws
 * @param spinIterations {@code Thread.onSpinWait()} rounds a waiter spins before it parks
 * @param parkNanos      longest single park of a waiter; the machine has 2 cores that benchmarks
 *                       fill, so waiters park instead of burning a core
 * @param mutation       deliberate breakage for the engine's mutation tests; {@link Mutation#NONE}
 *                       everywhere else
 */
public record RcuConfig(Duration stallTimeout, Duration closeTimeout, int spinIterations, long parkNanos,
                        Mutation mutation) {

    /**
     * Ways to break the engine on purpose, <b>for tests only</b>: they prove that the oracles
     * (the built-in {@link RcuStats#earlyCallbacks()} and the tests' own section counters) catch a
     * grace period that ends too early. A benchmark or model run must use {@link #NONE}.
     */
    public enum Mutation {
        /** The correct engine. */
        NONE,
        /** Grace periods ignore CPU 0, as if it were always quiescent. */
        SKIP_CPU_0,
        /** Grace periods end as soon as they start. */
        NO_WAIT
    }

    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    public static final int MAX_SPIN_ITERATIONS = 1_000_000;
    public static final long MIN_PARK_NANOS = 1_000;
    public static final long MAX_PARK_NANOS = 100_000_000;

    public RcuConfig {
        checkTimeout("stallTimeout", stallTimeout);
        checkTimeout("closeTimeout", closeTimeout);
        if (spinIterations < 0 || spinIterations > MAX_SPIN_ITERATIONS) {
            throw new IllegalArgumentException("spinIterations must be in 0.." + MAX_SPIN_ITERATIONS
                    + ", was " + spinIterations);
        }
        if (parkNanos < MIN_PARK_NANOS || parkNanos > MAX_PARK_NANOS) {
            throw new IllegalArgumentException("parkNanos must be in " + MIN_PARK_NANOS + ".." + MAX_PARK_NANOS
                    + " (1 us..100 ms), was " + parkNanos);
        }
        Objects.requireNonNull(mutation, "mutation must be one of NONE, SKIP_CPU_0, NO_WAIT, was null");
    }

    private static void checkTimeout(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(field + " must be in (0, " + MAX_TIMEOUT + "], was " + d);
        }
    }

    /** Stall warning after 2 s, close gives up after 30 s, spin 100 rounds, park at most 50 us. */
    public static RcuConfig defaults() {
        return new RcuConfig(Duration.ofSeconds(2), Duration.ofSeconds(30), 100, 50_000, Mutation.NONE);
    }

    public RcuConfig withStallTimeout(Duration d) {
        return new RcuConfig(d, closeTimeout, spinIterations, parkNanos, mutation);
    }

    public RcuConfig withCloseTimeout(Duration d) {
        return new RcuConfig(stallTimeout, d, spinIterations, parkNanos, mutation);
    }

    public RcuConfig withSpinIterations(int n) {
        return new RcuConfig(stallTimeout, closeTimeout, n, parkNanos, mutation);
    }

    public RcuConfig withParkNanos(long n) {
        return new RcuConfig(stallTimeout, closeTimeout, spinIterations, n, mutation);
    }

    /** Tests only: see {@link Mutation}. */
    public RcuConfig withMutation(Mutation m) {
        return new RcuConfig(stallTimeout, closeTimeout, spinIterations, parkNanos, m);
    }
}
