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
 * must not hold up a grace period another thread waits for. Subclasses set {@link #cpu} in their
 * trial setup.
 */
@State(Scope.Thread)
public abstract class CpuThread {

    Cpu cpu;

    @Setup(Level.Iteration)
    public void online() {
        cpu.idleExit();
    }

    @TearDown(Level.Iteration)
    public void offline() {
        cpu.idleEnter();
    }
}
