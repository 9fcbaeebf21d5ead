package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.mm.Kernel;
import io.github.lrubench.mm.KernelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After JMH's end-of-iteration barrier each thread puts its own CPU to idle, and the first thread
 * of a group to finish runs the group's trial teardown (Kernel.close(), which idles every CPU)
 * meanwhile: a CPU put to idle by two threads at once must end idle.
 */
class CpuPoolTest {

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

    /** A thread binds only to an idle CPU: online, it would hold grace periods in JMH's setup barrier. */
    @Test
    void bindingToAnOnlineCpuIsRefused() {
        try (Kernel kernel = new Kernel(KernelConfig.defaults().withNrCpus(2).withNrPageblocks(1))) {
            CpuPool pool = new CpuPool(kernel);
            Cpu online = pool.take();
            assertThatThrownBy(() -> new CpuThread() { }.bind(online)).hasMessageContaining("must be idle");
            online.idleEnter();
            CpuThread t = new CpuThread() { };
            t.bind(online);
            assertThat(t.cpu).isSameAs(online);
        }
    }
}
