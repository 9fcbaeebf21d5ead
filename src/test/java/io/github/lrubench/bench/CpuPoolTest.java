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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After JMH's end-of-iteration barrier each thread puts its own CPU to idle, and the first thread
 * of a group to finish runs the group's trial teardown meanwhile. The shutdown must wait for the
 * other thread's CPU, and a CPU put to idle by two threads at once must end idle.
 */
class CpuPoolTest {

    /**
     * The contended benchmark's shutdown, called while another thread has not yet put its CPU to
     * idle (JMH's order: barrier, each thread's offline(), the first one's group teardown), must
     * not idle that CPU itself, and must finish once the thread did. Before the fix, shutdown()
     * went straight to Kernel.close(), which idled the CPU from the wrong thread.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shutdownWaitsForAThreadStillGoingIdle() throws Exception {
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
        AtomicReference<Thread> first = new AtomicReference<>();
        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> {
            first.set(Thread.currentThread());
            m.shutdown();
        });
        // Poll until the shutting-down thread blocks (waiting for the driver, or, before the fix,
        // for the grace period close() waits on): its effect on the driver's CPU is then visible.
        while (first.get() == null || first.get().getState() == Thread.State.RUNNABLE) {
            Thread.onSpinWait();
        }
        assertThat(driver.cpu.rcuWatching()).as("the driver's CPU is still online under it").isTrue();
        assertThat(shutdown).isNotDone();
        finish.countDown();
        b.join();
        shutdown.get(60, TimeUnit.SECONDS);
        assertThat(idledUnderMe).as("nobody idled the CPU while its thread drove it").isFalse();
    }

    /**
     * Two threads putting the same CPU to idle at once (a benchmark thread's offline() and the
     * shutdown's Kernel.close()) leave it idle: dynticks even, bumped once. With two plain
     * "dynticks + 1" stores this failed within the first few thousand rounds.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aCpuPutToIdleByTwoThreadsAtOnceEndsIdle() throws Exception {
        try (Kernel kernel = new Kernel(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(1))) {
            CpuPool pool = new CpuPool(kernel);
            Cpu cpu = pool.takeIdle();
            CyclicBarrier start = new CyclicBarrier(3);
            CyclicBarrier done = new CyclicBarrier(3);
            AtomicBoolean stop = new AtomicBoolean();
            Runnable racer = () -> {
                try {
                    while (true) {
                        start.await();
                        if (stop.get()) {
                            return;
                        }
                        cpu.idleEnter();
                        done.await();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Thread a = new Thread(racer, "offline");
            Thread b = new Thread(racer, "close");
            a.start();
            b.start();
            long before = cpu.dynticksSnap();
            int rounds = 20_000;
            int round = 0;
            for (; round < rounds; round++) {
                cpu.idleExit();
                start.await();
                done.await();
                if (cpu.rcuWatching()) {
                    break; // the first hit is enough
                }
            }
            stop.set(true);
            start.await();
            a.join();
            b.join();
            assertThat(round).as("rounds until the CPU was left in the kernel").isEqualTo(rounds);
            assertThat(cpu.dynticksSnap() - before).as("one bump in and one out per round").isEqualTo(2L * rounds);
        }
    }

    @Test
    void bindingToAnOnlineCpuAndAStuckShutdownAreRefused() {
        try (Kernel kernel = new Kernel(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(1))) {
            CpuPool pool = new CpuPool(kernel);
            Cpu online = pool.take();
            assertThatThrownBy(() -> new CpuThread() { }.bind(online)).hasMessageContaining("must be idle");
            assertThatThrownBy(() -> pool.awaitIdle(Duration.ofMillis(20))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CPUs still driven").hasMessageContaining(online.toString());
            online.idleEnter();
            pool.awaitIdle(Duration.ofMillis(20));
        }
    }
}
