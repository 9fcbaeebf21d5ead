package io.github.lrubench.rcu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RcuConfigTest {

    @Test
    void defaultsAreValidAndCorrect() {
        RcuConfig c = RcuConfig.defaults();
        assertThat(c.mutation()).isEqualTo(RcuConfig.Mutation.NONE);
        assertThat(c.stallTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void rejectsNonPositiveOrHugeTimeoutsNamingTheField() {
        RcuConfig d = RcuConfig.defaults();
        assertThatThrownBy(() -> d.withStallTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stallTimeout must be in (0, PT1H]");
        assertThatThrownBy(() -> d.withStallTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stallTimeout");
        assertThatThrownBy(() -> d.withCloseTimeout(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeTimeout must be in");
        assertThatThrownBy(() -> d.withStallTimeout(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was null");
    }

    @Test
    void rejectsSpinAndParkOutOfRange() {
        RcuConfig d = RcuConfig.defaults();
        assertThatThrownBy(() -> d.withSpinIterations(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spinIterations must be in 0..1000000, was -1");
        assertThatThrownBy(() -> d.withParkNanos(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parkNanos must be in 1000..100000000");
        assertThat(d.withSpinIterations(0).withParkNanos(1_000).spinIterations()).isZero();
    }
}
