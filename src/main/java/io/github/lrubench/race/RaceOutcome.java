package io.github.lrubench.race;

import io.github.lrubench.mm.InodeFreePolicy;
import io.github.lrubench.mm.IsolationCheck;
import io.github.lrubench.results.RatioStats;

import java.util.Objects;

/**
 * One row of the race stress table, in the spirit of a jcstress outcome line. The verdict flags
 * are derived, never stored: {@link #safety()} and {@link #expectedSafe()} from the model's one
 * safety rule ({@link InodeFreePolicy#safety}), {@link #forbiddenSeen()} from the count.
 *
 * @param check           isolation check under test
 * @param free            inode free policy under test
 * @param windowNs        extra delay inside the race window (a preempted vCPU)
 * @param trials          truncate-vs-isolate trials run
 * @param dirtyPageChecks dirty pages that reached the isolation check
 * @param racedChecks     of those, the checks whose window a truncation of their file overlapped
 *                        (the trials that could have gone wrong); {@link #NOT_COUNTED} in a file
 *                        written before the stress counted them
 * @param uafDetected     use-after-free detections by the poisoned inode cache: the forbidden outcome
 * @param skippedTrylock  pages skipped because trylock_page() failed
 * @param skippedInverted pages refused only by the v4.16 inverted condition
 */
public record RaceOutcome(IsolationCheck check, InodeFreePolicy free, long windowNs, long trials,
                          long dirtyPageChecks, long racedChecks, long uafDetected, long skippedTrylock, long skippedInverted,
                          long racedEvictions) {

    /** {@link #racedChecks} of a race table written before the stress counted them. */
    public static final long NOT_COUNTED = -1;

    /**
     * -ln(1 - 95%) = 3.0: with none of n independent trials showing an outcome, its rate is below
     * this / n at 95% (one-sided; the "rule of three"), at the project's one level.
     */
    public static final double RULE_OF_THREE = -Math.log(1 - RatioStats.LEVEL);

    public RaceOutcome {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(free, "free");
        if (racedChecks < NOT_COUNTED) {
            throw new IllegalArgumentException("racedChecks must be >= 0 (or NOT_COUNTED), was " + racedChecks);
        }
        if (racedEvictions < NOT_COUNTED) {
            throw new IllegalArgumentException("racedEvictions must be >= 0 (or NOT_COUNTED), was " + racedEvictions);
        }
    }

    /** A row without the distinct evictions raced (written before the stress counted them). */
    public RaceOutcome(IsolationCheck check, InodeFreePolicy free, long windowNs, long trials, long dirtyPageChecks, long racedChecks,
                       long uafDetected, long skippedTrylock, long skippedInverted) {
        this(check, free, windowNs, trials, dirtyPageChecks, racedChecks, uafDetected, skippedTrylock, skippedInverted, NOT_COUNTED);
    }

    public boolean evictionsCounted() {
        return racedEvictions != NOT_COUNTED;
    }

    /**
     * The bound per distinct eviction raced: the independent trials, since the checks that met one
     * eviction share its timing; NaN if not counted or the outcome was seen.
     */
    public double upperBoundPerRacedEviction() {
        return evictionsCounted() ? bound(racedEvictions) : Double.NaN;
    }

    /**
     * The bound per raced check divided by the detection sensitivity {@code q}: the share of raced
     * checks that showed the outcome where the race is open. A stress that catches only a share q of
     * the failures that happen bounds the rate only to 3/(n·q). NaN without a bound or a q.
     */
    public double upperBoundPerRacedCheck(double sensitivity) {
        return sensitivity > 0 ? Math.min(1, upperBoundPerRacedCheck() / Math.min(1, sensitivity)) : Double.NaN;
    }

    /** Outcomes seen per raced check: the stress's detection sensitivity where the race is open; NaN where not open or not counted. */
    public double sensitivity() {
        return !expectedSafe() && racedCounted() && racedChecks > 0 ? (double) uafDetected / racedChecks : Double.NaN;
    }

    public boolean racedCounted() {
        return racedChecks != NOT_COUNTED;
    }

    /**
     * Upper 95% bound on the forbidden outcome's rate per dirty-page check when none was seen
     * ({@link #RULE_OF_THREE} / checks); NaN when it was seen (the rate is then not bounded
     * away from anything) or nothing was checked.
     */
    public double upperBoundPerCheck() {
        return bound(dirtyPageChecks);
    }

    /** The same bound per raced check, the denominator that could have gone wrong; NaN if not counted. */
    public double upperBoundPerRacedCheck() {
        return racedCounted() ? bound(racedChecks) : Double.NaN;
    }

    /** 3/n, at most 1: with fewer than three trials the rule of three bounds nothing a rate per trial could not exceed. */
    private double bound(long n) {
        return uafDetected == 0 && n > 0 ? Math.min(1, RULE_OF_THREE / n) : Double.NaN;
    }

    /**
     * The row of one stress run. Trials are the dirty pages that reached the isolation check: each
     * is one chance for the truncating CPU to free the inode inside the window (a compaction pass
     * may see none or up to 32 of them, so passes would be a poorer count of trials).
     */
    public static RaceOutcome of(RaceStress.Result r) {
        return new RaceOutcome(r.check(), r.free(), r.windowNs(), r.dirtyPageChecks(), r.dirtyPageChecks(),
                r.racedChecks(), r.uafDetected(), r.skippedTrylock(), r.skippedInverted(), r.racedEvictions());
    }

    /**
     * What the design says of this combination: closed by contract (page lock or RCU_SCHED),
     * closed in practice (v4.15's PREEMPT_RCU), or open.
     */
    public InodeFreePolicy.Safety safety() {
        return InodeFreePolicy.safety(check, free);
    }

    /** The design says this combination closes the race, either way ({@link InodeFreePolicy#isSafe}). */
    public boolean expectedSafe() {
        return InodeFreePolicy.isSafe(check, free);
    }

    /** The forbidden outcome was seen at least once. */
    public boolean forbiddenSeen() {
        return uafDetected > 0;
    }

    public RaceVerdict verdict() {
        return RaceVerdict.of(forbiddenSeen(), expectedSafe());
    }
}
