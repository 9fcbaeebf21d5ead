package io.github.lrubench.bench;

import io.github.lrubench.Slow;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark of the suite once through the JMH Runner API with tiny settings (in this
 * JVM, no fork: the point is that each benchmark runs and reports, not what it measures) and
 * checks: a result for every parameter combination each class declares, every declared value
 * seen, the suite's counters present, and no use after free in a combination the model calls
 * safe. No timing is asserted.
 */
@Slow
class BenchmarkSmokeTest {

    private static Collection<RunResult> results;

    // The whole suite in one JMH run takes about 110 s on the 2-core machine (grace periods are
    // jiffies long), too close to the 120 s default cap that catches a hung CPU; 6 minutes still does.
    @BeforeAll
    @org.junit.jupiter.api.Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
    static void runSuite() throws RunnerException {
        OptionsBuilder b = new OptionsBuilder();
        for (Suite s : Suite.values()) {
            b.include("^" + Pattern.quote(s.className() + "."));
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

    private static List<RunResult> of(Suite s) {
        List<RunResult> out = new ArrayList<>();
        for (RunResult r : results) {
            if (r.getParams().getBenchmark().startsWith(s.className() + ".")) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void everyDeclaredParameterCombinationHasAResult() {
        for (Suite s : Suite.values()) {
            List<RunResult> ofClass = of(s);
            assertThat(ofClass).as(s.simpleName() + ": one result per benchmark and parameter combination")
                    .hasSize(s.combinations(Profile.FULL));
            Map<String, TreeSet<String>> seen = new TreeMap<>();
            for (RunResult r : ofClass) {
                for (String k : r.getParams().getParamsKeys()) {
                    seen.computeIfAbsent(k, x -> new TreeSet<>()).add(r.getParams().getParam(k));
                }
                assertThat(r.getPrimaryResult().getSampleCount()).as(r.getParams().getBenchmark()).isPositive();
            }
            Map<String, TreeSet<String>> declared = new TreeMap<>();
            s.declaredParams().forEach((k, v) -> declared.put(k, new TreeSet<>(v)));
            assertThat(seen).as(s.simpleName() + ": every declared value of every @Param ran").isEqualTo(declared);
        }
    }

    @Test
    void theSuitesCountersArePresent() {
        for (Suite s : Suite.values()) {
            String[] names = Arrays.stream(SuiteMetric.values()).filter(m -> m.suite() == s).map(SuiteMetric::key).toArray(String[]::new);
            for (RunResult r : of(s)) {
                assertThat(r.getSecondaryResults().keySet()).as(s.simpleName()).contains(names);
            }
        }
    }

    @Test
    void noUseAfterFreeInASafeCombination() {
        int safe = 0;
        for (RunResult r : of(Suite.CONTENDED_COMPACTION)) {
            IsolationCheck check = IsolationCheck.valueOf(r.getParams().getParam(SuiteParam.CHECK.key()));
            InodeFreePolicy free = InodeFreePolicy.valueOf(r.getParams().getParam(SuiteParam.FREE.key()));
            if (InodeFreePolicy.isSafe(check, free)) {
                safe++;
                Result uaf = r.getSecondaryResults().get(SuiteMetric.UAF_DETECTED.key());
                assertThat(uaf.getScore()).as("uafDetected for " + check + "/" + free).isZero();
            }
        }
        assertThat(safe).as("safe combinations checked").isGreaterThan(0);
    }
}
