package io.github.lrubench.report;

import io.github.lrubench.results.Fixtures;
import io.github.lrubench.bench.Suite;
import io.github.lrubench.results.BenchmarkResult;
import io.github.lrubench.results.Interval;
import io.github.lrubench.results.JmhJson;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The paired c on the real fixture (suite-paired.json, 3 forks). Expected figures computed
 * independently with NumPy 2 / SciPy 1.17 from the JSON's raw data (each cell's per-iteration CPU ns
 * over pfnsPerCell, fork means; numpy.polyfit per fork for the slope; Hotelling's T² with
 * numpy.cov; scipy.stats.t and scipy.stats.f).
 */
class PairedCheckSectionTest {
    private static final Offset<Double> E = within(1e-9);

    private static PairedCheckSection.Figures fixture() {
        return PairedCheckSection.figures(new SuiteResults(JmhJson.read(Fixtures.SUITE_PAIRED_JSON)), null);
    }

    private static void is(Interval i, double est, double lo, double hi) {
        assertThat(i.estimate()).isCloseTo(est, E);
        assertThat(i.low()).isCloseTo(lo, E);
        assertThat(i.high()).isCloseTo(hi, E);
    }

    @Test
    void theSlopeControlAaAndLayoutAreTheForkContrasts() {
        PairedCheckSection.Figures f = fixture();
        assertThat(f.forks()).isEqualTo(3);
        is(f.cInterval(), 2.6231348736325906, 1.621746957928212, 3.624522789336969);
        is(f.intercept(), -0.0758193972498009, -0.4037216347998501, 0.2520828403002483);
        is(f.control().interval(), -0.05199489593505854, -0.21046577092765822, 0.10647597905754114);
        is(f.aa(), -0.03782971700032611, -0.1404529254607301, 0.06479349146007787);
        is(f.layout(), -0.36756922403971437, -1.3584855617806164, 0.6233471137011877);
        is(f.deviation10(), -0.11435071018834891, -0.4235348701309062, 0.19483344975420835);
        is(f.deviation50(), 0.1450622876485189, -0.2078665833301633, 0.4979911586272011);
        assertThat(f.lackOfFitF()).isCloseTo(3.052935518668163, within(1e-6));
        assertThat(f.lackOfFitP()).isCloseTo(0.3751382424140367, within(1e-6));
        assertThat(f.aaDetectable()).isCloseTo(0.12792117154294785, within(1e-9));
        PairedCheckSection.DeltaRow ten = f.deltas().get(1);
        assertThat(ten.dirtyPages()).isEqualTo(51);
        is(ten.perDirtyPage(), 1.3963682087418319, -1.5948857181431386, 4.387622135626803);
        assertThat(f.estimates().get(0).ns()).isEqualTo(f.cInterval());
        assertThat(f.breakEven()).isEmpty();
    }

    @Test
    void theVerdictsCIsThePairedSlopeWhenTheRunHasIt() {
        List<BenchmarkResult> rs = new ArrayList<>(JmhJson.read(Fixtures.SUITE_PAIRED_JSON));
        rs.addAll(JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON));
        CheckCost c = CheckCost.of(new SuiteResults(rs));
        assertThat(c.ns()).isCloseTo(2.6231348736325906, E);
        assertThat(c.source()).startsWith(Suite.PAIRED_CHECK.simpleName());
        // without it, the pageblock's difference in differences as before
        assertThat(CheckCost.of(new SuiteResults(JmhJson.read(Fixtures.REAL_DEFAULT_RUN_JSON))).source())
                .startsWith(Suite.PAGEBLOCK_ISOLATION.simpleName());
        // and the section lists the fork-per-cell estimates after the paired ones
        PairedCheckSection.Figures f = PairedCheckSection.figures(new SuiteResults(rs), null);
        assertThat(f.estimates()).extracting(PairedCheckSection.Estimate::label)
                .anyMatch(l -> l.startsWith(Suite.PAGEBLOCK_ISOLATION.simpleName()))
                .anyMatch(l -> l.startsWith(Suite.ISOLATION_CHECK.simpleName()));
    }

    @Test
    void aForkWithoutEveryCellIsLeftOutAndOneForkGivesNoFigures() {
        BenchmarkResult r = JmhJson.read(Fixtures.SUITE_PAIRED_JSON).get(0);
        assertThat(PairedCheckSection.forkMeans(r)).hasSize(3);
        assertThat(PairedCheckSection.figures(new SuiteResults(List.of()), null)).isNull();
    }

    @Test
    void hotellingAndDetectableMatchScipy() {
        // two deviations over 5 forks (numpy.cov, scipy.stats.f; detectable: (t(.975, 4) + t(.8, 4))·s/√5)
        double[] a = {0.1, -0.2, 0.3, 0.05, 0.2}, b = {0.4, 0.1, 0.5, 0.3, 0.2};
        double[] fp = PairedCheckSection.hotelling(a, b);
        assertThat(fp[0]).isCloseTo(HOTELLING_F, within(1e-9));
        assertThat(fp[1]).isCloseTo(HOTELLING_P, within(1e-9));
        assertThat(PairedCheckSection.detectable(a)).isCloseTo(DETECTABLE_A, within(1e-9));
    }

    static final double HOTELLING_F = 10.73360655737705, HOTELLING_P = 0.042934372991270564, DETECTABLE_A = 0.3132345075243621;
}
