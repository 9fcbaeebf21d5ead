package io.github.lrubench.hostkernel;

import io.github.lrubench.results.Interval;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The median's distribution-free interval on inputs whose ranks and coverage are known by hand. */
class OrderStatisticsTest {

    @Test
    void coverageIsOneMinusTwiceTheBinomialTail() {
        assertThat(OrderStatistics.coverage(6, 1)).isEqualTo(1 - 2.0 / 64);              // 0.96875
        assertThat(OrderStatistics.coverage(5, 1)).isEqualTo(1 - 2.0 / 32);              // 0.9375
        assertThat(OrderStatistics.coverage(10, 2)).isCloseTo(1 - 2.0 * 11 / 1024, within(1e-12)); // 0.978515625
        assertThat(OrderStatistics.coverage(10, 3)).isCloseTo(1 - 2.0 * 56 / 1024, within(1e-12)); // 0.890625
        assertThat(OrderStatistics.coverage(20, 6)).isCloseTo(0.9586105346679688, within(1e-12));
        assertThat(OrderStatistics.coverage(20, 7)).isCloseTo(0.8846817016601562, within(1e-12));
    }

    @Test
    void theNarrowestRanksThatReachTheLevel() {
        assertThat(OrderStatistics.lowerRank(5, 0.95)).isEmpty();    // even [min, max] covers only 93.75%
        assertThat(OrderStatistics.lowerRank(6, 0.95)).hasValue(1);  // [min, max]
        assertThat(OrderStatistics.lowerRank(10, 0.95)).hasValue(2); // [x2, x9], 97.9%; [x3, x8] is 89.1%
        assertThat(OrderStatistics.lowerRank(11, 0.95)).hasValue(2);
        assertThat(OrderStatistics.lowerRank(20, 0.95)).hasValue(6); // the textbook (x6, x15)
        // Large n, no underflow of 2^-n: about n/2 - 0.98 sqrt(n).
        assertThat(OrderStatistics.lowerRank(2000, 0.95).getAsInt()).isBetween(950, 960);
    }

    @Test
    void theIntervalOnKnownValues() {
        double[] ten = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
        Interval i = OrderStatistics.medianInterval(ten, 0.95);
        assertThat(i.estimate()).isEqualTo(5.5);
        assertThat(i.low()).isEqualTo(2);
        assertThat(i.high()).isEqualTo(9);
        assertThat(ten).containsExactly(10, 1, 9, 2, 8, 3, 7, 4, 6, 5); // the input is not sorted in place

        Interval six = OrderStatistics.medianInterval(new double[]{3, 1, 2, 6, 5, 4}, 0.95);
        assertThat(six).isEqualTo(new Interval(3.5, 1, 6));

        Interval five = OrderStatistics.medianInterval(new double[]{5, 1, 3, 2, 4}, 0.95);
        assertThat(five.estimate()).isEqualTo(3);
        assertThat(five.low()).isNaN();
        assertThat(five.high()).isNaN();

        Interval none = OrderStatistics.medianInterval(new double[0], 0.95);
        assertThat(none.estimate()).isNaN();
        assertThat(none.hasBounds()).isFalse();
    }
}
