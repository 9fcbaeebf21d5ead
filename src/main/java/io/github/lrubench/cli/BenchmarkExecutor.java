package io.github.lrubench.cli;

import io.github.lrubench.bench.PassDid;
import io.github.lrubench.bench.Profile;
import io.github.lrubench.bench.Suite;

import java.nio.file.Path;

/** Runs one benchmark class of a profile, or one fork of the pass DiD; the real one is JMH, tests inject a fake. */
public interface BenchmarkExecutor {
    /**
     * Runs every benchmark of the class with the profile's settings and writes JMH's JSON to
     * {@code jsonOut} and its console output to {@code logOut}. Must throw if the run did not complete.
     */
    void run(Suite suite, Profile profile, Path jsonOut, Path logOut) throws Exception;

    /**
     * Runs one fork of one cell of {@link PassDid} with the profile's design settings, JSON
     * to {@code jsonOut}, console to {@code logOut}. Must throw if the fork did not complete.
     */
    void runFork(PassDid.Fork fork, Profile profile, Path jsonOut, Path logOut) throws Exception;

    /**
     * What keeps two benchmark runs of this user off the machine at once, held for a whole run
     * (none for a fake); refused in one line when another run holds it.
     */
    default AutoCloseable machineLock() {
        return () -> { };
    }
}
