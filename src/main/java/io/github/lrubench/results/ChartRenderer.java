package io.github.lrubench.results;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link ChartSpec} with XChart as PNG and SVG, each written atomically. Error bars,
 * reference lines, marked ranges and chosen x ticks are painted by one overlay
 * ({@link Decorations}) in data coordinates, so a bar can be asymmetric or clipped at zero, which
 * XChart's own symmetric error bars cannot.
 */
public final class ChartRenderer {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Alpha of a band's fill. */
    static final int BAND_ALPHA = 70;
    static final Color REFERENCE = new Color(90, 90, 90);
    static final Color SPAN_FILL = new Color(120, 120, 120, 28);

    private ChartRenderer() {
    }

    /** Writes {@code <stem>.png} and {@code <stem>.svg} into {@code dir}; returns the PNG path. */
    public static Path render(ChartSpec spec, Path dir) {
        try (AtomicFiles.Batch b = new AtomicFiles.Batch()) {
            Path png = stage(spec, dir, b);
            b.commit();
            return png;
        }
    }

    /**
     * Renders {@code <stem>.png} and {@code <stem>.svg} to temporary names in {@code batch}, which
     * renames them into place on commit; returns the PNG path.
     */
    public static Path stage(ChartSpec spec, Path dir, AtomicFiles.Batch batch) {
        Chart<?, ?> chart = build(spec).chart();
        Path png = dir.resolve(spec.fileStem() + ".png");
        batch.write(png, tmp -> encode(tmp, ".png",
                base -> BitmapEncoder.saveBitmapWithDPI(chart, base, BitmapEncoder.BitmapFormat.PNG, 110)));
        batch.write(dir.resolve(spec.fileStem() + ".svg"), tmp -> encode(tmp, ".svg",
                base -> VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG)));
        return png;
    }

    private interface Encoder {
        void save(String base) throws IOException;
    }

    /** XChart's encoders append the extension themselves: let one write beside tmp, then move that over tmp. */
    private static void encode(Path tmp, String ext, Encoder encoder) throws IOException {
        Path written = tmp.resolveSibling(tmp.getFileName() + "-x" + ext);
        try {
            encoder.save(tmp.resolveSibling(tmp.getFileName() + "-x").toString());
            AtomicFiles.move(written, tmp);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /** Every chart, or none: each is rendered to temporary names first, and renamed into place only once all rendered. */
    public static List<Path> renderAll(List<ChartSpec> specs, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        try (AtomicFiles.Batch b = new AtomicFiles.Batch()) {
            List<Path> out = new ArrayList<>();
            specs.forEach(s -> out.add(stage(s, dir, b)));
            b.commit();
            return out;
        }
    }

    /** A spec as XChart will paint it: the chart and its overlay (tests look at both). */
    record Drawn(Chart<?, ?> chart, Decorations decorations) {
    }

    static Drawn build(ChartSpec spec) {
        return spec.kind() == ChartSpec.Kind.BAR ? bar(spec) : line(spec);
    }

    /** The name of a BAND series' hidden fill series. */
    static String bandName(ChartSpec.Series s) {
        return s.name() + " (band)";
    }

    /** On a BAR chart: a series drawn over the categories (points, bounds, a line) rather than as bars. */
    private static boolean isPoints(ChartSpec.Series s) {
        return s.style() == ChartSpec.Style.MARKERS || s.style() == ChartSpec.Style.UPPER_BOUND || s.style() == ChartSpec.Style.CURVE;
    }

    private static Drawn bar(ChartSpec spec) {
        boolean points = !spec.series().isEmpty() && spec.series().stream().allMatch(ChartRenderer::isPoints);
        int longest = spec.categories().stream().mapToInt(String::length).max().orElse(0);
        int width = points ? Math.max(800, Math.min(1600, 70 * spec.categories().size()))
                : Math.max(800, Math.min(2400, 60 * spec.categories().size() * Math.max(1, spec.series().size())));
        // Labels that would not fit side by side (~7 px a character) slant; long ones stand upright
        // under their category, the chart growing to hold them (a slanted long label is dropped by XChart).
        boolean crowded = spec.categories().size() > 4 || 7 * longest * spec.categories().size() > 0.9 * width;
        boolean upright = crowded && longest > 12;
        CategoryChart c = new CategoryChartBuilder().width(width).height(upright ? 500 + 7 * longest : 500).title(spec.title())
                .xAxisTitle(spec.xTitle()).yAxisTitle(spec.yTitle()).build();
        style(c.getStyler());
        // XChart bars grow from zero, which a log axis cannot show: bars stay linear; points may go log.
        boolean logY = points && spec.logY();
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setXAxisLabelRotation(upright ? 90 : crowded ? 45 : 0);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        Decorations deco = new Decorations(spec, true);
        if (points) {
            // Every series at its category's centre, where the overlay draws the error bars.
            c.getStyler().setOverlapped(true);
            Range yr = new Range(logY);
            int k = 0;
            for (ChartSpec.Series s : spec.series()) {
                Color colour = colour(c.getStyler(), k);
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
                    cs.setMarker(s.style() == ChartSpec.Style.UPPER_BOUND ? SeriesMarkers.TRIANGLE_DOWN : marker(c.getStyler(), k));
                }
                k++;
            }
            spec.references().stream().filter(r -> r.direction() == ChartSpec.Direction.HORIZONTAL).forEach(r -> yr.add(r.value()));
            yr.apply(c.getStyler(), false);
        } else {
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
                    // XChart's bars are symmetric about the value: drawn to the upper end, and for a
                    // non-negative series cut at zero by the plot's edge (below).
                    double err = ok && s.hasBar(i) ? Math.max(0, s.high(i) - v) : 0.0;
                    clipped |= s.nonNegative() && v - err < 0;
                    e.add(err);
                    if (ok) {
                        minY = Math.min(minY, v);
                    }
                }
                CategorySeries cs = c.addSeries(s.name(), spec.categories(), y, e);
                Color colour = colour(c.getStyler(), k++);
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
        c.addAnnotation(deco);
        return new Drawn(c, deco);
    }

    private static Drawn line(ChartSpec spec) {
        XYChart c = new XYChartBuilder().width(900).height(500).title(spec.title())
                .xAxisTitle(spec.xTitle()).yAxisTitle(spec.yTitle()).build();
        style(c.getStyler());
        c.getStyler().setXAxisLogarithmic(spec.logX());
        c.getStyler().setYAxisLogarithmic(spec.logY());
        Decorations deco = new Decorations(spec, false);
        Range xr = new Range(spec.logX()), yr = new Range(spec.logY());
        // First what is drawn where, so the axes hold all of it; then the bands, under every line and point.
        List<List<Double>> xs = new ArrayList<>(), ys = new ArrayList<>();
        int k = 0;
        for (ChartSpec.Series s : spec.series()) {
            Color col = colour(c.getStyler(), k++);
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
            Color col = colour(c.getStyler(), k++);
            if (s.style() != ChartSpec.Style.BAND) {
                continue;
            }
            // Forward over the upper bound, back over the lower; a bound a log axis cannot show
            // (zero or below) runs along the axis's bottom edge.
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
                XYSeries band = c.addSeries(bandName(s), px, py);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setFillColor(new Color(col.getRed(), col.getGreen(), col.getBlue(), BAND_ALPHA));
                band.setLineColor(col);
                band.setLineStyle(SeriesLines.NONE);
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
        }
        k = 0;
        for (ChartSpec.Series s : spec.series()) {
            Color col = colour(c.getStyler(), k);
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
                    series.setMarker(marker(c.getStyler(), k));
                }
                case UPPER_BOUND -> {
                    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    series.setMarker(SeriesMarkers.TRIANGLE_DOWN);
                }
                case CURVE, BAND -> series.setMarker(SeriesMarkers.NONE);
                case LINE -> series.setMarker(marker(c.getStyler(), k));
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
        return new Drawn(c, deco);
    }

    /**
     * Okabe and Ito's colour-blind-safe palette without its yellow, which vanishes on white and
     * on a band: the k-th series gets the k-th colour on every chart.
     */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0x999999)};

    private static Color colour(Styler s, int k) {
        return PALETTE[k % PALETTE.length];
    }

    /** Markers that read at a glance; the downward triangle is kept for upper bounds. */
    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.CROSS, SeriesMarkers.PLUS};

    private static Marker marker(Styler s, int k) {
        return MARKERS[k % MARKERS.length];
    }

    private static void style(Styler s) {
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setLegendBorderColor(java.awt.Color.LIGHT_GRAY);
    }

    /** The span of what a chart draws on one axis (positive values only on a log axis). */
    private static final class Range {
        final boolean log;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;

        Range(boolean log) {
            this.log = log;
        }

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

    /**
     * What XChart does not draw the way a reader needs: error bars (any ends, clipped to the plot),
     * plain reference lines, marked x ranges and x ticks at chosen places. Painted after the series,
     * in data coordinates through XChart's axes.
     */
    static final class Decorations extends Annotation {
        private final ChartSpec spec;
        private final boolean categories;
        /** colour, x (a category index on a category chart), y low, y high. */
        private final List<Object[]> vertical = new ArrayList<>();
        /** colour, y, x low, x high. */
        private final List<Object[]> horizontal = new ArrayList<>();

        Decorations(ChartSpec spec, boolean categories) {
            super(false);
            this.spec = spec;
            this.categories = categories;
        }

        void vertical(Color c, double x, double lo, double hi) {
            vertical.add(new Object[] {c, x, lo, hi});
        }

        void horizontal(Color c, double y, double lo, double hi) {
            horizontal.add(new Object[] {c, y, lo, hi});
        }

        /** The vertical error bars as [x, low, high], for tests. */
        List<double[]> verticalBars() {
            return vertical.stream().map(o -> new double[] {(Double) o[1], (Double) o[2], (Double) o[3]}).toList();
        }

        @Override
        public void paint(Graphics2D g) {
            Shape clip = g.getClip();
            Stroke stroke = g.getStroke();
            Color colour = g.getColor();
            Font font = g.getFont();
            int xa = getXAxisScreenValueForMin(), xb = getXAxisScreenValueForMax();
            int ya = getYAxisScreenValueForMin(), yb = getYAxisScreenValueForMax();
            double left = Math.min(xa, xb), right = Math.max(xa, xb), top = Math.min(ya, yb), bottom = Math.max(ya, yb);
            Rectangle2D plot = new Rectangle2D.Double(left, top, right - left, bottom - top);
            AxesChartStyler axes = (AxesChartStyler) styler;
            Font small = axes.getAxisTickLabelsFont().deriveFont(Font.PLAIN, Math.max(9f, axes.getAxisTickLabelsFont().getSize2D() - 1));
            g.setFont(small);
            var fm = g.getFontMetrics();
            g.clip(plot);
            if (!categories) {
                for (ChartSpec.Span sp : spec.spans()) {
                    double a = sx(sp.from()), b = sx(sp.to());
                    g.setColor(SPAN_FILL);
                    g.fill(new Rectangle2D.Double(Math.min(a, b), top, Math.abs(b - a), bottom - top));
                    g.setColor(REFERENCE);
                    g.setStroke(dashed(1f));
                    g.draw(new Line2D.Double(a, top, a, bottom));
                    if (b != a) {
                        g.draw(new Line2D.Double(b, top, b, bottom));
                    }
                    g.drawString(sp.label(), (float) ((a + b) / 2 - fm.stringWidth(sp.label()) / 2.0), (float) (top + fm.getAscent() + 2));
                }
                if (!spec.xTicks().isEmpty()) {
                    g.setStroke(dashed(0.6f));
                    g.setColor(new Color(200, 200, 200));
                    for (ChartSpec.Tick t : spec.xTicks()) {
                        double px = sx(t.value());
                        if (px >= left - 0.5 && px <= right + 0.5) {
                            g.draw(new Line2D.Double(px, top, px, bottom));
                        }
                    }
                }
            }
            for (ChartSpec.Reference r : spec.references()) {
                g.setColor(REFERENCE);
                g.setStroke(dashed(1.2f));
                if (r.direction() == ChartSpec.Direction.HORIZONTAL) {
                    double py = getYAxisScreenValue(r.value());
                    g.draw(new Line2D.Double(left, py, right, py));
                    g.drawString(r.label(), (float) (right - fm.stringWidth(r.label()) - 4), (float) (py - 3));
                } else if (!categories) {
                    double px = sx(r.value());
                    g.draw(new Line2D.Double(px, top, px, bottom));
                    g.drawString(r.label(), (float) (px + 3), (float) (bottom - 4));
                }
            }
            g.setStroke(new BasicStroke(1.4f));
            for (Object[] v : vertical) {
                double px = categories ? categoryCentre(((Double) v[1]).intValue()) : sx((Double) v[1]);
                double lo = sy((Double) v[2], bottom, top), hi = sy((Double) v[3], bottom, top);
                g.setColor((Color) v[0]);
                g.draw(new Line2D.Double(px, lo, px, hi));
                g.draw(new Line2D.Double(px - 4, lo, px + 4, lo));
                g.draw(new Line2D.Double(px - 4, hi, px + 4, hi));
            }
            for (Object[] h : horizontal) {
                double py = getYAxisScreenValue((Double) h[1]);
                double lo = sx((Double) h[2]), hi = sx((Double) h[3]);
                g.setColor((Color) h[0]);
                g.draw(new Line2D.Double(lo, py, hi, py));
                g.draw(new Line2D.Double(lo, py - 4, lo, py + 4));
                g.draw(new Line2D.Double(hi, py - 4, hi, py + 4));
            }
            g.setClip(clip);
            if (!categories && !spec.xTicks().isEmpty()) {
                g.setFont(axes.getAxisTickLabelsFont());
                g.setColor(axes.getAxisTickLabelsColor());
                var tm = g.getFontMetrics();
                for (ChartSpec.Tick t : spec.xTicks()) {
                    double px = sx(t.value());
                    if (px >= left - 0.5 && px <= right + 0.5) {
                        g.draw(new Line2D.Double(px, bottom, px, bottom + 3));
                        g.drawString(t.label(), (float) (px - tm.stringWidth(t.label()) / 2.0), (float) (bottom + 4 + tm.getAscent()));
                    }
                }
            }
            g.setStroke(stroke);
            g.setColor(colour);
            g.setFont(font);
        }

        private double sx(double v) {
            return getXAxisScreenValue(v);
        }

        /** A y value on screen; one a log axis cannot show (zero or below) goes to the plot's bottom edge. */
        private double sy(double v, double bottom, double top) {
            if (styler instanceof AxesChartStyler a && a.isYAxisLogarithmic() && !(v > 0)) {
                return bottom;
            }
            return Math.max(top, Math.min(bottom, getYAxisScreenValue(v)));
        }

        /**
         * The centre of category i: XChart 3.8.8's category axis maps value i to the left edge of
         * category i's slot (checked by eye on the rendered PNG).
         */
        private double categoryCentre(int i) {
            return (getXAxisScreenValue(i) + getXAxisScreenValue(i + 1)) / 2.0;
        }

        private static BasicStroke dashed(float width) {
            return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);
        }
    }
}
