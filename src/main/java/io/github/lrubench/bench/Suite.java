package io.github.lrubench.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Param;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.DIRTY_PERCENT;
import static io.github.lrubench.bench.SuiteParam.FREE;
import static io.github.lrubench.bench.SuiteParam.COMPACT_MODE;
import static io.github.lrubench.bench.SuiteParam.MIGRATE_EXTRA_NS;
import static io.github.lrubench.bench.SuiteParam.PFNS_PER_LOCK_HOLD;
import static io.github.lrubench.bench.SuiteParam.WINDOW_NS;
import static io.github.lrubench.bench.SuiteParam.WORKLOAD;
import static io.github.lrubench.mm.CompactMode.DIRECT_ASYNC_ORDER9;
import static io.github.lrubench.mm.CompactMode.KCOMPACTD_SYNC_LIGHT;
import static io.github.lrubench.mm.InodeFreePolicy.PREEMPT_RCU;
import static io.github.lrubench.mm.InodeFreePolicy.RCU_SCHED;
import static io.github.lrubench.mm.InodeFreePolicy.RCU_SCHED_PREEMPT;
import static io.github.lrubench.mm.IsolationCheck.NONE;
import static io.github.lrubench.mm.IsolationCheck.PAGE_LOCK;

/**
 * The suite's questions, one benchmark class each, in run order (cheapest first, so a smoke run
 * fails fast), with the parameter values each profile runs. The profiles, the report, the tests
 * and the README's tables are derived from this list; a class not restricted under a profile runs
 * every value it declares.
 */
public enum Suite {
    FLOOR(FloorBenchmark.class, "What do the bare primitives cost on this machine (bit pair, array scan, 4 KiB copy)?",
            Map.of()),
    ISOLATION_CHECK(IsolationCheckBenchmark.class, "What does the check cost per dirty page, uncontended?",
            Map.of()),
    PAGEBLOCK_ISOLATION(PageblockIsolationBenchmark.class, "What does it cost per scanned pfn of a whole pageblock, by dirty share?",
            Map.of(Profile.SMOKE, List.of(CHECK.only(NONE, PAGE_LOCK), DIRTY_PERCENT.only(0, 100)))),
    // c, the check's cost per dirty page, as the verdict uses it: every cell in one JVM, paired.
    PAIRED_CHECK(PairedCheckBenchmark.class, "What does the check cost per dirty page, every variant paired in one JVM, with a control, an A/A pair and both layouts?",
            Map.of()),
    // The pass class gives the composed verdict its denominator: NONE's cost per migrated page and
    // its counters, by dirty share and extra migration cost. The check's effect on a pass is measured
    // by PassDid (ABBA-interleaved single forks, with a control), not by comparing this
    // class's blocks of forks, which JMH runs minutes apart; full adds PAGE_LOCK and PAGE_LOCK_V4_16
    // and kcompactd's sync-light. A pass never frees an inode, so the class declares one free policy.
    COMPACTION_PASS(CompactionPassBenchmark.class, "What does a compaction pass cost per migrated page, by dirty share and added migration cost (the verdict's denominator)?",
            Map.of(Profile.SMOKE, List.of(CHECK.only(NONE), COMPACT_MODE.only(DIRECT_ASYNC_ORDER9),
                            DIRTY_PERCENT.only(100), MIGRATE_EXTRA_NS.only(0, 4000)),
                    Profile.DEFAULT, List.of(CHECK.only(NONE), COMPACT_MODE.only(DIRECT_ASYNC_ORDER9)))),
    // windowNs stays 0 in the contended runs: the widened window is the race table's business.
    // Default: the two modes in which the check runs and the race is open, direct async for a THP
    // (what skip_on_failure makes a refused page cost) and kcompactd, with the kernel's frees:
    // PREEMPT_RCU (the v4.15 baseline every RCU cost is stated against), RCU_SCHED_PREEMPT (Huang
    // Ying's fix on the same preemptible kernel) and RCU_SCHED (the CONFIG_PREEMPT=n kernel, where
    // call_rcu() already is call_rcu_sched(): no change). IMMEDIATE, a hypothetical, and PREEMPT_RCU_CONTRACT are in the race table; full adds
    // them, direct async at order 3 and compact_memory's sync compaction (no check, no race).
    CONTENDED_COMPACTION(ContendedCompactionBenchmark.class, "Under contention: what does each fix cost, how many pages are skipped, which combinations read a freed inode?",
            Map.of(Profile.SMOKE, List.of(CHECK.only(NONE, PAGE_LOCK), FREE.only(PREEMPT_RCU), COMPACT_MODE.only(DIRECT_ASYNC_ORDER9),
                            WINDOW_NS.only(0)),
                    Profile.DEFAULT, List.of(COMPACT_MODE.only(DIRECT_ASYNC_ORDER9, KCOMPACTD_SYNC_LIGHT), FREE.only(PREEMPT_RCU, RCU_SCHED_PREEMPT, RCU_SCHED),
                            WINDOW_NS.only(0)))),
    INODE_FREE(InodeFreeBenchmark.class, "What does the free side pay: truncate/evict throughput and deferred inodes?",
            Map.of(Profile.SMOKE, List.of(FREE.only(PREEMPT_RCU, RCU_SCHED_PREEMPT, RCU_SCHED)))),
    GRACE_PERIOD(GracePeriodBenchmark.class, "How long is an RCU-sched grace period against the IRQ-off section's length, and under the contended workload on either kernel?",
            // v4.15's lock breaks (32 pfns) on every kernel under both workloads (smoke: the preemptible kernel's two): the contended rows are Huang Ying's
            // proposal under load against PREEMPT_RCU on the same CONFIG_PREEMPT=y kernel, the IRQ-off scan frees nothing
            // (there RCU_SCHED_PREEMPT and PREEMPT_RCU are the same kernel doing the same work: an A/A)
            Map.of(Profile.SMOKE, List.of(PFNS_PER_LOCK_HOLD.only(32), FREE.only(RCU_SCHED_PREEMPT, PREEMPT_RCU)),
                    Profile.DEFAULT, List.of(PFNS_PER_LOCK_HOLD.only(32))));

