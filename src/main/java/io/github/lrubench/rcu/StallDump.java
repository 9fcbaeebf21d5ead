package io.github.lrubench.rcu;

import io.github.lrubench.kernel.Cpu;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * RCU CPU stall warnings, kernel/rcu/tree.c (v4.15): a grace period held past the stall timeout
 * is reported once, naming the CPUs still holding it and the stack of the task on each, and
 * counted for {@link RcuStats}. The grace-period kthread tells it when a grace period starts and
 * ends, and calls {@link #check()} while it waits; close() asks it who holds the grace period it
 * gave up on. A grace period's {@code done} test says whether it is done with a CPU.
 */
final class StallDump {

    /** Top frames of a lagging CPU's task: enough to name the loop it is stuck in. */
    private static final int STACK_FRAMES = 12;

    private final String name;
    private final Cpu[] cpus;
    private final long timeoutNanos;
    private final AtomicLong warnings = new AtomicLong();
    private volatile String lastWarning = "";
    /** The running grace period's done test, null between grace periods: written by the kthread, read by close(). */
    private volatile IntPredicate gpDone;
    // The running grace period, kthread only.
    private long gpNum;
    private long gpStartNanos;
    private boolean warned;

    /** @param timeout how long a grace period may be held before it is reported (CONFIG_RCU_CPU_STALL_TIMEOUT) */
    StallDump(String name, Cpu[] cpus, Duration timeout) {
        this.name = name;
        this.cpus = cpus;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * record_gp_stall_check_time() (kernel/rcu/tree.c, v4.15): grace period {@code gpNum} started
     * at {@code startNanos} and waits for the CPUs {@code done} says it is not done with.
     */
    void gpStarted(long gpNum, long startNanos, IntPredicate done) {
        this.gpNum = gpNum;
        this.gpStartNanos = startNanos;
        this.warned = false;
        this.gpDone = done;
    }

    /** check_cpu_stall() (kernel/rcu/tree.c, v4.15): warns once per grace period held past the timeout. */
    void check() {
        long held = System.nanoTime() - gpStartNanos;
        if (!warned && held > timeoutNanos) {
            warned = true;
            printCpuStall(gpNum, held, gpDone);
        }
    }

    /** The running grace period ended: no CPU holds one until the next {@link #gpStarted}. */
    void gpEnded() {
        gpDone = null;
    }

    /** print_cpu_stall()/print_other_cpu_stall() via check_cpu_stall(), kernel/rcu/tree.c v4.15. */
    private void printCpuStall(long gpNum, long heldNanos, IntPredicate done) {
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
    private String cpuStacks(IntPredicate done) {
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
    private String laggingCpus(IntPredicate done) {
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

    /** The CPUs holding the running grace period ("" between grace periods), for close(). */
    String laggingCpus() {
        return laggingCpus(gpDone);
    }

    /** The stacks of the tasks on those CPUs, for close(). */
    String cpuStacks() {
        return cpuStacks(gpDone);
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
