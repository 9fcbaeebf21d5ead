package io.github.lrubench.report;

import io.github.lrubench.results.LinearFit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BreakEvenTest {

    @Test
    void breakEvenSolvesTheLinearModel() {
        LinearFit fit = LinearFit.of(new double[] {0, 1000, 4000}, new double[] {1000, 33000, 129000});
        assertThat(fit.intercept()).isCloseTo(1000, within(1e-6));
        assertThat(fit.slope()).isCloseTo(32, within(1e-9));
        // d = 100 ns: 1% at (100/0.01 - 1000)/32 = 281.25; 0.1% at (100/0.001 - 1000)/32 = 3093.75.
        assertThat(BreakEven.solve(fit, 100, 0.01)).isCloseTo(281.25, within(1e-6));
        assertThat(BreakEven.solve(fit, 100, 0.001)).isCloseTo(3093.75, within(1e-6));
        assertThat(BreakEven.solve(fit, 5, 0.01)).isZero(); // already under 1% at x = 0
        assertThat(BreakEven.solve(fit, -3, 0.01)).isZero(); // check measured as free
    }
}
