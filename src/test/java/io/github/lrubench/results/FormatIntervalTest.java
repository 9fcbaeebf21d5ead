package io.github.lrubench.results;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Figures rounded to their interval: the last printed digit is the half-width's second significant one. */
class FormatIntervalTest {

    @Test
    void roundsToTheSecondSignificantDigitOfTheHalfWidth() {
        // half-width 12.25 -> "12": units
        assertThat(Format.interval(new Interval(1234.567, 1222.3, 1246.8), false)).isEqualTo("1235 [1222, 1247]");
        // README's own example: half-width 11539 -> "12000": thousands
        assertThat(Format.interval(new Interval(33410.3, 21871.3, 44949.3), false)).isEqualTo("33000 [22000, 45000]");
        // half-width 0.0456 -> "0.046": three decimals
        assertThat(Format.interval(new Interval(0.38807, 0.3424, 0.4336), false)).isEqualTo("0.388 [0.342, 0.434]");
        // half-width 0.99 -> "0.99": two decimals, although the interval is nearly 2 wide
        assertThat(Format.interval(new Interval(5, 4.01, 5.99), false)).isEqualTo("5.00 [4.01, 5.99]");
    }

    @Test
    void aDifferenceIsSigned() {
        assertThat(Format.interval(new Interval(2.4525, -0.1479, 5.0529), true)).isEqualTo("+2.5 [-0.1, +5.1]");
        assertThat(Format.interval(new Interval(-0.012003, -0.019070, -0.004936), true)).isEqualTo("-0.0120 [-0.0191, -0.0049]");
        assertThat(Format.estimate(new Interval(39.79, -2.19, 81.77), true)).isEqualTo("+40");
        assertThat(Format.estimate(new Interval(-0.3, -20, 20), true)).as("rounded to 0: no sign").isEqualTo("0");
    }

    @Test
    void withoutAnIntervalThreeSignificantDigits() {
        assertThat(Format.interval(new Interval(1442012000.0, Double.NaN, Double.NaN), false)).isEqualTo("1440000000 [n/a]");
        assertThat(Format.interval(new Interval(0.0018415, Double.NaN, Double.NaN), false)).isEqualTo("0.00184 [n/a]");
        assertThat(Format.interval(new Interval(7, 7, 7), false)).as("identical forks").isEqualTo("7.00 [7.00, 7.00]");
        assertThat(Format.interval(new Interval(Double.NaN, Double.NaN, Double.NaN), false)).isEqualTo("n/a");
    }

    @Test
    void theMachinesLocaleDoesNotMatter() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Format.interval(new Interval(0.38807, 0.3424, 0.4336), false)).isEqualTo("0.388 [0.342, 0.434]");
        } finally {
            Locale.setDefault(saved);
        }
    }
}
