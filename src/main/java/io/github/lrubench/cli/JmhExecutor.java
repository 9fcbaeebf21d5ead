package io.github.lrubench.cli;

import io.github.lrubench.bench.PassDifference;
import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.Suite;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Runs a benchmark class through JMH's Runner API, one class per call, so each finishes on its own. */
public final class JmhExecutor implements BenchmarkExecutor {

    static String include(Suite s) {
        return "^" + Pattern.quote(s.className() + ".");
    }

    @Override
    public void run(Suite s, Profile p, Path jsonOut, Path logOut) throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(include(s))
                .forks(p.forks)
                .warmupIterations(p.warmupIterations).warmupTime(TimeValue.milliseconds(p.warmupMillis))
                .measurementIterations(p.measurementIterations).measurementTime(TimeValue.milliseconds(p.measurementMillis))
                .jvmArgsAppend(Profile.FORK_JVM_ARGS.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON).result(jsonOut.toString())
                .output(logOut.toString())
                .shouldFailOnError(true);
        for (Map.Entry<String, List<String>> e : s.params(p).entrySet()) {
            o.param(e.getKey(), e.getValue().toArray(String[]::new));
        }
        new Runner(o.build()).run();
    }

    @Override
    public void runFork(PassDifference.Fork fork, Profile p, Path jsonOut, Path logOut) throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(include(PassDifference.SUITE))
                .forks(1)
                .warmupIterations(p.didWarmupIterations).warmupTime(TimeValue.milliseconds(p.didIterationMillis))
                .measurementIterations(p.didMeasurementIterations).measurementTime(TimeValue.milliseconds(p.didIterationMillis))
                .jvmArgsAppend(Profile.FORK_JVM_ARGS.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON).result(jsonOut.toString())
                .output(logOut.toString())
                .shouldFailOnError(true);
        for (Map.Entry<String, String> e : fork.cell().params().entrySet()) {
            o.param(e.getKey(), e.getValue());
        }
        new Runner(o.build()).run();
    }
}
