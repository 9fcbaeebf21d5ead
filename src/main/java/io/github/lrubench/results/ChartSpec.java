package io.github.lrubench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a chart shows, independent of how it is drawn, so tests can check series without pixels.
 *
 * @param fileStem   file name without extension
 * @param kind       BAR: categories on x; LINE: numeric x
 * @param categories x labels of a BAR chart (every series has one value per category)
 * @param logX       logarithmic x (LINE only)
 * @param logY       logarithmic y (a BAR chart only when all its series are points)
 * @param references plain reference lines with a small label, not legend entries
 * @param spans      marked x ranges (LINE only), e.g. where the data was measured
 * @param xTicks     x tick labels at chosen positions in place of the axis's own (LINE only; empty: the axis's own)
 */
public record ChartSpec(String fileStem, Kind kind, String title, String xTitle, String yTitle,
                        List<String> categories, List<Series> series, boolean logX, boolean logY,
                        List<Reference> references, List<Span> spans, List<Tick> xTicks) {

    public ChartSpec {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        references = List.copyOf(references);
        spans = List.copyOf(spans);
        xTicks = List.copyOf(xTicks);
    }

    public ChartSpec(String fileStem, Kind kind, String title, String xTitle, String yTitle,
                     List<String> categories, List<Series> series, boolean logX, boolean logY) {
        this(fileStem, kind, title, xTitle, yTitle, categories, series, logX, logY, List.of(), List.of(), List.of());
    }

    /** How many values the chart draws: every series' points. */
    public int points() {
        return series.stream().mapToInt(s -> s.y().size()).sum();
    }

    public enum Kind { BAR, LINE }

    /**
     * How a series is drawn. LINE: measured points joined; CURVE: a computed curve (no markers);
     * MARKERS: points alone (a scatter; on a BAR chart, points at the category); on a BAR chart
     * whose series are all MARKERS, UPPER_BOUND or CURVE they are drawn over the categories (a
     * CURVE as a line across them, e.g. a forest plot's zero), else every series as bars; BAND: a computed
     * curve with a translucent band in its colour from {@link Series#lower} to {@link Series#upper},
     * one legend entry for both; UPPER_BOUND: points that are upper bounds ("at most"), drawn as
     * downward triangles.
     */
    public enum Style { LINE, CURVE, MARKERS, BAND, UPPER_BOUND }

    /** Which way a reference line runs: HORIZONTAL at a y value, VERTICAL at an x value. */
    public enum Direction { HORIZONTAL, VERTICAL }

    /** A plain reference line (a threshold, a known value) with a small text label, drawn in grey and not in the legend. */
    public record Reference(Direction direction, double value, String label) {
        public Reference {
            Objects.requireNonNull(direction, "direction");
            label = label == null ? "" : label;
        }

        public static Reference horizontal(double y, String label) {
            return new Reference(Direction.HORIZONTAL, y, label);
        }

        public static Reference vertical(double x, String label) {
            return new Reference(Direction.VERTICAL, x, label);
        }
    }

    /** A marked x range from {@code from} to {@code to} (equal: one marked x), lightly shaded, dashed edges, labelled. */
    public record Span(double from, double to, String label) {
        public Span {
            if (!(from <= to)) {
                throw new IllegalArgumentException("span from " + from + " to " + to);
            }
            label = label == null ? "" : label;
        }
    }

    /** One x tick: where, and what it reads. */
    public record Tick(double value, String label) {
    }

    /**
     * One series; y may be NaN for a missing point.
     *
     * <p>Error bars: {@code lower}/{@code upper} (absolute ends, one per point, NaN for none) when
     * given, else {@code y ∓ error} ({@code error} the half-width, 0 for none). With
     * {@code nonNegative} (counts, rates, times) no bar reaches below zero: {@link #low} is clipped
     * at 0. On a BAND series {@code lower}/{@code upper} are the band. {@code xLower}/{@code xUpper}
     * (optional, LINE charts) give a horizontal bar per point. A BAR chart's bars get XChart's
     * symmetric error bars, drawn to {@link #high} and, when non-negative, cut at zero.
     */
    public record Series(String name, List<Double> x, List<Double> y, List<Double> error, Style style,
                         List<Double> lower, List<Double> upper, List<Double> xLower, List<Double> xUpper,
                         boolean nonNegative) {

        public Series {
            x = List.copyOf(x);
            y = List.copyOf(y);
            error = List.copyOf(error);
            lower = List.copyOf(lower);
            upper = List.copyOf(upper);
            xLower = List.copyOf(xLower);
            xUpper = List.copyOf(xUpper);
            if (lower.size() != upper.size() || (!lower.isEmpty() && lower.size() != y.size())) {
                throw new IllegalArgumentException(name + ": lower and upper need one value per point");
            }
            if (xLower.size() != xUpper.size() || (!xLower.isEmpty() && xLower.size() != y.size())) {
                throw new IllegalArgumentException(name + ": xLower and xUpper need one value per point");
            }
            if (style == Style.BAND && lower.isEmpty()) {
                throw new IllegalArgumentException(name + ": a band needs lower and upper");
            }
        }

        public Series(String name, List<Double> x, List<Double> y, List<Double> error, Style style) {
            this(name, x, y, error, style, List.of(), List.of(), List.of(), List.of(), false);
        }

        public Series(String name, List<Double> x, List<Double> y, List<Double> error) {
            this(name, x, y, error, Style.LINE);
        }

        /** Points or a curve with no error bars. */
        public static Series of(String name, List<Double> x, List<Double> y, Style style) {
            return new Series(name, x, y, zeros(y.size()), style);
        }

        /** A computed curve with a shaded band from lower to upper, one legend entry for both. */
        public static Series band(String name, List<Double> x, List<Double> y, List<Double> lower, List<Double> upper) {
            return new Series(name, x, y, zeros(y.size()), Style.BAND, lower, upper, List.of(), List.of(), false);
        }

        /** This series with error bars from lower to upper (absolute ends, NaN for none). */
        public Series withBounds(List<Double> lower, List<Double> upper) {
            return new Series(name, x, y, error, style, lower, upper, xLower, xUpper, nonNegative);
        }

        /** This series with horizontal error bars from xLower to xUpper (NaN for none). */
        public Series withXBounds(List<Double> xLower, List<Double> xUpper) {
            return new Series(name, x, y, error, style, lower, upper, xLower, xUpper, nonNegative);
        }

        /** This series with its error bars clipped at zero, for a quantity that cannot be negative. */
        public Series withNonNegative(boolean nonNegative) {
            return new Series(name, x, y, error, style, lower, upper, xLower, xUpper, nonNegative);
        }

        /** Whether point i has a vertical error bar (BAND's bounds are a band, not bars). */
        public boolean hasBar(int i) {
            if (style == Style.BAND) {
                return false;
            }
            double lo = low(i), hi = high(i);
            return Double.isFinite(lo) && Double.isFinite(hi) && hi > lo;
        }

        /** The lower end of point i's error bar as drawn (clipped at 0 when non-negative), NaN if none. */
        public double low(int i) {
            double v = !lower.isEmpty() ? lower.get(i) : y.get(i) - err(i);
            return nonNegative && Double.isFinite(v) ? Math.max(0, v) : v;
        }

        /** The upper end of point i's error bar as drawn, NaN if none. */
        public double high(int i) {
            return !upper.isEmpty() ? upper.get(i) : y.get(i) + err(i);
        }

        /** Whether point i has a horizontal error bar. */
        public boolean hasXBar(int i) {
            return !xLower.isEmpty() && Double.isFinite(xLower.get(i)) && Double.isFinite(xUpper.get(i)) && xUpper.get(i) > xLower.get(i);
        }

        private double err(int i) {
            double e = i < error.size() ? error.get(i) : 0.0;
            return Double.isFinite(e) ? e : 0.0;
        }

        private static List<Double> zeros(int n) {
            List<Double> z = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                z.add(0.0);
            }
            return z;
        }
    }

    /** This chart with reference lines added. */
    public ChartSpec withReferences(List<Reference> more) {
        List<Reference> r = new ArrayList<>(references);
        r.addAll(more);
        return new ChartSpec(fileStem, kind, title, xTitle, yTitle, categories, series, logX, logY, r, spans, xTicks);
    }

    /** This chart with a marked x range added. */
    public ChartSpec withSpan(Span span) {
        List<Span> s = new ArrayList<>(spans);
        s.add(span);
        return new ChartSpec(fileStem, kind, title, xTitle, yTitle, categories, series, logX, logY, references, s, xTicks);
    }

    /** This chart with its x tick labels at the given positions. */
    public ChartSpec withXTicks(List<Tick> ticks) {
        return new ChartSpec(fileStem, kind, title, xTitle, yTitle, categories, series, logX, logY, references, spans, ticks);
    }

    /**
     * x = 1/(1−p) of percentile p (0..100), the HdrHistogram axis on which every "nine" takes the
     * same room; infinite at p = 100.
     */
    public static double inverseTail(double percentile) {
        return 1 / (1 - percentile / 100);
    }

    /** Ticks reading "0%", "50%", "90%", "99%", ... on an {@link #inverseTail} axis, up to {@code maxPercentile}. */
    public static List<Tick> percentileTicks(double maxPercentile) {
        List<Tick> t = new ArrayList<>();
        t.add(new Tick(1, "0%"));
        t.add(new Tick(2, "50%"));
        for (int nines = 1; nines <= 9; nines++) {
            double x = Math.pow(10, nines);
            if (100 * (1 - 1 / x) > maxPercentile + 1e-9) {
                break;
            }
            // 90, 99, 99.9, 99.99, ...: written out, as 100·(1 − 10^−n) is not exact in binary.
            t.add(new Tick(x, (nines == 1 ? "90" : "99" + (nines > 2 ? "." + "9".repeat(nines - 2) : "")) + "%"));
        }
        return t;
    }

    /** True when positive values span at least two decades, where a log axis reads better. */
    static boolean spansDecades(List<Double> values) {
        double min = Double.POSITIVE_INFINITY, max = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                continue;
            }
            if (v <= 0) {
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max > 0 && min < Double.POSITIVE_INFINITY && max / min >= 100;
    }
}
