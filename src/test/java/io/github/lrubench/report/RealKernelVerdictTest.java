package io.github.lrubench.report;

import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.bench.SuiteParam;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.PageType;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.ChartSpec;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The real-kernel verdict's placement arithmetic, on a real run and a real calibration, recomputed here. */
class RealKernelVerdictTest {
    static final Path CALIBRATION = Path.of("src/test/resources/fixtures/calibration/calibration.json");

    static Calibration calibration() throws Exception {
        return JmhJson.mapper().readValue(CALIBRATION.toFile(), Calibration.class);
    }

    /** c = (PAGE_LOCK - NONE) / 0.5 of the pageblock scan at 50% dirty, from the file itself. */
    /** c as the report defines it: (PAGE_LOCK − NONE) at 100% dirty − (PAGE_LOCK − NONE) at 0% dirty, per pfn. */
    static double checkCost(List<BenchmarkResult> rs) {
        double c = 0;
        for (BenchmarkResult r : rs) {
            String check = r.param(SuiteParam.CHECK.key());
            if (r.shortName().equals(SuiteBenchmark.SCAN_PAGEBLOCK.shortName()) && !IsolationCheck.PAGE_LOCK_V4_16.name().equals(check)) {
                double sign = (IsolationCheck.PAGE_LOCK.name().equals(check) ? 1 : -1) * switch (r.param(SuiteParam.DIRTY_PERCENT.key())) {
                    case "100" -> 1;
                    case "0" -> -1;
                    default -> 0;
                };
                c += sign * r.primary().score();
            }
        }
        return c;
    }

    static Report.Inputs inputs(List<BenchmarkResult> rs, Calibration cal, List<OtherSystemCost> others) {
        return new Report.Inputs(".", rs, Optional.empty(), Optional.empty(), Optional.empty(), Optional.ofNullable(cal), others, Optional.empty());
    }

