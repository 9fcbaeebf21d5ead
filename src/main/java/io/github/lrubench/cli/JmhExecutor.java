package io.github.lrubench.cli;

import io.github.lrubench.bench.PassDid;
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

    static {
        // JMH's own lock is /tmp/jmh.lock, which any local user can create and hold to block every
        // bench (issue 22); runs take machineLock() in a directory only this user can write instead.
        // Read once by Runner's static initializer, so set before Runner is loaded.
        System.setProperty("jmh.ignoreLock", "true");
    }

    /**
     * One benchmark run of this user at a time: a lock file in a directory private to the user
     * (created 0700 under ~/.cache), held for the whole run; an OS lock, so a dead holder frees it.
     */
    @Override
    public AutoCloseable machineLock() {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "lru-isolate-bench");
        try {
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (java.io.IOException e) {
            throw new io.github.lrubench.results.BadInputException(dir, "cannot make the benchmark lock's directory: " + e.getMessage());
        }
        return io.github.lrubench.results.FileLocks.tryLock(dir.resolve("bench.lock"), "is held: another benchmark run of this user "
                + "is on the machine; wait for it to end (two runs would measure each other)");
    }

    static String include(Suite s) {
        return "^" + Pattern.quote(s.className() + ".");
    }

    /** One class's JMH run with these iteration settings, JSON and console to the given files, failing on any error. */
    private static ChainedOptionsBuilder options(Suite s, int forks, int wi, int wms, int mi, int mms, Path jsonOut, Path logOut) {
        return new OptionsBuilder()
                .include(include(s))
                .forks(forks)
                .warmupIterations(wi).warmupTime(TimeValue.milliseconds(wms))
                .measurementIterations(mi).measurementTime(TimeValue.milliseconds(mms))
                .jvmArgsAppend(Profile.FORK_JVM_ARGS.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON).result(jsonOut.toString())
                .output(logOut.toString())
                .shouldFailOnError(true);
    }

    @Override
    public void run(Suite s, Profile p, Path jsonOut, Path logOut) throws Exception {
        ChainedOptionsBuilder o = options(s, s.forks(p), p.warmupIterations, p.warmupMillis, p.measurementIterations, p.measurementMillis,
                jsonOut, logOut);
        for (Map.Entry<String, List<String>> e : s.params(p).entrySet()) {
            o.param(e.getKey(), e.getValue().toArray(String[]::new));
        }
        new Runner(o.build()).run();
    }

    @Override
    public void runFork(PassDid.Fork fork, Profile p, Path jsonOut, Path logOut) throws Exception {
        ChainedOptionsBuilder o = options(PassDid.SUITE, 1, p.didWarmupIterations, p.didIterationMillis,
                p.didMeasurementIterations, p.didIterationMillis, jsonOut, logOut);
        for (Map.Entry<String, String> e : fork.cell().params().entrySet()) {
            o.param(e.getKey(), e.getValue());
        }
        new Runner(o.build()).run();
    }
}
