package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.kernel.KernelClock;
import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.mm.KernelConfig;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ForkComparison;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.github.lrubench.bench.SuiteMetric.BLOCKS_SKIPPED;
import static io.github.lrubench.bench.SuiteMetric.COMPACTIONS_CONTENDED;
import static io.github.lrubench.bench.SuiteMetric.INODES_DEFERRED;
import static io.github.lrubench.bench.SuiteMetric.INODES_FREED;
import static io.github.lrubench.bench.SuiteMetric.ISOLATED;
import static io.github.lrubench.bench.SuiteMetric.MIGRATED;
import static io.github.lrubench.bench.SuiteMetric.PEAK_DEFERRED_BYTES;
import static io.github.lrubench.bench.SuiteMetric.PEAK_DEFERRED_INODES;
import static io.github.lrubench.bench.SuiteMetric.PUT_BACK_ON_FAILURE;
import static io.github.lrubench.bench.SuiteMetric.SKIPPED_INVERTED;
import static io.github.lrubench.bench.SuiteMetric.SKIPPED_TRYLOCK;
import static io.github.lrubench.bench.SuiteMetric.SYNCHRONIZE_SCHED;
import static io.github.lrubench.bench.SuiteMetric.UAF_DETECTED;
import static io.github.lrubench.bench.SuiteParam.CHECK;
import static io.github.lrubench.bench.SuiteParam.FREE;

/** What the overhead argument never weighed: pages skipped under contention, and the free side's deferred memory and grace periods. */
final class SideCosts {
    private final SuiteResults run;

    SideCosts(SuiteResults run) {
        this.run = run;
    }

    /** The rows of every fix against its baseline, per role: each check against NONE, each free against PREEMPT_RCU. */
    static List<FixRow> contendedRows(List<BenchmarkResult> rs, boolean checkAxis) {
        List<FixRow> compact = checkAxis ? FixRow.compare(rs, CHECK, IsolationCheck.NONE, Role.COMPACTION, Role.COMPACTION::of)
                : FixRow.compare(rs, FREE, InodeFreePolicy.PREEMPT_RCU, Role.COMPACTION, Role.COMPACTION::of);
        List<FixRow> truncate = checkAxis ? FixRow.compare(rs, CHECK, IsolationCheck.NONE, Role.TRUNCATION, Role.TRUNCATION::of)
                : FixRow.compare(rs, FREE, InodeFreePolicy.PREEMPT_RCU, Role.TRUNCATION, Role.TRUNCATION::of);
        List<FixRow> out = new ArrayList<>();
        for (int i = 0; i < Math.max(compact.size(), truncate.size()); i++) {
            if (i < compact.size()) {
                out.add(compact.get(i));
            }
            if (i < truncate.size()) {
                out.add(truncate.get(i));
            }
        }
        return out;
    }

    /**
     * Why a fix runs faster than its baseline, for the rows where it does; null for the others. A
     * fix that refuses pages does less work per pass, which is not a gain; otherwise a faster row
     * whose interval contains 0 is noise, and one that excludes it has no mechanism in the model.
     */
    static String fasterNote(FixRow row, List<BenchmarkResult> rs) {
        if (!row.faster()) {
            return null;
        }
        BenchmarkResult variant = rs.stream().filter(r -> row.variant().equals(SuiteResults.param(r, row.axis()))
                && row.others().entrySet().stream().allMatch(e -> e.getValue().equals(r.param(e.getKey())))).findFirst().orElse(null);
        double refused = variant == null ? 0 : score(variant, SKIPPED_INVERTED);
        if (row.role() == Role.COMPACTION && row.variant().equals(IsolationCheck.PAGE_LOCK_V4_16.name()) && refused > 0) {
            return "faster, not better: it refuses dirty anonymous pages (" + Format.num(refused) + " `" + SKIPPED_INVERTED.key()
                    + "`/s), so a pass does less work";
        }
        if (!row.delta().excludes(0)) {
            return "faster, but the interval contains 0: not resolved";
        }
        return "faster and the interval excludes 0, but nothing in the model makes this fix cheaper for this role: "
                + "drift between cells run minutes apart (no control to tell)";
    }

