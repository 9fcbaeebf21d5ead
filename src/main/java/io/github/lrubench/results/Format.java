package io.github.lrubench.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** How numbers are printed in every table of the tooling: fixed rules, Locale.ROOT, never the machine's locale. */
public final class Format {
    private Format() {
    }

    /** Three significant-ish decimals, one above 100, scientific outside [1e-3, 1e7). */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, a >= 100 ? "%.1f" : "%.3f", v);
    }

    /** Whole nanoseconds, "n/a" for NaN. */
    public static String ns(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.0f ns", x);
    }

    /** A percentile key as JMH writes it: 50 -> "50", 99.9 -> "99.9". */
    public static String percentile(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** A size: whole MiB where it is one ("256 MiB"), else bytes. */
    public static String bytes(long n) {
        return n >= 1 << 20 && n % (1 << 20) == 0 ? (n >> 20) + " MiB" : n + " bytes";
    }

    /**
     * An estimate and its interval, all three rounded to the place {@link #places} gives (the
     * Particle Data Group's rule on the half-width), so the last digit printed is one the interval resolves:
     * 1234.567 [1222.3, 1246.8] prints "1235 [1222, 1247]", 33410.3 [21871.3, 44949.3] "33000 [22000, 45000]".
     * Signed ("+1.2 [-0.3, +2.7]") for a difference. Without an interval (or a zero-width one) the
     * estimate alone to three significant digits, then "[n/a]" (or its bounds, equal); "n/a" for NaN.
     */
    public static String interval(Interval i, boolean signed) {
        int places = places(i);
        String e = rounded(i.estimate(), places, signed);
        if (!i.hasBounds()) {
            return Double.isNaN(i.estimate()) ? e : e + " [n/a]";
        }
        return e + " [" + rounded(i.low(), places, signed) + ", " + rounded(i.high(), places, signed) + "]";
    }

    /**
     * A figure with its interval and unit, scaled by one SI prefix chosen from the estimate's
     * magnitude (k from 10 000, M from a million, G from a billion) and rounded by {@link #interval}'s
     * rule; the prefix and unit follow the estimate, the bounds share them: 1394433.4 [875168.0,
     * 1913698.7] with "/s" prints "1.4 M/s [0.9, 1.9]", 41.322 [10.9, 71.7] "41/s [11, 72]".
     */
    public static String si(Interval i, String unit, boolean signed) {
        return si(i, siExponent(Math.abs(i.estimate())), unit, signed);
    }

    /** {@link #si} at a given power of ten (0, 3, 6, 9), so that a column or a row can share one prefix. */
    public static String si(Interval i, int exponent, String unit, boolean signed) {
        double k = Math.pow(10, -exponent);
        Interval scaled = new Interval(i.estimate() * k, i.low() * k, i.high() * k);
        String prefix = switch (exponent) {
            case 3 -> "k";
            case 6 -> "M";
            case 9 -> "G";
            default -> "";
        };
        String suffix = prefix.isEmpty() && unit.isEmpty() ? "" : (unit.startsWith("/") && prefix.isEmpty() ? unit : " " + prefix + unit);
        String s = interval(scaled, signed);
        return Double.isNaN(i.estimate()) ? s : afterEstimate(s, suffix); // "n/a" takes no unit
    }

    /**
     * {@code unit} put after the estimate of a figure {@link #interval} printed: "2.4 [2.1, 3.1]"
     * and " µs" give "2.4 µs [2.1, 3.1]"; a figure without brackets gets it at its end.
     */
    public static String afterEstimate(String formatted, String unit) {
        int bracket = formatted.indexOf(" [");
        return bracket < 0 ? formatted + unit : formatted.substring(0, bracket) + unit + formatted.substring(bracket);
    }

    /** The power of ten {@link #si} scales a magnitude by: 9 from a billion, 6 from a million, 3 from 10 000, else 0. */
    public static int siExponent(double magnitude) {
        return magnitude >= 1e9 ? 9 : magnitude >= 1e6 ? 6 : magnitude >= 1e4 ? 3 : 0;
    }

    /**
     * A duration in ns without an interval, three significant digits in the unit that keeps it
     * between 1 and 1000: 7987200 prints "7.99 ms", 850 "850 ns"; "n/a" when not finite.
     */
    public static String duration(double ns) {
        return duration(new Interval(ns, Double.NaN, Double.NaN)).replace(" [n/a]", "");
    }

    /** A duration in ns with its interval, in the estimate's unit, rounded by {@link #interval}'s rule: "2.4 µs [2.1, 3.1]". */
    public static String duration(Interval ns) {
        if (!Double.isFinite(ns.estimate())) {
            return "n/a";
        }
        double a = Math.abs(ns.estimate());
        double k = a >= 1e9 ? 1e-9 : a >= 1e6 ? 1e-6 : a >= 1e3 ? 1e-3 : 1;
        String unit = a >= 1e9 ? "s" : a >= 1e6 ? "ms" : a >= 1e3 ? "µs" : "ns";
        return afterEstimate(interval(new Interval(ns.estimate() * k, ns.low() * k, ns.high() * k), false), " " + unit);
    }

    /**
     * A share (a fraction) as a percent with its interval, rounded by {@link #interval}'s rule:
     * 0.0037 [0.0033, 0.0051] prints "0.37% [0.33, 0.51]"; a share under one in ten thousand as a rate
     * per million instead ("≈ 30 per million [12, 78]"), since "0.003%" hides it.
     */
    public static String share(Interval fraction, boolean signed) {
        if (!Double.isFinite(fraction.estimate())) {
            return "n/a";
        }
        boolean tiny = fraction.estimate() != 0 && Math.abs(fraction.estimate()) < 1e-4;
        double k = tiny ? 1e6 : 100;
        String s = interval(new Interval(fraction.estimate() * k, fraction.low() * k, fraction.high() * k), signed)
                .replace(" [n/a]", ""); // a share without an interval stands alone
        return tiny ? "≈ " + afterEstimate(s, " per million") : afterEstimate(s, "%");
    }

    /** The estimate alone, at the place {@link #interval} would print it. */
    public static String estimate(Interval i, boolean signed) {
        return rounded(i.estimate(), places(i), signed);
    }

    /**
     * The decimal places {@link #interval} prints, by the Particle Data Group's rule on the
     * half-width's first three significant digits: 100 to 354 keep two significant digits, 355 to
     * 949 one, 950 to 999 round up to 1000 and keep two (negative places: tens, hundreds, ...);
     * without a non-zero half-width, the estimate's third significant digit.
     */
    static int places(Interval i) {
        double half = i.hasBounds() ? (i.high() - i.low()) / 2 : Double.NaN;
        if (half > 0 && Double.isFinite(half)) {
            int exponent = (int) Math.floor(Math.log10(half));
            int leading = (int) Math.floor(half / Math.pow(10, exponent - 2) + 1e-9); // 100..999
            if (leading >= 1000) { // log10's rounding put half just below a power of ten
                exponent++;
                leading /= 10;
            }
            if (leading <= 354) {
                return 1 - exponent;
            }
            return leading <= 949 ? -exponent : 1 - (exponent + 1);
        }
        double a = Math.abs(i.estimate());
        return Double.isFinite(a) && a > 0 ? placeOf(a, 3) : 0;
    }

    /** The decimal places that keep {@code significant} significant digits of a positive magnitude. */
    private static int placeOf(double magnitude, int significant) {
        return significant - 1 - (int) Math.floor(Math.log10(magnitude));
    }

    /** v rounded half-even to {@code places} decimals (negative: to tens, hundreds, ...), plain digits, Locale-free. */
    static String rounded(double v, int places, boolean signed) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "n/a" : v > 0 ? "∞" : "-∞";
        }
        BigDecimal b = new BigDecimal(v).setScale(places, RoundingMode.HALF_EVEN);
        String s = (places < 0 ? b.setScale(0, RoundingMode.UNNECESSARY) : b).toPlainString();
        return signed && b.signum() > 0 ? "+" + s : s;
    }
}
