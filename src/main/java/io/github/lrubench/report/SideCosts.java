package io.github.lrubench.report;

import io.github.lrubench.bench.Suite;
import io.github.lrubench.bench.SuiteMetric;
import io.github.lrubench.mm.KernelConfig;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Format;
import io.github.lrubench.results.Metric;

import java.util.List;
import java.util.Locale;

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

/** What the overhead argument never weighed: pages skipped under contention, and the free side's deferred memory and grace periods. */
final class SideCosts {
    private final SuiteResults run;

    SideCosts(SuiteResults run) {
        this.run = run;
    }

    Section contended() {
        String h = "What the argument never weighed: contention";
        Suite s = Suite.CONTENDED_COMPACTION;
        String missing = CostTables.absent(run, s, h);
        if (missing != null) {
            return Section.text(missing);
        }
        StringBuilder md = new StringBuilder("## ").append(h).append("\n\nCompacting CPU against truncating CPU (JMH @Group). Counters are events per second (OPERATIONS aux counters). "
                + "`skippedTrylock`: pages async compaction skipped because trylock_page() failed; `skippedInverted`: "
                + "dirty pages refused only by the v4.16 inverted condition; `uafDetected`: use after free caught by the "
                + "poisoned inode cache. What direct async compaction loses beyond a refused page (skip_on_failure): "
                + "`putBackOnFailure`: pages isolated and put back unmigrated because a later page of their "
                + "cc->order-aligned block was refused; `blocksSkipped`: such blocks given up; `compactionsContended`: "
                + "whole compactions ended by LRU-lock contention.\n\n");
        List<SuiteMetric> counters = List.of(ISOLATED, MIGRATED, SKIPPED_TRYLOCK, SKIPPED_INVERTED, UAF_DETECTED, PUT_BACK_ON_FAILURE,
                BLOCKS_SKIPPED, COMPACTIONS_CONTENDED, INODES_FREED, INODES_DEFERRED);
        md.append("| params | throughput | ").append(String.join(" | ", counters.stream().map(SuiteMetric::key).toList()))
                .append(" | skipped share |\n|---|--:|");
        counters.forEach(c -> md.append("--:|"));
        md.append("--:|\n");
        for (BenchmarkResult r : run.of(s)) {
            md.append("| ").append(r.paramLabel()).append(" | ").append(Format.score(r.primary())).append(' ').append(r.primary().unit());
            for (SuiteMetric c : counters) {
                Metric m = SuiteResults.metric(r, c);
                md.append(" | ").append(m == null ? "-" : Format.num(m.score()));
            }
            double iso = score(r, ISOLATED), skipped = score(r, SKIPPED_TRYLOCK) + score(r, SKIPPED_INVERTED);
            md.append(" | ").append(iso + skipped > 0 ? String.format(Locale.ROOT, "%.3f%%", 100 * skipped / (iso + skipped)) : "-").append(" |\n");
        }
        md.append('\n').append(CostTables.overheadTable(run.of(s)));
        return Section.text(md.toString());
    }

    /** The largest per-iteration value of an EVENTS counter (JMH's score is the sum). */
    static double perIterationPeak(Metric m) {
        if (m == null) {
            return Double.NaN;
        }
        return m.rawData().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(m.score());
    }

    private static double score(BenchmarkResult r, SuiteMetric name) {
        Metric m = SuiteResults.metric(r, name);
        return m == null || !Double.isFinite(m.score()) ? 0 : m.score();
    }

    Section freeSide() {
        StringBuilder md = new StringBuilder("## What the argument never weighed: the free side (RCU_SCHED)\n\n");
        List<BenchmarkResult> inode = run.of(Suite.INODE_FREE);
        if (inode.isEmpty()) {
            md.append('`').append(Suite.INODE_FREE.simpleName()).append("`: not in this run.\n\n");
        } else {
            md.append("Truncate+evict throughput and the peak of deferred frees. Deferred bytes computed at "
                    + KernelConfig.INODE_BYTES + " bytes per inode (struct inode) and " + KernelConfig.EXT4_INODE_BYTES + " (ext4_inode_info).\n\n");
            md.append("The peaks are EVENTS counters, which JMH sums over iterations; the table shows the largest "
                    + "per-iteration value (from the raw data), i.e. the most inodes waiting for a grace period at once.\n\n");
            md.append("| free | throughput | peakDeferredInodes | peakDeferredBytes (model, 576 B) | bytes @576 | bytes @1056 (ext4) |\n|---|--:|--:|--:|--:|--:|\n");
            for (BenchmarkResult r : inode) {
                double p = perIterationPeak(SuiteResults.metric(r, PEAK_DEFERRED_INODES));
                double b = perIterationPeak(SuiteResults.metric(r, PEAK_DEFERRED_BYTES));
                md.append(String.format(Locale.ROOT, "| %s | %s %s | %s | %s | %s | %s |%n", r.paramLabel(), Format.score(r.primary()), r.primary().unit(),
                        Format.num(p), Format.num(b), Format.num(p * KernelConfig.INODE_BYTES), Format.num(p * KernelConfig.EXT4_INODE_BYTES)));
            }
            md.append('\n');
        }
        List<BenchmarkResult> gp = run.of(Suite.GRACE_PERIOD);
        if (gp.isEmpty()) {
            md.append('`').append(Suite.GRACE_PERIOD.simpleName()).append("`: not in this run.\n\n");
        } else {
            md.append("Grace-period latency (`synchronize_sched()` on one CPU while the other scans with the LRU lock held "
                    + "for this many pfns between breaks) percentiles against the IRQ-off section length.\n\n");
            List<Double> ps = List.of(50.0, 90.0, 99.0, 99.9, 100.0);
            md.append("| params | unit | ");
            ps.forEach(p -> md.append("p").append(Format.percentile(p)).append(" | "));
            md.append("\n|---|---|");
            ps.forEach(p -> md.append("--:|"));
            md.append('\n');
            for (BenchmarkResult r : gp) {
                // The group's primary mixes both threads' operations; the grace period is the
                // synchronizeSched member's latency.
                Metric lat = r.secondary().getOrDefault(SYNCHRONIZE_SCHED.key(), r.primary());
                md.append("| ").append(r.paramLabel()).append(" | ").append(lat.unit()).append(" | ");
                ps.forEach(p -> md.append(Format.num(lat.percentiles().getOrDefault(p, Double.NaN))).append(" | "));
                md.append('\n');
            }
            md.append('\n');
        }
        return Section.text(md.toString());
    }
}