    Section contended() {
        String h = "What the argument never weighed: contention";
        Suite s = Suite.CONTENDED_COMPACTION;
        String missing = CostTables.absent(run, s, h);
        if (missing != null) {
            return Section.text(missing);
        }
        List<BenchmarkResult> rs = run.of(s);
        StringBuilder md = new StringBuilder("## ").append(h).append("\n\n");
        md.append("A compacting CPU against a truncating CPU (one JMH @Group, one thread each). JMH's primary score of the group is "
                + "the *sum* of both threads' operations, which mixes a compaction pass with a truncation; the tables show each "
                + "role's own throughput (the group members' secondary results) with its 95% interval over fork means.\n\n");
        md.append("### Each role\n\n");
        List<SuiteMetric> compactCounters = List.of(ISOLATED, MIGRATED, SKIPPED_TRYLOCK, SKIPPED_INVERTED, UAF_DETECTED, PUT_BACK_ON_FAILURE,
                BLOCKS_SKIPPED, COMPACTIONS_CONTENDED);
        md.append("Compacting CPU: passes per second and its counters, events per second (OPERATIONS aux counters, means over "
                + "iterations). `skippedTrylock`: pages isolation skipped because trylock_page() failed; `skippedInverted`: "
                + "dirty pages refused only by the v4.16 inverted condition; `uafDetected`: use after free caught by the "
                + "poisoned inode cache. What direct async compaction loses beyond a refused page (skip_on_failure): "
                + "`putBackOnFailure`: pages isolated and put back unmigrated because a later page of their "
                + "cc->order-aligned block was refused; `blocksSkipped`: such blocks given up; `compactionsContended`: "
                + "whole compactions ended by LRU-lock contention.\n\n");
        md.append("| params | ").append(Role.COMPACTION.label()).append(" [95% CI] | ")
                .append(String.join(" | ", compactCounters.stream().map(SuiteMetric::key).toList())).append(" | skipped share |\n|---|--:|");
        compactCounters.forEach(c -> md.append("--:|"));
        md.append("--:|\n");
        for (BenchmarkResult r : rs) {
            md.append("| ").append(r.paramLabel()).append(" | ").append(memberInterval(r, Role.COMPACTION));
            for (SuiteMetric c : compactCounters) {
                Metric m = SuiteResults.metric(r, c);
                md.append(" | ").append(m == null ? "-" : Format.num(m.score()));
            }
            double iso = score(r, ISOLATED), skipped = score(r, SKIPPED_TRYLOCK) + score(r, SKIPPED_INVERTED);
            md.append(" | ").append(iso + skipped > 0 ? String.format(Locale.ROOT, "%.3f%%", 100 * skipped / (iso + skipped)) : "-").append(" |\n");
        }
        md.append("\nTruncating CPU: truncations per second (one unlink and one new file each) and how destroy_inode() freed "
                + "the evicted inodes, per second.\n\n");
        md.append("| params | ").append(Role.TRUNCATION.label()).append(" [95% CI] | ").append(INODES_FREED.key()).append(" | ")
                .append(INODES_DEFERRED.key()).append(" |\n|---|--:|--:|--:|\n");
        for (BenchmarkResult r : rs) {
            Metric freed = SuiteResults.metric(r, INODES_FREED), deferred = SuiteResults.metric(r, INODES_DEFERRED);
            md.append("| ").append(r.paramLabel()).append(" | ").append(memberInterval(r, Role.TRUNCATION)).append(" | ")
                    .append(freed == null ? "-" : Format.num(freed.score())).append(" | ")
                    .append(deferred == null ? "-" : Format.num(deferred.score())).append(" |\n");
        }
        md.append("\n`skippedTrylock` is mostly not a cost: a dirty page whose lock is busy at isolation would, once isolated, "
                + "meet trylock_page() again in async `__unmap_and_move()` and be given up there, and the lock holder is "
                + "usually truncation, which is removing the page anyway. The page is skipped either way; the check only "
                + "moves where.\n\n");
        md.append("### Each check against NONE, per role\n\n");
        md.append(rolesTable(contendedRows(rs, true), rs));
        md.append("### Each free against PREEMPT_RCU, per role\n\n");
        md.append("`PREEMPT_RCU` is v4.15's call_rcu() on a preemptible kernel, what destroy_inode() already did for the "
                + "filesystems in question, so a deferred free's cost is stated against it; `RCU_SCHED` is Huang Ying's "
                + "call_rcu_sched().\n\n");
        md.append(rolesTable(contendedRows(rs, false), rs));
        return Section.text(md.toString());
    }

