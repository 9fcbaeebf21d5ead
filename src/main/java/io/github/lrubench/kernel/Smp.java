package io.github.lrubench.kernel;

import java.util.Arrays;
import java.util.List;

/**
 * The set of simulated CPUs ({@code cpu_possible_mask}). Threads bind to CPUs by index; each CPU
 * must be driven by one thread at a time, as a real CPU runs one task at a time.
 */
public final class Smp {

    /** Enough for any group on a large machine; a bigger number is almost certainly a typo. */
    public static final int MAX_CPUS = 256;

    private final Cpu[] cpus;

    public Smp(int nrCpus) {
        if (nrCpus < 1 || nrCpus > MAX_CPUS) {
            throw new IllegalArgumentException("nrCpus must be in 1.." + MAX_CPUS + ", was " + nrCpus);
        }
        cpus = new Cpu[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            cpus[i] = new Cpu(i);
        }
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

    /** Attaches one quiescent-state hook (the RCU-sched engine) to every CPU. */
    public void setQuiescentStateHook(QuiescentStateHook hook) {
        for (Cpu c : cpus) {
            c.setQuiescentStateHook(hook);
        }
    }
}
