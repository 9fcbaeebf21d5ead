package io.github.lrubench.bench;

import io.github.lrubench.kernel.Cpu;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A JMH thread driving one simulated CPU (from a {@link CpuPool}) for whole iterations: online for
 * the iteration, idle between iterations, when the thread waits in JMH's iteration barriers and
 * must not hold up a grace period another thread waits for. Subclasses {@link #bind} in their
 * trial setup; the CPU stays idle until the first iteration.
 */
@State(Scope.Thread)
public abstract class CpuThread {

    Cpu cpu;

    /**
     * This thread drives {@code c}, idle now: a trial setup leaves it so, or the CPU would hold
     * grace periods while its thread waits in JMH's setup barrier for the others' setups.
     */
    final void bind(Cpu c) {
        if (c.rcuWatching()) {
            throw new IllegalStateException(c + " must be idle when a thread is bound to it");
        }
        cpu = c;
    }

    @Setup(Level.Iteration)
    public void online() {
        cpu.idleExit();
    }

    @TearDown(Level.Iteration)
    public void offline() {
        cpu.idleEnter();
    }
}
