package io.github.lrubench.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every class takes its forks and iterations from {@link JmhDefaults}, so BenchDefaults is their one home. */
class JmhDefaultsTest {
    @Test
    void everyClassInheritsTheDefaultsAndRestatesNone() {
        for (Suite s : Suite.values()) {
            assertThat(JmhDefaults.class).as(s.simpleName()).isAssignableFrom(s.type());
            for (var a : List.of(Warmup.class, Measurement.class, Fork.class)) {
                assertThat(s.type().getDeclaredAnnotation(a)).as(s.simpleName() + " restates @" + a.getSimpleName()).isNull();
            }
        }
    }
}
