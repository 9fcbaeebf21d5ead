package io.github.lrubench.rcu;

import io.github.lrubench.Slow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.Smp;
import io.github.lrubench.rcu.Rcu.Flavour;
import io.github.lrubench.rcu.RcuConfig.Mutation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An oracle independent of the engine (docs/DESIGN.md, "Testing the engine"): readers count the sections they enter and
 * leave; a callback snapshots, when queued, which CPUs are inside a section and that section's
 * entry number, and when it runs checks each of those CPUs has left it. The engine is then broken
 * on purpose, and the same oracle must fail, which shows the readers are long enough to catch a
 * grace period that ends early.
 *
 * <p>No test bets on a fixed time: every run stops at the first violation or once its goal (the
 * counts the correct-engine tests assert) is reached; {@link #CAP} is only a safety net, and a run
 * that reaches it fails its assertions. The JUnit timeout is above the cap so the cap speaks first.
 *
 * <p>Grace periods now take jiffies ({@link RcuEngine}): the machine runs at HZ=1000 with the FQS
 * scans every jiffy and {@code jiffies_till_sched_qs} at 2 (rcutree boot parameters, as a kernel
 * can set them), so a grace period lasts a few milliseconds and the runs reach their counts in about
 * a second each. Readers leave their sections through every v4.15 quiescent-state point: a
 * cond_resched() after each section (which reports only once urgent), now and then a context
 * switch or a stretch in user mode (where ticks report), and they take ticks inside their sections
 * (a preempt_enable() every 50 us, with IRQs on, or with IRQs off where the tick stays pending).
 * One section in 32 spans up to three ticks: a quiescent state is reported at the tick after the
 * one that noted it, so only a section longer than a tick catches a tick wrongly taken inside it
 * (with short sections only, delivering ticks while IRQs are off went unnoticed).
 */
@Slow
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RcuOracleStressTest {

    /** Safety net only: runs normally stop at their goal within a second or two. */
    private static final Duration CAP = Duration.ofSeconds(60);
    /**
     * What a correct engine must get through without a violation: about half of what the old fixed
     * runs saw (1.5 s: 10,417 callbacks, 19,983 reader checks; 1 s PREEMPT: 7,327 callbacks) on
     * the 2-core machine, so the tests keep their power; they now take under a second each.
     */
    private static final Goal CORRECT_ENGINE = new Goal(5_000, 5_000, 50);
    /** The jiffies parameters of every run: see the class comment. */
    private static final int HZ = 1000;
    private static final RcuConfig FAST_GRACE_PERIODS = RcuConfig.defaults().withJiffiesTillFqs(1, 1).withJiffiesTillSchedQs(2);

    private static final int READERS = 2;
    /** Sections up to 100 us: long against a grace period that skips a CPU, short for the test. */
    private static final long MAX_SECTION_NANOS = 100_000;
    /** One section in this many is long: up to three jiffies at HZ=1000. */
    private static final int LONG_SECTION_ODDS = 32;
    private static final long LONG_SECTION_NANOS = 3_000_000;
    /** Inside a section, a point where a tick could be taken every this many nanoseconds. */
    private static final long POINT_EVERY_NANOS = 50_000;

    enum Section { IRQ_OFF, READ_LOCK }

    record Outcome(long violations, long checked, long callbacksRun, long syncChecks, long millis, RcuStats stats) { }

    /**
     * When a run may stop (besides at the first violation, which every run stops at): once at
     * least this many callbacks ran, callbacks had a reader to check, and synchronize() calls were
     * checked.
     */
    record Goal(long callbacksRun, long checked, long syncChecks) {
        /** No count is enough: run until the first violation (or the cap). */
        static final Goal FIRST_VIOLATION = new Goal(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

        boolean reached(AtomicLong ran, AtomicLong checked, AtomicLong syncChecks) {
            return ran.get() >= callbacksRun && checked.get() >= this.checked && syncChecks.get() >= this.syncChecks;
        }
    }

    /**
     * CPUs 0..READERS-1 loop over reader sections; CPU READERS queues callbacks (and now and then
     * calls synchronize(), checked by the same oracle), idling between calls as a real CPU would.
     * Every CPU stops at the first violation, once {@code goal} is reached, or at {@link #CAP}.
     */
    private static Outcome run(Flavour flavour, Mutation mutation, Section section, Goal goal)
            throws InterruptedException {
        Smp smp = new Smp(READERS + 1, HZ, flavour.preemptible());
        RcuEngine rcu = RcuEngine.create(smp, flavour, FAST_GRACE_PERIODS.withMutation(mutation));
        AtomicLongArray entered = new AtomicLongArray(READERS);
        AtomicLongArray left = new AtomicLongArray(READERS);
        AtomicLong violations = new AtomicLong();
        AtomicLong checked = new AtomicLong();
        AtomicLong ran = new AtomicLong();
        AtomicLong syncChecks = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + CAP.toNanos();
        BooleanSupplier stop = () -> violations.get() > 0 || goal.reached(ran, checked, syncChecks)
                || System.nanoTime() - deadline >= 0;
        List<Thread> threads = new ArrayList<>();

        for (int i = 0; i < READERS; i++) {
            int id = i;
            Cpu cpu = smp.cpu(i);
            threads.add(new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (!stop.getAsBoolean()) {
                    int flags = 0;
                    if (section == Section.IRQ_OFF) {
                        flags = cpu.localIrqSave();
                    } else {
                        rcu.readLock(cpu);
                    }
                    entered.incrementAndGet(id);
                    // Mostly short sections; one in LONG_SECTION_ODDS spans a few ticks, so a tick
                    // wrongly taken (or a quiescent state wrongly reported) inside one is caught.
                    long length = rnd.nextInt(LONG_SECTION_ODDS) == 0
                            ? rnd.nextLong(LONG_SECTION_NANOS) : rnd.nextLong(MAX_SECTION_NANOS);
                    long end = System.nanoTime() + length;
                    do {
                        spin(Math.min(POINT_EVERY_NANOS, end - System.nanoTime()));
                        // A point inside the section where a tick is taken if IRQs are on
                        // (need_qs for preemptible RCU) and stays pending if they are off.
                        cpu.preemptDisable();
                        cpu.preemptEnable();
                    } while (System.nanoTime() < end);
                    left.incrementAndGet(id);
                    if (section == Section.IRQ_OFF) {
                        cpu.localIrqRestore(flags);
                    } else {
                        rcu.readUnlock(cpu);
                    }
                    cpu.condResched();
                    int r = rnd.nextInt(16);
                    if (r == 0) {
                        cpu.noteContextSwitch();
                    } else if (r == 1) {
                        cpu.exitToUserMode();
                        spin(rnd.nextLong(MAX_SECTION_NANOS));
                        cpu.enterFromUserMode();
                    }
                }
                cpu.idleEnter();
            }, "reader-" + cpu));
        }

        Cpu updater = smp.cpu(READERS);
        threads.add(new Thread(() -> {
            long n = 0;
            while (!stop.getAsBoolean()) {
                long[] snap = sectionsOpen(entered, left);
                if (++n % 64 == 0) {
                    rcu.synchronize(updater);
                    check(snap, left, violations, checked);
                    syncChecks.incrementAndGet();
                } else {
                    rcu.callRcu(updater, () -> {
                        check(snap, left, violations, checked);
                        ran.incrementAndGet();
                    }, 576);
                }
                updater.condResched();
                updater.idleEnter(); // between syscalls the updater's CPU may idle
                LockSupport.parkNanos(10_000);
                updater.idleExit();
            }
            updater.idleEnter();
        }, "updater-" + updater));

        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        rcu.close(); // every CPU is idle now: drains and runs every callback
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Outcome o = new Outcome(violations.get(), checked.get(), ran.get(), syncChecks.get(), millis, rcu.stats());
        System.out.println(flavour + "/" + mutation + "/" + section + ": " + millis + " ms, violations=" + o.violations()
                + " checked=" + o.checked() + " callbacks=" + o.callbacksRun() + " syncChecks=" + o.syncChecks()
                + " " + o.stats());
        return o;
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** Entry number of the section each reader is inside now, -1 if outside. */
    private static long[] sectionsOpen(AtomicLongArray entered, AtomicLongArray left) {
        long[] snap = new long[entered.length()];
        for (int i = 0; i < snap.length; i++) {
            // entered first: if left < e afterwards, section e was open across both reads.
            long e = entered.get(i);
            snap[i] = left.get(i) < e ? e : -1;
        }
        return snap;
    }

    private static void check(long[] snap, AtomicLongArray left, AtomicLong violations, AtomicLong checked) {
        for (int i = 0; i < snap.length; i++) {
            if (snap[i] >= 0) {
                checked.incrementAndGet();
                if (left.get(i) < snap[i]) {
                    violations.incrementAndGet();
                }
            }
        }
    }

    // ---- correct engine: no violation, many callbacks ----

    @Test
    void schedWaitsForIrqOffSections() throws InterruptedException {
        Outcome o = run(Flavour.SCHED, Mutation.NONE, Section.IRQ_OFF, CORRECT_ENGINE);
        assertThat(o.violations()).as("violations").isZero();
        assertThat(o.callbacksRun()).as("callbacks run within %s", CAP).isGreaterThanOrEqualTo(CORRECT_ENGINE.callbacksRun());
        assertThat(o.checked()).as("callbacks that had a reader to wait for, within %s", CAP)
                .isGreaterThanOrEqualTo(CORRECT_ENGINE.checked());
        assertThat(o.syncChecks()).as("synchronize() calls checked within %s", CAP)
                .isGreaterThanOrEqualTo(CORRECT_ENGINE.syncChecks());
        assertThat(o.stats().earlyCallbacks()).isZero();
        assertThat(o.stats().callbacksInvoked()).isEqualTo(o.callbacksRun());
        assertThat(o.stats().gracePeriodLatencyNanos().getTotalCount()).isEqualTo(o.stats().gracePeriods());
    }

    /**
     * rcu_read_lock() sections of every flavour: for SCHED that is preempt_disable(), which takes
     * kernel-mode ticks (no quiescent state) with IRQs on.
     */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void waitsForReadLockSections(Flavour flavour) throws InterruptedException {
        Outcome o = run(flavour, Mutation.NONE, Section.READ_LOCK, CORRECT_ENGINE);
        assertCorrect(o);
    }

    /** v4.15's preemptible RCU waits for IRQ-off sections in practice: they take no tick. */
    @Test
    void preemptImplementationWaitsForIrqOffSectionsInPractice() throws InterruptedException {
        Outcome o = run(Flavour.PREEMPT, Mutation.NONE, Section.IRQ_OFF, CORRECT_ENGINE);
        assertCorrect(o);
    }

    private static void assertCorrect(Outcome o) {
        assertThat(o.violations()).as("violations").isZero();
        assertThat(o.callbacksRun()).as("callbacks run within %s", CAP).isGreaterThanOrEqualTo(CORRECT_ENGINE.callbacksRun());
        assertThat(o.checked()).as("callbacks that had a reader to wait for, within %s", CAP)
                .isGreaterThanOrEqualTo(CORRECT_ENGINE.checked());
        assertThat(o.syncChecks()).as("synchronize() calls checked within %s", CAP)
                .isGreaterThanOrEqualTo(CORRECT_ENGINE.syncChecks());
        assertThat(o.stats().earlyCallbacks()).isZero();
    }

    /**
     * The 2018 race: call_rcu() on a CONFIG_PREEMPT kernel, by its contract, does not wait for
     * IRQ-off readers.
     */
    @Test
    void preemptContractDoesNotWaitForIrqOffSections() throws InterruptedException {
        Outcome o = run(Flavour.PREEMPT_CONTRACT, Mutation.NONE, Section.IRQ_OFF, Goal.FIRST_VIOLATION);
        assertThat(o.violations()).as("violations within %s", CAP).isPositive();
        assertThat(o.stats().earlyCallbacks()).as("the engine kept its own contract").isZero();
    }

    // ---- broken engines: the same oracle must fail ----

    @Test
    void oracleCatchesEngineThatSkipsCpu0() throws InterruptedException {
        Outcome o = run(Flavour.SCHED, Mutations.SKIP_CPU_0, Section.IRQ_OFF, Goal.FIRST_VIOLATION);
        assertThat(o.violations()).as("violations within %s", CAP).isPositive();
        assertThat(o.stats().earlyCallbacks()).isPositive();
    }

    @Test
    void oracleCatchesEngineThatDoesNotWait() throws InterruptedException {
        Outcome o = run(Flavour.SCHED, Mutations.NO_WAIT, Section.IRQ_OFF, Goal.FIRST_VIOLATION);
        assertThat(o.violations()).as("violations within %s", CAP).isPositive();
        assertThat(o.stats().earlyCallbacks()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"PREEMPT", "PREEMPT_CONTRACT"})
    void oracleCatchesPreemptEngineThatDoesNotWait(Flavour flavour) throws InterruptedException {
        Outcome o = run(flavour, Mutations.NO_WAIT, Section.READ_LOCK, Goal.FIRST_VIOLATION);
        assertThat(o.violations()).as("violations within %s", CAP).isPositive();
        assertThat(o.stats().earlyCallbacks()).isPositive();
    }
}
