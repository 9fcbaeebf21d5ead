package io.github.lrubench.rcu;

import java.time.Duration;
import java.util.Objects;
import java.util.function.IntPredicate;

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
 * @param mutation       the seam the engine's mutation tests break it through; {@link Mutation#NONE}
 *                       everywhere else
 * @param jiffiesTillFirstFqs rcutree.jiffies_till_first_fqs: jiffies from a grace period's start
 *                       to its first force-quiescent-state scan; {@link #KERNEL_DEFAULT} for v4.15's
 *                       default at the machine's HZ ({@link #defaultJiffiesTillFqs(int, int)})
 * @param jiffiesTillNextFqs  rcutree.jiffies_till_next_fqs: jiffies between later scans; same default
 * @param jiffiesTillSchedQs  rcutree.jiffies_till_sched_qs: grace-period age after which a scan sets
 *                       {@code rcu_urgent_qs} on the CPUs still holding it (and cond_resched() starts
 *                       reporting); {@link #KERNEL_DEFAULT} for HZ / 10
 */
public record RcuConfig(Duration stallTimeout, Duration closeTimeout, int spinIterations, long parkNanos,
                        Mutation mutation, long jiffiesTillFirstFqs, long jiffiesTillNextFqs,
                        long jiffiesTillSchedQs) {

    /** A jiffies parameter left at the kernel's default for the machine's HZ (ULONG_MAX in v4.15). */
    public static final long KERNEL_DEFAULT = -1;
    /** Longest jiffies parameter accepted: an hour at HZ=1000. */
    public static final long MAX_JIFFIES = 3_600_000;

    /**
     * The seam through which tests break the engine on purpose, <b>for tests only</b>: a broken
     * engine proves that the oracles (the built-in {@link RcuStats#earlyCallbacks()} and the tests'
     * own section counters) catch a grace period that ends too early. Main code has only
     * {@link #NONE}; the breakages (skip CPU 0, do not wait) are the test tree's {@code Mutations}.
     * A benchmark or model run must use {@link #NONE}.
     */
    @FunctionalInterface
    public interface Mutation {
        /** The correct engine: each grace period waits for what it needs. */
        Mutation NONE = new Mutation() {
            @Override
            public IntPredicate apply(IntPredicate done) {
                return done;
            }

            @Override
            public String toString() {
                return "none"; // the correct engine
            }
        };

        /**
         * Given a grace period's test "is it done with this CPU?", the test it waits for instead.
         * Called once per grace period, on the grace-period kthread.
         */
        IntPredicate apply(IntPredicate done);
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
        Objects.requireNonNull(mutation, "mutation must be Mutation.NONE outside the mutation tests, was null");
        checkJiffies("jiffiesTillFirstFqs", jiffiesTillFirstFqs);
        checkJiffies("jiffiesTillNextFqs", jiffiesTillNextFqs);
        checkJiffies("jiffiesTillSchedQs", jiffiesTillSchedQs);
    }

    private static void checkJiffies(String field, long j) {
        if (j != KERNEL_DEFAULT && (j < 1 || j > MAX_JIFFIES)) {
            throw new IllegalArgumentException(field + " must be KERNEL_DEFAULT (-1) or in 1.." + MAX_JIFFIES + ", was " + j);
        }
    }

    /**
     * v4.15's default for both FQS intervals (rcu_init_geometry(), kernel/rcu/tree.c, and
     * RCU_JIFFIES_TILL_FORCE_QS, kernel/rcu/tree.h): {@code 1 + (HZ > 250) + (HZ > 500)} plus one
     * jiffy per RCU_JIFFIES_FQS_DIV (256) CPUs. 1 jiffy (4 ms) at HZ=250 on a small machine.
     */
    public static long defaultJiffiesTillFqs(int hz, int nrCpus) {
        return 1 + (hz > 250 ? 1 : 0) + (hz > 500 ? 1 : 0) + nrCpus / 256;
    }

    /** v4.15's jiffies_till_sched_qs: HZ / 10, a tenth of a second whatever HZ is. */
    public static long defaultJiffiesTillSchedQs(int hz) {
        return Math.max(1, hz / 10);
    }

    /** jiffies_till_first_fqs in effect on a machine with this HZ and CPU count. */
    public long firstFqs(int hz, int nrCpus) {
        return jiffiesTillFirstFqs == KERNEL_DEFAULT ? defaultJiffiesTillFqs(hz, nrCpus) : jiffiesTillFirstFqs;
    }

    /** jiffies_till_next_fqs in effect on a machine with this HZ and CPU count. */
    public long nextFqs(int hz, int nrCpus) {
        return jiffiesTillNextFqs == KERNEL_DEFAULT ? defaultJiffiesTillFqs(hz, nrCpus) : jiffiesTillNextFqs;
    }

    /**
     * When v4.15's force-quiescent-state scan starts to resched_cpu() a CPU that still holds the
     * grace period: {@code jiffies - rsp->gp_start > rcu_jiffies_till_stall_check() / 2}
     * (rcu_implicit_dynticks_qs(), kernel/rcu/tree.c), half of this configuration's stall timeout,
     * in jiffies.
     */
    public long reschedJiffies(int hz) {
        return Math.max(1, stallTimeout.toMillis() * hz / 1000 / 2);
    }

    /** jiffies_till_sched_qs in effect on a machine with this HZ. */
    public long schedQs(int hz) {
        return jiffiesTillSchedQs == KERNEL_DEFAULT ? defaultJiffiesTillSchedQs(hz) : jiffiesTillSchedQs;
    }

    private static void checkTimeout(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero() || d.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(field + " must be in (0, " + MAX_TIMEOUT + "], was " + d);
        }
    }

    /**
     * Stall warning after 2 s, close gives up after 30 s, spin 100 rounds, park at most 50 us, the
     * kernel's jiffies parameters.
     */
    public static RcuConfig defaults() {
        return new RcuConfig(Duration.ofSeconds(2), Duration.ofSeconds(30), 100, 50_000, Mutation.NONE,
                KERNEL_DEFAULT, KERNEL_DEFAULT, KERNEL_DEFAULT);
    }

    public RcuConfig withStallTimeout(Duration d) {
        return new RcuConfig(d, closeTimeout, spinIterations, parkNanos, mutation, jiffiesTillFirstFqs, jiffiesTillNextFqs, jiffiesTillSchedQs);
    }

    public RcuConfig withCloseTimeout(Duration d) {
        return new RcuConfig(stallTimeout, d, spinIterations, parkNanos, mutation, jiffiesTillFirstFqs, jiffiesTillNextFqs, jiffiesTillSchedQs);
    }

    public RcuConfig withSpinIterations(int n) {
        return new RcuConfig(stallTimeout, closeTimeout, n, parkNanos, mutation, jiffiesTillFirstFqs, jiffiesTillNextFqs, jiffiesTillSchedQs);
    }

    public RcuConfig withParkNanos(long n) {
        return new RcuConfig(stallTimeout, closeTimeout, spinIterations, n, mutation, jiffiesTillFirstFqs, jiffiesTillNextFqs, jiffiesTillSchedQs);
    }

    /** Tests only: see {@link Mutation}. */
    public RcuConfig withMutation(Mutation m) {
        return new RcuConfig(stallTimeout, closeTimeout, spinIterations, parkNanos, m, jiffiesTillFirstFqs, jiffiesTillNextFqs, jiffiesTillSchedQs);
    }

    /** rcutree.jiffies_till_first_fqs and rcutree.jiffies_till_next_fqs, as a boot line sets them. */
    public RcuConfig withJiffiesTillFqs(long first, long next) {
        return new RcuConfig(stallTimeout, closeTimeout, spinIterations, parkNanos, mutation, first, next, jiffiesTillSchedQs);
    }

    /** rcutree.jiffies_till_sched_qs. */
    public RcuConfig withJiffiesTillSchedQs(long j) {
        return new RcuConfig(stallTimeout, closeTimeout, spinIterations, parkNanos, mutation, jiffiesTillFirstFqs,
                jiffiesTillNextFqs, j);
    }
}
