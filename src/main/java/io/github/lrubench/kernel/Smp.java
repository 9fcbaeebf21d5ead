package io.github.lrubench.kernel;

import java.util.Arrays;
import java.util.List;

/**
 * The set of simulated CPUs ({@code cpu_possible_mask}) and the kernel configuration they share:
 * {@code CONFIG_HZ} (the {@link KernelClock}) and {@code CONFIG_PREEMPT}. Threads bind to CPUs by
 * index; each CPU must be driven by one thread at a time, as a real CPU runs one task at a time.
 */
public final class Smp {

    /** Enough for any group on a large machine; a bigger number is almost certainly a typo. */
    public static final int MAX_CPUS = 256;

    private final Cpu[] cpus;
    private final KernelClock clock;
    private final boolean preemptible;

    /** A non-preemptible kernel (CONFIG_PREEMPT=n, as distributions ship) at HZ=250. */
    public Smp(int nrCpus) {
        this(nrCpus, KernelClock.DEFAULT_HZ, false);
    }

    /**
     * @param hz          CONFIG_HZ, {@value KernelClock#MIN_HZ}..{@value KernelClock#MAX_HZ}
     * @param preemptible CONFIG_PREEMPT (and so CONFIG_PREEMPT_RCU): cond_resched() is then no RCU
     *                    quiescent state, and rcu_read_lock() is the preemptible flavour's
     */
    public Smp(int nrCpus, int hz, boolean preemptible) {
        if (nrCpus < 1 || nrCpus > MAX_CPUS) {
            throw new IllegalArgumentException("nrCpus must be in 1.." + MAX_CPUS + ", was " + nrCpus);
        }
        cpus = new Cpu[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            cpus[i] = new Cpu(i, preemptible);
        }
        this.clock = new KernelClock(hz, cpus);
        this.preemptible = preemptible;
    }

    /** num_possible_cpus(). */
    public int nrCpus() {
        return cpus.length;
    }

    public Cpu cpu(int id) {
        if (id < 0 || id >= cpus.length) {
            throw new IllegalArgumentException("cpu id must be in 0.." + (cpus.length - 1) + ", was " + id);
        }
        return cpus[id];
    }

    public List<Cpu> cpus() {
        return List.copyOf(Arrays.asList(cpus));
    }

    /** jiffies and the scheduler tick. */
    public KernelClock clock() {
        return clock;
    }

    /** CONFIG_PREEMPT. */
    public boolean preemptible() {
        return preemptible;
    }

    /**
     * Adds an RCU flavour's hook to every CPU (done once per engine, before the CPUs' threads
     * start; Thread.start() publishes it to them).
     */
    public void addQuiescentStateHook(QuiescentStateHook hook) {
        for (Cpu c : cpus) {
            c.addQuiescentStateHook(hook);
        }
    }
}
