package io.github.lrubench.results;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ChartSpec.Kind#BAR} chart over categories: bars, or, when every series is points, upper
 * bounds or a line, those at each category's centre, where a log axis can show them too.
 */
final class CategoryCharts {
    private CategoryCharts() {
    }

    /** On a BAR chart: a series drawn over the categories (points, bounds, a line) rather than as bars. */
    private static boolean isPoints(ChartSpec.Series s) {
        return s.style() == ChartSpec.Style.MARKERS || s.style() == ChartSpec.Style.UPPER_BOUND || s.style() == ChartSpec.Style.CURVE;
    }

    static ChartRenderer.Drawn draw(ChartSpec spec) {
        boolean points = !spec.series().isEmpty() && spec.series().stream().allMatch(CategoryCharts::isPoints);
        int longest = spec.categories().stream().mapToInt(String::length).max().orElse(0);
        int width = points ? Math.max(800, Math.min(1600, 70 * spec.categories().size()))
                : Math.max(800, Math.min(2400, 60 * spec.categories().size() * Math.max(1, spec.series().size())));
        // Labels that would not fit side by side (~7 px a character) slant; long ones stand upright
        // under their category, the chart growing to hold them (a slanted long label is dropped by XChart).
        boolean crowded = spec.categories().size() > 4 || 7 * longest * spec.categories().size() > 0.9 * width;
        boolean upright = crowded && longest > 12;
        CategoryChart c = new CategoryChartBuilder().width(width).height(upright ? 500 + 7 * longest : 500).title(spec.title())
                .xAxisTitle(spec.xTitle()).yAxisTitle(spec.yTitle()).build();
        ChartTheme.style(c.getStyler());
        // XChart bars grow from zero, which a log axis cannot show: bars stay linear; points may go log.
        boolean logY = points && spec.logY();
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setXAxisLabelRotation(upright ? 90 : crowded ? 45 : 0);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        ChartDecorations deco = new ChartDecorations(spec, true);
        if (points) {
            points(c, spec, deco, logY);
        } else {
            bars(c, spec);
        }
        c.addAnnotation(deco);
        return new ChartRenderer.Drawn(c, deco);
    }

    /** Every series at its category's centre, where the overlay draws the error bars; the y axis holds them all. */
    private static void points(CategoryChart c, ChartSpec spec, ChartDecorations deco, boolean logY) {
        c.getStyler().setOverlapped(true);
        AxisRange yr = new AxisRange(logY);
        int k = 0;
        for (ChartSpec.Series s : spec.series()) {
            Color colour = ChartTheme.colour(k);
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < s.y().size(); i++) {
                double v = s.y().get(i);
                boolean ok = Double.isFinite(v) && (!logY || v > 0);
                y.add(ok ? v : null);
                if (ok) {
                    yr.add(v);
                }
                if (s.hasBar(i)) {
                    deco.vertical(colour, i, s.low(i), s.high(i));
                    yr.add(s.low(i));
                    yr.add(s.high(i));
                }
            }
            CategorySeries cs = c.addSeries(s.name(), spec.categories(), y);
            cs.setMarkerColor(colour);
            cs.setLineColor(colour);
            cs.setFillColor(colour);
            if (s.style() == ChartSpec.Style.CURVE) {
                // A line across the categories (e.g. a forest plot's zero), no markers.
                cs.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
                cs.setMarker(SeriesMarkers.NONE);
            } else {
                cs.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
                cs.setMarker(s.style() == ChartSpec.Style.UPPER_BOUND ? SeriesMarkers.TRIANGLE_DOWN : ChartTheme.marker(k));
            }
            k++;
        }
        spec.references().stream().filter(r -> r.direction() == ChartSpec.Direction.HORIZONTAL).forEach(r -> yr.add(r.value()));
        yr.apply(c.getStyler(), false);
    }

    /** Bars with XChart's own error bars, which are symmetric about the value: drawn to the upper end. */
    private static void bars(CategoryChart c, ChartSpec spec) {
        double minY = Double.POSITIVE_INFINITY;
        boolean clipped = false;
        int k = 0;
        for (ChartSpec.Series s : spec.series()) {
            List<Double> y = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            for (int i = 0; i < s.y().size(); i++) {
                double v = s.y().get(i);
                boolean ok = Double.isFinite(v);
                y.add(ok ? v : 0.0);
                // A non-negative series' bar reaching below zero is cut there by the plot's edge (below).
                double err = ok && s.hasBar(i) ? Math.max(0, s.high(i) - v) : 0.0;
                clipped |= s.nonNegative() && v - err < 0;
                e.add(err);
                if (ok) {
                    minY = Math.min(minY, v);
                }
            }
            CategorySeries cs = c.addSeries(s.name(), spec.categories(), y, e);
            Color colour = ChartTheme.colour(k++);
            cs.setFillColor(colour);
            cs.setLineColor(colour);
            cs.setMarkerColor(colour);
        }
        if (clipped && minY >= 0) {
            // Zero on the plot's bottom edge, where XChart clips what it draws: no bar reaches below it.
            double maxY = 0;
            for (ChartSpec.Series s : spec.series()) {
                for (int i = 0; i < s.y().size(); i++) {
                    if (Double.isFinite(s.y().get(i))) {
                        maxY = Math.max(maxY, s.hasBar(i) ? s.high(i) : s.y().get(i));
                    }
                }
            }
            c.getStyler().setPlotContentSize(1.0);
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setYAxisMax(maxY > 0 ? maxY * 1.05 : 1.0);
        }
    }
}
