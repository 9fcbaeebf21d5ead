package io.github.lrubench.results;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ChartSpec.Kind#LINE} chart: curves, lines, points and upper bounds over numeric x, and
 * bands, each a filled area in its curve's colour drawn under every line and point. The axes hold
 * everything drawn, error bars, bands, reference lines and marked ranges included.
 */
final class LineCharts {
    private LineCharts() {
    }

    static ChartRenderer.Drawn draw(ChartSpec spec) {
        XYChart c = new XYChartBuilder().width(900).height(500).title(spec.title())
                .xAxisTitle(spec.xTitle()).yAxisTitle(spec.yTitle()).build();
        ChartTheme.style(c.getStyler());
        c.getStyler().setXAxisLogarithmic(spec.logX());
        c.getStyler().setYAxisLogarithmic(spec.logY());
        ChartDecorations deco = new ChartDecorations(spec, false);
        AxisRange xr = new AxisRange(spec.logX()), yr = new AxisRange(spec.logY());
        // First what is drawn where, so the axes hold all of it; then the bands, under every line and point.
        List<List<Double>> xs = new ArrayList<>(), ys = new ArrayList<>();
        int k = 0;
        for (ChartSpec.Series s : spec.series()) {
            Color col = ChartTheme.colour(k++);
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (int i = 0; i < s.x().size(); i++) {
                double xv = s.x().get(i), v = s.y().get(i);
                if (s.style() == ChartSpec.Style.BAND && xr.fits(xv)) {
                    yr.add(s.lower().get(i));
                    yr.add(s.upper().get(i));
                }
                if (!Double.isFinite(v) || !xr.fits(xv) || !yr.fits(v)) {
                    continue;
                }
                x.add(xv);
                y.add(v);
                xr.add(xv);
                yr.add(v);
                if (s.hasBar(i)) {
                    deco.vertical(col, xv, s.low(i), s.high(i));
                    yr.add(s.low(i));
                    yr.add(s.high(i));
                }
                if (s.hasXBar(i)) {
                    deco.horizontal(col, v, s.xLower().get(i), s.xUpper().get(i));
                    xr.add(s.xLower().get(i));
                    xr.add(s.xUpper().get(i));
                }
            }
            xs.add(x);
            ys.add(y);
        }
        for (ChartSpec.Reference r : spec.references()) {
            (r.direction() == ChartSpec.Direction.HORIZONTAL ? yr : xr).add(r.value());
        }
        for (ChartSpec.Span sp : spec.spans()) {
            xr.add(sp.from());
            xr.add(sp.to());
        }
        k = 0;
        for (ChartSpec.Series s : spec.series()) {
            Color col = ChartTheme.colour(k++);
            if (s.style() == ChartSpec.Style.BAND) {
                band(c, s, col, xr, yr);
            }
        }
        k = 0;
        for (ChartSpec.Series s : spec.series()) {
            Color col = ChartTheme.colour(k);
            List<Double> x = xs.get(k), y = ys.get(k);
            if (x.isEmpty()) {
                x.add(Double.NaN);
                y.add(Double.NaN);
            }
            XYSeries series = c.addSeries(s.name(), x, y);
            series.setLineColor(col);
            series.setMarkerColor(col);
            series.setFillColor(col);
            BasicStroke[] lines = c.getStyler().getSeriesLines();
            series.setLineStyle(lines[k % lines.length]);
            switch (s.style()) {
                case MARKERS -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    series.setMarker(ChartTheme.marker(k));
                }
                case UPPER_BOUND -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    series.setMarker(SeriesMarkers.TRIANGLE_DOWN);
                }
                case CURVE, BAND -> series.setMarker(SeriesMarkers.NONE);
                case LINE -> series.setMarker(ChartTheme.marker(k));
            }
            k++;
        }
        xr.apply(c.getStyler(), true);
        yr.apply(c.getStyler(), false);
        if (!spec.xTicks().isEmpty()) {
            // The overlay writes the labels; XChart keeps one blank line of room for them.
            c.getStyler().setxAxisTickLabelsFormattingFunction(v -> " ");
            c.getStyler().setPlotGridVerticalLinesVisible(false);
        }
        c.addAnnotation(deco);
        return new ChartRenderer.Drawn(c, deco);
    }

    /**
     * A band's filled area, forward over the upper bound and back over the lower; a bound a log axis
     * cannot show (zero or below) runs along the axis's bottom edge.
     */
    private static void band(XYChart c, ChartSpec.Series s, Color col, AxisRange xr, AxisRange yr) {
        List<Double> px = new ArrayList<>(), py = new ArrayList<>();
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < s.x().size(); i++) {
            if (xr.fits(s.x().get(i)) && yr.fits(s.upper().get(i)) && Double.isFinite(s.lower().get(i))) {
                ok.add(i);
            }
        }
        ok.forEach(i -> {
            px.add(s.x().get(i));
            py.add(s.upper().get(i));
        });
        for (int j = ok.size() - 1; j >= 0; j--) {
            double lo = s.lower().get(ok.get(j));
            px.add(s.x().get(ok.get(j)));
            py.add(yr.fits(lo) ? lo : yr.min);
        }
        if (!px.isEmpty() && Double.isFinite(yr.min)) {
            XYSeries band = c.addSeries(ChartRenderer.bandName(s), px, py);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), ChartTheme.BAND_ALPHA));
            band.setLineColor(col);
            band.setLineStyle(SeriesLines.NONE);
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
        }
    }
}
