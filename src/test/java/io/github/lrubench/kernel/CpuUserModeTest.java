package io.github.lrubench.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tick pending at the return to user space is a kernel tick, and whatever it runs (RCU's softirq
 * may switch to ksoftirqd) happens before user mode begins: the next tick in user mode is still a
 * user-mode tick, a quiescent state for every flavour.
 */
class CpuUserModeTest {

    @Test
    void aSwitchRunByTheTickTakenAtTheReturnToUserDoesNotEndUserMode() {
        Smp smp = new Smp(1, 1000, false);
        Cpu cpu = smp.cpu(0);
        List<Boolean> ticks = new ArrayList<>();
        smp.addQuiescentStateHook(new QuiescentStateHook() {
            @Override
            public void tick(Cpu c, boolean user) {
                ticks.add(user);
                if (!user) {
                    c.noteContextSwitch(); // as RcuEngine's softirq switching to ksoftirqd
                }
            }

            @Override
            public void contextSwitch(Cpu c) {
            }
        });
        cpu.raiseTimerInterrupt(); // arrived while the task was in the kernel
        cpu.exitToUserMode();
        cpu.raiseTimerInterrupt(); // arrives in user mode
        cpu.enterFromUserMode();
        assertThat(ticks).containsExactly(false, true);
    }
}
