package io.github.lrubench.report;

import io.github.lrubench.results.Format;
import io.github.lrubench.results.Interval;

import java.util.Locale;

/**
 * How REPORT.md prints a figure: the one formatter every section's printer calls, Locale.ROOT
 * always (a report made under de_DE is the same file). Each style here is one the report uses;
 * rounding to the interval is decided here too.
 */
final class FigureFormat {
    private FigureFormat() {
    }

    /** {@link Format#num}: three decimals, one above 100, scientific outside [1e-3, 1e7). */
    static String num(double v) {
        return Format.num(v);
    }

    /** A fixed number of decimals: fixed(3.14159, 2) = "3.14". */
    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Fixed decimals with a sign: signedFixed(3.1, 1) = "+3.1". */
    static String signedFixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%+." + decimals + "f", v);
    }

    /** A signed figure: "+5.058", "-0.240", "0.000". */
    static String signed(double v) {
        return (v > 0 ? "+" : "") + Format.num(v);
    }

    /** "3.050 [2.610, 3.490]"; "3.050 [n/a]" without bounds. */
    static String interval(Interval i) {
        return Format.num(i.estimate()) + (i.hasBounds() ? " [" + Format.num(i.low()) + ", " + Format.num(i.high()) + "]" : " [n/a]");
    }

    /** "+5.058 [+3.200, +6.916]". */
    static String signedInterval(Interval i) {
        return signed(i.estimate()) + (i.hasBounds() ? " [" + signed(i.low()) + ", " + signed(i.high()) + "]" : " [n/a]");
    }

    /** An interval at fixed decimals: "3.05 [2.61, 3.49]". */
    static String interval(Interval i, int decimals) {
        return i.format("%." + decimals + "f");
    }

    /** An interval at fixed decimals with signs: "+3.05 [+2.61, +3.49]". */
    static String signedInterval(Interval i, int decimals) {
        return i.format("%+." + decimals + "f");
    }

    /** A percent with its interval: "+8.3% [-10.1, +26.7]". */
    static String percent(Interval i) {
        String e = signedFixed(i.estimate(), 1) + "%";
        return i.hasBounds() ? e + " [" + signedFixed(i.low(), 1) + ", " + signedFixed(i.high(), 1) + "]" : e + " [n/a]";
    }
}
