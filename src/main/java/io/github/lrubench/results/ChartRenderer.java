package io.github.lrubench.results;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Draws a {@link ChartSpec} with XChart as PNG and SVG, each written atomically. */
public final class ChartRenderer {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartRenderer() {
    }

    /** Writes {@code <stem>.png} and {@code <stem>.svg} into {@code dir}; returns the PNG path. */
    public static Path render(ChartSpec spec, Path dir) {
        Chart<?, ?> chart = spec.kind() == ChartSpec.Kind.BAR ? bar(spec) : line(spec);
        Path png = dir.resolve(spec.fileStem() + ".png");
        AtomicFiles.write(png, tmp -> {
            // BitmapEncoder appends ".png" itself, so let it write beside tmp and move that.
            Path base = tmp.resolveSibling(tmp.getFileName() + "-x");
            BitmapEncoder.saveBitmapWithDPI(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG, 110);
            AtomicFiles.move(base.resolveSibling(base.getFileName() + ".png"), tmp);
        });
        AtomicFiles.write(dir.resolve(spec.fileStem() + ".svg"), tmp -> {
            Path base = tmp.resolveSibling(tmp.getFileName() + "-x");
            VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            AtomicFiles.move(base.resolveSibling(base.getFileName() + ".svg"), tmp);
        });
        return png;
    }

    public static List<Path> renderAll(List<ChartSpec> specs, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<Path> out = new ArrayList<>();
        specs.forEach(s -> out.add(render(s, dir)));
        return out;
    }

    private static CategoryChart bar(ChartSpec spec) {
        long barSeries = spec.series().stream().filter(s -> s.style() == ChartSpec.Style.LINE).count();
        int width = Math.max(800, Math.min(2400, 60 * spec.categories().size() * (int) Math.max(1, barSeries)));
        // Points over many long labels (a forest plot): labels upright under their tick, the chart taller for them.
        boolean points = barSeries < spec.series().size() && spec.categories().size() > 4;
        int longest = spec.categories().stream().mapToInt(String::length).max().orElse(0);
        CategoryChart c = new CategoryChartBuilder().width(width).height(points ? 500 + 7 * longest : 500).title(spec.title())
                .xAxisTitle(spec.xTitle()).yAxisTitle(spec.yTitle()).build();
        style(c.getStyler());
        // XChart bars grow from zero, which a log axis cannot show: bars stay linear, lines go log.
        boolean logY = false;
        c.getStyler().setYAxisLogarithmic(logY);
        c.getStyler().setXAxisLabelRotation(points ? 90 : spec.categories().size() > 4 ? 45 : 0);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        for (ChartSpec.Series s : spec.series()) {
            // Style.LINE draws bars; MARKERS points and CURVE a line across the categories (a forest plot),
            // overlapped, where a missing point stays missing.
            boolean bars = s.style() == ChartSpec.Style.LINE;
            List<Double> y = new ArrayList<>();
            List<Double> e = new ArrayList<>();
            for (int i = 0; i < s.y().size(); i++) {
                double v = s.y().get(i);
                boolean ok = Double.isFinite(v);
                y.add(ok ? v : bars ? 0.0 : Double.NaN);
                double err = ok && Double.isFinite(s.error().get(i)) ? s.error().get(i) : 0.0;
                e.add(logY ? Math.min(err, v * 0.999) : err);
            }
            var series = c.addSeries(s.name(), spec.categories(), y, e);
            if (!bars) {
                c.getStyler().setOverlapped(true);
                series.setChartCategorySeriesRenderStyle(s.style() == ChartSpec.Style.MARKERS
                        ? org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter : org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
                if (s.style() == ChartSpec.Style.CURVE) {
                    series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                }
            }
        }
        return c;
    }

    private static XYChart line(ChartSpec spec) {
        XYChart c = new XYChartBuilder().width(900).height(500).title(spec.title())
                .xAxisTitle(spec.xTitle()).yAxisTitle(spec.yTitle()).build();
        style(c.getStyler());
        c.getStyler().setXAxisLogarithmic(spec.logX());
        c.getStyler().setYAxisLogarithmic(spec.logY());
        c.getStyler().setErrorBarsColorSeriesColor(true);
        for (ChartSpec.Series s : spec.series()) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>(), e = new ArrayList<>();
            for (int i = 0; i < s.x().size(); i++) {
                double v = s.y().get(i);
                if (!Double.isFinite(v) || (spec.logY() && v <= 0) || (spec.logX() && s.x().get(i) <= 0)) {
                    continue;
                }
                x.add(s.x().get(i));
                y.add(v);
                double err = Double.isFinite(s.error().get(i)) ? s.error().get(i) : 0.0;
                e.add(spec.logY() ? Math.min(err, v * 0.999) : err);
            }
            if (x.isEmpty()) {
                x.add(Double.NaN);
                y.add(Double.NaN);
                e.add(0.0);
            }
            var series = c.addSeries(s.name(), x, y, e);
            if (s.style() == ChartSpec.Style.MARKERS) {
                series.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            } else if (s.style() == ChartSpec.Style.CURVE) {
                series.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            }
        }
        return c;
    }

    private static void style(Styler s) {
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setLegendBorderColor(java.awt.Color.LIGHT_GRAY);
    }
}
