package io.github.lrubench.results;

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

    /** A score with JMH's error when it has one: "12.3 ± 0.4". */
    public static String score(Metric m) {
        String s = num(m.score());
        return Double.isFinite(m.scoreError()) ? s + " ± " + num(m.scoreError()) : s;
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
}
