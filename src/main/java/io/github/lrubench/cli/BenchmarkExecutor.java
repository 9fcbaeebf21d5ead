package io.github.lrubench.cli;

import java.nio.file.Path;

/** Runs one benchmark class of a profile; the real one is JMH, tests inject a fake. */
public interface BenchmarkExecutor {
    /**
     * Runs every benchmark of {@code simpleClassName} and writes JMH's JSON to {@code jsonOut}
     * and its console output to {@code logOut}. Must throw if the run did not complete.
     */
    void run(String simpleClassName, Profile profile, Path jsonOut, Path logOut) throws Exception;

    /** Parameter combinations the class has under this profile (0 when it is not in the jar). */
    int combinations(String simpleClassName, Profile profile);
}
