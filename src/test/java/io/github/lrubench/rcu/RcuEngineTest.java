package io.github.lrubench.rcu;

import static io.github.lrubench.rcu.CpuThread.staysFalseFor;
import static io.github.lrubench.rcu.CpuThread.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.KernelClock;
import io.github.lrubench.kernel.SleepInAtomicError;
import io.github.lrubench.kernel.Smp;
import io.github.lrubench.rcu.Rcu.Flavour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Behaviour of the engine, driven from the test thread (which owns the CPUs it touches, one at a
 * time) against the real grace-period thread and timer. Waits are bounded: "not within 200 ms",
 * "within 5 s". A CPU takes ticks only at instrumented points, so a test that waits for a CPU to
 * report keeps driving it through such points ({@link #drive}) while it polls.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RcuEngineTest {

    private static final long NOT_WITHIN_MS = 200;
    private static final long WITHIN_MS = 5_000;

    private final List<RcuEngine> engines = new ArrayList<>();

    private RcuEngine engine(Smp smp, Flavour flavour, RcuConfig config) {
        RcuEngine e = RcuEngine.create(smp, flavour, config);
        engines.add(e);
        return e;
    }

    private RcuEngine engine(Smp smp, Flavour flavour) {
        return engine(smp, flavour, RcuConfig.defaults());
    }

    @AfterEach
    void closeEngines() {
        // Tests leave every CPU idle or quiescent, so close() drains at once.
        engines.forEach(RcuEngine::close);
    }

    /** Polls {@code condition}, running {@code step} on the owned CPU before each poll. */
    static boolean drive(long millis, Runnable step, BooleanSupplier condition) {
        return within(millis, () -> {
            step.run();
            return condition.getAsBoolean();
        });
    }

    /** A kernel point with IRQs (back) on: a pending tick is taken here, in kernel mode. */
    static void kernelPoint(Cpu cpu) {
        cpu.localIrqRestore(cpu.localIrqSave());
    }

    /** A return to user space, a while in user mode (a tick may land), and the next system call. */
    static void userPoint(Cpu cpu) {
        cpu.exitToUserMode();
        long until = System.nanoTime() + 200_000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        cpu.enterFromUserMode();
    }

    // ---- RCU-sched: who holds a grace period, and where v4.15 reports ----

    @Test
    void idleCpusDoNotHoldGracePeriods() {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        smp.cpu(0).idleEnter();
        smp.cpu(1).idleEnter();
        AtomicInteger ran = new AtomicInteger();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 576);
        assertThat(within(WITHIN_MS, () -> ran.get() == 1)).isTrue();
        rcu.synchronize(smp.cpu(0));
        assertThat(rcu.stats().earlyCallbacks()).isZero();
    }

    /** In kernel mode a tick is no RCU-sched quiescent state; in user mode it is one. */
    @Test
    void schedKernelTicksAreNoQuiescentStateUserTicksAre() {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        KernelClock clock = smp.clock();
        Cpu cpu = smp.cpu(1);
        smp.cpu(0).idleEnter();
        AtomicInteger ran = new AtomicInteger();
        long j0 = clock.jiffies();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 576);
        // Ten jiffies of kernel code with IRQs on, well under jiffies_till_sched_qs (25 at HZ=250):
        // the CPU takes every tick and none reports.
        while (clock.jiffies() - j0 < 10) {
            kernelPoint(cpu);
            assertThat(ran.get()).as("kernel-mode ticks reported a quiescent state").isZero();
        }
        assertThat(drive(WITHIN_MS, () -> userPoint(cpu), () -> ran.get() == 1)).as("a user-mode tick").isTrue();
        cpu.idleEnter();
        assertThat(rcu.stats().earlyCallbacks()).isZero();
    }

    /**
     * v4.15's rcu_all_qs() gate: cond_resched() reports nothing until the grace period is older
     * than jiffies_till_sched_qs (HZ / 10), then it does. The CPU only ever runs cond_resched()
     * (kernel-mode ticks, no idle, no user mode, no context switch). The grace period starts after
     * {@code j0}, so when the callback is seen to have run, the jiffies read afterwards exceed
     * {@code j0 + jtsq} unless a quiescent state was reported at a younger age.
     */
    @Test
    void condReschedIsNoQuiescentStateBeforeJiffiesTillSchedQsAndIsOneAfter() {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        KernelClock clock = smp.clock();
        long jtsq = rcu.jiffiesTillSchedQs();
        assertThat(jtsq).isEqualTo(KernelClock.DEFAULT_HZ / 10);
        Cpu cpu = smp.cpu(1);
        smp.cpu(0).idleEnter();
        AtomicInteger ran = new AtomicInteger();
        long j0 = clock.jiffies();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 576);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WITHIN_MS);
        long calls = 0;
        while (ran.get() == 0) {
            assertThat(System.nanoTime() - deadline).as("cond_resched() never reported").isNegative();
            cpu.condResched();
            calls++;
        }
        long j = clock.jiffies();
        assertThat(j - j0).as("jiffies from callRcu() to the callback, cond_resched() only (%d calls)", calls)
                .isGreaterThan(jtsq);
        cpu.idleEnter();
        assertThat(rcu.stats().earlyCallbacks()).isZero();
    }

    // ---- need_resched (issue 20 section 2): who sets it in v4.15, and who answers it ----

    /**
     * A SCHED engine on {@code smp} with CPU 0 idle and one callback queued from it at jiffy
     * {@code j0}: the grace period waits for CPU 1 ({@code cpu}) alone.
     */
    private record OneHolder(RcuEngine rcu, KernelClock clock, Cpu cpu, AtomicInteger ran, long j0) {
    }

    private OneHolder oneHolder(Smp smp, RcuConfig config) {
        RcuEngine rcu = engine(smp, Flavour.SCHED, config);
        smp.cpu(0).idleEnter();
        AtomicInteger ran = new AtomicInteger();
        long j0 = smp.clock().jiffies();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 576);
        return new OneHolder(rcu, smp.clock(), smp.cpu(1), ran, j0);
    }

    /** CPU 1 goes idle and the grace period's callback was not early. */
    private static void finish(OneHolder h) {
        h.cpu().idleEnter();
        assertThat(h.rcu().stats().earlyCallbacks()).isZero();
    }


    /**
     * v4.15's tick does not turn rcu_urgent_qs into need_resched (rcu_check_callbacks() only notes
     * user-mode and idle ticks); its force-quiescent-state scan does resched_cpu() once the grace
     * period is more than halfway to the stall warning (rcu_implicit_dynticks_qs()). A CPU that
     * only takes kernel-mode ticks on a CONFIG_PREEMPT=n kernel gets need_resched then, not at
     * jiffies_till_sched_qs, and holds the grace period until it schedules.
     */
    @Test
    void needReschedIsSetByTheFqsScanHalfwayToTheStallNotByTheUrgentTick() {
        RcuConfig config = RcuConfig.defaults().withStallTimeout(Duration.ofMillis(800));
        OneHolder h = oneHolder(new Smp(2), config);
        Cpu cpu = h.cpu();
        long half = config.reschedJiffies(h.clock().hz());
        assertThat(half).isEqualTo(100).isGreaterThan(h.rcu().jiffiesTillSchedQs());
        assertThat(drive(WITHIN_MS, () -> kernelPoint(cpu), cpu::needResched)).as("resched_cpu() came").isTrue();
        assertThat(h.clock().jiffies() - h.j0()).as("need_resched only after half the stall timeout, not at jiffies_till_sched_qs")
                .isGreaterThan(half);
        assertThat(h.ran().get()).as("kernel-mode ticks on CONFIG_PREEMPT=n report nothing").isZero();
        cpu.condResched(); // should_resched(0): preempt_schedule_common(), a context switch
        assertThat(cpu.needResched()).isFalse();
        assertThat(drive(WITHIN_MS, () -> kernelPoint(cpu), () -> h.ran().get() == 1)).isTrue();
        finish(h);
    }

    /**
     * CONFIG_PREEMPT=n: cond_resched() with need_resched set schedules, a context switch and so an
     * RCU-sched quiescent state at once, long before rcu_all_qs() would give one
     * (jiffies_till_sched_qs).
     */
    @Test
    void condReschedWithNeedReschedSchedulesOnANonPreemptibleKernel() {
        OneHolder h = oneHolder(new Smp(2), RcuConfig.defaults());
        Cpu cpu = h.cpu();
        assertThat(drive(WITHIN_MS, () -> {
            cpu.reschedCpu();
            cpu.condResched();
            assertThat(cpu.needResched()).as("cond_resched() cleared need_resched by scheduling").isFalse();
        }, () -> h.ran().get() == 1)).isTrue();
        assertThat(h.clock().jiffies() - h.j0()).as("ended by the context switch, not by rcu_all_qs()")
                .isLessThan(h.rcu().jiffiesTillSchedQs());
        finish(h);
    }

    /**
     * CONFIG_PREEMPT=y: cond_resched() is empty, so need_resched alone never ends an RCU-sched
     * grace period there, however long; the next preemption point (preempt_enable() back to 0)
     * is a context switch and does.
     */
    @Test
    void preemptibleKernelCondReschedReportsNothingThePreemptionPointDoes() {
        OneHolder h = oneHolder(new Smp(2, KernelClock.DEFAULT_HZ, true), RcuConfig.defaults());
        Cpu cpu = h.cpu();
        cpu.reschedCpu();
        // Past jiffies_till_sched_qs (rcu_urgent_qs set) and then some: cond_resched() takes the
        // ticks but neither schedules nor answers rcu_urgent_qs.
        while (h.clock().jiffies() - h.j0() < 3 * h.rcu().jiffiesTillSchedQs()) {
            cpu.condResched();
            assertThat(h.ran().get()).as("cond_resched() on CONFIG_PREEMPT=y reported a quiescent state").isZero();
        }
        assertThat(cpu.needResched()).isTrue();
        cpu.preemptDisable();
        cpu.preemptEnable(); // preempt_count_dec_and_test() with need_resched: preempt_schedule()
        assertThat(cpu.needResched()).as("preempt_enable() preempted").isFalse();
        assertThat(drive(WITHIN_MS, cpu::condResched, () -> h.ran().get() == 1)).as("the switch is reported at a tick").isTrue();
        finish(h);
    }

    /**
     * The return from an interrupt to kernel code (local_irq_restore() taking the pending IPI or
     * tick) is a preemption point on CONFIG_PREEMPT=y only; on CONFIG_PREEMPT=n need_resched waits.
     */
    @Test
    void irqExitPreemptsOnlyOnAPreemptibleKernel() {
        Smp preemptible = new Smp(1, KernelClock.DEFAULT_HZ, true);
        Smp voluntary = new Smp(1);
        for (Smp smp : List.of(preemptible, voluntary)) {
            Cpu cpu = smp.cpu(0);
            cpu.reschedCpu();
            kernelPoint(cpu);
            assertThat(cpu.needResched()).as("need_resched after an IRQ exit, CONFIG_PREEMPT=" + smp.preemptible())
                    .isEqualTo(!smp.preemptible());
            cpu.idleEnter();
        }
    }

    /**
     * io_schedule() (wait_on_page_writeback() -> wait_on_page_bit_common(), mm/filemap.c; the mm
     * side is NeedReschedTest's) is a context switch: an RCU-sched quiescent state, reported at the
     * next tick, long before jiffies_till_sched_qs, on a CPU that otherwise takes kernel ticks only.
     */
    @Test
    void ioScheduleIsAContextSwitchThatReportsTheQuiescentState() {
        OneHolder h = oneHolder(new Smp(2), RcuConfig.defaults());
        Cpu cpu = h.cpu();
        while (h.clock().jiffies() - h.j0() < 5) {
            kernelPoint(cpu);
        }
        assertThat(h.ran().get()).as("kernel-mode ticks report nothing").isZero();
        cpu.ioSchedule();
        assertThat(drive(WITHIN_MS, () -> kernelPoint(cpu), () -> h.ran().get() == 1)).as("the switch is reported at a tick").isTrue();
        assertThat(h.clock().jiffies() - h.j0()).as("ended by io_schedule(), not by rcu_all_qs() or resched_cpu()")
                .isLessThan(h.rcu().jiffiesTillSchedQs());
        finish(h);
    }

    /**
     * The grace-period kthread is a task (issue 20 section 2): woken for a force-quiescent-state
     * scan on a 2-CPU machine with both CPUs busy in the kernel (CONFIG_PREEMPT=n, kernel ticks and
     * cond_resched() only, rcu_urgent_qs and resched_cpu() out of reach), it preempts its previous
     * CPU at that CPU's next cond_resched(), and that context switch reports the CPU's quiescent
     * state; the other CPU, never preempted, holds the grace period until it idles.
     */
    @Test
    void gpKthreadWokenForAnFqsScanPreemptsABusyCpuAndThatSwitchReportsIt() throws Exception {
        RcuConfig config = RcuConfig.defaults().withJiffiesTillSchedQs(100_000).withStallTimeout(Duration.ofMinutes(10));
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED, config);
        Cpu cpu1 = smp.cpu(1);
        AtomicInteger ran = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try (CpuThread t0 = new CpuThread(smp.cpu(0))) {
            Future<?> busy = t0.submit(() -> {
                while (!stop.get()) {
                    t0.cpu.condResched();
                    kernelPoint(t0.cpu);
                }
                t0.cpu.idleEnter();
            });
            rcu.callRcu(cpu1, ran::incrementAndGet, 576);
            // GP start (rcu_gp_init()) and then the first scan, jiffies_till_first_fqs later, each
            // preempt CPU 0; the second switch follows CPU 0's notice of the grace period.
            assertThat(drive(WITHIN_MS, () -> kernelPoint(cpu1),
                    () -> rcu.gpNum() > 0 && rcu.reportedLastGp(0))).as("CPU 0 reported after the kthread preempted it").isTrue();
            assertThat(rcu.kthreadPreemptions()).isGreaterThanOrEqualTo(2);
            assertThat(rcu.reportedLastGp(1)).as("CPU 1 was never preempted").isFalse();
            assertThat(ran.get()).isZero();
            cpu1.idleEnter();
            assertThat(within(WITHIN_MS, () -> ran.get() == 1)).isTrue();
            stop.set(true);
            busy.get(5, TimeUnit.SECONDS);
        }
        assertThat(rcu.stats().earlyCallbacks()).isZero();
    }

    @Test
    void cpuLeavingIdleHoldsGracePeriodsAgain() {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        smp.cpu(0).idleEnter();
        smp.cpu(1).idleEnter();
        smp.cpu(1).idleExit();
        AtomicInteger ran = new AtomicInteger();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 0);
        assertThat(staysFalseFor(NOT_WITHIN_MS, () -> ran.get() != 0)).isTrue();
        smp.cpu(1).idleEnter();
        assertThat(within(WITHIN_MS, () -> ran.get() == 1)).isTrue();
    }

    @Test
    void callbackQueuedDuringGracePeriodWaitsForTheNextOne() {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        Cpu updater = smp.cpu(0);
        Cpu reader = smp.cpu(1);
        updater.idleEnter();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        rcu.callRcu(updater, first::incrementAndGet, 0);
        // The GP thread takes it and starts a grace period, which the reader holds.
        assertThat(staysFalseFor(NOT_WITHIN_MS, () -> first.get() != 0)).isTrue();
        rcu.callRcu(updater, second::incrementAndGet, 0); // queued during that grace period
        // Drive the reader until the first grace period ends (its callback runs at the updater's
        // next tick, up to a jiffy later: by then a reader still driven could pass the next one).
        assertThat(drive(WITHIN_MS, reader::noteContextSwitch, () -> rcu.stats().gracePeriods() >= 1)).isTrue();
        assertThat(within(WITHIN_MS, () -> first.get() == 1)).isTrue();
        // The reader's quiescent states so far predate the next grace period: it holds that one.
        assertThat(staysFalseFor(NOT_WITHIN_MS, () -> second.get() != 0)).isTrue();
        assertThat(drive(WITHIN_MS, reader::noteContextSwitch, () -> second.get() == 1)).isTrue();
        reader.idleEnter();
    }

    @Test
    void synchronizeWaitsForPreExistingReaderButNotForItsOwnCpu() throws Exception {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        Cpu reader = smp.cpu(1);
        int flags = reader.localIrqSave();
        try (CpuThread t = new CpuThread(smp.cpu(0))) {
            // CPU 0 is online and calls synchronize_sched(): its own sleep is a quiescent state.
            Future<?> sync = t.submit(() -> {
                rcu.synchronize(t.cpu);
                t.cpu.idleEnter();
            });
            assertThat(staysFalseFor(NOT_WITHIN_MS, sync::isDone)).isTrue();
            reader.localIrqRestore(flags);
            assertThat(drive(WITHIN_MS, reader::noteContextSwitch, sync::isDone)).isTrue();
            sync.get(WITHIN_MS, TimeUnit.MILLISECONDS);
        }
        reader.idleEnter();
    }

    @Test
    void rcuBarrierWaitsForEveryEarlierCallbackInOrder() {
        Smp smp = new Smp(1);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        Cpu cpu = smp.cpu(0);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 100; i++) {
            int n = i;
            rcu.callRcu(cpu, () -> order.add(n), 16);
            if (i % 10 == 0) {
                cpu.noteContextSwitch();
            }
        }
        rcu.rcuBarrier(cpu); // CPU 0 is online: the barrier's sleep idles it
        assertThat(order).hasSize(100).isSorted();
        cpu.idleEnter();
    }

    // ---- per-CPU callbacks: RCU_SOFTIRQ on the queuing CPU (issue 20 section 2) ----

    /** Two CPUs under RCU-sched: CPU 1 idle, CPU 0 online and driven by this thread, taking ticks only where a test says. */
    private record Busy(Smp smp, RcuEngine rcu, Cpu cpu) { }

    private Busy cpu0BusyCpu1Idle() {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        smp.cpu(1).idleEnter();
        return new Busy(smp, rcu, smp.cpu(0));
    }

    /**
     * __call_rcu_core() (kernel/rcu/tree.c, v4.15) starts nothing itself under qhimark: the
     * queuing CPU's next tick raises RCU_SOFTIRQ, whose __rcu_process_callbacks() ->
     * rcu_start_gp() starts the grace period. The CPU takes no tick while the test waits.
     */
    @Test
    void gracePeriodStartsAtTheQueuingCpusNextTickNotBefore() {
        Busy m = cpu0BusyCpu1Idle();
        KernelClock clock = m.smp().clock();
        Cpu cpu = m.cpu();
        m.rcu().callRcu(cpu, () -> { }, 576);
        long j0 = clock.jiffies();
        assertGracePeriodStartsOnlyAfter(m, "the CPU's tick", () -> {
            assertThat(clock.jiffies() - j0).as("jiffies passed meanwhile").isPositive();
            kernelPoint(cpu); // the tick held pending since: RCU_SOFTIRQ
        }, 1);
    }

    /**
     * __call_rcu_core()'s qhimark rule (kernel/rcu/tree.c, v4.15): once the CPU's queue holds more
     * than qlen_last_fqs_check + qhimark (10000) callbacks, call_rcu() itself starts the grace
     * period (rcu_start_gp()), with no tick; at exactly qhimark it does not.
     */
    @Test
    void passingQhimarkStartsTheGracePeriodAtOnce() {
        Busy m = cpu0BusyCpu1Idle();
        RcuEngine rcu = m.rcu();
        Cpu cpu = m.cpu();
        for (long i = 0; i < CallbackList.QHIMARK; i++) {
            rcu.callRcu(cpu, () -> { }, 0);
        }
        assertGracePeriodStartsOnlyAfter(m, "qhimark + 1 callbacks, no tick", () -> rcu.callRcu(cpu, () -> { }, 0),
                CallbackList.QHIMARK + 1);
    }

    /**
     * No grace period starts within {@code NOT_WITHIN_MS}; one starts after {@code trigger}; then
     * the CPU idles and all {@code callbacks} run, none early.
     */
    private static void assertGracePeriodStartsOnlyAfter(Busy m, String what, Runnable trigger, long callbacks) {
        RcuEngine rcu = m.rcu();
        assertThat(staysFalseFor(NOT_WITHIN_MS, () -> rcu.gpNum() != 0)).as("started before " + what).isTrue();
        trigger.run();
        assertThat(within(WITHIN_MS, () -> rcu.gpNum() == 1)).as("started at " + what).isTrue();
        m.cpu().idleEnter();
        assertThat(within(WITHIN_MS, () -> rcu.stats().callbacksInvoked() == callbacks)).isTrue();
        assertThat(rcu.stats().earlyCallbacks()).isZero();
    }

    /**
     * rcu_do_batch() (kernel/rcu/tree.c, v4.15) runs on the CPU that queued the callbacks, in its
     * RCU_SOFTIRQ, and stops after blimit (10) callbacks while that CPU is busy (not its idle
     * task); an idle CPU's tick runs them all in one batch. The model's owner thread of a CPU is
     * its task, so "on the queuing CPU" is "on that thread, inside its tick".
     */
    @Test
    void callbacksRunOnTheQueuingCpuAtMostBlimitPerBatchWhileBusy() {
        Busy m = cpu0BusyCpu1Idle();
        RcuEngine rcu = m.rcu();
        Cpu cpu = m.cpu();
        List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
        int n = 25;
        for (int i = 0; i < n; i++) {
            rcu.callRcu(cpu, () -> ranOn.add(Thread.currentThread()), 576);
        }
        // User-mode ticks: RCU-sched quiescent states, and RCU_SOFTIRQ on this busy CPU.
        assertThat(drive(WITHIN_MS, () -> userPoint(cpu), () -> ranOn.size() == n)).isTrue();
        assertThat(ranOn).as("invoked by the queuing CPU's softirq").containsOnly(Thread.currentThread());
        RcuStats busy = rcu.stats();
        assertThat(busy.maxCallbacksPerBatch()).as("blimit while busy").isEqualTo(CallbackList.BLIMIT);
        assertThat(busy.batches()).isEqualTo(3); // 10 + 10 + 5

        rcu.resetStats();
        ranOn.clear();
        for (int i = 0; i < n; i++) {
            rcu.callRcu(cpu, () -> ranOn.add(Thread.currentThread()), 576);
        }
        cpu.idleEnter(); // the idle CPU keeps its tick for them (rcu_needs_cpu())
        assertThat(within(WITHIN_MS, () -> ranOn.size() == n)).isTrue();
        assertThat(ranOn).doesNotContain(Thread.currentThread());
        assertThat(rcu.stats().maxCallbacksPerBatch()).as("no limit in the idle task").isEqualTo(n);
        assertThat(rcu.stats().earlyCallbacks()).isZero();
    }

    /**
     * More ready callbacks than __do_softirq()'s ten rounds of blimit (100): RCU_SOFTIRQ is still
     * pending, ksoftirqd runs the rest on the same CPU (kernel/softirq.c, v4.15), still at most
     * blimit per rcu_do_batch(), rather than leaving them for the next tick.
     */
    @Test
    void readyCallbacksBeyondTenRoundsRunInKsoftirqdOnTheSameCpu() {
        Busy m = cpu0BusyCpu1Idle();
        RcuEngine rcu = m.rcu();
        KernelClock clock = m.smp().clock();
        Cpu cpu = m.cpu();
        List<Long> jiffiesRun = Collections.synchronizedList(new ArrayList<>());
        List<Thread> ranOn = Collections.synchronizedList(new ArrayList<>());
        int n = 150;
        for (int i = 0; i < n; i++) {
            rcu.callRcu(cpu, () -> {
                jiffiesRun.add(clock.jiffies());
                ranOn.add(Thread.currentThread());
            }, 576);
        }
        assertThat(drive(WITHIN_MS, () -> userPoint(cpu), () -> jiffiesRun.size() == n)).isTrue();
        assertThat(ranOn).containsOnly(Thread.currentThread());
        assertThat(new java.util.HashSet<>(jiffiesRun)).as("all in the tick after the grace period").hasSize(1);
        assertThat(rcu.stats().maxCallbacksPerBatch()).isEqualTo(CallbackList.BLIMIT);
        cpu.idleEnter();
        assertThat(rcu.stats().earlyCallbacks()).isZero();
    }

    // ---- IRQs off: no tick, so no quiescent state ----

    /**
     * A CPU that keeps IRQs off for longer than a tick takes no tick meanwhile, at any point where
     * it otherwise would (preempt_enable(), a nested local_irq_restore(), rcu_read_unlock()), so
     * no grace period ends before it turns IRQs on: RCU-sched by contract, v4.15's preemptible
     * RCU in practice. Once IRQs are on, the held tick is taken and the grace period ends.
     */
    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"SCHED", "PREEMPT"})
    void irqsOffLongerThanATickDelaysTheGracePeriodAtLeastThatLong(Flavour flavour) {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, flavour);
        KernelClock clock = smp.clock();
        Cpu cpu = smp.cpu(1);
        smp.cpu(0).idleEnter();
        AtomicInteger ran = new AtomicInteger();
        int flags = cpu.localIrqSave();
        long j0 = clock.jiffies();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 576);
        long heldTicks = 10;
        while (clock.jiffies() - j0 < heldTicks) {
            cpu.localIrqRestore(cpu.localIrqSave()); // nested: IRQs stay off
            cpu.preemptDisable();
            cpu.preemptEnable();
            if (flavour == Flavour.PREEMPT) {
                rcu.readLock(cpu);
                rcu.readUnlock(cpu);
            }
            assertThat(ran.get()).as("grace period ended while IRQs were off").isZero();
        }
        cpu.localIrqRestore(flags);
        Runnable step = flavour == Flavour.SCHED ? () -> userPoint(cpu) : () -> kernelPoint(cpu);
        assertThat(drive(WITHIN_MS, step, () -> ran.get() == 1)).as("ends once IRQs are on").isTrue();
        assertThat(clock.jiffies() - j0).isGreaterThanOrEqualTo(heldTicks);
        cpu.idleEnter();
        assertThat(rcu.stats().earlyCallbacks()).isZero();
    }

    // ---- might_sleep() ----

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void synchronizeAndBarrierWithIrqsOffAreSleepInAtomicBugs(Flavour flavour) {
        Smp smp = new Smp(1);
        RcuEngine rcu = engine(smp, flavour);
        Cpu cpu = smp.cpu(0);
        int flags = cpu.localIrqSave();
        assertThatThrownBy(() -> rcu.synchronize(cpu)).isInstanceOf(SleepInAtomicError.class)
                .hasMessageContaining("sleeping function called from invalid context");
        assertThatThrownBy(() -> rcu.rcuBarrier(cpu)).isInstanceOf(SleepInAtomicError.class)
                .hasMessageContaining("sleeping function called from invalid context");
        cpu.localIrqRestore(flags);
        cpu.idleEnter();
    }

    @Test
    void schedReadLockIsPreemptDisable() {
        Smp smp = new Smp(1);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        Cpu cpu = smp.cpu(0);
        rcu.readLock(cpu);
        assertThat(cpu.inAtomicContext()).isTrue();
        assertThatThrownBy(() -> rcu.synchronize(cpu)).isInstanceOf(SleepInAtomicError.class)
                .hasMessageContaining("synchronize_sched()");
        rcu.readUnlock(cpu);
        assertThat(cpu.inAtomicContext()).isFalse();
        cpu.idleEnter();
    }

    @Test
    void quiescentStateFromIdleCpuIsABug() {
        Smp smp = new Smp(1);
        engine(smp, Flavour.SCHED);
        Cpu cpu = smp.cpu(0);
        cpu.idleEnter();
        assertThatThrownBy(cpu::condResched).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("extended quiescent state");
        assertThatThrownBy(cpu::noteContextSwitch).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("extended quiescent state");
    }

    // ---- preemptible RCU ----

    /** The API contract only: IRQ-off regions are not readers, and nothing but sections is waited for. */
    @Test
    void preemptContractIgnoresIrqOffSectionsAndQuiescentStates() {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.PREEMPT_CONTRACT);
        Cpu reader = smp.cpu(1);
        int flags = reader.localIrqSave(); // the 2018 race: IRQs off does not hold call_rcu()
        AtomicInteger ran = new AtomicInteger();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 576);
        assertThat(within(WITHIN_MS, () -> ran.get() == 1)).as("ran while IRQs still off").isTrue();
        assertThat(reader.irqsDisabled()).isTrue();
        reader.localIrqRestore(flags);
        assertThat(rcu.stats().earlyCallbacks()).isZero();
    }

    /**
     * Both readings wait for an open rcu_read_lock() section. v4.15's implementation needs a tick:
     * one taken inside the section sets need_qs, and the outermost rcu_read_unlock() notes the
     * quiescent state, which the next tick reports.
     */
    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"PREEMPT", "PREEMPT_CONTRACT"})
    void preemptReadLockHoldsGracePeriodUntilOutermostUnlock(Flavour flavour) {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, flavour);
        Cpu reader = smp.cpu(1);
        smp.cpu(0).idleEnter();
        rcu.readLock(reader);
        rcu.readLock(reader); // nested
        AtomicInteger ran = new AtomicInteger();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 576);
        assertThat(drive(NOT_WITHIN_MS, () -> kernelPoint(reader), () -> ran.get() != 0)).isFalse();
        rcu.readUnlock(reader);
        assertThat(drive(50, () -> kernelPoint(reader), () -> ran.get() != 0)).as("inner unlock ends nothing").isFalse();
        assertThatThrownBy(() -> rcu.synchronize(reader)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Illegal synchronize_rcu() in RCU read-side critical section");
        rcu.readUnlock(reader);
        assertThat(drive(WITHIN_MS, () -> kernelPoint(reader), () -> ran.get() == 1)).isTrue();
        assertThatThrownBy(() -> rcu.readUnlock(reader)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rcu_read_unlock() without rcu_read_lock()");
        reader.idleEnter();
        assertThat(rcu.stats().earlyCallbacks()).isZero();
    }

    /** v4.15's preemptible RCU: a kernel-mode tick outside rcu_read_lock() is a quiescent state. */
    @Test
    void preemptKernelTicksOutsideReadLockAreQuiescentStates() {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.PREEMPT);
        Cpu cpu = smp.cpu(1);
        smp.cpu(0).idleEnter();
        AtomicInteger ran = new AtomicInteger();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 576);
        assertThat(staysFalseFor(NOT_WITHIN_MS, () -> ran.get() != 0)).as("no tick taken, no report").isTrue();
        assertThat(drive(WITHIN_MS, () -> kernelPoint(cpu), () -> ran.get() == 1)).isTrue();
        cpu.idleEnter();
    }

    // ---- statistics ----

    @Test
    void statsCountCallbacksBacklogDeferredBytesAndGracePeriods() {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        Cpu updater = smp.cpu(0);
        Cpu reader = smp.cpu(1);
        updater.idleEnter();
        int flags = reader.localIrqSave();
        for (int i = 0; i < 10; i++) {
            rcu.callRcu(updater, () -> { }, 576);
        }
        RcuStats held = rcu.stats();
        assertThat(held.callbacksQueued()).isEqualTo(10);
        assertThat(held.callbacksInvoked()).isZero();
        assertThat(held.currentBacklog()).isEqualTo(10);
        assertThat(held.currentDeferredBytes()).isEqualTo(5760);
        reader.localIrqRestore(flags);
        reader.condResched();
        reader.idleEnter();
        rcu.rcuBarrier(updater);

        RcuStats s = rcu.stats();
        assertThat(s.flavour()).isEqualTo(Flavour.SCHED);
        assertThat(s.callbacksQueued()).isEqualTo(10);
        assertThat(s.callbacksInvoked()).isEqualTo(10);
        assertThat(s.currentBacklog()).isZero();
        assertThat(s.currentDeferredBytes()).isZero();
        assertThat(s.peakBacklog()).isEqualTo(10);
        assertThat(s.peakDeferredBytes()).isEqualTo(5760);
        // The GP thread may have taken the first few callbacks before the rest arrived; the
        // reader holds that grace period, so the rest form at most one more batch.
        assertThat(s.batches()).isBetween(1L, 2L);
        assertThat(s.maxCallbacksPerBatch()).isBetween(5L, 10L);
        assertThat(s.meanCallbacksPerBatch()).isEqualTo(10.0 / s.batches());
        assertThat(s.gracePeriods()).isGreaterThanOrEqualTo(s.batches()); // the barrier may ride along
        assertThat(s.gracePeriodLatencyNanos().getTotalCount()).isEqualTo(s.gracePeriods());
        assertThat(s.gracePeriodLatencyNanos().getMaxValue()).isPositive();
        assertThat(s.earlyCallbacks()).isZero();
        assertThat(s.callbackErrors()).isZero();
        assertThat(s.stallWarnings()).isZero();

        rcu.resetStats();
        RcuStats r = rcu.stats();
        assertThat(r.callbacksQueued()).isZero();
        assertThat(r.gracePeriods()).isZero();
        assertThat(r.gracePeriodLatencyNanos().getTotalCount()).isZero();
        assertThat(r.peakBacklog()).isZero();
        assertThat(r.peakDeferredBytes()).isZero();
        for (int i = 0; i < 3; i++) {
            rcu.callRcu(updater, () -> { }, 100);
        }
        rcu.rcuBarrier(updater);
        RcuStats after = rcu.stats();
        assertThat(after.callbacksInvoked()).isEqualTo(3);
        assertThat(after.peakBacklog()).isBetween(1L, 3L);
        assertThat(after.peakDeferredBytes()).isBetween(100L, 300L);
        assertThat(after.gracePeriodLatencyNanos().getTotalCount()).isEqualTo(after.gracePeriods());
    }

    @Test
    void snapshotHistogramIsACopy() {
        Smp smp = new Smp(1);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        smp.cpu(0).idleEnter();
        RcuStats s = rcu.stats();
        s.gracePeriodLatencyNanos().recordValue(1234);
        assertThat(s.gracePeriodLatencyNanos().getTotalCount()).isZero();
    }

    @Test
    void throwingCallbackIsCountedAndTheEngineGoesOn() {
        Smp smp = new Smp(1);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        Cpu cpu = smp.cpu(0);
        cpu.idleEnter();
        AtomicInteger ran = new AtomicInteger();
        rcu.callRcu(cpu, () -> {
            throw new IllegalStateException("deliberate, from a test");
        }, 0);
        rcu.callRcu(cpu, ran::incrementAndGet, 0);
        rcu.rcuBarrier(cpu);
        assertThat(ran.get()).isEqualTo(1);
        assertThat(rcu.stats().callbackErrors()).isEqualTo(1);
    }

    // ---- stall warning ----

    @Test
    void stallWarningNamesTheCpuHoldingTheGracePeriod() {
        Smp smp = new Smp(3);
        RcuEngine rcu = engine(smp, Flavour.SCHED, RcuConfig.defaults().withStallTimeout(Duration.ofMillis(100)));
        smp.cpu(0).idleEnter();
        smp.cpu(2).idleEnter();
        Cpu stuck = smp.cpu(1);
        stuck.idleEnter();
        stuck.idleExit(); // this thread is now the task on CPU 1
        int flags = stuck.localIrqSave();
        AtomicInteger ran = new AtomicInteger();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 576);
        assertThat(within(WITHIN_MS, () -> rcu.stats().stallWarnings() == 1)).isTrue();
        RcuStats s = rcu.stats();
        assertThat(s.lastStallWarning())
                .startsWith("INFO: rcu_sched detected stalls on CPUs/tasks: { 1 } (grace period ")
                .contains(" held for ")
                // rcu_dump_cpu_stacks(): the task on the stuck CPU and where it is
                .contains("CPU 1 task " + Thread.currentThread().getName()).contains("stallWarningNamesTheCpuHoldingTheGracePeriod");
        assertThat(ran.get()).isZero();
        // Once per grace period.
        assertThat(staysFalseFor(NOT_WITHIN_MS, () -> rcu.stats().stallWarnings() > 1)).isTrue();
        stuck.localIrqRestore(flags);
        assertThat(drive(WITHIN_MS, stuck::noteContextSwitch, () -> ran.get() == 1)).isTrue();
        stuck.idleEnter();
    }

    // ---- built-in oracle and mutations ----

    @Test
    void builtInOracleIsZeroOnCorrectEngine() {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        smp.cpu(1).idleEnter();
        Cpu reader = smp.cpu(0);
        int flags = reader.localIrqSave();
        AtomicInteger ran = new AtomicInteger();
        rcu.callRcu(smp.cpu(1), ran::incrementAndGet, 0);
        assertThat(staysFalseFor(NOT_WITHIN_MS, () -> ran.get() != 0)).isTrue();
        reader.localIrqRestore(flags);
        assertThat(drive(WITHIN_MS, reader::noteContextSwitch, () -> ran.get() == 1)).isTrue();
        assertThat(rcu.earlyCallbacks()).isZero();
        reader.idleEnter();
    }

    @ParameterizedTest
    @EnumSource(Mutations.class)
    void builtInOracleCatchesBrokenEngine(Mutations mutation) {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, Flavour.SCHED, RcuConfig.defaults().withMutation(mutation));
        smp.cpu(1).idleEnter();
        Cpu reader = smp.cpu(0); // online, never reports a QS while the callback is pending
        int flags = reader.localIrqSave();
        AtomicInteger ran = new AtomicInteger();
        rcu.callRcu(smp.cpu(1), ran::incrementAndGet, 0);
        assertThat(within(WITHIN_MS, () -> ran.get() == 1)).as("broken engine runs it early").isTrue();
        assertThat(rcu.earlyCallbacks()).isEqualTo(1);
        reader.localIrqRestore(flags);
        reader.idleEnter();
    }

    @ParameterizedTest
    @EnumSource(value = Flavour.class, names = {"PREEMPT", "PREEMPT_CONTRACT"})
    void builtInOracleCatchesBrokenPreemptEngine(Flavour flavour) {
        Smp smp = new Smp(2);
        RcuEngine rcu = engine(smp, flavour, RcuConfig.defaults().withMutation(Mutations.NO_WAIT));
        Cpu reader = smp.cpu(1);
        smp.cpu(0).idleEnter(); // the updater's CPU takes no ticks here: idle, its call starts the grace period
        rcu.readLock(reader);
        AtomicInteger ran = new AtomicInteger();
        rcu.callRcu(smp.cpu(0), ran::incrementAndGet, 0);
        assertThat(within(WITHIN_MS, () -> ran.get() == 1)).isTrue();
        assertThat(rcu.earlyCallbacks()).isEqualTo(1);
        rcu.readUnlock(reader);
    }

    // ---- lifecycle ----

    @Test
    void closeDrainsIsIdempotentAndRefusesNewCallbacks() {
        Smp smp = new Smp(1);
        RcuEngine rcu = RcuEngine.create(smp, Flavour.SCHED);
        Cpu cpu = smp.cpu(0);
        cpu.idleEnter();
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            rcu.callRcu(cpu, ran::incrementAndGet, 0);
        }
        rcu.close();
        assertThat(ran.get()).isEqualTo(5);
        rcu.close();
        assertThatThrownBy(() -> rcu.callRcu(cpu, ran::incrementAndGet, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void closeGivesUpOnAHeldGracePeriodAndNamesTheCpu() {
        Smp smp = new Smp(2);
        RcuEngine rcu = RcuEngine.create(smp, Flavour.SCHED,
                RcuConfig.defaults().withCloseTimeout(Duration.ofMillis(300)));
        smp.cpu(0).idleEnter();
        rcu.callRcu(smp.cpu(0), () -> { }, 0); // CPU 1 is online and never reports
        assertThatThrownBy(rcu::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("held by CPUs { 1 }");
    }

    @Test
    void rejectsNegativeDeferredBytes() {
        Smp smp = new Smp(1);
        RcuEngine rcu = engine(smp, Flavour.SCHED);
        smp.cpu(0).idleEnter();
        assertThatThrownBy(() -> rcu.callRcu(smp.cpu(0), () -> { }, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deferredBytes");
    }
}
