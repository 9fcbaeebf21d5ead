package io.github.lrubench.rcu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class RcuConfigTest {

    @Test
    void defaultsAreValidAndCorrect() {
        RcuConfig c = RcuConfig.defaults();
        assertThat(c.mutation()).isEqualTo(RcuConfig.Mutation.NONE);
        IntPredicate done = cpu -> cpu == 1;
        assertThat(c.mutation().apply(done)).as("NONE waits for what the grace period needs").isSameAs(done);
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

    @Test
    void jiffiesParametersDefaultToV415AtTheMachinesHz() {
        RcuConfig d = RcuConfig.defaults();
        // RCU_JIFFIES_TILL_FORCE_QS = 1 + (HZ > 250) + (HZ > 500); jiffies_till_sched_qs = HZ / 10.
        assertThat(d.firstFqs(250, 2)).isEqualTo(1);
        assertThat(d.nextFqs(1000, 2)).isEqualTo(3);
        assertThat(d.firstFqs(300, 256)).isEqualTo(3);
        assertThat(d.schedQs(250)).isEqualTo(25);
        assertThat(d.schedQs(1000)).isEqualTo(100);
        RcuConfig boot = d.withJiffiesTillFqs(2, 5).withJiffiesTillSchedQs(7);
        assertThat(boot.firstFqs(250, 2)).isEqualTo(2);
        assertThat(boot.nextFqs(250, 2)).isEqualTo(5);
        assertThat(boot.schedQs(250)).isEqualTo(7);
    }

    @Test
    void rejectsJiffiesOutOfRangeNamingTheField() {
        RcuConfig d = RcuConfig.defaults();
        assertThatThrownBy(() -> d.withJiffiesTillSchedQs(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jiffiesTillSchedQs must be KERNEL_DEFAULT (-1) or in 1..");
        assertThatThrownBy(() -> d.withJiffiesTillFqs(1, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jiffiesTillNextFqs");
    }
}
