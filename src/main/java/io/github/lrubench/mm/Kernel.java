package io.github.lrubench.mm;

import io.github.lrubench.kernel.Cpu;
import io.github.lrubench.kernel.KernelClock;
import io.github.lrubench.kernel.Smp;
import io.github.lrubench.rcu.Rcu;
import io.github.lrubench.rcu.RcuConfig;
import io.github.lrubench.rcu.RcuEngine;

/**
 * One simulated machine: CPUs, a zone, the inode cache, both RCU flavours, and the mm subsystems
 * wired with the two axes of {@link KernelConfig}. The free policy also picks the kernel
 * configuration ({@link InodeFreePolicy#preemptibleKernel()}): CONFIG_PREEMPT decides whether
 * cond_resched() can report an RCU quiescent state and which flavour rcu_read_lock() belongs to.
 * Both RCU engines always run, whichever policy is chosen, so their (per tick and per lock break,
 * never per page) cost is the same in every variant; the preemptible one is modelled as v4.15
 * implements it, or by its API contract only for {@link InodeFreePolicy#PREEMPT_RCU_CONTRACT}.
 */
public final class Kernel implements AutoCloseable {

    final KernelConfig config;
    final Smp smp;
    final Zone zone;
    final Swap swap;
    final InodeCache inodeCache;
    final Rcu rcuSched;
    final Rcu rcuPreempt;
    final Filemap filemap;
    final Vmscan vmscan;
    final Migrate migrate;
    final Compaction compaction;
    final Truncate truncate;
    final Vfs vfs;
    /** Test hooks, shared with the subsystems that have race points. */
    final RaceHookSlot hookSlot = new RaceHookSlot();

    public Kernel(KernelConfig config) {
        this(config, RcuConfig.defaults());
    }

    public Kernel(KernelConfig config, RcuConfig rcuConfig) {
        this.config = config;
        this.smp = new Smp(config.nrCpus(), KernelClock.DEFAULT_HZ, config.free().preemptibleKernel());
        this.zone = new Zone(config.nrPageblocks());
        this.swap = new Swap(zone, config.nrCpus());
        this.inodeCache = new InodeCache(config.slabDebug(), config.quarantine());
        this.rcuSched = RcuEngine.create(smp, Rcu.Flavour.SCHED, rcuConfig);
        this.rcuPreempt = RcuEngine.create(smp, config.free() == InodeFreePolicy.PREEMPT_RCU_CONTRACT
                ? Rcu.Flavour.PREEMPT_CONTRACT : Rcu.Flavour.PREEMPT, rcuConfig);
        // Each subsystem gets what it uses, never the Kernel: reading a field assigned further
        // down is a compile error (definite assignment), not a null found at run time.
        // rcu_read_lock() (include/linux/rcupdate.h, v4.15) is __rcu_read_lock() with
        // CONFIG_PREEMPT_RCU, a preemptible-RCU reader, and preempt_disable() without it, an
        // RCU-sched reader: the lockless page-cache lookups register with that engine.
        this.filemap = new Filemap(hookSlot, zone, swap, smp.preemptible() ? rcuPreempt : rcuSched);
        this.vmscan = new Vmscan(hookSlot, inodeCache, zone, swap, config.check(), config.windowNs());
        this.migrate = new Migrate(zone, vmscan, config.migrateExtraNs());
        this.compaction = new Compaction(zone, swap, vmscan, migrate, config.lockBreakPfns(), config.compactionWatermark());
        this.truncate = new Truncate(swap, filemap);
        Rcu freeRcu = engine(config.free().rcuFlavour(), rcuSched, rcuPreempt);
        this.vfs = new Vfs(hookSlot, inodeCache, truncate, freeRcu, config.inodeBytes());
    }

    public KernelConfig config() {
        return config;
    }

    public Smp smp() {
        return smp;
    }

    public Cpu cpu(int id) {
        return smp.cpu(id);
    }

    public Zone zone() {
        return zone;
    }

    /** mm/swap.c: the per-CPU lru_add pagevecs. */
    public Swap swap() {
        return swap;
    }

    public InodeCache inodeCache() {
        return inodeCache;
    }

    /** The RCU-sched flavour (call_rcu_sched). */
    public Rcu rcuSched() {
        return rcuSched;
    }

    /** The preemptible flavour (call_rcu on CONFIG_PREEMPT): v4.15's, or its contract only. */
    public Rcu rcuPreempt() {
        return rcuPreempt;
    }

    /** The engine of an RCU flavour, or null for none (an IMMEDIATE free defers to no flavour). */
    public Rcu rcu(Rcu.Flavour flavour) {
        return engine(flavour, rcuSched, rcuPreempt);
    }

    /** Static, so the constructor can use it with definitely assigned engines only. */
    private static Rcu engine(Rcu.Flavour flavour, Rcu rcuSched, Rcu rcuPreempt) {
        if (flavour == null) {
            return null;
        }
        return switch (flavour) {
            case SCHED -> rcuSched;
            case PREEMPT, PREEMPT_CONTRACT -> rcuPreempt.flavour() == flavour ? rcuPreempt : null;
        };
    }

    /** The engine the configured free policy defers to, or null for IMMEDIATE. */
    public Rcu freeRcu() {
        return rcu(config.free().rcuFlavour());
    }

    public Filemap filemap() {
        return filemap;
    }

    public Vmscan vmscan() {
        return vmscan;
    }

    public Compaction compaction() {
        return compaction;
    }

    public Migrate migrate() {
        return migrate;
    }

    public Truncate truncate() {
        return truncate;
    }

    public Vfs vfs() {
        return vfs;
    }

    /** Installs test hooks; call before the CPUs' threads start. */
    public void setHooks(RaceHooks hooks) {
        hookSlot.hooks = hooks;
    }

    /** rcu_barrier() and rcu_barrier_sched(): every deferred inode free queued so far has run. */
    public void rcuBarrierAll(Cpu caller) {
        rcuSched.rcuBarrier(caller);
        rcuPreempt.rcuBarrier(caller);
    }

    /**
     * Shuts the machine down: every CPU goes idle (the caller guarantees no thread drives one any
     * more), so both RCU engines can drain every deferred free and stop their threads.
     */
    @Override
    public void close() {
        for (Cpu cpu : smp.cpus()) {
            if (!cpu.irqsDisabled()) {
                cpu.idleEnter();
            }
        }
        rcuSched.close();
        rcuPreempt.close();
    }
}
