package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.CompactMode;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.Kernel;
import io.github.lrubench.mm.KernelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JMH runs a group's teardown in the first thread out while another may still be in its last
 * operation. The pool makes the group's shutdown wait for that thread and checks the model only
 * when the last thread went offline: these tests stand in for JMH's ordering, deterministically.
 */
class CpuPoolTest {

    /**
     * The contended benchmark's shutdown, called while another thread still drives its CPU (its
     * last operation), must not put that CPU to idle under it, and must finish once it went
     * offline. Before the fix, shutdown() went straight to Kernel.close(), which idled the CPU
     * from the wrong thread (the lost dynticks update behind three runs' stalls).
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shutdownWaitsForAThreadStillInItsLastOperation() throws Exception {
        ContendedCompactionBenchmark.Machine m = new ContendedCompactionBenchmark.Machine();
        m.check = IsolationCheck.PAGE_LOCK;
        m.free = InodeFreePolicy.RCU_SCHED;
        m.compactMode = CompactMode.DIRECT_ASYNC_ORDER9;
        m.windowNs = 0;
        m.boot();
        ContendedCompactionBenchmark.Compactor driver = new ContendedCompactionBenchmark.Compactor();
        CountDownLatch inLastOp = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicBoolean idledUnderMe = new AtomicBoolean();
        Thread b = new Thread(() -> {
            driver.bind(m);
            driver.online();
            inLastOp.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            idledUnderMe.set(!driver.cpu.rcuWatching());
            driver.offline();
        }, "driver");
        b.start();
        inLastOp.await();
        Thread[] first = new Thread[1];
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> {
            first[0] = Thread.currentThread();
            m.shutdown();
        });
        // Poll until the shutting-down thread blocks (waiting for the driver, or, before the fix,
        // for the grace period close() waits on): its effect on the driver's CPU is then visible.
        while (first[0] == null || first[0].getState() == Thread.State.RUNNABLE) {
            Thread.onSpinWait();
        }
        assertThat(driver.cpu.rcuWatching()).as("the driver's CPU is still online under it").isTrue();
        assertThat(shutdown).isNotDone();
        finish.countDown();
        b.join();
        shutdown.get(60, TimeUnit.SECONDS);
        assertThat(idledUnderMe).as("nobody idled the CPU while its thread drove it").isFalse();
    }

    /** The invariant check runs once per iteration, in the last thread to go offline. */
    @Test
    void theLastThreadOutChecksTheModel() {
        try (Kernel kernel = new Kernel(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(1))) {
            CpuPool pool = new CpuPool(kernel);
            List<String> checks = new ArrayList<>();
            pool.onQuiescence(() -> checks.add(Thread.currentThread().getName() + ", cpu0 idle "
                    + !kernel.cpu(0).rcuWatching() + ", cpu1 idle " + !kernel.cpu(1).rcuWatching()));
            CpuThread a = new CpuThread() { };
            CpuThread b = new CpuThread() { };
            a.bind(pool, pool.takeIdle());
            b.bind(pool, pool.takeIdle());
            a.online();
            b.online();
            a.offline();
            assertThat(checks).as("one thread still driving").isEmpty();
            b.offline();
            assertThat(checks).containsExactly(Thread.currentThread().getName() + ", cpu0 idle true, cpu1 idle true");
        }
    }

    @Test
    void bindingToAnOnlineCpuAndAStuckShutdownAreRefused() {
        try (Kernel kernel = new Kernel(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(1))) {
            CpuPool pool = new CpuPool(kernel);
            Cpu online = pool.take();
            assertThatThrownBy(() -> new CpuThread() { }.bind(pool, online)).hasMessageContaining("must be idle");
            assertThatThrownBy(() -> pool.awaitIdle(Duration.ofMillis(20))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CPUs still driven").hasMessageContaining(online.toString());
            online.idleEnter();
            pool.awaitIdle(Duration.ofMillis(20));
        }
    }
}
