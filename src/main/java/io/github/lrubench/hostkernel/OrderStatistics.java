package io.github.lrubench.hostkernel;

import io.github.lrubench.results.Interval;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * The median and its distribution-free confidence interval from order statistics: with n values
 * sorted, [x(r), x(n+1-r)] covers the population median with probability
 * 1 - 2 P(Binomial(n, 1/2) <= r - 1), whatever the distribution (continuous, independent draws).
 * The interval uses the largest r (the narrowest such pair of ranks) whose coverage reaches the
 * level; when even [min, max] falls short (n < 6 at 95%) its bounds are NaN.
 */
public final class OrderStatistics {
    private OrderStatistics() {
    }

    /** The median (mean of the middle two for even n); NaN for no values. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /**
     * The 1-based rank r of the interval's lower bound (the upper is n + 1 - r), or empty when
     * n values cannot give the level.
     */
    public static OptionalInt lowerRank(int n, double level) {
        int best = 0;
        for (int r = 1; r <= (n + 1) / 2; r++) {
            if (coverage(n, r) >= level) {
                best = r;
            } else {
                break;
            }
        }
        return best == 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** P(x(r) <= median <= x(n+1-r)) = 1 - 2 P(Bin(n, 1/2) <= r - 1). */
    public static double coverage(int n, int r) {
        if (r < 1 || 2 * r > n + 1) {
            throw new IllegalArgumentException("rank " + r + " out of 1.." + (n + 1) / 2 + " for n = " + n);
        }
        // Binomial(n, 1/2) probabilities in log space, so large n does not underflow 2^-n.
        double logC = 0, tail = 0, ln2n = n * Math.log(2);
        for (int i = 0; i <= r - 1; i++) {
            if (i > 0) {
                logC += Math.log(n - i + 1) - Math.log(i);
            }
            tail += Math.exp(logC - ln2n);
        }
        return 1 - 2 * tail;
    }

    /** The median and its interval at {@code level}; NaN bounds when there are too few values. */
    public static Interval medianInterval(double[] values, double level) {
        double m = median(values);
        OptionalInt r = lowerRank(values.length, level);
        if (r.isEmpty()) {
            return new Interval(m, Double.NaN, Double.NaN);
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return new Interval(m, s[r.getAsInt() - 1], s[values.length - r.getAsInt()]);
    }
}
