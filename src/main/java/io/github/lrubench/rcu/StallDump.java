package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Cpu;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * RCU CPU stall warnings, kernel/rcu/tree.c (v4.15): the reporting side of a grace period held
 * too long, apart from the grace-period core that detects it. Names the CPUs still holding the
 * grace period and dumps the stack of the task on each, and counts the warnings for
 * {@link RcuStats}. The {@code done} test is the running grace period's: whether it is done with a
 * CPU.
 */
final class StallDump {

    /** Top frames of a lagging CPU's task: enough to name the loop it is stuck in. */
    private static final int STACK_FRAMES = 12;

    private final String name;
    private final Cpu[] cpus;
    private final AtomicLong warnings = new AtomicLong();
    private volatile String lastWarning = "";

    StallDump(String name, Cpu[] cpus) {
        this.name = name;
        this.cpus = cpus;
    }

    /** print_cpu_stall()/print_other_cpu_stall() via check_cpu_stall(), kernel/rcu/tree.c v4.15. */
    void printCpuStall(long gpNum, long heldNanos, IntPredicate done) {
        String msg = "INFO: " + name + " detected stalls on CPUs/tasks: { " + laggingCpus(done)
                + " } (grace period " + gpNum + " held for " + TimeUnit.NANOSECONDS.toMillis(heldNanos) + " ms)";
        msg += cpuStacks(done);
        warnings.incrementAndGet();
        lastWarning = msg;
        System.err.println(msg);
    }

    /**
     * rcu_dump_cpu_stacks() (kernel/rcu/tree.c, v4.15): the backtrace of the task on each lagging
     * CPU, so a stall names the loop it is stuck in (top frames only).
     */
    String cpuStacks(IntPredicate done) {
        if (done == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int cpu = 0; cpu < cpus.length; cpu++) {
            Thread t = cpus[cpu].task();
            if (!done.test(cpu) && t != null) {
                sb.append(System.lineSeparator()).append("  CPU ").append(cpu).append(" task ").append(t.getName()).append(" (").append(t.getState()).append("):");
                StackTraceElement[] st = t.getStackTrace();
                for (int i = 0; i < Math.min(st.length, STACK_FRAMES); i++) {
                    sb.append(System.lineSeparator()).append("    at ").append(st[i]);
                }
            }
        }
        return sb.toString();
    }

    /** The CPUs the grace period still waits for, as print_other_cpu_stall() lists them. */
    String laggingCpus(IntPredicate done) {
        if (done == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int cpu = 0; cpu < cpus.length; cpu++) {
            if (!done.test(cpu)) {
                sb.append(sb.length() == 0 ? "" : " ").append(cpu);
            }
        }
        return sb.toString();
    }

    /** Stall warnings printed since creation or the last {@link #reset()}. */
    long warnings() {
        return warnings.get();
    }

    /** The last warning printed, "" when none. */
    String lastWarning() {
        return lastWarning;
    }

    void reset() {
        warnings.set(0);
        lastWarning = "";
    }
}
