package io.github.lrubench.results;

import io.github.lrubench.race.RaceOutcome;

/**
 * Runs the race stress for one combination. The implementation lives beside the model (it needs
 * io.github.lrubench.mm) and is found through {@link java.util.ServiceLoader}, so this layer
 * does not depend on the model.
 */
public interface RaceRunner {
    /**
     * Hammers truncate against isolation for {@code seconds} with the given variant and returns
     * the counts.
     */
    RaceOutcome run(String check, String free, long windowNs, double seconds);

    /** The runner registered in META-INF/services, or empty while none is built in. */
    static java.util.Optional<RaceRunner> find() {
        return java.util.ServiceLoader.load(RaceRunner.class).findFirst();
    }
}
