package io.github.lrubench.race;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;

import java.time.Duration;

/**
 * Runs the race for one isolation check x inode free policy and returns its row. {@link #MODEL}
 * runs the model; tests hand a fake to {@link RaceTableRun#run(CombinationRunner)} (or to the race
 * command) to get rows without running it.
 */
@FunctionalInterface
public interface CombinationRunner {

    /**
     * @param windowNs extra delay inside the race window, as a preempted vCPU
     * @param duration how long the two CPUs run
     */
    RaceOutcome run(IsolationCheck check, InodeFreePolicy free, long windowNs, Duration duration);

    /** One {@link RaceStress} run; durations under 1 ms (its minimum) run 1 ms. */
    CombinationRunner MODEL = (check, free, windowNs, duration) -> RaceOutcome.of(RaceStress.run(
            RaceStress.Options.of(check, free, windowNs, duration.toMillis() < 1 ? Duration.ofMillis(1) : duration)));
}
