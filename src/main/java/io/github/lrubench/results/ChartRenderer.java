package io.github.lrubench.results;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a {@link ChartSpec} with XChart as PNG and SVG, each written atomically: a bar chart by
 * {@link CategoryCharts}, a line chart by {@link LineCharts}, both in {@link ChartTheme}'s look.
 * Error bars, reference lines, marked ranges and chosen x ticks are painted by one overlay
 * ({@link ChartDecorations}) in data coordinates, so a bar can be asymmetric or clipped at zero,
 * which XChart's own symmetric error bars cannot.
 */
public final class ChartRenderer {
    static {
        System.setProperty("java.awt.headless", "true");
    }

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
    record Drawn(Chart<?, ?> chart, ChartDecorations decorations) {
    }

    static Drawn build(ChartSpec spec) {
        return spec.kind() == ChartSpec.Kind.BAR ? CategoryCharts.draw(spec) : LineCharts.draw(spec);
    }

    /** The name of a BAND series' hidden fill series. */
    static String bandName(ChartSpec.Series s) {
        return s.name() + " (band)";
    }
}
