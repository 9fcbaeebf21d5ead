package io.github.lrubench.report;

import io.github.lrubench.bench.SuiteBenchmark;
import io.github.lrubench.hostkernel.Calibration;
import io.github.lrubench.hostkernel.PageType;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Fixtures;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.JmhJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

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
            if (r.shortName().equals(SuiteBenchmark.SCAN_PAGEBLOCK.shortName()) && !"PAGE_LOCK_V4_16".equals(r.param("check"))) {
                double sign = ("PAGE_LOCK".equals(r.param("check")) ? 1 : -1) * switch (r.param("dirtyPercent")) {
                    case "100" -> 1;
                    case "0" -> -1;
                    default -> 0;
                };
                c += sign * r.primary().score();
            }
        }
        return c;
    }

    @Test
    void theHostKernelsDirtyPageCachePointIsPlacedOnTheVerdict() throws Exception {
        List<BenchmarkResult> rs = JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON);
        Calibration cal = calibration();
        double c = checkCost(rs);
        double t = cal.summary(PageType.PAGE_CACHE_DIRTY).orElseThrow().medianNsPerMigratedPage();
        String md = Report.markdown(rs, null, null, cal, List.of(OtherSystemCost.parse(OtherSystemCost.Per.MIGRATED_PAGE, "2500:another box"), OtherSystemCost.parse(OtherSystemCost.Per.CHECK, "300:prod box")));
        assertThat(md).contains("## The verdict on a real kernel");
        // The verdict sentence: the overhead at 100% and 50% dirty is p·c/t, with an interval.
        assertThat(md).contains("predates the measurement by mode").contains("## Per migrated page: the MIGRATE_SYNC reference");
        assertThat(md).contains(String.format(Locale.ROOT, "one check per migrated page would be %.2f%% [", 100 * c / t))
                .contains(String.format(Locale.ROOT, ", %.2f%% [", 50 * c / t));
        assertThat(md).contains(cal.context().kernelRelease());
        // A point from elsewhere: its overhead at 100% dirty is c / 2500 ns.
        // A time per check from elsewhere is a row of the verdict by mode: c over it, and 1% of it is its break-even c.
        assertThat(md).contains(String.format(Locale.ROOT, "| --t-check: prod box | yes | – | – | 300 | 300 | %.2f%% [", 100 * c / 300))
                .contains(String.format(Locale.ROOT, "| %.2f .. %.2f |", 3.0, 3.0));
        assertThat(md).contains("| --t-page: another box | 2.50 µs").contains(String.format(Locale.ROOT, "%.2f%% [", 100 * c / 2500));
        // Where 1% is crossed at 100% dirty: t = c / 1%.
        assertThat(md).contains(RealKernelVerdict.us(c / 0.01) + " at 100% dirty");
    }

    @Test
    void theJudgementFollowsTheIntervalAgainstOnePercent() {
        assertThat(RealKernelVerdict.judge(new Interval(0.004, 0.003, 0.006), "x")).contains("backs Mel");
        assertThat(RealKernelVerdict.judge(new Interval(0.02, 0.015, 0.03), "x")).contains("not \"minimal\"");
        assertThat(RealKernelVerdict.judge(new Interval(0.009, 0.007, 0.012), "x")).contains("cannot tell");
    }

    @Test
    void aCalibrationThatCouldNotBeMadeSaysWhy() {
        String md = Report.markdown(JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON), null, null,
                Calibration.notMeasured("not root (euid 1000)"), List.of());
        assertThat(md).contains("Host kernel: not measured: not root (euid 1000)").contains("So no verdict on this machine's kernel");
    }

    @Test
    void anOtherSystemsCostIsParsedOrRefused() {
        OtherSystemCost.Per page = OtherSystemCost.Per.MIGRATED_PAGE, check = OtherSystemCost.Per.CHECK;
        assertThat(OtherSystemCost.parse(page, "1800")).isEqualTo(new OtherSystemCost(page, 1800, "1800 ns"));
        assertThat(OtherSystemCost.parse(check, "1800:prod db")).isEqualTo(new OtherSystemCost(check, 1800, "prod db"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OtherSystemCost.parse(check, "fast")).hasMessageContaining("--t-check: expected NS[:LABEL]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OtherSystemCost.parse(page, "-5")).hasMessageContaining("positive");
    }
}
