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

    /**
     * One scale for a column of figures, so that it carries one SI prefix: thousands (k) or millions
     * (M) for large counts, "per million" for tiny shares, else none. Chosen by the column's largest
     * magnitude; {@link #in} applies it before rounding to the interval.
     */
    record Scale(double factor, String prefix, boolean perMillion) {
        static final Scale NONE = new Scale(1, "", false);

        static Scale of(java.util.Collection<Interval> column) {
            double max = column.stream().filter(java.util.Objects::nonNull).mapToDouble(i -> Math.abs(i.estimate()))
                    .filter(Double::isFinite).max().orElse(0);
            if (max >= 1e6) {
                return new Scale(1e-6, "M", false);
            }
            if (max >= 1e4) {
                return new Scale(1e-3, "k", false);
            }
            if (max > 0 && max < 1e-2) {
                return new Scale(1e6, "", true);
            }
            return NONE;
        }

        Interval in(Interval i) {
            return new Interval(i.estimate() * factor, i.low() * factor, i.high() * factor);
        }

        /** What a column header adds: " (M)", " (k)", or nothing; per-million columns name themselves. */
        String suffix() {
            return prefix.isEmpty() ? "" : " (" + prefix + ")";
        }
    }

    /** A figure with no interval of its own (a threshold, a test statistic): three significant digits. */
    static String lone(double v) {
        return Format.estimate(new Interval(v, Double.NaN, Double.NaN), false);
    }

    /** v rounded where {@code i} is printed (one of its bounds, say). */
    static String atPlaceOf(Interval i, double v) {
        double half = i.hasBounds() ? (i.high() - i.low()) / 2 : Double.NaN;
        return Format.estimate(new Interval(v, v - half, v + half), false);
    }

    /** A lone figure to {@code significant} significant digits ("n/a" when not finite). */
    static String lone(double v, int significant) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        int places = v == 0 ? 0 : significant - 1 - (int) Math.floor(Math.log10(Math.abs(v)));
        return new java.math.BigDecimal(v).setScale(places, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
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

    /** A fraction as a percent at two decimals, with its interval without repeating the sign: "0.37% [0.33, 0.51]". */
    static String fractionPercent(Interval o) {
        String e = fixed(100 * o.estimate(), 2) + "%";
        return o.hasBounds() ? e + " [" + fixed(100 * o.low(), 2) + ", " + fixed(100 * o.high(), 2) + "]" : e;
    }

    /** Decimals by size: none from 100, one from 10, two below ("n/a" when not finite). */
    static String bySize(double v) {
        return Double.isFinite(v) ? fixed(v, v >= 100 ? 0 : v >= 10 ? 1 : 2) : "n/a";
    }

    /** {@link #bySize} with its interval: "1234 [1100, 1400]"; the estimate alone without bounds. */
    static String bySize(Interval i) {
        return bySize(i.estimate()) + (i.hasBounds() ? " " + bySizeBracket(i) : "");
    }

    /** "[1100, 1400]" by size; empty without bounds. */
    static String bySizeBracket(Interval i) {
        return i.hasBounds() ? "[" + bySize(i.low()) + ", " + bySize(i.high()) + "]" : "";
    }

    /** ns as "850 ns" below a microsecond, "1.23 µs" from one; "n/a" when not finite. */
    static String micros(double ns) {
        return Double.isFinite(ns) ? (ns >= 1000 ? fixed(ns / 1000, 2) + " µs" : fixed(ns, 0) + " ns") : "n/a";
    }

    /** "[850 ns, 1.23 µs]"; empty without bounds. */
    static String microsBracket(Interval i) {
        return i.hasBounds() ? "[" + micros(i.low()) + ", " + micros(i.high()) + "]" : "";
    }

    /** "[2.61, 3.49]" at fixed decimals; empty without bounds. */
    static String bracket(Interval i, int decimals) {
        return i.hasBounds() ? "[" + fixed(i.low(), decimals) + ", " + fixed(i.high(), decimals) + "]" : "";
    }
}
