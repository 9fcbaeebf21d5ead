package io.github.lrubench.bench;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark of the suite once through the JMH Runner API with tiny settings (in this
 * JVM, no fork: the point is that each benchmark runs and reports, not what it measures) and
 * checks: a result for every parameter combination each class declares, the aux counters present,
 * and no use after free in a combination the model calls safe. No timing is asserted.
 */
class BenchmarkSmokeTest {

    static final List<Class<?>> SUITE = List.of(FloorBenchmark.class, IsolationCheckBenchmark.class,
            PageblockIsolationBenchmark.class, CompactionPassBenchmark.class, ContendedCompactionBenchmark.class,
            InodeFreeBenchmark.class, GracePeriodBenchmark.class);

    private static Collection<RunResult> results;

    @BeforeAll
    static void runSuite() throws RunnerException {
        OptionsBuilder b = new OptionsBuilder();
        for (Class<?> c : SUITE) {
            b.include("^" + c.getName().replace(".", "\\.") + "\\.");
        }
        Options opts = b.forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(30))
                .shouldFailOnError(true)
                .jvmArgsAppend()
                .build();
        results = new Runner(opts).run();
    }

    @Test
    void everyDeclaredParameterCombinationHasAResult() {
        for (Class<?> c : SUITE) {
            Map<String, TreeSet<String>> seen = new HashMap<>();
            List<RunResult> ofClass = new ArrayList<>();
            for (RunResult r : results) {
                if (r.getParams().getBenchmark().startsWith(c.getName() + ".")) {
                    ofClass.add(r);
                }
            }
            int benchmarksOrGroups = benchmarksOrGroups(c);
            int combinations = declaredCombinations(c);
            assertThat(ofClass).as(c.getSimpleName() + ": one result per benchmark and parameter combination")
                    .hasSize(benchmarksOrGroups * combinations);
            for (RunResult r : ofClass) {
                for (String k : r.getParams().getParamsKeys()) {
                    seen.computeIfAbsent(k, x -> new TreeSet<>()).add(r.getParams().getParam(k));
                }
                assertThat(r.getPrimaryResult().getSampleCount()).as(r.getParams().getBenchmark()).isPositive();
            }
        }
    }

    @Test
    void auxCountersArePresent() {
        assertCounters(ContendedCompactionBenchmark.class, "isolated", "skippedTrylock", "skippedInverted",
                "uafDetected", "inodesFreed", "inodesDeferred");
        assertCounters(CompactionPassBenchmark.class, "migratedPage", "isolatedPage");
        assertCounters(InodeFreeBenchmark.class, "peakDeferredInodes", "peakDeferredBytes");
    }

    @Test
    void noUseAfterFreeInASafeCombination() {
        int safe = 0;
        for (RunResult r : results) {
            if (!r.getParams().getBenchmark().startsWith(ContendedCompactionBenchmark.class.getName())) {
                continue;
            }
            IsolationCheck check = IsolationCheck.valueOf(r.getParams().getParam("check"));
            InodeFreePolicy free = InodeFreePolicy.valueOf(r.getParams().getParam("free"));
            if (InodeFreePolicy.isSafe(check, free)) {
                safe++;
                Result uaf = r.getSecondaryResults().get("uafDetected");
                assertThat(uaf.getScore()).as("uafDetected for " + check + "/" + free).isZero();
            }
        }
        assertThat(safe).as("safe combinations checked").isGreaterThan(0);
    }

    private static void assertCounters(Class<?> c, String... names) {
        boolean any = false;
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().startsWith(c.getName() + ".")) {
                any = true;
                assertThat(r.getSecondaryResults().keySet()).as(c.getSimpleName()).contains(names);
            }
        }
        assertThat(any).as(c.getSimpleName() + " ran").isTrue();
    }

    /** @Benchmark methods, with all methods of one @Group counted once (JMH reports one result). */
    private static int benchmarksOrGroups(Class<?> c) {
        TreeSet<String> ids = new TreeSet<>();
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                org.openjdk.jmh.annotations.Group g = m.getAnnotation(org.openjdk.jmh.annotations.Group.class);
                ids.add(g != null ? "group:" + g.value() : m.getName());
            }
        }
        return ids.size();
    }

    /** The product of the number of values of every @Param field of the class and its state classes. */
    private static int declaredCombinations(Class<?> c) {
        int n = 1;
        List<Class<?>> classes = new ArrayList<>();
        classes.add(c);
        classes.addAll(List.of(c.getClasses()));
        for (Class<?> k : classes) {
            for (Field f : k.getFields()) {
                Param p = f.getAnnotation(Param.class);
                if (p != null) {
                    boolean blank = p.value().length == 1 && Param.BLANK_ARGS.equals(p.value()[0]);
                    n *= blank ? f.getType().getEnumConstants().length : p.value().length; // blank: every enum constant
                }
            }
        }
        return n;
    }
}
