package io.github.lrubench.results;

import java.util.List;

/**
 * What a chart shows, independent of how it is drawn, so tests can check series without pixels.
 *
 * @param fileStem   file name without extension
 * @param kind       BAR: categories on x; LINE: numeric x
 * @param categories x labels of a BAR chart (every series has one value per category)
 * @param logX       logarithmic x (LINE only)
 * @param logY       logarithmic y
 */
public record ChartSpec(String fileStem, Kind kind, String title, String xTitle, String yTitle,
                        List<String> categories, List<Series> series, boolean logX, boolean logY) {

    public enum Kind { BAR, LINE }

    /** How a LINE chart draws a series: measured points joined, a computed curve (no markers), or points alone. */
    public enum Style { LINE, CURVE, MARKERS }

    /**
     * One series; {@code error} is the half-width of the error bar (0 when none), y may be NaN
     * for a missing point.
     */
    public record Series(String name, List<Double> x, List<Double> y, List<Double> error, Style style) {
        public Series(String name, List<Double> x, List<Double> y, List<Double> error) {
            this(name, x, y, error, Style.LINE);
        }
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
