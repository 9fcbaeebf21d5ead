package io.github.lrubench.results;

/** Ordinary least squares y = intercept + slope * x. */
public record LinearFit(double intercept, double slope, int points) {

    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("need at least two points, got " + x.length);
        }
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= x.length;
        double sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("all x values are equal");
        }
        double slope = sxy / sxx;
        return new LinearFit(my - slope * mx, slope, x.length);
    }

    public double at(double x) {
        return intercept + slope * x;
    }
}
