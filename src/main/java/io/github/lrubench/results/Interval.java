package io.github.lrubench.results;

import java.util.Locale;

/** A point estimate with a confidence interval; bounds are NaN when no interval can be computed. */
public record Interval(double estimate, double low, double high) {

    public boolean hasBounds() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** True when the interval lies entirely on one side of {@code value}. */
    public boolean excludes(double value) {
        return hasBounds() && (low > value || high < value);
    }

    public String format(String fmt) {
        String e = String.format(Locale.ROOT, fmt, estimate);
        return hasBounds() ? e + " [" + String.format(Locale.ROOT, fmt, low) + ", " + String.format(Locale.ROOT, fmt, high) + "]" : e + " [n/a]";
    }
}
