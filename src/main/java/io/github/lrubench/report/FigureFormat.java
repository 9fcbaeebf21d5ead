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

    /**
     * A figure without an interval: from 10 000 on, three significant digits under one SI prefix
     * ("1.67 M"); below, a whole number (a count, a maximum) as an integer and anything else to three
     * significant digits; "n/a" when not finite.
     */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e4) {
            return String.valueOf((long) v);
        }
        return Math.abs(v) >= 1e4 ? Format.si(new Interval(v, Double.NaN, Double.NaN), "", false).replace(" [n/a]", "") : lone(v, 3);
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

    /** A p-value: "< 0.001" below that, else two significant digits; "n/a" without one. One rule for every p the report prints. */
    static String pValue(double p) {
        return !Double.isFinite(p) ? "n/a" : p < 0.001 ? "< 0.001" : lone(p, 2);
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

    /** An estimate with its interval rounded to it (the PDG rule, {@link Format#interval}): "3.05 [2.61, 3.49]". */
    static String interval(Interval i) {
        return Format.interval(i, false);
    }

    /** A difference rounded to its interval, signed: "+5.1 [+3.2, +6.9]". */
    static String signedInterval(Interval i) {
        return Format.interval(i, true);
    }

    /** A figure with its interval and unit under one SI prefix (k, M, G) from the estimate's size: "1.4 M/s [0.9, 1.9]". */
    static String si(Interval i, String unit) {
        return Format.si(i, unit, false);
    }

    /** {@link #si} at a power of ten shared with other cells of a row or column. */
    static String si(Interval i, int exponent, boolean signed) {
        return Format.si(i, exponent, "", signed);
    }

    /** A percent with its interval, signed, rounded to it: "+8% [-10, +27]". */
    static String percent(Interval i) {
        return Format.afterEstimate(Format.interval(i, true), "%");
    }

    /** A fraction as a percent with its interval, rounded to it: "0.37% [0.33, 0.51]"; under 0.01% per million. */
    static String fractionPercent(Interval o) {
        return Format.share(o, false);
    }

    /** Decimals by size: none from 100, one from 10, two below ("n/a" when not finite). */
    static String bySize(double v) {
        return Double.isFinite(v) ? fixed(v, v >= 100 ? 0 : v >= 10 ? 1 : 2) : "n/a";
    }

    /** An estimate with its interval rounded to it; the estimate alone (three significant digits) without bounds. */
    static String bySize(Interval i) {
        return i.hasBounds() ? Format.interval(i, false) : lone(i.estimate());
    }

    /** A duration in ns, three significant digits in the unit that fits: "850 ns", "7.99 ms"; "n/a" when not finite. */
    static String micros(double ns) {
        return Format.duration(ns);
    }

    /** A duration with its interval, rounded to it, in the estimate's unit: "2.4 µs [2.1, 3.1]". */
    static String duration(Interval ns) {
        return ns.hasBounds() ? Format.duration(ns) : Format.duration(ns.estimate());
    }

}
