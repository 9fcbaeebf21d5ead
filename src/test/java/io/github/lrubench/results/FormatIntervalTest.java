package io.github.lrubench.results;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Figures rounded to their interval by the Particle Data Group's rule on the half-width's first
 * three significant digits: 100-354 keep two significant digits, 355-949 one, 950-999 round up to
 * 1000 and keep two; the estimate and bounds to the same place.
 */
class FormatIntervalTest {

    @Test
    void roundsByThePdgRuleOnTheHalfWidth() {
        // half-width 12.25 -> "12": units
        assertThat(Format.interval(new Interval(1234.567, 1222.3, 1246.8), false)).isEqualTo("1235 [1222, 1247]");
        // README's own example: half-width 11539 -> "12000": thousands
        assertThat(Format.interval(new Interval(33410.3, 21871.3, 44949.3), false)).isEqualTo("33000 [22000, 45000]");
        // half-width 0.0456: leading digits 456 keep one significant digit -> two decimals
        assertThat(Format.interval(new Interval(0.38807, 0.3424, 0.4336), false)).isEqualTo("0.39 [0.34, 0.43]");
        // half-width 0.99: 990 rounds up to 1.0, two significant digits -> one decimal
        assertThat(Format.interval(new Interval(5, 4.01, 5.99), false)).isEqualTo("5.0 [4.0, 6.0]");
        // the boundaries: 354 keeps two, 355 one
        assertThat(Format.interval(new Interval(10, 6.46, 13.54), false)).isEqualTo("10.0 [6.5, 13.5]");
        assertThat(Format.interval(new Interval(10, 6.45, 13.55), false)).isEqualTo("10 [6, 14]");
        // issue 21's examples: 1394433.4 [875168.0, 1913698.7] is 1.4 M [0.9, 1.9]; 41.322/s is 41 [11, 72]
        assertThat(Format.interval(new Interval(1394433.4, 875168.0, 1913698.7), false)).isEqualTo("1400000 [900000, 1900000]");
        assertThat(Format.interval(new Interval(41.322, 10.9, 71.7), false)).isEqualTo("41 [11, 72]");
    }

    @Test
    void aDifferenceIsSigned() {
        assertThat(Format.interval(new Interval(2.4525, -0.1479, 5.0529), true)).isEqualTo("+2.5 [-0.1, +5.1]");
        assertThat(Format.interval(new Interval(-0.012003, -0.019070, -0.004936), true)).isEqualTo("-0.012 [-0.019, -0.005]");
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
            assertThat(Format.interval(new Interval(0.38807, 0.3424, 0.4336), false)).isEqualTo("0.39 [0.34, 0.43]");
        } finally {
            Locale.setDefault(saved);
        }
    }

    /** The examples (21): one SI prefix, the bounds sharing it; a duration in the unit that fits; a tiny share per million. */
    @Test
    void siPrefixesDurationsAndTinySharesFollowTheSameRounding() {
        assertThat(Format.si(new Interval(1394433.4, 875168.0, 1913698.7), "/s", false)).isEqualTo("1.4 M/s [0.9, 1.9]");
        assertThat(Format.si(new Interval(41.322, 10.9, 71.7), "/s", false)).isEqualTo("41/s [11, 72]");
        assertThat(Format.si(new Interval(33410.3, 21871.3, 44949.3), "", false)).isEqualTo("33 k [22, 45]");
        assertThat(Format.si(new Interval(-229000, -556000, 1015000), 3, "/s", true)).as("a row's prefix, signed").isEqualTo("-200 k/s [-600, +1000]");
        assertThat(Format.duration(7987.2e3)).isEqualTo("7.99 ms");
        assertThat(Format.duration(850)).isEqualTo("850 ns");
        assertThat(Format.duration(new Interval(2370, 2060, 3120))).isEqualTo("2.4 µs [2.1, 3.1]");
        assertThat(Format.share(new Interval(0.0037, 0.0033, 0.0051), false)).isEqualTo("0.37% [0.33, 0.51]");
        assertThat(Format.share(new Interval(3.2e-6, Double.NaN, Double.NaN), false)).isEqualTo("≈ 3.20 per million");
        assertThat(Format.share(new Interval(3.0e-5, 1.2e-5, 7.8e-5), false)).isEqualTo("≈ 30 per million [12, 78]");
    }
}