    /** A fix table with a note on every row where the fix is faster than its baseline, and what the notes mean. */
    private static String rolesTable(List<FixRow> rows, List<BenchmarkResult> rs) {
        if (rows.isEmpty()) {
            return "No variants with a baseline in this run.\n\n";
        }
        Map<FixRow, String> notes = new LinkedHashMap<>();
        rows.forEach(r -> {
            String n = fasterNote(r, rs);
            if (n != null) {
                notes.put(r, n);
            }
        });
        return FixTable.markdown(rows, notes::get);
    }

    /** "146875.1 [102333.2, 191417.0]" for a group member's ops/s; "-" when the result lacks the member. */
    private static String memberInterval(BenchmarkResult r, Role member) {
        Metric m = member.of(r);
        return m == null ? "-" : FixTable.interval(ForkComparison.mean(m));
    }

    /** The per-iteration values of an EVENTS counter (JMH's score is their sum over iterations and forks). */
    static double[] perIteration(Metric m) {
        return m == null ? new double[0] : m.rawData().stream().flatMap(List::stream).filter(Double::isFinite)
                .mapToDouble(Double::doubleValue).toArray();
    }

    /** The largest per-iteration value of an EVENTS counter. */
    static double perIterationPeak(Metric m) {
        double[] v = perIteration(m);
        return v.length == 0 ? (m == null ? Double.NaN : m.score()) : java.util.Arrays.stream(v).max().orElseThrow();
    }

    /**
     * The mean of the per-iteration values of an EVENTS counter, with its interval over fork means
     * (each fork's mean of its iterations' peaks); NaN without raw data.
     */
    static Interval perIterationMean(Metric m) {
        return m == null || m.rawData().isEmpty() ? new Interval(Double.NaN, Double.NaN, Double.NaN) : ForkComparison.mean(m);
    }

    private static double score(BenchmarkResult r, SuiteMetric name) {
        Metric m = SuiteResults.metric(r, name);
        return m == null || !Double.isFinite(m.score()) ? 0 : m.score();
    }

