package io.github.lrubench.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatsTest {
    static Metric raw(List<List<Double>> forks) {
        return new Metric(Double.NaN, Double.NaN, Double.NaN, Double.NaN, "ns/op", Map.of(), forks);
    }

    @Test
    void bootstrapRatioOnAHandComputableCase() {
        // Control is constant 10. Treatment forks are constant 10 and 30, so a replicate's mean is
        // 10, 20 or 30 with probability 1/4, 1/2, 1/4: the 95% interval is [1, 3], the point 2.
        Interval i = RatioStats.ratio(raw(List.of(List.of(10.0, 10.0), List.of(30.0, 30.0))),
                raw(List.of(List.of(10.0, 10.0), List.of(10.0, 10.0))));
        assertThat(i.estimate()).isEqualTo(2.0);
        assertThat(i.low()).isEqualTo(1.0);
        assertThat(i.high()).isEqualTo(3.0);
        assertThat(i.excludes(1.0)).isFalse();
    }

    @Test
    void identicalConstantsGiveADegenerateInterval() {
        Interval i = RatioStats.ratio(raw(List.of(List.of(12.0, 12.0))), raw(List.of(List.of(10.0), List.of(10.0))));
        assertThat(i.low()).isEqualTo(1.2);
        assertThat(i.high()).isEqualTo(1.2);
        assertThat(i.excludes(1.0)).isTrue();
    }

    @Test
    void noRawDataMeansNoInterval() {
        Metric a = new Metric(2, 0.1, Double.NaN, Double.NaN, "ns/op", Map.of(), List.of());
        Metric b = new Metric(1, 0.1, Double.NaN, Double.NaN, "ns/op", Map.of(), List.of());
        Interval i = RatioStats.ratio(a, b);
        assertThat(i.estimate()).isEqualTo(2.0);
        assertThat(i.hasBounds()).isFalse();
    }
}
