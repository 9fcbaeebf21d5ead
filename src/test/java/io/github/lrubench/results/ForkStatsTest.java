package io.github.lrubench.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ForkStatsTest {

    @Test
    void tQuantileMatchesTables() {
        // two-sided 95%: t(3) = 3.182, t(19) = 2.093 (any statistics table)
        assertThat(ForkStats.t(3)).isCloseTo(3.182, within(0.001));
        assertThat(ForkStats.t(19)).isCloseTo(2.093, within(0.001));
    }

    @Test
    void meanIntervalIsTOnForkMeansNotOnIterations() {
        // Two forks far apart, each internally tight: the interval must reflect the fork spread.
        Metric m = new Metric(0, 0, Double.NaN, Double.NaN, "ns/op", java.util.Map.of(),
                List.of(List.of(99.0, 101.0), List.of(199.0, 201.0), List.of(149.0, 151.0)));
        double[] means = ForkStats.forkMeans(m);
        assertThat(means).containsExactly(100.0, 200.0, 150.0);
        Interval i = ForkStats.meanInterval(means);
        // s = 50, n = 3, t(2) = 4.303: half-width 124.2
        assertThat(i.estimate()).isEqualTo(150.0);
        assertThat(i.high() - i.estimate()).isCloseTo(4.3027 * 50 / Math.sqrt(3), within(0.01));
    }

    @Test
    void welchDifferenceOfEqualSamplesContainsZero() {
        double[] a = {10, 12, 11, 13};
        double[] b = {11, 12, 10, 13};
        Interval d = ForkStats.welchDifference(a, b);
        assertThat(d.estimate()).isEqualTo(0.0);
        assertThat(d.low()).isLessThan(0);
        assertThat(d.high()).isGreaterThan(0);
        Interval far = ForkStats.welchDifference(new double[]{20, 21, 22, 21}, b);
        assertThat(far.excludes(0)).isTrue();
    }

    /** SciPy: exp(mean(ln x) ± t(.975, 3)·s/2) for {2, 3, 5, 4}; a fork that counted nothing falls back to the arithmetic interval, floored at 0. */
    @Test
    void countsGetTheirIntervalOnTheLogScaleAndNeverBelowZero() {
        Interval i = ForkStats.logInterval(new double[]{2, 3, 5, 4});
        assertThat(i.estimate()).isCloseTo(3.309750919646873, within(1e-8));
        assertThat(i.low()).isCloseTo(1.7636644874961591, within(1e-8));
        assertThat(i.high()).isCloseTo(6.211187687775664, within(1e-8));
        Interval z = ForkStats.logInterval(new double[]{0, 1, 2, 0});
        assertThat(z.estimate()).isEqualTo(0.75);
        assertThat(z.low()).isZero(); // arithmetic: -0.773
        assertThat(z.high()).isCloseTo(2.2734801808288125, within(1e-8));
        assertThat(ForkStats.logInterval(new double[]{0, 0, 0}).estimate()).isZero();
    }

    /** Holm by hand: sorted 0.01, 0.02, 0.03, 0.5 times 4, 3, 2, 1 gives 0.04, 0.06, 0.06 (monotone), 0.5; NaN is out of the family. */
    @Test
    void holmMultipliesTheKthSmallestByWhatIsLeftAndStaysMonotone() {
        double[] adj = ForkStats.holm(new double[]{0.03, 0.5, 0.01, Double.NaN, 0.02});
        assertThat(adj[2]).isCloseTo(0.04, within(1e-12));
        assertThat(adj[4]).isCloseTo(0.06, within(1e-12));
        assertThat(adj[0]).isCloseTo(0.06, within(1e-12));
        assertThat(adj[1]).isCloseTo(0.5, within(1e-12));
        assertThat(adj[3]).isNaN();
        assertThat(ForkStats.holm(new double[]{0.4, 0.5})).containsExactly(0.8, 0.8);
    }
}
