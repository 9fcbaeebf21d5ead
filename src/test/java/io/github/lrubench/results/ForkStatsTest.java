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
}
