package io.github.lrubench.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite's names are spelt once, in {@link SuiteBenchmark}, {@link SuiteParam} and
 * {@link SuiteMetric}; this test reads the benchmark classes themselves (as JMH does) and fails
 * when a class and those lists part ways, e.g. a renamed counter that the report would look for
 * in vain.
 */
class SuiteNamesTest {

    @Test
    void everyBenchmarkAndGroupIsListedAndNothingElse() {
        for (Suite s : Suite.values()) {
            Set<String> listed = Arrays.stream(SuiteBenchmark.values()).filter(b -> b.suite() == s)
                    .map(SuiteBenchmark::method).collect(Collectors.toCollection(TreeSet::new));
            assertThat(listed).as(s.simpleName()).isEqualTo(s.benchmarks());
        }
    }

    @Test
    void everyParamIsListedAndEveryListedParamIsUsed() {
        Set<String> keys = Arrays.stream(SuiteParam.values()).map(SuiteParam::key).collect(Collectors.toSet());
        Set<String> declared = new TreeSet<>();
        for (Suite s : Suite.values()) {
            assertThat(keys).as(s.simpleName() + " @Params").containsAll(s.declaredParams().keySet());
            declared.addAll(s.declaredParams().keySet());
        }
        assertThat(declared).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void everySecondaryMetricIsListedAndNothingElse() {
        for (Suite s : Suite.values()) {
            Set<String> listed = Arrays.stream(SuiteMetric.values()).filter(m -> m.suite() == s)
                    .map(SuiteMetric::key).collect(Collectors.toCollection(TreeSet::new));
            assertThat(listed).as(s.simpleName()).isEqualTo(secondaries(s.type()));
        }
    }

    @Test
    void profileRestrictionsNameDeclaredParamsAndValues() {
        for (Suite s : Suite.values()) {
            for (Profile p : Profile.values()) {
                s.params(p).forEach((k, v) -> assertThat(s.declaredParams()).as(s + " " + p).containsKey(k)
                        .extractingByKey(k).asList().containsAll(v));
            }
        }
    }

    /** What JMH reports as secondary metrics: @AuxCounters fields and getters, and each @Group's members. */
    static Set<String> secondaries(Class<?> type) {
        Set<String> out = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(Group.class)) {
                out.add(m.getName());
            }
        }
        List<Class<?>> states = new ArrayList<>(List.of(type.getClasses()));
        for (Class<?> k : states) {
            if (!k.isAnnotationPresent(AuxCounters.class)) {
                continue;
            }
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) && !Modifier.isStatic(f.getModifiers()) && f.getType().isPrimitive()) {
                    out.add(f.getName());
                }
            }
            for (Method m : k.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
                        && m.getReturnType().isPrimitive() && m.getReturnType() != void.class
                        && !m.isAnnotationPresent(Setup.class) && !m.isAnnotationPresent(TearDown.class)) {
                    out.add(m.getName());
                }
            }
        }
        return out;
    }
}
