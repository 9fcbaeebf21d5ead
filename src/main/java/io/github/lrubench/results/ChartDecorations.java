package io.github.lrubench.results;

import org.knowm.xchart.internal.chartpart.Annotation;
import org.knowm.xchart.style.AxesChartStyler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * What XChart does not draw the way a reader needs: error bars (any ends, clipped to the plot),
 * plain reference lines, marked x ranges and x ticks at chosen places. Painted after the series,
 * in data coordinates through XChart's axes.
 */
final class ChartDecorations extends Annotation {
    private final ChartSpec spec;
    private final boolean categories;
    /** colour, x (a category index on a category chart), y low, y high. */
    private final List<Object[]> vertical = new ArrayList<>();
    /** colour, y, x low, x high. */
    private final List<Object[]> horizontal = new ArrayList<>();

    ChartDecorations(ChartSpec spec, boolean categories) {
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
                g.setColor(ChartTheme.SPAN_FILL);
                g.fill(new Rectangle2D.Double(Math.min(a, b), top, Math.abs(b - a), bottom - top));
                g.setColor(ChartTheme.REFERENCE);
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
            g.setColor(ChartTheme.REFERENCE);
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
