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
                if (a == Fork.class && s == Suite.PAIRED_CHECK) {
                    // its own fork count, from BenchDefaults all the same
                    Fork f = s.type().getDeclaredAnnotation(Fork.class);
                    assertThat(f.value()).isEqualTo(Profile.DEFAULT.checkForks);
                    assertThat(f.jvmArgsAppend()).containsExactlyElementsOf(Profile.FORK_JVM_ARGS);
                    continue;
                }
                assertThat(s.type().getDeclaredAnnotation(a)).as(s.simpleName() + " restates @" + a.getSimpleName()).isNull();
            }
        }
    }
}
