package io.github.lrubench.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A kthread's placement and wake-up preemption (issue 20 section 2): an idle CPU if there is one;
 * else its previous CPU gets need_resched, and the task there is switched out at its next
 * scheduling point (cond_resched() on CONFIG_PREEMPT=n, a preemption point on CONFIG_PREEMPT=y),
 * a context switch before the kthread runs, and waits until the kthread sleeps; a CPU going idle
 * pulls a waiting kthread. The test thread owns every busy CPU; the kthread body is a second thread.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KthreadTest {

    private static final long WITHIN_MS = 5_000;

    private final List<String> events = new CopyOnWriteArrayList<>();

    private void recordSwitches(Smp smp) {
        smp.addQuiescentStateHook(new QuiescentStateHook() {
            @Override
            public void tick(Cpu cpu, boolean user) {
            }

            @Override
            public void contextSwitch(Cpu cpu) {
                events.add("switch " + cpu);
            }
        });
    }

    /** The kthread's body: wakes with work, runs, records, sleeps. */
    private Thread body(Kthread k) {
        Thread t = new Thread(() -> {
            k.wakeUp(() -> false);
            events.add("kthread runs");
            events.add("kthread sleeps");
            k.sleep();
        }, "test-kthread");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits for the kthread's resched_curr() on {@code cpu}, failing after a generous cap. */
    private static boolean reschedWithin(Cpu cpu) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WITHIN_MS);
        while (!cpu.needResched() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        return cpu.needResched();
    }

    @Test
    void withAnIdleCpuItRunsThereAndPreemptsNobody() throws Exception {
        Smp smp = new Smp(2);
        recordSwitches(smp);
        smp.cpu(1).idleEnter();
        Kthread k = new Kthread("k", smp);
        body(k).join(WITHIN_MS);
        assertThat(events).containsExactly("kthread runs", "kthread sleeps");
        assertThat(smp.cpu(0).needResched()).isFalse();
        assertThat(k.preemptions()).isZero();
    }

    @Test
    void onABusyNonPreemptibleMachineItPreemptsItsPreviousCpuAtCondReschedAndTheTaskWaits() throws Exception {
        Smp smp = new Smp(2);
        recordSwitches(smp);
        Cpu cpu0 = smp.cpu(0);
        Kthread k = new Kthread("k", smp);
        Thread t = body(k);
        assertThat(reschedWithin(cpu0)).as("resched_curr() on the kthread's previous CPU").isTrue();
        assertThat(smp.cpu(1).needResched()).isFalse();
        cpu0.localIrqRestore(cpu0.localIrqSave()); // an IRQ exit: no preemption point on CONFIG_PREEMPT=n
        assertThat(events).isEmpty();
        cpu0.condResched(); // should_resched(0): __schedule(), then the kthread's run
        events.add("task resumes");
        t.join(WITHIN_MS);
        assertThat(events).containsExactly("switch CPU0", "kthread runs", "kthread sleeps", "task resumes");
        assertThat(k.preemptions()).isEqualTo(1);
    }

    @Test
    void onABusyPreemptibleMachineThePreemptionPointRunsItNotCondResched() throws Exception {
        Smp smp = new Smp(2, KernelClock.DEFAULT_HZ, true);
        recordSwitches(smp);
        Cpu cpu0 = smp.cpu(0);
        Kthread k = new Kthread("k", smp);
        Thread t = body(k);
        assertThat(reschedWithin(cpu0)).isTrue();
        cpu0.condResched(); // empty with CONFIG_PREEMPT
        assertThat(events).isEmpty();
        cpu0.preemptDisable();
        cpu0.preemptEnable(); // preempt_schedule()
        events.add("task resumes");
        t.join(WITHIN_MS);
        assertThat(events).containsExactly("switch CPU0", "kthread runs", "kthread sleeps", "task resumes");
    }

    @Test
    void aCpuGoingIdlePullsTheWaitingKthread() throws Exception {
        Smp smp = new Smp(2);
        recordSwitches(smp);
        Kthread k = new Kthread("k", smp);
        Thread t = body(k);
        assertThat(reschedWithin(smp.cpu(0))).isTrue();
        smp.cpu(1).idleEnter(); // idle_balance()
        t.join(WITHIN_MS);
        assertThat(events).containsExactly("kthread runs", "kthread sleeps");
        assertThat(k.preemptions()).isZero();
    }
}