    private final Class<?> type;
    private final String question;
    private final Map<Profile, List<SuiteParam.Restriction>> restrictions;

    Suite(Class<?> type, String question, Map<Profile, List<SuiteParam.Restriction>> restrictions) {
        this.type = type;
        this.question = question;
        this.restrictions = restrictions;
    }

    public Class<?> type() {
        return type;
    }

    /** The fully qualified class name, the prefix of its JMH benchmark ids. */
    public String className() {
        return type.getName();
    }

    public String simpleName() {
        return type.getSimpleName();
    }

    /** The question this class answers, in one line. */
    public String question() {
        return question;
    }

    /** The values each restricted parameter runs with under a profile, by JMH parameter name. */
    public Map<String, List<String>> params(Profile profile) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (SuiteParam.Restriction r : restrictions.getOrDefault(profile, List.of())) {
            m.put(r.param().key(), r.values());
        }
        return m;
    }

    /** Forks this class runs under a profile: the profile's, but for the paired check's own. */
    public int forks(Profile profile) {
        return this == PAIRED_CHECK ? profile.checkForks : profile.forks;
    }

    /**
     * Why the class is left out of every run that does not name it, or null. A withdrawn class
     * still runs when a run's class pattern names it, and its report section says it is withdrawn.
     */
    public String withdrawn() {
        return this == COMPACTION_PASS
                ? "since compaction ends where v4.15's does (COMPACT_SUCCESS, issue 20), a THP compaction in its 4-pageblock zone "
                + "ends within a pass or two and, with no workload between runs to fragment the zone again, later passes find a "
                + "free pageblock and do nothing (no page migrated: a pass of about 5 ns); its per-page cost, the pass DiD and the "
                + "composed model verdict would be artefacts until the pass has a steady state"
                : null;
    }

    /** The classes a run takes when it names none: the suite but the withdrawn ones. */
    public static List<Suite> defaultSelection() {
        return java.util.Arrays.stream(values()).filter(s -> s.withdrawn() == null).toList();
    }

    /** The class whose JMH id (or id prefix) this is, or null. */
    public static Suite ofBenchmark(String benchmarkId) {
        for (Suite s : values()) {
            if (benchmarkId.startsWith(s.className() + ".")) {
                return s;
            }
        }
        return null;
    }

    /** JMH results this class gives under a profile: benchmarks (a group counts once) x parameter combinations. */
    public int combinations(Profile profile) {
        Map<String, List<String>> restricted = params(profile);
        int n = benchmarks().size();
        for (Map.Entry<String, List<String>> p : declaredParams().entrySet()) {
            n *= restricted.getOrDefault(p.getKey(), p.getValue()).size();
        }
        return n;
    }

    /** The {@code @Benchmark} methods, a {@code @Group}'s members counted once under the group's name. */
    public Set<String> benchmarks() {
        Set<String> ids = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                Group g = m.getAnnotation(Group.class);
                ids.add(g != null ? g.value() : m.getName());
            }
        }
        return ids;
    }

    /** Every {@code @Param} of the class and its state classes with its declared values (an enum's constants when blank). */
    public Map<String, List<String>> declaredParams() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<Class<?>> classes = new ArrayList<>();
        classes.add(type);
        classes.addAll(List.of(type.getClasses()));
        for (Class<?> k : classes) {
            for (Field f : k.getFields()) {
                Param p = f.getAnnotation(Param.class);
                if (p == null) {
                    continue;
                }
                boolean blank = p.value().length == 1 && Param.BLANK_ARGS.equals(p.value()[0]);
                out.put(f.getName(), blank
                        ? List.of(f.getType().getEnumConstants()).stream().map(String::valueOf).toList()
                        : List.of(p.value()));
            }
        }
        return out;
    }
}
