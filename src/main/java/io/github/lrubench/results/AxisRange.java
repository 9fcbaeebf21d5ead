package io.github.lrubench.results;

import org.knowm.xchart.style.AxesChartStyler;

/** The span of what a chart draws on one axis (positive values only on a log axis). */
final class AxisRange {
    final boolean log;
    double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;

    AxisRange(boolean log) {
        this.log = log;
    }

    /** Whether the axis can show v. */
    boolean fits(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    void add(double v) {
        if (fits(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
    }

    /** Sets the axis to everything drawn, so no error bar, band or reference line falls outside it. */
    void apply(AxesChartStyler s, boolean x) {
        if (!(min < max)) {
            return;
        }
        if (x) {
            s.setXAxisMin(min);
            s.setXAxisMax(max);
        } else {
            s.setYAxisMin(min);
            s.setYAxisMax(max);
        }
    }
}
