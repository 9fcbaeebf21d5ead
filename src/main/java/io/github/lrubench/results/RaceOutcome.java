package io.github.lrubench.results;

/**
 * One row of the race stress table, in the spirit of a jcstress outcome line.
 *
 * @param check           isolation check (NONE, PAGE_LOCK, PAGE_LOCK_V4_16)
 * @param free            inode free policy (IMMEDIATE, PREEMPT_RCU, RCU_SCHED)
 * @param windowNs        extra delay inside the race window (a preempted vCPU)
 * @param trials          truncate-vs-isolate trials run
 * @param dirtyPageChecks dirty pages that reached the isolation check
 * @param uafDetected     use-after-free detections by the poisoned inode cache: the forbidden outcome
 * @param skippedTrylock  pages skipped because trylock_page() failed
 * @param skippedInverted pages refused only by the v4.16 inverted condition
 * @param forbiddenSeen   uafDetected > 0
 * @param expectedSafe    the design says this combination closes the race (page lock or RCU_SCHED)
 */
public record RaceOutcome(String check, String free, long windowNs, long trials, long dirtyPageChecks,
                          long uafDetected, long skippedTrylock, long skippedInverted,
                          boolean forbiddenSeen, boolean expectedSafe) {

    /** Builds a row, deriving the two verdict flags from the counts and the design's rule. */
    public static RaceOutcome of(String check, String free, long windowNs, long trials, long dirtyPageChecks,
                                 long uafDetected, long skippedTrylock, long skippedInverted) {
        return new RaceOutcome(check, free, windowNs, trials, dirtyPageChecks, uafDetected, skippedTrylock,
                skippedInverted, uafDetected > 0, closesRace(check, free));
    }

    /** The race is closed exactly when the check takes the page lock or the free is RCU_SCHED. */
    public static boolean closesRace(String check, String free) {
        return check.startsWith("PAGE_LOCK") || free.equals("RCU_SCHED");
    }

    /** jcstress-style verdict of the row. */
    public String verdict() {
        if (forbiddenSeen) {
            return expectedSafe ? "FAIL: forbidden outcome on a safe variant" : "forbidden outcome seen (race reproduced)";
        }
        return expectedSafe ? "OK: forbidden outcome not seen" : "not seen (race open, not hit)";
    }
}
