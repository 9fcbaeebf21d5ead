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

    /**
     * The same, stopping once {@code racedGoal} checks raced (0: none), the duration a cap. A
     * runner without goals (a test's fake) runs for the duration.
     */
    default RaceOutcome run(IsolationCheck check, InodeFreePolicy free, long windowNs, Duration cap, long racedGoal) {
        return run(check, free, windowNs, cap);
    }

    /** One {@link RaceStress} run; durations under 1 ms (its minimum) run 1 ms. */
    CombinationRunner MODEL = new CombinationRunner() {
        @Override
        public RaceOutcome run(IsolationCheck check, InodeFreePolicy free, long windowNs, Duration duration) {
            return run(check, free, windowNs, duration, 0);
        }

        @Override
        public RaceOutcome run(IsolationCheck check, InodeFreePolicy free, long windowNs, Duration cap, long racedGoal) {
            RaceStress.Options o = RaceStress.Options.of(check, free, windowNs, cap.toMillis() < 1 ? Duration.ofMillis(1) : cap);
            return RaceOutcome.of(RaceStress.run(racedGoal > 0 ? o.until(RaceStress.Until.racedChecks(racedGoal)) : o));
        }
    };
}