    Section freeSide() {
        StringBuilder md = new StringBuilder("## What the argument never weighed: the free side\n\n");
        List<BenchmarkResult> inode = run.of(Suite.INODE_FREE);
        if (inode.isEmpty()) {
            md.append('`').append(Suite.INODE_FREE.simpleName()).append("`: not in this run.\n\n");
        } else {
            md.append("A truncating task against kcompactd's sync-light compaction on the other CPU (one JMH @Group). "
                    + "Costs of a deferred free are stated against `PREEMPT_RCU`, v4.15's call_rcu() on a preemptible kernel "
                    + "(what destroy_inode() already did for these filesystems); `IMMEDIATE` is a hypothetical slab free, "
                    + "`RCU_SCHED` Huang Ying's call_rcu_sched().\n\n");
            md.append("The peaks `" + PEAK_DEFERRED_INODES.key() + "` and `" + PEAK_DEFERRED_BYTES.key() + "` are EVENTS "
                    + "counters, which JMH sums over iterations; the table shows, over the per-iteration peaks (the most inodes "
                    + "waiting for a grace period at once in one iteration), their mean with its interval over fork means, and "
                    + "their max. Memory at " + KernelConfig.INODE_BYTES + " bytes per inode (struct inode, the model's `"
                    + PEAK_DEFERRED_BYTES.key() + "`) and " + KernelConfig.EXT4_INODE_BYTES + " (ext4_inode_info).\n\n");
            md.append("| free | ").append(Role.FREE_TRUNCATION.label()).append(" [95% CI] | peak deferred inodes: mean [95% CI] | max | ")
                    .append("bytes @").append(KernelConfig.INODE_BYTES).append(": mean | max | bytes @").append(KernelConfig.EXT4_INODE_BYTES)
                    .append(" (ext4): mean | max |\n|---|--:|--:|--:|--:|--:|--:|--:|\n");
            for (BenchmarkResult r : inode) {
                Metric peaks = SuiteResults.metric(r, PEAK_DEFERRED_INODES);
                Interval mean = perIterationMean(peaks);
                double max = perIterationPeak(peaks);
                Metric bytes = SuiteResults.metric(r, PEAK_DEFERRED_BYTES);
                md.append("| ").append(r.paramLabel()).append(" | ").append(memberInterval(r, Role.FREE_TRUNCATION)).append(" | ")
                        .append(FixTable.interval(mean)).append(" | ").append(Format.num(max)).append(" | ")
                        .append(Format.num(perIterationMean(bytes).estimate())).append(" | ").append(Format.num(perIterationPeak(bytes))).append(" | ")
                        .append(Format.num(mean.estimate() * KernelConfig.EXT4_INODE_BYTES)).append(" | ")
                        .append(Format.num(max * KernelConfig.EXT4_INODE_BYTES)).append(" |\n");
            }
            md.append("\nEach free against `PREEMPT_RCU`: truncations per second (the truncating member), compaction rounds "
                    + "per second (the kcompactd member) and the per-iteration peak of deferred inodes.\n\n");
            List<FixRow> rows = new ArrayList<>();
            for (Role role : List.of(Role.FREE_TRUNCATION, Role.KCOMPACTD, Role.PEAK_DEFERRED)) {
                rows.addAll(FixRow.compare(inode, FREE, InodeFreePolicy.PREEMPT_RCU, role, role::of));
            }
            md.append(rows.isEmpty() ? "No `PREEMPT_RCU` baseline in this run.\n\n" : FixTable.markdown(rows));
        }
        List<BenchmarkResult> gp = run.of(Suite.GRACE_PERIOD);
        if (gp.isEmpty()) {
            md.append('`').append(Suite.GRACE_PERIOD.simpleName()).append("`: not in this run.\n\n");
        } else {
            double msPerJiffy = 1000.0 / KernelClock.DEFAULT_HZ;
            md.append("Grace-period latency (`synchronize_sched()` on one CPU while the other scans with the LRU lock held "
                    + "for this many pfns between breaks), percentiles of the `").append(SYNCHRONIZE_SCHED.key())
                    .append("` member alone (the group's own percentiles mix in the scanner's operations), against the IRQ-off "
                    + "section length. Grace periods take jiffies, as in v4.15: the p50 is also given in jiffies at HZ=")
                    .append(KernelClock.DEFAULT_HZ).append(" (").append(Format.num(msPerJiffy)).append(" ms each).\n\n");
            List<Double> ps = List.of(50.0, 90.0, 99.0, 99.9, 100.0);
            md.append("| params | unit | ");
            ps.forEach(p -> md.append("p").append(Format.percentile(p)).append(" | "));
            md.append("p50 in jiffies |\n|---|---|");
            ps.forEach(p -> md.append("--:|"));
            md.append("--:|\n");
            for (BenchmarkResult r : gp) {
                Metric lat = r.secondary().get(SYNCHRONIZE_SCHED.key());
                if (lat == null) {
                    md.append("| ").append(r.paramLabel()).append(" | - | no `").append(SYNCHRONIZE_SCHED.key()).append("` member |\n");
                    continue;
                }
                md.append("| ").append(r.paramLabel()).append(" | ").append(lat.unit()).append(" | ");
                ps.forEach(p -> md.append(Format.num(lat.percentiles().getOrDefault(p, Double.NaN))).append(" | "));
                double p50ms = toMillis(lat.percentiles().getOrDefault(50.0, Double.NaN), lat.unit());
                md.append(Double.isFinite(p50ms) ? String.format(Locale.ROOT, "%.2f", p50ms / msPerJiffy) : "-").append(" |\n");
            }
            md.append('\n');
        }
        return Section.text(md.toString());
    }

    /** A time per operation in JMH's unit ("us/op", "ms/op", ...) in milliseconds; NaN for another unit. */
    static double toMillis(double v, String unit) {
        String u = unit.contains("/") ? unit.substring(0, unit.indexOf('/')) : unit;
        return switch (u) {
            case "ns" -> v / 1e6;
            case "us" -> v / 1e3;
            case "ms" -> v;
            case "s" -> v * 1e3;
            default -> Double.NaN;
        };
    }
}
