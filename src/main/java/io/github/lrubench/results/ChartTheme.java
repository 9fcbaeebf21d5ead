package io.github.lrubench.results;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.Locale;

/** How every chart looks, whatever it draws: the series' colours and markers, the overlay's greys, the frame. */
final class ChartTheme {
    /** Alpha of a band's fill. */
    static final int BAND_ALPHA = 70;
    /** Reference lines, marked ranges' edges and their labels. */
    static final Color REFERENCE = new Color(90, 90, 90);
    static final Color SPAN_FILL = new Color(120, 120, 120, 28);

    /**
     * Okabe and Ito's colour-blind-safe palette without its yellow, which vanishes on white and
     * on a band: the k-th series gets the k-th colour on every chart.
     */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0x999999)};

    /** Markers that read at a glance; the downward triangle is kept for upper bounds. */
    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.CROSS, SeriesMarkers.PLUS};

    private ChartTheme() {
    }

    static Color colour(int k) {
        return PALETTE[k % PALETTE.length];
    }

    static Marker marker(int k) {
        return MARKERS[k % MARKERS.length];
    }

    /** The legend under the plot, a white background, a light legend border. */
    static void style(Styler s) {
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        if (s instanceof AxesChartStyler a) {
            a.setLocale(Locale.ROOT); // tick labels as every table prints numbers, whatever the machine's locale
        }
    }
}
