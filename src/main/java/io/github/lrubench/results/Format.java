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
