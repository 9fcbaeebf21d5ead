package io.github.lrubench.report;

import io.github.lrubench.bench.Profile;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Metric;
import io.github.lrubench.run.PassDidObservation;
import io.github.lrubench.run.RunDirectory;
import io.github.lrubench.run.RunMetadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A seeded synthetic run for the report's golden files: the shape of a real default run (every
 * benchmark, parameter and counter the suite emitted in {@link #TEMPLATE}, its calibration.json and
 * race.json as recorded), with every iteration of every fork redrawn from a fixed seed (the template's
 * value times a log-normal factor of 5% spread), so the figures are no finding and never change unless
 * the report's code does. Fixed metadata, one {@code --t-page} and one {@code --t-check}.
 */
final class SyntheticRun {
    /** A committed run of the default profile: its files are never edited (results/README.md). */
    static final Path TEMPLATE = Path.of("results/20261206T145340Z-vm");
    static final long SEED = 20180112L;

    private SyntheticRun() {
    }

    static Report.Inputs inputs() {
        RunDirectory run = RunDirectory.open(TEMPLATE);
        SplittableRandom random = new SplittableRandom(SEED);
        List<BenchmarkResult> results = run.readResults().stream().map(r -> redraw(r, random)).toList();
        List<PassDidObservation> did = run.readDid().orElseThrow().stream()
                .map(o -> new PassDidObservation(o.round(), o.sequence(), o.cell(), redraw(o.result(), random), o.warmup())).toList();
        RunMetadata meta = new RunMetadata.Builder().jdk(Map.of("java.version", "17.0.99")).jmhVersion("1.37").blackholeMode("auto")
                .cpuModel("Synthetic CPU").cores(2).memTotal("1048576 kB").os("Linux amd64").kernel("6.18.0-synthetic")
                .gitCommit("0000000000000000000000000000000000000000").gitDirty(false).note("a synthetic run: no finding")
                .startTime("2026-12-06T00:00:00Z").status(RunMetadata.Status.COMPLETE).endTime("2026-12-06T00:21:00Z").build()
                .withProfile(Profile.DEFAULT).ended(RunMetadata.Status.COMPLETE).toBuilder().endTime("2026-12-06T00:21:00Z").build();
        return new Report.Inputs("synthetic", results, Optional.of(did), Optional.of(meta), run.readRace(), run.readCalibration(),
                List.of(OtherSystemCost.parse(OtherSystemCost.Per.MIGRATED_PAGE, "2500:another box"),
                        OtherSystemCost.parse(OtherSystemCost.Per.CHECK, "300:prod box")), Optional.empty());
    }

    private static BenchmarkResult redraw(BenchmarkResult r, SplittableRandom random) {
        Map<String, Metric> secondary = new LinkedHashMap<>();
        r.secondary().forEach((k, m) -> secondary.put(k, redraw(m, random)));
        return new BenchmarkResult(r.benchmark(), r.mode(), r.threads(), r.forks(), r.params(), redraw(r.primary(), random), secondary);
    }

    private static Metric redraw(Metric m, SplittableRandom random) {
        List<List<Double>> raw = new ArrayList<>();
        double sum = 0;
        int n = 0;
        for (List<Double> fork : m.rawData()) {
            List<Double> its = new ArrayList<>();
            for (double v : fork) {
                double x = v * Math.exp(0.05 * gaussian(random));
                its.add(x);
                sum += x;
                n++;
            }
            raw.add(its);
        }
        double score = n == 0 ? m.score() : sum / n;
        return new Metric(score, Double.NaN, Double.NaN, Double.NaN, m.unit(), m.percentiles(), raw);
    }

    /** A standard normal draw (Box–Muller), so the stream depends on the seed alone. */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
