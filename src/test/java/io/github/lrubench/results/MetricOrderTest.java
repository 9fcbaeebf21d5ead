package io.github.lrubench.results;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12, defect 13: results.csv listed sample-mode percentile rows in hash order, different on every rewrite. */
class MetricOrderTest {
    @Test
    void percentilesIterateInAscendingOrder() {
        Map<Double, Double> p = new HashMap<>();
        for (double q : new double[]{99.9999, 0.0, 50.0, 100.0, 99.0, 90.0, 99.99, 95.0, 99.9, 99.999}) {
            p.put(q, q * 2);
        }
        Metric m = new Metric(1, 0, Double.NaN, Double.NaN, "us/op", p, List.of());
        assertThat(m.percentiles().keySet()).containsExactly(0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0);
    }
}