    @Test
    void theHostKernelsDirtyPageCachePointIsPlacedOnTheVerdict() throws Exception {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON);
        Calibration cal = calibration();
        double c = checkCost(rs);
        double t = cal.summary(PageType.PAGE_CACHE_DIRTY).orElseThrow().medianNsPerMigratedPage();
        Report.Inputs in = inputs(rs, cal, List.of(OtherSystemCost.parse(OtherSystemCost.Per.MIGRATED_PAGE, "2500:another box"),
                OtherSystemCost.parse(OtherSystemCost.Per.CHECK, "300:prod box")));
        RealKernelVerdict.Figures f = new RealKernelVerdict().compute(in);
        assertThat(f.c().estimate()).isCloseTo(c, within(1e-9));
        assertThat(f.source()).isEqualTo(KernelModes.Source.MEASURED);
        assertThat(f.context().kernelRelease()).isEqualTo(cal.context().kernelRelease());
        // The dirty page cache point: the overhead at p dirty is p·c/t, with an interval.
        RealKernelVerdict.PointRow dirty = f.dirtyKernel();
        assertThat(dirty.point().t()).isEqualTo(t);
        assertThat(dirty.at(1.0).estimate()).isCloseTo(c / t, within(1e-12));
        assertThat(dirty.at(0.5).estimate()).isCloseTo(0.5 * c / t, within(1e-12));
        assertThat(dirty.at(1.0).hasBounds()).isTrue();
        // A point from elsewhere, taken as exact: its overhead at 100% dirty is c / 2500 ns.
        RealKernelVerdict.PointRow other = f.rows().stream().filter(r -> r.point().label().equals("--t-page: another box")).findFirst().orElseThrow();
        assertThat(other.at(1.0).estimate()).isCloseTo(c / 2500, within(1e-12));
        assertThat(f.rows()).extracting(r -> r.point().label()).last().isEqualTo("the Java model's own pass");
        // A time per check from elsewhere is a row of the verdict by mode: c over it, and 1% of it is its break-even c.
        // This calibration predates the modes: no measured mode, the file says so.
        KernelModes.Verdict byMode = new KernelModes().compute(in);
        assertThat(byMode.source()).isEqualTo(KernelModes.Source.NO_MODES);
        KernelModes.Row prod = byMode.rows().get(0);
        assertThat(prod.label()).isEqualTo("--t-check: prod box");
        assertThat(prod.overheadScanned().estimate()).isCloseTo(c / 300, within(1e-12));
        assertThat(prod.breakEvenScanned()).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void aCalibrationThatCouldNotBeMadeSaysWhy() {
        Report.Inputs in = inputs(JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON), Calibration.notMeasured("not root (euid 1000)"), List.of());
        assertThat(new KernelModes().compute(in).source()).isEqualTo(KernelModes.Source.NOT_MEASURED);
        assertThat(new KernelModes().compute(in).reason()).isEqualTo("not root (euid 1000)");
        RealKernelVerdict.Figures f = new RealKernelVerdict().compute(in);
        assertThat(f.source()).isEqualTo(KernelModes.Source.NOT_MEASURED);
        assertThat(f.rows()).extracting(r -> r.point().label()).containsExactly("the Java model's own pass");
        assertThat(f.dirtyKernel()).isNull();
    }

    @Test
    void anOtherSystemsCostIsParsedOrRefused() {
        OtherSystemCost.Per page = OtherSystemCost.Per.MIGRATED_PAGE, check = OtherSystemCost.Per.CHECK;
        assertThat(OtherSystemCost.parse(page, "1800")).isEqualTo(new OtherSystemCost(page, 1800, "1800 ns"));
        assertThat(OtherSystemCost.parse(check, "1800:prod db")).isEqualTo(new OtherSystemCost(check, 1800, "prod db"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OtherSystemCost.parse(check, "fast")).hasMessageContaining("--t-check: expected NS[:LABEL]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OtherSystemCost.parse(page, "-5")).hasMessageContaining("between 1 ns and 1 s");
    }

    /** Issue 22, item 9: the chart's range is bounded by construction, whatever its points (a median of 0, -1700, infinity, 1e308). */
    @Test
    void theVerdictChartIsBoundedWhateverItsPoints() {
        java.util.List<RealKernelVerdict.ChartPoint> points = java.util.stream.DoubleStream.of(0, -1700, Double.POSITIVE_INFINITY, 1e308,
                Double.MIN_VALUE, 2500).mapToObj(t -> new RealKernelVerdict.ChartPoint("t=" + t, new Interval(t, Double.NaN, Double.NaN),
                new Interval(0.001, Double.NaN, Double.NaN))).toList();
        ChartSpec spec = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> RealKernelVerdict.chart(new Interval(3, 2, 4), points, java.util.Optional.empty()));
        assertThat(spec.series().get(0).x()).hasSizeLessThan(400);
        assertThat(spec.series()).noneMatch(s -> s.name().contains("1.0E308") || s.name().contains("Infinity"));
    }

    /**
     * Issue 22 #6: a calibration whose page types counted no trial (NaN medians) is "not measured"
     * there, never data: the report is written (it crashed: "a band needs lower and upper") and says so.
     */
    @Test
    void aTypeWithNoCountedTrialIsNotMeasured(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode cal = (com.fasterxml.jackson.databind.node.ObjectNode) JmhJson.mapper()
                .readTree(java.nio.file.Files.readString(java.nio.file.Path.of(getClass().getClassLoader().getResource("fixtures/calibration/calibration.json").toURI())));
        for (com.fasterxml.jackson.databind.JsonNode sum : cal.get("summaries")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) sum).put("counted", 0).put("medianNsPerMigratedPage", "NaN")
                    .put("low", "NaN").put("high", "NaN");
        }
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("calibration.json"), cal.toPrettyString());
        String md = Report.markdown(JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON), null, null, Calibration.read(f), java.util.List.of());
        assertThat(md).contains("| not measured: no counted trial |").contains("No host-kernel MIGRATE_SYNC figure for dirty page cache");
        assertThat(md).doesNotContain("| n/a | n/a |");
    }
}
