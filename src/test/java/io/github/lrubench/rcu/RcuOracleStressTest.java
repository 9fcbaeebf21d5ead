package io.github.lrubench.rcu;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.Smp;
import io.github.lrubench.rcu.Rcu.Flavour;
import io.github.lrubench.rcu.RcuConfig.Mutation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The oracle of DESIGN.md, independent of the engine: readers count the sections they enter and
 * leave; a callback snapshots, when queued, which CPUs are inside a section and that section's
 * entry number, and when it runs checks each of those CPUs has left it. The engine is then broken
 * on purpose, and the same oracle must fail, which shows the readers are long enough to catch a
 * grace period that ends early.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RcuOracleStressTest {

    private static final int READERS = 2;
    /** Sections up to 100 us: long against a grace period that skips a CPU, short for the test. */
    private static final long MAX_SECTION_NANOS = 100_000;

    enum Section { IRQ_OFF, READ_LOCK }

    record Outcome(long violations, long checked, long callbacksRun, long syncChecks, RcuStats stats) { }

    /**
     * CPUs 0..READERS-1 loop over reader sections; CPU READERS queues callbacks (and now and then
     * calls synchronize(), checked by the same oracle), idling between calls as a real CPU would.
     */
    private static Outcome run(Flavour flavour, Mutation mutation, Section section, long millis,
                               boolean stopAtFirstViolation) throws InterruptedException {
        Smp smp = new Smp(READERS + 1);
        RcuEngine rcu = RcuEngine.create(smp, flavour, RcuConfig.defaults().withMutation(mutation));
        AtomicLongArray entered = new AtomicLongArray(READERS);
        AtomicLongArray left = new AtomicLongArray(READERS);
        AtomicLong violations = new AtomicLong();
        AtomicLong checked = new AtomicLong();
        AtomicLong ran = new AtomicLong();
        AtomicLong syncChecks = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> threads = new ArrayList<>();

        for (int i = 0; i < READERS; i++) {
            int id = i;
            Cpu cpu = smp.cpu(i);
            threads.add(new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline && !(stopAtFirstViolation && violations.get() > 0)) {
                    int flags = 0;
                    if (section == Section.IRQ_OFF) {
                        flags = cpu.localIrqSave();
                    } else {
                        rcu.readLock(cpu);
                    }
                    entered.incrementAndGet(id);
                    long until = System.nanoTime() + rnd.nextLong(MAX_SECTION_NANOS);
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    left.incrementAndGet(id);
                    if (section == Section.IRQ_OFF) {
                        cpu.localIrqRestore(flags);
                    } else {
                        rcu.readUnlock(cpu);
                    }
                    cpu.condResched();
                }
                cpu.idleEnter();
            }, "reader-" + cpu));
        }

        Cpu updater = smp.cpu(READERS);
        threads.add(new Thread(() -> {
            long n = 0;
            while (System.nanoTime() < deadline && !(stopAtFirstViolation && violations.get() > 0)) {
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
        Outcome o = new Outcome(violations.get(), checked.get(), ran.get(), syncChecks.get(), rcu.stats());
        System.out.println(flavour + "/" + mutation + "/" + section + ": violations=" + o.violations()
                + " checked=" + o.checked() + " callbacks=" + o.callbacksRun() + " " + o.stats());
        return o;
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
        Outcome o = run(Flavour.SCHED, Mutation.NONE, Section.IRQ_OFF, 1500, false);
        assertThat(o.violations()).isZero();
        assertThat(o.callbacksRun()).isGreaterThan(100);
        assertThat(o.checked()).as("callbacks that had a reader to wait for").isGreaterThan(100);
        assertThat(o.syncChecks()).isPositive();
        assertThat(o.stats().earlyCallbacks()).isZero();
        assertThat(o.stats().callbacksInvoked()).isEqualTo(o.callbacksRun());
        assertThat(o.stats().gracePeriodLatencyNanos().getTotalCount()).isEqualTo(o.stats().gracePeriods());
    }

    @Test
    void preemptWaitsForReadLockSections() throws InterruptedException {
        Outcome o = run(Flavour.PREEMPT, Mutation.NONE, Section.READ_LOCK, 1000, false);
        assertThat(o.violations()).isZero();
        assertThat(o.checked()).isGreaterThan(100);
        assertThat(o.stats().earlyCallbacks()).isZero();
    }

    /** The 2018 race: call_rcu() on a CONFIG_PREEMPT kernel does not wait for IRQ-off readers. */
    @Test
    void preemptDoesNotWaitForIrqOffSections() throws InterruptedException {
        Outcome o = run(Flavour.PREEMPT, Mutation.NONE, Section.IRQ_OFF, 3000, true);
        assertThat(o.violations()).isPositive();
        assertThat(o.stats().earlyCallbacks()).as("the engine kept its own contract").isZero();
    }

    // ---- broken engines: the same oracle must fail ----

    @Test
    void oracleCatchesEngineThatSkipsCpu0() throws InterruptedException {
        Outcome o = run(Flavour.SCHED, Mutation.SKIP_CPU_0, Section.IRQ_OFF, 3000, true);
        assertThat(o.violations()).isPositive();
        assertThat(o.stats().earlyCallbacks()).isPositive();
    }

    @Test
    void oracleCatchesEngineThatDoesNotWait() throws InterruptedException {
        Outcome o = run(Flavour.SCHED, Mutation.NO_WAIT, Section.IRQ_OFF, 3000, true);
        assertThat(o.violations()).isPositive();
        assertThat(o.stats().earlyCallbacks()).isPositive();
    }

    @Test
    void oracleCatchesPreemptEngineThatDoesNotWait() throws InterruptedException {
        Outcome o = run(Flavour.PREEMPT, Mutation.NO_WAIT, Section.READ_LOCK, 3000, true);
        assertThat(o.violations()).isPositive();
        assertThat(o.stats().earlyCallbacks()).isPositive();
    }
}
