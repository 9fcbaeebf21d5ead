package io.github.lrubench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What the renderer draws beyond XChart's defaults: bands, plain reference lines, marked ranges, clipped and asymmetric error bars, chosen ticks. */
class ChartRendererTest {

    private static final List<Double> X = List.of(10.0, 100.0, 1000.0);

    private static ChartSpec line(List<ChartSpec.Series> series, boolean log) {
        return new ChartSpec("t", ChartSpec.Kind.LINE, "t", "x", "y", List.of(), series, log, log);
    }

    @Test
    void aBandIsAFilledAreaInItsCurvesColourWithOneLegendEntry() {
        ChartSpec.Series s = ChartSpec.Series.band("c", X, List.of(1.0, 0.1, 0.01), List.of(0.8, 0.08, 0.008), List.of(1.2, 0.12, 0.012));
        XYChart c = (XYChart) ChartRenderer.build(line(List.of(s), true)).chart();
        XYSeries band = c.getSeriesMap().get(ChartRenderer.bandName(s));
        XYSeries curve = c.getSeriesMap().get("c");
        assertThat(band).isNotNull();
        assertThat(band.getXYSeriesRenderStyle()).isEqualTo(XYSeries.XYSeriesRenderStyle.PolygonArea);
        assertThat(band.isShowInLegend()).isFalse();
        assertThat(curve.isShowInLegend()).isTrue();
        assertThat(band.getFillColor().getAlpha()).isEqualTo(ChartTheme.BAND_ALPHA);
        assertThat(band.getFillColor().getRGB() & 0xffffff).isEqualTo(curve.getLineColor().getRGB() & 0xffffff);
        // Forward over the upper bound, back over the lower: a closed outline.
        assertThat(band.getXData()).containsExactly(10, 100, 1000, 1000, 100, 10);
        assertThat(band.getYData()).containsExactly(1.2, 0.12, 0.012, 0.008, 0.08, 0.8);
        // The band is drawn first, under every curve.
        assertThat(c.getSeriesMap().keySet()).first().isEqualTo(ChartRenderer.bandName(s));
        assertThatThrownBy(() -> new ChartSpec.Series("b", X, X, X, ChartSpec.Style.BAND)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBandWhoseLowerBoundALogAxisCannotShowRunsAlongTheBottom() {
        ChartSpec.Series s = ChartSpec.Series.band("c", X, List.of(1.0, 0.1, 0.01), List.of(-0.5, -0.05, 0.005), List.of(2.0, 0.2, 0.02));
        XYChart c = (XYChart) ChartRenderer.build(line(List.of(s), true)).chart();
        assertThat(c.getStyler().getYAxisMin()).isEqualTo(0.005);
        assertThat(c.getSeriesMap().get(ChartRenderer.bandName(s)).getYData()).containsExactly(2.0, 0.2, 0.02, 0.005, 0.005, 0.005);
    }

    @Test
    void aNonNegativeErrorBarStopsAtZero() {
        ChartSpec.Series counts = new ChartSpec.Series("n", X, List.of(1.0, 5.0, 2.0), List.of(3.0, 1.0, 0.0));
        assertThat(counts.low(0)).isEqualTo(-2.0);
        ChartSpec.Series clipped = counts.withNonNegative(true);
        assertThat(clipped.low(0)).isZero();
        assertThat(clipped.high(0)).isEqualTo(4.0);
        assertThat(clipped.low(1)).isEqualTo(4.0);
        assertThat(clipped.hasBar(2)).isFalse();
        ChartRenderer.Drawn d = ChartRenderer.build(line(List.of(clipped), false));
        assertThat(d.decorations().verticalBars()).hasSize(2);
        assertThat(d.decorations().verticalBars().get(0)).containsExactly(10.0, 0.0, 4.0);
        assertThat(((XYChart) d.chart()).getStyler().getYAxisMin()).isZero();
        // A bar chart of such counts has zero on its bottom edge, where XChart cuts what it draws.
        ChartSpec bars = new ChartSpec("b", ChartSpec.Kind.BAR, "b", "", "#", List.of("a", "b", "c"), List.of(clipped), false, false);
        CategoryChart cc = (CategoryChart) ChartRenderer.build(bars).chart();
        assertThat(cc.getStyler().getYAxisMin()).isZero();
        assertThat(cc.getStyler().getPlotContentSize()).isEqualTo(1.0);
        assertThat(cc.getSeriesMap().get("n").getExtraValues()).extracting(Number::doubleValue).containsExactly(3.0, 1.0, 0.0);
    }

    @Test
    void explicitBoundsMakeAsymmetricBarsAndTheAxisHoldsThem() {
        ChartSpec.Series pts = ChartSpec.Series.of("p", List.of(100.0), List.of(1.0), ChartSpec.Style.MARKERS)
                .withBounds(List.of(0.5), List.of(4.0)).withXBounds(List.of(80.0), List.of(300.0));
        ChartRenderer.Drawn d = ChartRenderer.build(line(List.of(pts), true));
        assertThat(d.decorations().verticalBars()).containsExactly(new double[] {100.0, 0.5, 4.0});
        XYChart c = (XYChart) d.chart();
        assertThat(c.getStyler().getYAxisMin()).isEqualTo(0.5);
        assertThat(c.getStyler().getYAxisMax()).isEqualTo(4.0);
        assertThat(c.getStyler().getXAxisMin()).isEqualTo(80.0);
        assertThat(c.getStyler().getXAxisMax()).isEqualTo(300.0);
        assertThat(c.getSeriesMap().get("p").getXYSeriesRenderStyle()).isEqualTo(XYSeries.XYSeriesRenderStyle.Scatter);
    }

    @Test
    void referenceLinesAndSpansAreNotLegendSeriesButWidenTheAxes() {
        ChartSpec spec = line(List.of(ChartSpec.Series.of("c", X, List.of(5.0, 0.5, 0.05), ChartSpec.Style.CURVE)), true)
                .withReferences(List.of(ChartSpec.Reference.horizontal(10, "10%"), ChartSpec.Reference.vertical(3000, "x")))
                .withSpan(new ChartSpec.Span(50, 200, "measured"));
        XYChart c = (XYChart) ChartRenderer.build(spec).chart();
        assertThat(c.getSeriesMap().keySet()).containsExactly("c");
        assertThat(c.getStyler().getYAxisMax()).isEqualTo(10.0);
        assertThat(c.getStyler().getXAxisMax()).isEqualTo(3000.0);
        assertThatThrownBy(() -> new ChartSpec.Span(2, 1, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentileTicksReadAsPercentiles() {
        assertThat(ChartSpec.inverseTail(0)).isEqualTo(1.0);
        assertThat(ChartSpec.inverseTail(99.9)).isCloseTo(1000.0, within(1e-6));
        assertThat(ChartSpec.percentileTicks(99.99)).extracting(ChartSpec.Tick::label)
                .containsExactly("0%", "50%", "90%", "99%", "99.9%", "99.99%");
        assertThat(ChartSpec.percentileTicks(99.99)).extracting(ChartSpec.Tick::value).last().isEqualTo(1e4);
    }

    @Test
    void pointsOnCategoriesSitAtTheCentreOnALogAxis() {
        ChartSpec.Series seen = ChartSpec.Series.of("seen", List.of(), List.of(0.9, Double.NaN), ChartSpec.Style.MARKERS)
                .withBounds(List.of(0.85, Double.NaN), List.of(0.95, Double.NaN));
        ChartSpec.Series bound = ChartSpec.Series.of("none seen", List.of(), List.of(Double.NaN, 0.001), ChartSpec.Style.UPPER_BOUND);
        ChartSpec spec = new ChartSpec("r", ChartSpec.Kind.BAR, "r", "", "rate", List.of("a", "b"), List.of(seen, bound), false, true);
        ChartRenderer.Drawn d = ChartRenderer.build(spec);
        CategoryChart c = (CategoryChart) d.chart();
        assertThat(c.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(c.getStyler().isOverlapped()).isTrue();
        assertThat(c.getSeriesMap().get("none seen").getMarker()).isEqualTo(SeriesMarkers.TRIANGLE_DOWN);
        assertThat(c.getSeriesMap().get("seen").getChartCategorySeriesRenderStyle()).isEqualTo(CategorySeries.CategorySeriesRenderStyle.Scatter);
        assertThat(d.decorations().verticalBars()).containsExactly(new double[] {0, 0.85, 0.95});
    }

    @Test
    void aCurveOverCategoriesIsALineAcrossThemBesideThePoints() {
        ChartSpec spec = new ChartSpec("f", ChartSpec.Kind.BAR, "f", "", "Δ %", List.of("a", "b"), List.of(
                new ChartSpec.Series("fix", List.of(), List.of(5.0, -2.0), List.of(3.0, 1.0), ChartSpec.Style.MARKERS),
                new ChartSpec.Series("Δ = 0", List.of(), List.of(0.0, 0.0), List.of(0.0, 0.0), ChartSpec.Style.CURVE)), false, false);
        ChartRenderer.Drawn d = ChartRenderer.build(spec);
        CategoryChart c = (CategoryChart) d.chart();
        assertThat(c.getStyler().isOverlapped()).isTrue();
        assertThat(c.getSeriesMap().get("Δ = 0").getChartCategorySeriesRenderStyle()).isEqualTo(CategorySeries.CategorySeriesRenderStyle.Line);
        assertThat(c.getSeriesMap().get("Δ = 0").getMarker()).isEqualTo(SeriesMarkers.NONE);
        // Symmetric bars of a signed quantity go below zero.
        assertThat(d.decorations().verticalBars()).containsExactly(new double[] {0, 2.0, 8.0}, new double[] {1, -3.0, -1.0});
    }

    @Test
    void everyFeatureRendersToPngAndSvg(@TempDir Path dir) {
        ChartSpec spec = line(List.of(
                ChartSpec.Series.band("c", X, List.of(1.0, 0.1, 0.01), List.of(0.8, 0.08, 0.008), List.of(1.2, 0.12, 0.012)),
                ChartSpec.Series.of("p", List.of(100.0), List.of(0.3), ChartSpec.Style.MARKERS).withBounds(List.of(0.2), List.of(0.5))), true)
                .withReferences(List.of(ChartSpec.Reference.horizontal(0.05, "threshold")))
                .withSpan(new ChartSpec.Span(20, 60, "measured"))
                .withXTicks(List.of(new ChartSpec.Tick(10, "ten"), new ChartSpec.Tick(1000, "thousand")));
        Path png = ChartRenderer.render(spec, dir);
        assertThat(png).isNotEmptyFile();
        assertThat(dir.resolve("t.svg")).content().contains("<svg");
    }

    /** A chart's tick labels do not depend on the machine's locale: under de_DE the SVG is the same file, decimal points and all. */
    @Test
    void tickLabelsAreTheSameUnderAGermanLocale(@TempDir Path dir) throws Exception {
        ChartSpec spec = line(List.of(ChartSpec.Series.of("c", List.of(0.5, 1.5, 2.5), List.of(0.25, 1.75, 2.5), ChartSpec.Style.CURVE)), false);
        java.util.Locale before = java.util.Locale.getDefault();
        String root, german;
        try {
            java.util.Locale.setDefault(java.util.Locale.ROOT);
            root = java.nio.file.Files.readString(ChartRenderer.render(spec, java.nio.file.Files.createDirectory(dir.resolve("root")))
                    .resolveSibling("t.svg"));
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            german = java.nio.file.Files.readString(ChartRenderer.render(spec, java.nio.file.Files.createDirectory(dir.resolve("de")))
                    .resolveSibling("t.svg"));
        } finally {
            java.util.Locale.setDefault(before);
        }
        assertThat(german).isEqualTo(root);
    }

    /** Issue 12 #4: a chart that fails to render leaves every chart already there as it was, and no temporary file. */
    @Test
    void renderAllReplacesNothingUnlessEveryChartRendered(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.png"), "old");
        ChartSpec.Series s = new ChartSpec.Series("s", X, List.of(1.0, 2.0, 3.0), List.of(0.0, 0.0, 0.0));
        ChartSpec good = new ChartSpec("a", ChartSpec.Kind.LINE, "a", "x", "y", List.of(), List.of(s), false, false);
        ChartSpec bad = new ChartSpec("b", ChartSpec.Kind.LINE, "b", "x", "y", List.of(), List.of(s, s), false, false);
        assertThatThrownBy(() -> ChartRenderer.renderAll(List.of(good, bad), dir)).isNotInstanceOf(AssertionError.class);
        try (var files = java.nio.file.Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("a.png");
        }
        assertThat(dir.resolve("a.png")).content().isEqualTo("old");
        ChartRenderer.renderAll(List.of(good), dir);
        assertThat(java.nio.file.Files.readAllBytes(dir.resolve("a.png"))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(dir.resolve("a.svg")).exists();
    }
}
