package io.github.lrubench.hostkernel;

import io.github.lrubench.results.Interval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static io.github.lrubench.hostkernel.Calibrator.CONFIDENCE;
import static io.github.lrubench.hostkernel.Calibrator.SUMMARY_COUNTERS;

/** The MIGRATE_SYNC reference's figures over its trials: what {@link ReferenceTable} prints and calibration.json keeps. */
final class ReferenceSummary {
    private ReferenceSummary() {
    }

    static Calibration.Summary summarize(PageType type, List<Calibration.Trial> all) {
        List<Calibration.Trial> measured = all.stream().filter(t -> t.type() == type && !t.warmup()).toList();
        List<Calibration.Trial> counted = measured.stream().filter(Calibration.Trial::counted).toList();
        Interval ns = OrderStatistics.medianInterval(values(counted, Calibration.Trial::nsPerMigratedPage), CONFIDENCE);
        return new Calibration.Summary(type, measured.size(), counted.size(), ns.estimate(), ns.low(), ns.high(),
                OrderStatistics.median(values(counted, t -> perMigrated(t, "compact_migrate_scanned"))),
                OrderStatistics.median(values(counted, t -> perMigrated(t, "compact_free_scanned"))),
                OrderStatistics.median(values(counted, t -> counter(t, "pgmigrate_fail"))),
                measured.isEmpty() ? Double.NaN : (double) (measured.size() - counted.size()) / measured.size());
    }

    private static double[] values(List<Calibration.Trial> trials, ToDoubleFunction<Calibration.Trial> f) {
        return trials.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).toArray();
    }

    /**
     * The counters a trial keeps: every one that changed, and the summary's own whenever the
     * kernel has them, 0 included, so that absent means "this kernel lacks it".
     */
    static Map<String, Long> kept(Map<String, Long> delta) {
        Map<String, Long> kept = new LinkedHashMap<>();
        delta.forEach((k, v) -> {
            if (v != 0 || SUMMARY_COUNTERS.contains(k)) {
                kept.put(k, v);
            }
        });
        return Collections.unmodifiableMap(kept);
    }

    /** A counter's change in a trial; NaN when the kernel lacks the counter. */
    private static double counter(Calibration.Trial t, String name) {
        Long v = t.vmstatDelta().get(name);
        return v != null ? v : Double.NaN;
    }

    private static double perMigrated(Calibration.Trial t, String name) {
        return t.migrated() > 0 ? counter(t, name) / t.migrated() : Double.NaN;
    }
}
