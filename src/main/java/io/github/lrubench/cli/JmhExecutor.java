package io.github.lrubench.cli;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/** Runs a benchmark class through JMH's Runner API, one class per call, so each finishes on its own. */
public final class JmhExecutor implements BenchmarkExecutor {

    static String include(String simpleClassName) {
        return "^" + Pattern.quote(Profile.PACKAGE + simpleClassName + ".");
    }

    @Override
    public void run(String cls, Profile p, Path jsonOut, Path logOut) throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(include(cls))
                .forks(p.forks)
                .warmupIterations(p.warmupIterations).warmupTime(TimeValue.milliseconds(p.warmupMillis))
                .measurementIterations(p.measurementIterations).measurementTime(TimeValue.milliseconds(p.measurementMillis))
                .jvmArgsAppend(Profile.FORK_JVM_ARGS.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON).result(jsonOut.toString())
                .output(logOut.toString())
                .shouldFailOnError(true);
        for (Map.Entry<String, String> e : p.params(cls).entrySet()) {
            o.param(e.getKey(), e.getValue().split(","));
        }
        new Runner(o.build()).run();
    }

    @Override
    public int combinations(String cls, Profile p) {
        int n = 0;
        java.util.Set<BenchmarkListEntry> all;
        try {
            all = BenchmarkList.defaultList().getAll(
                    OutputFormatFactory.createFormatInstance(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), VerboseMode.SILENT),
                    java.util.List.of());
        } catch (RuntimeException noList) {
            return 0; // no META-INF/BenchmarkList: the jar has no benchmarks
        }
        for (BenchmarkListEntry e : all) {
            if (!e.getUsername().startsWith(Profile.PACKAGE + cls + ".")) {
                continue;
            }
            int c = 1;
            if (e.getParams().hasValue()) {
                for (var pe : e.getParams().get().entrySet()) {
                    String o = p.params(cls).get(pe.getKey());
                    c *= o != null ? o.split(",").length : pe.getValue().length;
                }
            }
            n += c;
        }
        return n;
    }
}
